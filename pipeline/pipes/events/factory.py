"""``svpol_events``: minutes structure from the entity layer (persons and parties already found).

Runs after ``svpol_merge``: it reads ``doc.ents`` (a person's party from ``Span._.party``, a party's
canonical id from ``Span._.norm``) and writes ``Doc._.events`` (JSON-ready dicts with character
offsets) and the span group ``doc.spans["events"]`` (one span per event, labelled with its type),
so that displaCy and spaCy users see the same events the JSONL output carries. Its cue words and
heading variants are the table ``configs/events.json``, saved inside the model.
"""


import logging
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..base import TableComponent
from .extract import Ent, extract
from .patterns import EventPatterns

log = logging.getLogger("svpol.events")
SPAN_GROUP = "events"

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


def entity_layer(doc: Doc) -> list[Ent]:
    """The merged entities as ``Ent``s: PERSON with its party, PARTY with its canonical id."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            party = ent._.party if Span.has_extension("party") else None
        elif ent.label_ == "PARTY":
            party = ent._.norm if Span.has_extension("norm") else None
        else:
            party = None
        out.append(Ent(ent.start_char, ent.end_char, ent.label_, ent.text, party))
    return out


class EventExtractor(TableComponent):
    """Sets ``Doc._.events`` and ``doc.spans["events"]``; an odd document gets fewer events, never an
    error that would lose its entities."""

    filename = "events.json"

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        self.patterns = EventPatterns(table)

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        try:
            events = extract(doc.text, entity_layer(doc), self.patterns)
        except Exception:  # noqa: BLE001 - the entities must survive any structure we cannot read
            log.warning("svpol_events: no events for a document of %d characters", len(doc.text), exc_info=True)
            events = []
        doc._.events = events
        spans = []
        for event in events:
            span = doc.char_span(event["start"], event["end"], label=event["type"], alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans[SPAN_GROUP] = spans
        return doc


@Language.factory("svpol_events", default_config={"table_path": None})
def create_component(nlp: Language, name: str, table_path: str | None) -> EventExtractor:
    return EventExtractor(nlp, name, table_path)
