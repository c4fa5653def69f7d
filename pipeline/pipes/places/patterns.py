"""Patterns for place names: gazetteer names with their genitive, street addresses, buildings."""

import re
from collections.abc import Iterable

from ..parties.patterns import alternation

_L = r"(?<![\wåäöÅÄÖéÉ-])"
_R = r"(?![\wåäöÅÄÖéÉ-])"


def names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Names as written, or in capitals, with an optional genitive ``-s``; hyphen-joined names
    (``Hägersten-Liljeholmen``) are one place."""
    forms = set()
    for name in names:
        forms.update({name, name.upper()})
    alt = alternation(forms)
    return re.compile(rf"{_L}(?:{alt})(?:-(?:{alt}))*(?:s)?{_R}")


def street_pattern(suffixes: Iterable[str]) -> re.Pattern[str]:
    """``Hantverkargatan 2 L``, ``Drottninggatan 5``, ``Sergels torg``."""
    return re.compile(
        rf"{_L}[A-ZÅÄÖ][a-zåäöé]+(?:{alternation(suffixes)})(?:[ \t]+\d{{1,4}}(?:[ \t]?[A-Z](?![\wåäö]))?)?{_R}"
    )


def building_pattern(suffixes: Iterable[str]) -> re.Pattern[str]:
    """Named rooms and buildings: ``Hörbysalen``, ``Stadshuset``."""
    return re.compile(rf"{_L}[A-ZÅÄÖ][a-zåäöé-]+(?:{alternation(suffixes)}){_R}")
