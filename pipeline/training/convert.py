"""Gold records (doccano JSONL, both export shapes, and stand-off gold) into spaCy ``DocBin`` files.

Every span is aligned to tokens: where a span edge falls inside a token the token is split (as
``svpol_merge`` does at run time, ``/Olof`` -> ``/`` ``Olof``) and the split is reported. A span
that cannot be aligned (an edge on whitespace, an overlap with another span, a label outside the
label set) is never dropped silently: it goes into the ``AlignmentReport`` with document id,
offsets and text, and ``strict=True`` turns any such span into an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..data.gold import normalise_gold, read_gold
from ..doccano import load_topics
from ..pipes.base import ensure_token_boundaries
from ..scoring import LABELS
from ..settings import CONFIG_DIR

DOC_ID_KEY = "svpol_id"


def topic_ids(path: str | Path = CONFIG_DIR / "topics.json") -> list[str]:
    """The topic ids of the lexicon (``configs/topics.json``): the ``doc.cats`` keys of training docs."""
    return [topic for topic, _ in load_topics(Path(path))]


@dataclass
class SpanIssue:
    doc_id: str
    start: int
    end: int
    label: str
    text: str
    problem: str

    def line(self) -> str:
        return f"{self.doc_id} [{self.start}, {self.end}) {self.label} {self.text!r}: {self.problem}"


@dataclass
class AlignmentReport:
    """What happened to every span: aligned as is, aligned after a token split, or not used."""

    docs: int = 0
    spans: int = 0
    aligned: int = 0
    split: list[SpanIssue] = field(default_factory=list)
    dropped: list[SpanIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.dropped

    def summary(self) -> str:
        return (f"{self.docs} documents, {self.spans} spans: {self.aligned} aligned "
                f"({len(self.split)} after splitting a token), {len(self.dropped)} not aligned")

    def lines(self) -> list[str]:
        out = [self.summary()]
        out += [f"  not aligned: {issue.line()}" for issue in self.dropped]
        out += [f"  token split: {issue.line()}" for issue in self.split]
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"docs": self.docs, "spans": self.spans, "aligned": self.aligned,
                "split": [vars(i) for i in self.split], "dropped": [vars(i) for i in self.dropped]}


class AlignmentError(ValueError):
    """Raised by ``strict`` conversion when a span cannot be aligned."""


def record_to_doc(nlp: Language, record: dict[str, Any], report: AlignmentReport,
                  labels: Iterable[str] = LABELS, cats: Iterable[str] | None = None) -> Doc:
    """A reference ``Doc`` for one gold record (already in ``normalise_gold``'s shape).

    ``doc.ents`` are the record's spans, ``doc.cats`` its topics (1.0) over ``cats`` (0.0 for the
    others), ``doc.user_data['svpol_id']`` its id. Spans that do not align are reported, not kept.
    """
    doc_id, text = record["id"], record["text"]
    allowed = set(labels)
    doc = nlp.make_doc(text)
    report.docs += 1
    usable: list[tuple[int, int, str]] = []
    for start, end, label in sorted(record["label"]):
        report.spans += 1
        issue = None
        if label not in allowed:
            issue = f"label not in {sorted(allowed)}"
        elif text[start].isspace() or text[end - 1].isspace():
            issue = "span starts or ends on whitespace"
        elif usable and start < usable[-1][1]:
            prev = usable[-1]
            issue = f"overlaps [{prev[0]}, {prev[1]}) {prev[2]}"
        if issue:
            report.dropped.append(SpanIssue(doc_id, start, end, label, text[start:end], issue))
        else:
            usable.append((start, end, label))
    starts = {t.idx for t in doc}
    ends = {t.idx + len(t.text) for t in doc}
    for start, end, label in usable:
        if start not in starts or end not in ends:
            inside = [t.text for t in doc if any(t.idx < o < t.idx + len(t.text) for o in (start, end))]
            report.split.append(SpanIssue(doc_id, start, end, label, text[start:end],
                                          f"token split inside {' '.join(repr(t) for t in inside)}"))
    ensure_token_boundaries(doc, [o for s, e, _ in usable for o in (s, e)])
    ents = []
    for start, end, label in usable:
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is None:  # not expected after the split; reported all the same
            report.dropped.append(SpanIssue(doc_id, start, end, label, text[start:end], "no token span"))
            continue
        ents.append(span)
        report.aligned += 1
    doc.set_ents(ents, default="outside")
    if cats is not None:
        wanted = set(record.get("cats", []))
        doc.cats = {c: float(c in wanted) for c in cats}
    doc.user_data[DOC_ID_KEY] = doc_id
    return doc


def records_to_docbin(records: Iterable[dict[str, Any]], nlp: Language | None = None,
                      labels: Iterable[str] = LABELS, cats: Iterable[str] | None = None,
                      strict: bool = False) -> tuple[DocBin, AlignmentReport]:
    """A ``DocBin`` of gold records (raw doccano records in either export shape, or normalised ones)."""
    nlp = nlp or spacy.blank("sv")
    cats = topic_ids() if cats is None else list(cats)
    labels = list(labels)
    report = AlignmentReport()
    docbin = DocBin(store_user_data=True)
    for number, record in enumerate(records, start=1):
        # idempotent on records that read_gold already normalised
        record = normalise_gold({"id": f"record {number}", **record}, f"record {number}")
        docbin.add(record_to_doc(nlp, record, report, labels=labels, cats=cats))
    if strict and not report.ok:
        raise AlignmentError("\n".join(report.lines()))
    return docbin, report


def convert_gold(paths: Iterable[str | Path], output: str | Path, ids: Iterable[str] | None = None,
                 strict: bool = False, nlp: Language | None = None) -> AlignmentReport:
    """Gold JSONL files or folders (doccano exports, stand-off gold) -> ``output`` (``.spacy``).

    ``ids`` restricts the conversion to those documents (a split); an id asked for but not found
    is an error.
    """
    wanted = set(ids) if ids is not None else None
    records = []
    for path in paths:
        for record in read_gold(path):
            if wanted is None or record["id"] in wanted:
                records.append(record)
    if wanted is not None:
        missing = wanted - {r["id"] for r in records}
        if missing:
            raise KeyError(f"gold ids not found: {sorted(missing)}")
    docbin, report = records_to_docbin(records, nlp=nlp, strict=strict)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(output)
    return report


def chunk_doc(doc: Doc, max_tokens: int = 150) -> list[Doc]:
    """A long gold document cut into pieces of about ``max_tokens`` at line breaks (never inside an
    entity), for training batches: entities, missing marks and ``cats`` are kept."""
    cuts = [0]
    for token in doc:
        if token.i - cuts[-1] >= max_tokens and "\n" in token.text_with_ws:
            nxt = token.i + 1
            if nxt < len(doc) and doc[nxt].ent_iob_ != "I":
                cuts.append(nxt)
    cuts.append(len(doc))
    pieces = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if end > start:
            piece = doc[start:end].as_doc()
            piece.cats = dict(doc.cats)
            piece.user_data[DOC_ID_KEY] = f"{doc.user_data.get(DOC_ID_KEY, '')}#{start}"
            pieces.append(piece)
    return pieces
