"""Patterns for party mentions: names, abbreviations in parentheses, lists and column layouts."""

import re
from collections.abc import Iterable

from ..persons.patterns import CAPS_WORD, INITIAL, LOWER, TITLE_WORD, UPPER

NAME_WORD = rf"(?:{TITLE_WORD}|{CAPS_WORD}|{INITIAL})"
# Two name-like words right before a parenthesis ("Anna Svensson (S)", "Larsson, Thorsten (c)"):
# a person, so a code in the parenthesis after them is a party.
PERSON_BEFORE = re.compile(
    rf"(?P<name>{NAME_WORD}(?:,?\s+(?:{NAME_WORD}|von|af|de|van|el|al))*,?\s+{NAME_WORD})"
    rf"(?:\s+m\.?\s?fl\.?)?,?\s*$"
)
LOCAL_ABBREVIATION = r"[A-ZÅÄÖ]{2,5}"
# A local party's code of mixed case, two capitals at least: "(SfS)", "(LPo)" (in parentheses only)
LOCAL_MIXED = r"[A-ZÅÄÖ][a-zåäö]?[A-ZÅÄÖ][A-Za-zåäöÅÄÖ]{0,3}(?![A-Za-zåäöÅÄÖ])"
LIST_SEPARATOR = r"\s*(?:,|/|\+|och|samt|&|–|-)\s*"


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def phrase_alternation(phrases: Iterable[str]) -> str:
    """Like ``alternation``, but a space in a phrase also matches a line break (``folkpartiet\\nliberalerna``)."""
    return alternation(phrases).replace("\\ ", r"\s+")


def names_pattern(forms: Iterable[str], ignore_case: bool = True) -> re.Pattern[str]:
    forms = list(forms)
    if not ignore_case:
        forms += [f.upper() for f in forms]
    return re.compile(rf"(?<![\wåäöÅÄÖ-])(?:{phrase_alternation(forms)})(?![\wåäöÅÄÖ])",
                      re.IGNORECASE if ignore_case else 0)


def parenthesis_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    item = rf"(?:{alternation(abbreviations)}|{LOCAL_MIXED}|{LOCAL_ABBREVIATION})"
    return re.compile(rf"\(\s*(?:(?:båda|alla|samtliga)\s+)?(?P<inner>{item}(?:\s*[,/]\s*{item})*)\s*\)")


def lowercase_list_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """Lower-case codes in a row, as older minutes write them: ``för m, fp och kds``; one code of two
    letters or more is needed, so that list markers (``a, b och c``) stay out."""
    lower = [a for a in abbreviations if a.islower()]
    item = rf"(?:{alternation(lower)})"
    long_item = rf"(?:{alternation(a for a in lower if len(a) > 1)})"
    return re.compile(
        rf"(?<![\wåäöÅÄÖ-])(?=(?:{item}{LIST_SEPARATOR})*{long_item}(?![\wåäöÅÄÖ-]))"
        rf"{item}(?:{LIST_SEPARATOR}{item})+(?![\wåäöÅÄÖ-])"
    )


def list_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """Two or more upper-case abbreviations in a row: ``S, V och MP``; ``M/KD``."""
    item = rf"(?:{alternation(a for a in abbreviations if a.isupper())})"
    return re.compile(
        rf"(?<![\wåäöÅÄÖ-]){item}(?::s)?(?:{LIST_SEPARATOR}{item}(?::s)?)+(?![\wåäöÅÄÖ-])"
    )


def standalone_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """Multi-letter upper-case abbreviations in running text (``SD``, ``KD:s``, the party's group:
    ``MP-gruppen``) and any ``X:s``."""
    multi = [a for a in abbreviations if a.isupper() and len(a) > 1]
    single = [a for a in abbreviations if a.isupper() and len(a) == 1]
    return re.compile(
        rf"(?<![\wåäöÅÄÖ-])(?:(?:{alternation(multi)})(?::s)?(?![\wåäöÅÄÖ]|-(?!grupp))"
        rf"|(?:{alternation(single)}):s(?![\wåäöÅÄÖ-]))"
    )


