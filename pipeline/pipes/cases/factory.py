"""``svpol_cases``: CASE candidates (diary, case and document reference numbers)."""


from spacy.language import Language
from spacy.tokens import Doc

from ..base import add_candidates, match_text
from .patterns import AFTER_DNR, CASE_PATTERNS


class CaseMatcher:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = match_text(doc)
        spans = [
            (m.start("span"), m.end("span"), "CASE")
            for pattern in [*CASE_PATTERNS, AFTER_DNR]
            for m in pattern.finditer(text)
        ]
        add_candidates(doc, spans, self.name)
        return doc


@Language.factory("svpol_cases")
def create_component(nlp: Language, name: str) -> CaseMatcher:
    return CaseMatcher(nlp, name)
