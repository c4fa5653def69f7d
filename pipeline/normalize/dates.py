"""DATE normalisation: what the span itself says, as ISO 8601 / EDTF (``2017-04-07``, ``--06-16``,
``2017-21`` for spring 2017, ``193X``); ``None`` for what cannot be written so."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "augusti": 8,
    "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "febr": 2, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "okt": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = (
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
    "måndagen", "tisdagen", "onsdagen", "torsdagen", "fredagen", "lördagen", "söndagen",
)
# EDTF season codes: 21 spring, 22 summer, 23 autumn, 24 winter.
SEASONS: dict[str, int] = {
    "våren": 21, "vår": 21, "våras": 21, "sommaren": 22, "sommar": 22, "somras": 22,
    "hösten": 23, "höst": 23, "höstas": 23, "vintern": 24, "vinter": 24, "vintras": 24,
}

_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
_DECADE = re.compile(r"^(\d{2,4})-?talets?$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[ /.]-?(\d{2}|\d{4}))?$")


def _iso(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    if year is None:
        if month is None:
            return None
        return f"--{month:02d}-{day:02d}" if day else f"--{month:02d}"
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if day else f"{year:04d}-{month:02d}"


def normalize_date(text: str) -> str | None:
    """The guidelines' DATE norm for a span text, or ``None``."""
    s = " ".join(text.lower().replace(",", " ").split()).strip(".")
    s = re.sub(r"\bden(?=\d)", "den ", s)  # "onsdagen den16 december" as text taken from PDFs has it
    first, _, rest = s.partition(" ")
    if first in WEEKDAYS and _ISO.match(rest.removeprefix("den ")):
        s = rest.removeprefix("den ")  # "tisdag 2018-09-18"
    m = _ISO.match(s)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    m = _DECADE.match(s)
    if m:
        digits = m.group(1)
        if len(digits) != 4:
            return None  # "30-talet": the century is not written
        return f"{digits[:2]}XX" if digits.endswith("00") and digits != "2000" else f"{digits[:3]}X"
    if re.fullmatch(r"\d{4}", s):
        return s
    m = _NUMERIC_DMY.match(s)
    if m:
        year = m.group(3)
        if year and len(year) == 2:
            return None  # a two-digit year is an inference
        return _iso(int(year) if year else None, int(m.group(2)), int(m.group(1)))
    words = [w.strip(".") for w in s.split()]
    words = [w for w in words if w and w not in ("den", "d", "år", "månad")]
    if words and words[0] in WEEKDAYS:
        words = words[1:]
    if not words:
        return None
    if words[0] in SEASONS:
        if len(words) == 2 and re.fullmatch(r"\d{4}", words[1]):
            return f"{words[1]}-{SEASONS[words[0]]}"
        return None
    day = month = year = None
    for word in words:
        if word in MONTHS and month is None:
            month = MONTHS[word]
        elif re.fullmatch(r"\d{1,2}(?::e|:a)?", word) and day is None and month is None:
            day = int(re.match(r"\d+", word).group(0))
        elif re.fullmatch(r"\d{4}", word) and year is None:
            year = int(word)
        else:
            return None
    if month is None:
        return f"{year:04d}" if year is not None and day is None else None
    return _iso(year, month, day)
