"""``svpol_dates``: DATE candidates per the guidelines (leading ``den``/``år``/``i`` stay out,
a weekday directly before the date stays in, enumerated days are one span each)."""


from spacy.language import Language
from spacy.tokens import Doc

from ..base import add_candidates, match_text
from . import patterns as p


class DateMatcher:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = match_text(doc)
        spans: list[tuple[int, int, str]] = []
        for m in p.ISO_DATE.finditer(text):
            spans.append((m.start(), m.end(), "DATE"))
        for m in p.ISO_CONTINUATION.finditer(text):
            spans.append((m.start("day"), m.end("day"), "DATE"))
        for pattern in (p.DAY_MONTH, p.MONTH_YEAR, p.SEASON_YEAR, p.PART_OF_YEAR, p.DECADE, p.YEAR_RANGE_END,
                        p.DAY_AFTER_MONTH_RANGE, p.MONTH_BEFORE_RANGE):
            for m in pattern.finditer(text):
                spans.append((m.start("span"), m.end("span"), "DATE"))
        for m in p.ENUMERATED_DAY.finditer(text):
            spans.append((m.start("day"), m.end("day"), "DATE"))
        for m in p.MONTH_ALONE.finditer(text):
            spans.append((m.start("span"), m.end("span"), "DATE"))
        for m in p.YEAR_ALONE.finditer(text):
            if not p.NOT_YEAR_BEFORE.match(text, m.end()):
                spans.append((m.start("span"), m.end("span"), "DATE"))
        add_candidates(doc, spans, self.name)
        return doc


@Language.factory("svpol_dates")
def create_component(nlp: Language, name: str) -> DateMatcher:
    return DateMatcher(nlp, name)
