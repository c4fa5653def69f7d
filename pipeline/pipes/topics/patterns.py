"""Term patterns of the topic lexicon (``configs/topics.json``).

A single-word term of at least ``MIN_CONTAINS`` characters matches inside any word (Swedish
compounds: ``äldreomsorg`` in ``äldreomsorgsnämnden``); a short or ``exact`` term must equal the
word or its lemma; a multi-word term matches consecutive words that each start with its words.
"""

import re
from collections.abc import Iterable

MIN_CONTAINS = 5


def contains_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    terms = sorted(set(terms), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in terms)) if terms else None


def phrase_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    parts = [r"\s+".join(rf"{re.escape(w)}[\wåäö-]*" for w in t.split()) for t in set(terms)]
    parts.sort(key=len, reverse=True)
    return re.compile(rf"(?<![\wåäö])(?:{'|'.join(parts)})") if parts else None
