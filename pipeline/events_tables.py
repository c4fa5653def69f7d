"""Event tables for analysis: CSV files that load straight into pandas or R (``make events``).

One row per party per event (a proposal by S and V is two rows), with the document id and date, so
that counting who proposed, reserved or voted what, party by party, is a plain group-by. The rows
are made from output records (``doc_to_record``), the same data the JSONL carries.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language

from .api import load_pipeline
from .data import InputProblem, doc_to_record, read_inputs

log = logging.getLogger("svpol.events")

COLUMNS: dict[str, list[str]] = {
    "proposals": ["doc_id", "date", "item", "event", "party", "persons", "kind", "administration", "won",
                  "start", "end", "text"],
    "reservations": ["doc_id", "date", "item", "event", "type", "party", "persons", "against", "in_favour_of",
                     "start", "end", "text_start", "text_end"],
    "votes": ["doc_id", "date", "item", "event", "party", "ja", "nej", "avstår", "start", "end"],
    "attendance": ["doc_id", "date", "name", "party", "category", "roles", "substitute_for", "start", "end"],
    "speeches": ["doc_id", "date", "number", "speaker", "role", "party", "reply", "start", "end"],
}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def document_date(record: dict[str, Any]) -> str | None:
    """The input's ``date`` field, else the first full date among the entities."""
    date = record.get("meta", {}).get("date")
    if date:
        return str(date)
    return next((e["norm"] for e in record["entities"]
                 if e["label"] == "DATE" and isinstance(e["norm"], str) and _ISO_DAY.match(e["norm"])), None)


def _by_party(event: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(party, names of its persons) per party of the event; one party-less row where none is known."""
    parties = event.get("parties") or []
    rows = [(p, [x["name"] for x in event.get("persons", []) if x["party"] == p]) for p in parties]
    loose = [x["name"] for x in event.get("persons", []) if not x["party"]]
    if loose or not rows:
        rows.append(("", loose))
    return rows


def record_rows(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The table rows of one output record."""
    doc_id, date, text = record["id"], document_date(record), record["text"]
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    events = record.get("events", [])
    rulings = [e for e in events if e["type"] == "ruling"]
    for n, event in enumerate(events):
        base = {"doc_id": doc_id, "date": date, "item": event.get("item"), "event": n,
                "start": event["start"], "end": event["end"]}
        kind = event["type"]
        if kind == "proposal":
            ruling = next((r for r in rulings if r["start"] > event["start"] and r.get("item") == event.get("item")),
                          None)
            for party, names in _by_party(event):
                won = None if ruling is None else (ruling["winner_kind"] == event["kind"]
                                                   and party in ruling["winner_parties"])
                rows["proposals"].append({**base, "party": party, "persons": "; ".join(names), "kind": event["kind"],
                                          "administration": event["administration"], "won": won,
                                          "text": " ".join(text[event["start"]:event["end"]].split())})
        elif kind in ("reservation", "special_statement", "protocol_note"):
            for party, names in _by_party(event):
                rows["reservations"].append({**base, "type": kind, "party": party, "persons": "; ".join(names),
                                             "against": event["against"], "in_favour_of": event["in_favour_of"],
                                             "text_start": event["text_start"], "text_end": event["text_end"]})
        elif kind == "vote":
            rows["votes"].append({**base, "party": "ALL", "ja": event["ja"], "nej": event["nej"],
                                  "avstår": event["avstår"]})
            for party, counts in event["by_party"].items():
                rows["votes"].append({**base, "party": party, **counts})
        elif kind == "attendance":
            rows["attendance"].append({"doc_id": doc_id, "date": date, "name": event["name"],
                                       "party": event["party"], "category": event["category"],
                                       "roles": "; ".join(event["roles"]), "substitute_for": event["substitute_for"],
                                       "start": event["start"], "end": event["end"]})
        elif kind == "speech":
            rows["speeches"].append({"doc_id": doc_id, "date": date, **{k: event[k] for k in
                                     ("number", "speaker", "role", "party", "reply", "start", "end")}})
    return rows


def records(paths: Iterable[str | Path], nlp: Language) -> Iterator[dict[str, Any]]:
    """Output records of every readable document under ``paths`` (problems are logged and skipped)."""
    def docs() -> Iterator[tuple[str, Any]]:
        for item in read_inputs(paths):
            if isinstance(item, InputProblem):
                log.warning("%s: %s", item.source, item.message)
                continue
            yield item.text, item

    for doc, item in nlp.pipe(docs(), as_tuples=True):
        yield doc_to_record(doc, item.id, item.source, item.meta)


def write_tables(all_records: Iterable[dict[str, Any]], out_dir: str | Path) -> dict[str, int]:
    """``<out_dir>/{proposals,reservations,votes,attendance,speeches}.csv`` (UTF-8, header row);
    returns the rows per table."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {name: open(out / f"{name}.csv", "w", encoding="utf-8", newline="") for name in COLUMNS}
    try:
        writers = {name: csv.DictWriter(f, fieldnames=COLUMNS[name]) for name, f in files.items()}
        for w in writers.values():
            w.writeheader()
        counts = dict.fromkeys(COLUMNS, 0)
        for record in all_records:
            for name, rows in record_rows(record).items():
                writers[name].writerows(rows)
                counts[name] += len(rows)
    finally:
        for f in files.values():
            f.close()
    return counts


def event_tables(paths: Iterable[str | Path], out_dir: str | Path, model: str | Path | None = None,
                 nlp: Language | None = None) -> dict[str, int]:
    """Annotate the documents under ``paths`` and write their event tables to ``out_dir``."""
    return write_tables(records(paths, nlp or load_pipeline(model)), out_dir)
