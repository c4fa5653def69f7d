"""Patterns for organisation names: institutions, compound names on organisational suffixes,
``<Place>s kommun`` and ``Region <Place>``."""

import re
from collections.abc import Iterable

from ..parties.patterns import alternation

_L = r"(?<![\wåäöÅÄÖéÉ-])"
_R = r"(?![\wåäöÅÄÖéÉ-])"
PLACE_WORD = (r"(?:(?:Västra|Östra|Norra|Södra|Upplands|Stora|Lilla|Övre|Nedre|Sankt)[ ])?"
              r"[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)*")
# "Barn- och ", "Arbetsmarknads- och ", "miljö- och ": the first half of a coordinated compound
COORDINATED = r"(?:[A-ZÅÄÖa-zåäö][a-zåäö]+-,?[ ](?:[a-zåäö]+-,?[ ])?(?:och|&)\s+)?"


def suffix_pattern(capitalised: Iterable[str], lowercase: Iterable[str]) -> re.Pattern[str]:
    """``Socialdepartementet``, ``Naturvårdsverket``; ``socialnämnden``, ``finansutskottet``; in capitals
    (``SOCIALNÄMNDEN`` in page headers)."""
    capitalised, lowercase = list(capitalised), list(lowercase)
    return re.compile(
        rf"{_L}(?:{COORDINATED}(?:[A-ZÅÄÖ][a-zåäö-]+(?:{alternation(capitalised)})"
        rf"|[a-zåäö][a-zåäö-]+(?:{alternation(lowercase)})"
        rf"|[A-ZÅÄÖ]{{2,6}}-[a-zåäö]*(?:{alternation(lowercase)})"
        rf"|[A-ZÅÄÖ][a-zåäö]+(?:ska|ala|ella)[ ][a-zåäö-]*(?:{alternation(capitalised)})"
        rf"|[A-ZÅÄÖ]{{2,}}(?:{alternation(sorted({x.upper() for x in [*capitalised, *lowercase]}))}))){_R}"
    )


def place_org_pattern(nouns: Iterable[str], prefixes: Iterable[str]) -> re.Pattern[str]:
    """``Hägersten-Liljeholmens stadsdelsnämnd``, ``Botkyrka kommun``, ``Region Skåne``,
    and the same in capitals (``SUNDSVALLS KOMMUN`` in page headers)."""
    nouns = list(nouns)
    caps_nouns = [n.upper() for n in nouns]
    return re.compile(
        rf"{_L}(?:(?P<place>{PLACE_WORD})(?:(?:[ \t]+|[ \t]*\n[ \t]*)(?:{alternation(nouns)}))"
        rf"|(?P<caps>[A-ZÅÄÖ]{{3,}}(?:-[A-ZÅÄÖ]{{3,}})*)[ \t]+(?:{alternation(caps_nouns)})"
        rf"|(?:{alternation(prefixes)})(?:[ \t]+|[ \t]*\n[ \t]*){PLACE_WORD}(?:[ \t]+läns?)?){_R}"
    )


# One capitalised word of a name: "Zornsamlingarna", "Kungsleden", "H&M"
NAME_WORD = r"[A-ZÅÄÖ][\wåäöÅÄÖ&-]+"
# A place word before or after an organisation's name: "Mora", "Alingsås-Lerum"
_TOWN = r"[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?"

# A company named with "AB" first: "AB Ronneby Helsobrunn", "AB Alingsåshem"
COMPANY_AB_FIRST = re.compile(rf"(?<![\wåäöÅÄÖ-])AB[ ]{NAME_WORD}(?:[ ]{NAME_WORD}){{0,2}}(?![\wåäöÅÄÖ-])")
# A company: "Hudiksvall Stadsnät AB", "Nammo Sweden AB", "Humana Individ & Familj AB", "Nammo Lapua Oy",
# "Lövsta behandlingshem AB". A lower-case word only right before the suffix, so no verb before the
# name is taken in ("Kommunstyrelsen tilldelar Sommenbygdens Buss AB", "Exploatör är Gimo Bostads AB").
_COMPANY_SEP = r"(?:[ ]|[ ]?\n[ ]?)(?:&[ ])?"
COMPANY = re.compile(
    rf"{_L}[A-ZÅÄÖ][\wåäöÅÄÖ&.-]*{_COMPANY_SEP}"
    rf"(?:[A-ZÅÄÖ0-9][\wåäöÅÄÖ&.-]*{_COMPANY_SEP}){{0,3}}"
    rf"(?:(?!(?:och|samt|eller|i|på|för|med|till|från|av|vid|hos|är)[ ])[a-zåäö][\wåäöÅÄÖ&.-]*{_COMPANY_SEP})?"
    r"(?:AB|Aktiebolag|HB|KB|ek\.\s?för\.|Oy|Oyj|ASA|A/S|AS|GmbH|Ltd|Inc\.?|SA|plc)(?::s)?(?![\w])"
)
# An abbreviation introduced right after a name: "Försvarshögskolan (FHS)", "Försvarets materielverk, FMV,"
DEFINED_ABBREVIATION = re.compile(
    r"[ \t]?\((?P<abbr>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{1,6})\)|,[ ](?P<comma>[A-ZÅÄÖ]{2,6})(?=[,.]?(?:[ \t]|\n|$))"
)
def unit_head_pattern(heads: Iterable[str], suffixes: Iterable[str], adjectives: Iterable[str]) -> re.Pattern[str]:
    """The part of a body after its genitive: `` arbetsutskott``, `` sociala utskott``, `` kanslienhet``
    (in lower case or capitals)."""
    adj = alternation([*adjectives, *(a.upper() for a in adjectives)])
    head = alternation([*heads, *(h.upper() for h in heads)])
    ends = alternation([*suffixes, *(x.upper() for x in suffixes)])
    return re.compile(rf"[ ](?:(?:{adj})[ ])?(?:{head}|[a-zåäöA-ZÅÄÖ]{{3,}}(?:{ends})){_R}")


