"""Patterns for place names: street addresses, buildings, places by position (gazetteer names are
looked up word by word with ``PhraseIndex``)."""

import re
from collections.abc import Iterable

from ..parties.patterns import alternation

_L = r"(?<![\wåäöÅÄÖéÉ-])"
_R = r"(?![\wåäöÅÄÖéÉ-])"


def street_pattern(suffixes: Iterable[str]) -> re.Pattern[str]:
    """``Hantverkargatan 2 L``, ``Drottninggatan 5``, ``Sergels torg``."""
    return re.compile(
        rf"{_L}[A-ZÅÄÖ][a-zåäöé]+(?:{alternation(suffixes)})"
        rf"(?:[ \t]+\d{{1,4}}(?:[–-]\d{{1,4}})?(?:[ \t]?[A-Z](?![\wåäö]))?)?{_R}"
    )


# The town after a street address with a number: "Riotorget 1, Ljusdal", "Storgatan 5, 827 80 Ljusdal"
ADDRESS_TOWN = re.compile(r"(?<=\d|[A-Z]),[ ](?:\d{3}[ ]?\d{2}[ ])?(?P<town>[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?)"
                          r"(?=[ ]?[,.;\n]|$)")


def building_pattern(suffixes: Iterable[str]) -> re.Pattern[str]:
    """Named rooms and buildings: ``Hörbysalen``, ``Stadshuset``, ``KS-salen``, ``Stora Tjörnsalen``."""
    return re.compile(rf"{_L}(?:(?:Stora|Lilla|Gamla|Nya)[ ])?(?:[A-ZÅÄÖ][a-zåäöé-]+|[A-ZÅÄÖ]{{2,4}}-[a-zåäö]*)"
                      rf"(?:{alternation(suffixes)}){_R}")


# An unknown capitalised word after a place preposition, and the words coordinated with it:
# "i Ljusne och Sandarne", "nattvandrare i Vivalla, Baronbackarna och Brickebacken".
_PLACE_WORD = r"[A-ZÅÄÖ][a-zåäöé]{2,}(?:-[A-ZÅÄÖ][a-zåäöé]+)?"
AFTER_PREPOSITION = re.compile(
    r"(?<![\wåäöÅÄÖ])(?:i|på|vid|från|till|utanför|kring|nära|över|längs|mot|mellan|(?:norr|söder|öster|väster)\s+om)"
    r"(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"(?:(?:centrala|norra|södra|östra|västra|inre|yttre|hela)[ \t]+)?"
    rf"(?P<places>{_PLACE_WORD}(?:(?:,\s*|\s+(?:och|samt|eller)\s+){_PLACE_WORD})*)"
    rf"(?![\wåäöÅÄÖ-]|[ \t][A-ZÅÄÖ0-9])"
)
PLACE_IN_LIST = re.compile(_PLACE_WORD)
# Named rooms, blocks and properties: "sammanträdesrum Hornslandet", "kvarteret Lönnen", "fastigheten Tuna 3:14",
# "Rum Döderhultaren", "detaljplan för Kvarnen 4", "vänorten Sassnitz", "byn Nusnäs"
NAMED_AFTER_CUE = re.compile(
    r"(?<![\wåäöÅÄÖ])(?:[Ss]ammanträdesrum(?:met)?|[Kk]varteret|[Ff]astighet(?:en|erna)|[Ll]okalen|[Ss]alen|[Ss]al|Rum"
    r"|[Dd]etaljplan(?:en)?[ ]för"
    r"|[Vv]änort(?:en|erna)?|[Tt]ätorten|[Bb]yn|[Ss]ocknen|[Ss]tadsdelen|[Kk]ommundelen)[ \t]+"
    r"(?P<name>[A-ZÅÄÖ][a-zåäöé]+(?:[ ][A-ZÅÄÖ][a-zåäöé]+|[ \t]+\d+(?::\d+)?)?)"
)

# A county, road or property designation: "Blekinge län", "Västra Götalands län", "riksväg 50",
# "E4", "väg 13", "Bråstorp 1:1", "Tuna 3:14"
_W = r"[A-ZÅÄÖ][a-zåäö]+"
COUNTY = re.compile(rf"(?<![\wåäöÅÄÖ-])(?:(?:Västra|Östra|Norra|Södra)[ ])?{_W}[ ]läns?(?![\wåäö])")
ROAD = re.compile(
    r"(?<![\wåäöÅÄÖ-])(?:(?:riks|läns|europa)?väg(?:en)?[ ]\d{1,4}|E[ ]?(?:4|6|10|12|14|16|18|20|22|45|65)(?![\d\w]))"
)
PROPERTY = re.compile(rf"(?<![\wåäöÅÄÖ-])(?P<name>{_W}(?:[ -]{_W})?[ ]\d{{1,4}}:\d{{1,4}})(?![\d:])")