def column_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """A party code in an attendance-list column: ``Per Olsson      M``, ``Per Olsson\\tM``,
    ``Eva Hallberg, ordförande      S``, ``Magnus Rydbeck, 1:e vice ordförande  M``, with dot
    leaders ``Gunnel Andersson ........ S``."""
    return re.compile(
        rf"{NAME_WORD}(?:[ ]{NAME_WORD})+,?(?:[ ]?(?:1:e|2:e|förste|andre|tredje)?[ ]?(?:vice[ ])?[a-zåäö]+)?"
        rf"(?:[ ]{{2,}}|\t+|[ ]?\.{{3,}}[ ]?)[ \t]*"
        rf"(?P<abbr>{alternation(abbreviations)}|{LOCAL_ABBREVIATION})(?=[ \t]*$|[ \t]{{2,}}|\t)",
        re.MULTILINE,
    )


def pipe_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """A party code right after a name in a one-line attendance list: ``Mika Luhtanen S ordf |
    Ingrid Lindberg M 1:e vice ordf | Åsa Lönnroth S |`` (known codes only; the factory checks
    that the line has a ``|``)."""
    return re.compile(
        rf"(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD})+)[ ](?P<abbr>{alternation(abbreviations)})"
        rf"(?=[ ](?:ordf|ordförande|vice|[12]:e)(?![\wåäö])[^|\n]*(?:\||$)|[ \t]*(?:\||$))",
        re.MULTILINE,
    )


def comma_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """A party code between commas after a name, as in attendance lists:
    ``Karolina Westerholm, M, ordförande``, ``Lena Boström, s``; a known code also where the list runs
    on in one line: ``Karl Björklund, M Nils Lasse Andersson, S ej Per Westhed, C``."""
    known = alternation(abbreviations)
    return re.compile(
        rf"(?P<name>{NAME_WORD}(?:[ ]{NAME_WORD})+),[ \t]*"
        rf"(?:(?P<abbr>{known}|{LOCAL_ABBREVIATION})(?=[ \t]*(?:,|\n|$))"
        rf"|(?P<abbr2>{known})(?=[ ]+(?:[{UPPER}]|(?:ej|via|tjg|närv|fr\.?o\.?m|t\.?o\.?m|kl)(?![\wåäö]))))",
        re.MULTILINE,
    )


def code_before_name_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """A known upper-case code right before a name, as in attendance lists flattened onto one line:
    ``Beslutande C Ulla-Maj Persson, ordförande S Ulf Dahlberg``; the factory checks the first name and
    that other party codes stand close by."""
    upper = alternation(a for a in abbreviations if a.isupper())
    return re.compile(
        rf"(?<![\w{UPPER}{LOWER}.:(/-])(?P<abbr>{upper}|{LOCAL_ABBREVIATION})[ \t]+(?P<first>{TITLE_WORD})"
        rf"[ \t]+{NAME_WORD}"
    )


def mark_column_pattern(abbreviations: Iterable[str]) -> re.Pattern[str]:
    """A lower-case code before an attendance mark at a line end: ``Annili Caap m x``,
    ``Nils Matsson, ordf m x`` (the factory checks the first name on the line)."""
    lower = alternation(a for a in abbreviations if a.islower())
    return re.compile(rf"(?<=[\w.][ \t])(?P<abbr>{lower})[ \t]+[xX][ \t]*$", re.MULTILINE)
# The end of an organisation's name, before "(FBA)": an abbreviation, not a local party
ORG_ENDING = re.compile(
    r"(?:akademin|institutet|verket|myndigheten|förbundet|föreningen|centrum|centret|rådet|kommittén|styrelsen|"
    r"nämnden|bolaget|fonden|universitetet|högskolan|inspektionen|departementet|kansliet|stiftelsen|AB)[ ]*$"
)
# How close (characters) another party code must stand to a code found before a name
CODE_NEIGHBOURHOOD = 160
