"""``svpol_topics``: policy-topic scores per document (``doc.cats``) and per section, from the
lexicon in ``configs/topics.json``; the matched terms go to the span group ``topic_terms``.

Score = 1 - exp(-w / scale), where w is the summed weight of the distinct words that match the
topic: one strong term scores about 0.4 at the default scale, a paragraph of argument near 1. The
document's score is that of its strongest section or of the whole text, whichever is higher.
"""


import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example

from ..base import TableComponent, match_text, release_match_text, to_doc_offsets
from ..sections import factory as _sections  # noqa: F401  (registers Doc._.sections)
from . import patterns as p

SPAN_GROUP = "topic_terms"


class TopicScorer(TableComponent):
    filename = "topics.json"

    def __init__(self, nlp: Language, name: str, table_path: str | None = None, scale: float = 3.0,
                 doc_scale: float = 4.0) -> None:
        self.scale = scale
        self.doc_scale = doc_scale
        super().__init__(nlp, name, table_path)

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        self.topic_ids = [t["id"] for t in table["topics"]]
        self.lookup: dict[str, tuple[str, float]] = {}
        contains, exact, phrases = [], [], []
        for topic in table["topics"]:
            for term in topic["terms"]:
                word = term["term"].lower()
                self.lookup.setdefault(word, (topic["id"], float(term.get("weight", 1.0))))
                if " " in word:
                    phrases.append(word)
                elif term.get("exact") or len(word) < p.MIN_CONTAINS:
                    exact.append(word)
                else:
                    contains.append(word)
        self.contains_re = p.contains_pattern(contains)
        self.phrase_re = p.phrase_pattern(phrases)
        self.exact = set(exact)
        self.phrase_terms = {" ".join(w.split()): w for w in phrases}

    def _phrase_term(self, matched: str) -> str | None:
        words = matched.split()
        for term in self.phrase_terms:
            parts = term.split()
            if len(parts) == len(words) and all(w.startswith(t) for w, t in zip(words, parts, strict=False)):
                return term
        return None

    def match(self, doc: Doc) -> list[tuple[Span, float]]:
        """Matched term spans with their weights, at most one per token (the heaviest), labelled
        with the topic id."""
        lower = match_text(doc).lower()
        best: dict[int, tuple[float, int, int, str]] = {}

        def offer(start: int, end: int, term: str | None) -> None:
            if term is None or term not in self.lookup:
                return
            topic, weight = self.lookup[term]
            start, end = to_doc_offsets(doc, start, end)
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                return
            key = span.start
            if key not in best or best[key][0] < weight:
                best[key] = (weight, span.start, span.end, topic)

        if self.phrase_re:
            for m in self.phrase_re.finditer(lower):
                offer(m.start(), m.end(), self._phrase_term(m.group(0)))
        if self.contains_re:
            for m in self.contains_re.finditer(lower):
                offer(m.start(), m.end(), m.group(0))
        release_match_text(doc)
        for token in doc:
            for form in (token.lower_, token.lemma_.lower()):
                if form in self.exact:
                    offer(token.idx, token.idx + len(token.text), form)
                    break
        return [(Span(doc, s, e, label=topic), weight)
                for weight, s, e, topic in sorted(best.values(), key=lambda b: b[1])]

    @staticmethod
    def topic_score(weight: float, scale: float) -> float:
        return round(1.0 - math.exp(-weight / scale), 4)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """spaCy's scoring protocol (``nlp.evaluate``, ``spacy evaluate``): multi-label cats at 0.5."""
        return Scorer.score_cats(examples, "cats", labels=self.topic_ids, multi_label=True, threshold=0.5,
                                 **kwargs)

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        matches = self.match(doc)
        doc.spans[SPAN_GROUP] = [span for span, _ in matches]
        weights: dict[str, float] = defaultdict(float)
        for span, weight in matches:
            weights[span.label_] += weight
        sections = doc._.sections or [{"start": 0, "end": len(doc.text), "title": ""}]
        best_section: dict[str, float] = defaultdict(float)
        for section in sections:
            sec_weights: dict[str, float] = defaultdict(float)
            for span, weight in matches:
                if section["start"] <= span.start_char < section["end"]:
                    sec_weights[span.label_] += weight
            section["topics"] = {t: self.topic_score(sec_weights[t], self.scale) for t in self.topic_ids}
            for t in self.topic_ids:
                best_section[t] = max(best_section[t], section["topics"][t])
        doc._.sections = sections
        for t in self.topic_ids:
            doc.cats[t] = max(best_section[t], self.topic_score(weights[t], self.doc_scale))
        return doc


@Language.factory("svpol_topics", default_config={"table_path": None, "scale": 3.0, "doc_scale": 4.0})
def create_component(nlp: Language, name: str, table_path: str | None, scale: float,
                     doc_scale: float) -> TopicScorer:
    return TopicScorer(nlp, name, table_path, scale, doc_scale)