def landmark_pattern(nouns: Iterable[str]) -> re.Pattern[str]:
    """A place name and a landmark noun: ``Västerås flygplats``, ``Gävle slott``, ``Haninge kulturhus``."""
    return re.compile(rf"(?<![\wåäöÅÄÖ-]){_W}(?:-{_W})?s?(?:[ ]|[ ]?\n[ \t]*)(?:{alternation(nouns)})(?![\wåäö])")
# A street named after a person or a thing, in two or three words: "Hedvig Möllers gata 6",
# "Sankt Eriks plan"
STREET_WORDS = re.compile(
    rf"(?<![\wåäöÅÄÖ-])(?!(?:En|Ett|Den|Det|Denna|Detta|Ny|Nya|Samma|Varje|Vår|Vårt)[ ])"
    rf"(?:{_W}[ ]){{1,2}}(?:gata|gatan|väg|vägen|plats|platsen|torg|torget|gränd|allé|backe)"
    r"(?:[ \t]+\d{1,4}(?:[–-]\d{1,4})?(?:[ \t]?[A-Z](?![\wåäö]))?)?(?![\wåäö])"
)


def after_line_pattern(line_words: Iterable[str]) -> re.Pattern[str]:
    """Places named after a railway or road in project lists: ``Malmbanan Sikträsk``,
    ``Norrbotniabanan Dåva–Skellefteå``, ``E4 Broänge–Daglösten``."""
    place = r"(?:(?:Södra|Norra|Östra|Västra|Stora|Lilla)[ ])?[A-ZÅÄÖ][a-zåäö]{2,}"
    return re.compile(
        rf"(?:[A-ZÅÄÖ][a-zåäö]+(?:{alternation(line_words)})|\bE[ ]?\d{{1,2}})[ ](?P<a>{place})(?:[–-](?P<b>{place}))?"
        r"(?![\wåäö])"
    )


# A station by its town: "Luleå C"
STATION = re.compile(r"(?P<place>[A-ZÅÄÖ][a-zåäö]+)[ ]C(?![\wåäö])")


def nature_pattern(suffixes: Iterable[str]) -> re.Pattern[str]:
    """Lakes, rivers, woods and islets by their ending: ``Kvarnsjön``, ``Österdalälven``, ``Prästholmen``."""
    return re.compile(rf"{_L}[A-ZÅÄÖ][a-zåäöé]+(?:{alternation(suffixes)}){_R}")


def venue_cue_pattern(cues: Iterable[str]) -> re.Pattern[str]:
    """The meeting-place slot of a minutes' header: ``Plats och tid Kumlarummet, Stadshuset, Kumla kl 13.00``,
    ``Plats: Quality Hotel, Nabbensberg 2, Vänersborg``, ``Plats\\nBollmora`` (the slot runs to a time, a date,
    a weekday or the line's end)."""
    return re.compile(
        rf"(?<![\wåäöÅÄÖ])(?:{alternation(cues)})[ \t]*[:.]?[ \t]*\n?[ \t]*"
        r"(?P<slot>[^\n]{1,160}?)"
        r"(?=[ \t,]+(?:kl\.?|[Kk]lockan|den|[Mm]åndag(?:en)?|[Tt]isdag(?:en)?|[Oo]nsdag(?:en)?|[Tt]orsdag(?:en)?"
        r"|[Ff]redag(?:en)?|[Ll]ördag(?:en)?|[Ss]öndag(?:en)?|\d{4}-\d\d|\d{1,2}[.:]\d\d|\d{1,2}[ ][a-zåäö]+[ ]\d{4})"
        r"(?![\wåäö])|[ \t]*\n|[ \t]*$|\.(?:[ \t]|$))"
    )


# One place of a slot: "Kumlarummet", "Konferensrum 1", "Östermalmsskolans aula", "Stadshus B"
VENUE_ITEM = re.compile(r"[^,]+")
# A place within an item, split at "i": "Kommunhuset i Märsta"
VENUE_PART = re.compile(r"(?:^[ \t]*|(?<=[ \t]i[ \t])|(?<=[ \t]och[ \t]))(?P<part>[^ \t].*?)"
                        r"(?<!-)(?=[ \t]+(?:i|och)[ \t]+|[ \t]*$)")
VENUE_WORD = re.compile(r"[^ \t]+")
