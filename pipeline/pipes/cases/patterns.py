"""The case-number grammar (``configs/cases.json``) compiled to regular expressions: named parts
(``{YEAR}``, ``{SERIES}``, ``{LOCAL}``) put into the shapes, one expression per table."""

import re
from typing import Any

_B = r"(?<![\w/:.-])"
_E = r"(?![\w/])"
_PART = re.compile(r"\{([A-Z_]+)\}")
# A year and the next: "2019/20", "1999/2000" (a period, not a case number)
_PERIOD = re.compile(r"((?:19|20)\d\d)/(\d\d|\d{4})")


def expand(shape: str, parts: dict[str, str]) -> str:
    """A shape with its ``{PART}`` names replaced (parts may name other parts)."""
    for _ in range(5):
        new = _PART.sub(lambda m: parts[m.group(1)] if m.group(1) in parts else m.group(0), shape)
        if new == shape:
            break
        shape = new
    return shape


def compile_grammar(table: dict[str, Any]) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]]]:
    """One expression per free shape (the whole match is the span) and per cued shape (the group
    ``span``); each runs on its own, so that a shorter shape never hides a longer one."""
    parts = dict(table["parts"])
    mixed = sorted(table.get("mixed_case_series", []), key=len, reverse=True)
    parts["MIXED"] = "(?:" + "|".join(map(re.escape, mixed)) + ")" if mixed else "(?!)"
    return ([re.compile(rf"{_B}(?:{expand(s, parts)}){_E}") for s in table["shapes"]],
            [re.compile(expand(s, parts)) for s in table["cued_shapes"]])


def is_period(text: str) -> bool:
    """``2019/20``, ``1999/2000``: a year and the next."""
    m = _PERIOD.fullmatch(text)
    if not m:
        return False
    year, other = int(m.group(1)), m.group(2)
    return int(other) == (year + 1) % (100 if len(other) == 2 else 10000)
