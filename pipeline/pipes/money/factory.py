"""``svpol_money``: MONEY candidates (amount + currency word), per the guidelines' span rules."""


from spacy.language import Language
from spacy.tokens import Doc

from ...normalize import normalize_money
from ..base import add_candidates, match_text
from .patterns import CHANGE_BEFORE, MONEY, NEXT_CHAR, RANGE_SPLIT, YEAR_LIKE


class MoneyMatcher:
    """Finds amounts with a currency word; the number's sign stays, approximators stay out."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = match_text(doc)
        spans = []
        for match in MONEY.finditer(text):
            start, end = match.span()
            # An abbreviation's own period stays out only where it ends the sentence.
            if text[end - 1] == "." and _ends_sentence(text, end):
                end -= 1
            split = RANGE_SPLIT.search(text, start, end)
            if split and (not _is_range(text[start:split.start()], text[start:end])
                          or CHANGE_BEFORE.search(text[max(0, start - 60):start])):
                start = split.end()
            spans.append((start, end, "MONEY"))
        add_candidates(doc, spans, self.name, keep_final_period=True)
        return doc


def _is_range(first: str, span: str) -> bool:
    """``500 och 700 kr`` is a range; ``2014 till 2 920 kr`` (a year, then the amount) and
    ``2017 och 500 kronor`` (falling numbers) are not."""
    if YEAR_LIKE.fullmatch(first.strip()):
        return False
    norm = normalize_money(span)
    return bool(norm) and norm.get("amount_min", 0) <= norm.get("amount_max", float("inf"))


def _ends_sentence(text: str, end: int) -> bool:
    """After ``kr.``: the sentence ends at a capital, a quote or the end of the text; at a line
    break it ends unless the next line (past a record's paragraph id) goes on in lower case."""
    m = NEXT_CHAR.match(text, end)
    char = m.group("char")
    if char is None:
        return True
    if "\n" in m.group(0):
        return not char.islower()
    return char.isupper() or char in "\"”)"


@Language.factory("svpol_money")
def create_component(nlp: Language, name: str) -> MoneyMatcher:
    return MoneyMatcher(nlp, name)
