"""Patterns for organisation names: institutions, compound names on organisational suffixes,
``<Place>s kommun`` and ``Region <Place>``."""

import re
from collections.abc import Iterable

from ..parties.patterns import alternation

_L = r"(?<![\wåäöÅÄÖéÉ-])"
_R = r"(?![\wåäöÅÄÖéÉ-])"
PLACE_WORD = r"[A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+)*"


def names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    forms = set()
    for name in names:
        forms.update({name, name.upper()} if len(name) > 4 else {name})
    return re.compile(rf"{_L}(?:{alternation(forms)})(?:s)?{_R}")


def suffix_pattern(capitalised: Iterable[str], lowercase: Iterable[str]) -> re.Pattern[str]:
    """``Socialdepartementet``, ``Naturvårdsverket``; ``socialnämnden``, ``finansutskottet``."""
    return re.compile(
        rf"{_L}(?:[A-ZÅÄÖ][a-zåäö-]+(?:{alternation(capitalised)})"
        rf"|[a-zåäö][a-zåäö-]+(?:{alternation(lowercase)})|EU-nämnden|EU-nämnd){_R}"
    )


def place_org_pattern(nouns: Iterable[str], prefixes: Iterable[str]) -> re.Pattern[str]:
    """``Hägersten-Liljeholmens stadsdelsnämnd``, ``Botkyrka kommun``, ``Region Skåne``."""
    return re.compile(
        rf"{_L}(?:(?P<place>{PLACE_WORD})(?:[ \t]+(?:{alternation(nouns)}))"
        rf"|(?:{alternation(prefixes)})[ \t]+{PLACE_WORD}(?:[ \t]+län)?){_R}"
    )
