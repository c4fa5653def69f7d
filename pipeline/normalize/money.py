"""MONEY normalisation: Swedish amount strings -> ``{"amount": n, "currency": "SEK"}``.

Arithmetic is done in ``Decimal`` so that ``35,3 mnkr`` is exactly 35300000, not 35300000.000000004.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

# Unit words (lowercased, final period removed) -> (multiplier, currency).
UNITS: dict[str, tuple[int | Decimal, str]] = {
    "kr": (1, "SEK"), "kronor": (1, "SEK"), "krona": (1, "SEK"), "kronan": (1, "SEK"), "sek": (1, "SEK"),
    "öre": (Decimal("0.01"), "SEK"),
    "tkr": (10**3, "SEK"), "tsek": (10**3, "SEK"), "kkr": (10**3, "SEK"),
    "mnkr": (10**6, "SEK"), "mkr": (10**6, "SEK"), "mkronor": (10**6, "SEK"), "msek": (10**6, "SEK"),
    "milj.kr": (10**6, "SEK"), "miljkr": (10**6, "SEK"), "mn kr": (10**6, "SEK"),
    "mdkr": (10**9, "SEK"), "mdr kr": (10**9, "SEK"), "mdkronor": (10**9, "SEK"), "mdsek": (10**9, "SEK"),
    "miljarder kr": (10**9, "SEK"),
    "euro": (1, "EUR"), "eur": (1, "EUR"), "€": (1, "EUR"),
    "dollar": (1, "USD"), "usd": (1, "USD"), "us-dollar": (1, "USD"), "$": (1, "USD"),
    "pund": (1, "GBP"), "gbp": (1, "GBP"),
    "danska kronor": (1, "DKK"), "norska kronor": (1, "NOK"), "dkk": (1, "DKK"), "nok": (1, "NOK"),
    "svenska kronor": (1, "SEK"),
}
MULTIPLIERS: dict[str, int] = {
    "tusen": 10**3, "tusentals": 10**3,
    "miljon": 10**6, "miljoner": 10**6, "milj": 10**6, "mn": 10**6, "mio": 10**6, "miljonerna": 10**6,
    "miljard": 10**9, "miljarder": 10**9, "mdr": 10**9, "md": 10**9, "miljarderna": 10**9,
    "biljon": 10**12, "biljoner": 10**12,
}
NUMBER_WORDS: dict[str, int | Decimal] = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9,
    "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16,
    "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50,
    "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90, "hundra": 100, "etthundra": 100,
    "tvåhundra": 200, "trehundra": 300, "fyrahundra": 400, "femhundra": 500, "tusen": 1000,
    "ettusen": 1000, "halv": Decimal("0.5"), "en halv": Decimal("0.5"),
}
# Quantifiers that make an amount vague: amount null.
VAGUE_WORDS = frozenset({
    "flera", "några", "många", "hundratals", "tusentals", "miljontals", "miljardtals", "ett par",
    "ytterligare", "ett antal", "stora", "mångmiljon", "tiotals",
})

_NUM = r"[-−–+]?\s?\d{1,3}(?:[ \u00a0\u202f\u2009.]\d{3})+(?:,\d+)?|\d{1,4}:\d\d|[-−–+]?\s?\d+(?:[,.]\d+)?"
_NUM_RE = re.compile(_NUM)
_RANGE_RE = re.compile(rf"^\s*({_NUM})\s*(?:--|[-–—]|till|à|och)\s*({_NUM})\b")


def parse_number(text: str) -> Decimal | None:
    """``1 057,8`` -> 1057.8, ``-8,2`` -> -8.2, ``1.000.000`` -> 1000000; ``None`` when not a number."""
    s = text.strip().replace("−", "-").replace("–", "-")
    if re.fullmatch(r"\d{1,4}:\d\d", s):
        s = s.replace(":", ".")  # "7:20" kronor and öre
    s = re.sub(r"(?<=\d)[ \u00a0\u202f\u2009](?=\d{3}\b)", "", s)
    s = s.replace(" ", "")
    if re.fullmatch(r"[-+]?\d{1,3}(?:\.\d{3})+", s):
        s = s.replace(".", "")
    s = s.replace(",", ".")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _unit(rest: str) -> tuple[int | Decimal, str] | None:
    """Multiplier and currency from the words after the number (``miljoner kronor``, ``mnkr``)."""
    words = rest.lower().replace(":-", " kr").strip().rstrip(".").split()
    multiplier = 1
    i = 0
    while i < len(words) and words[i].rstrip(".") in MULTIPLIERS:
        multiplier *= MULTIPLIERS[words[i].rstrip(".")]
        i += 1
    tail = " ".join(words[i:])
    for key in (tail, tail.replace(" ", ""), tail.rstrip(".")):
        if key in UNITS:
            unit_mult, currency = UNITS[key]
            return multiplier * unit_mult, currency
    for word_count in (2, 1):
        key = " ".join(words[i:i + word_count]).rstrip(".")
        if key in UNITS:
            unit_mult, currency = UNITS[key]
            return multiplier * unit_mult, currency
    return None


def normalize_money(text: str) -> dict[str, Any] | None:
    """The guidelines' MONEY norm for a span, or ``None`` when no currency can be read."""
    s = " ".join(text.split())
    s = s.replace(":-", " kr")
    low = s.lower()
    # A vague quantity: "flera tusen kronor" -> amount null.
    for vague in sorted(VAGUE_WORDS, key=len, reverse=True):
        if low.startswith(vague + " "):
            unit = _unit(low[len(vague):].strip())
            if unit is None:
                unit = _unit(" ".join(low.split()[1:]))
            return {"amount": None, "currency": unit[1] if unit else "SEK"}
    range_match = _RANGE_RE.match(s)
    if range_match:
        unit = _unit(s[range_match.end():])
        lo, hi = parse_number(range_match.group(1)), parse_number(range_match.group(2))
        if unit and lo is not None and hi is not None:
            return {"amount_min": _as_number(lo * unit[0]), "amount_max": _as_number(hi * unit[0]),
                    "currency": unit[1]}
    num_match = _NUM_RE.match(s)
    if num_match:
        value = parse_number(num_match.group(0))
        unit = _unit(s[num_match.end():])
        if value is not None and unit:
            return {"amount": _as_number(value * unit[0]), "currency": unit[1]}
        return None
    # Number words: "två miljarder kronor", "en miljon kronor", "en halv miljon kronor".
    words = low.split()
    for n in (2, 1):
        head = " ".join(words[:n])
        if head in NUMBER_WORDS:
            unit = _unit(" ".join(words[n:]))
            if unit:
                return {"amount": _as_number(Decimal(NUMBER_WORDS[head]) * unit[0]), "currency": unit[1]}
    unit = _unit(low)
    if unit:  # "miljoner kronor" without a number
        return {"amount": None, "currency": unit[1]}
    return None