# The word before and after a name (across a line break): "Sammanträdesdatum Sida"
LAST_WORD = re.compile(r"([\wåäöÅÄÖ]+)[ \t]*\n?[ \t]*$")
NEXT_WORD = re.compile(r"[ \t]*\n?[ \t]*([\wåäöÅÄÖ]+)")
# What follows a guarded name when it is not the organisation: "Sida 2", "Vision 2030", "Vision Zero"
GUARD_FOLLOWER = re.compile(r"[ \t]*(?:\d|[A-ZÅÄÖ]|e-)")


def adjective_org_pattern(nouns: Iterable[str]) -> re.Pattern[str]:
    """Committees named in lower case in older records: ``kommunalekonomiska kommittén``."""
    return re.compile(rf"{_L}[a-zåäö]{{4,}}iska[ ](?:{alternation(nouns)}){_R}")


def prefix_word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """``Stiftelsen Zornsamlingarna``, ``Kvinnojouren Freja``, ``Sektor Vård och omsorg``."""
    return re.compile(rf"{_L}(?:{alternation(words)})(?:[ ]|[ ]?\n[ ]?){NAME_WORD}(?:[ ]{NAME_WORD}){{0,2}}{_R}")


# "i <Place>" after a local organisation's name: "Naturskyddsföreningen i Mora",
# "Svenska kyrkan i Hudiksvalls församling"
LOCATED = re.compile(
    rf"[ ]i(?:[ ]|[ ]?\n[ ]?){_TOWN}"
    r"(?:(?<=s)(?:[ ]|[ ]?\n[ ]?)församling|(?:[ ]|[ ]?\n[ ]?)län|[ ]kommun)?(?![\wåäö-])"
)


def cue_noun_pattern(nouns: Iterable[str]) -> re.Pattern[str]:
    """The name after an institution noun: ``förskolan Solbacken``, ``fritidsgården Tegelbruket``,
    ``äldreboendet Ängabo`` (the name alone is the ORG)."""
    return re.compile(
        rf"(?<![\wåäöÅÄÖ-])(?:{alternation(nouns)})[ \t]+(?P<name>[A-ZÅÄÖ][\wåäöé-]+(?:[ ][A-ZÅÄÖ][\wåäöé-]+)?)"
        r"(?![\wåäöÅÄÖ-])"
    )


def place_after_pattern(branch_nouns: Iterable[str]) -> re.Pattern[str]:
    """A place right after an organisation's name, as its branch: ``Röda Korset Luleå``,
    ``Vårdförbundet Västerbotten``, ``Kommunal avdelning Gävleborg``, ``Svenska kyrkan Tranås
    församling``, ``Hemslöjden Kronobergs län`` (the factory checks that the place is known)."""
    nouns = rf"(?:(?P<noun>{alternation(branch_nouns)})[ ])?" if branch_nouns else ""
    return re.compile(
        rf"[ ]{nouns}(?P<place>{_TOWN})"
        r"(?P<tail>[ ](?:församling|län))?(?![\wåäö-])"
    )


# The word before an organisation that may be part of its name: "Nusnäs Hembygdsförening"
# (across a line break only in the genitive: "Hallstahammars\nBandyklubb", not a heading before a name)
WORD_BEFORE = re.compile(rf"(?P<word>{_TOWN})(?:[ ]|(?<=s)\n[ \t]*)$")


def country_company_pattern(qualifiers: Iterable[str]) -> re.Pattern[str]:
    """A company's national branch: ``Schibsted Sverige``, ``Nammo Sweden``, ``Attendo Sverige``."""
    return re.compile(rf"{_L}(?P<name>{NAME_WORD})[ ](?:{alternation(qualifiers)}){_R}")


def role_cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """A name after a role at an organisation: ``VD för Kungsleden``, ``chef för Det Kongelige Teater``."""
    return re.compile(rf"{_L}(?:{alternation(cues)})[ ](?P<name>{NAME_WORD}(?:[ ]{NAME_WORD}){{0,3}}){_R}")


# A run of capitalised English words, with English connectors: "International Trust Fund for Ukraine",
# "Council of Europe" (the factory keeps runs that contain a head noun such as Fund or Council).
ENGLISH_RUN = re.compile(
    r"(?<![\wåäöÅÄÖ-])[A-Z][A-Za-z-]+(?:[ ](?:(?:for|of|and|the|on|in|&)[ ]){0,2}[A-Z][A-Za-z-]+){1,7}(?![\wåäöÅÄÖ-])"
)
