"""The one writer of pipeline output: one JSON object per document, per ``annotation.schema.json``.

Output is deterministic (fixed key order, no timestamps), and ``JsonlWriter`` resumes: ids already
in the file are known, and a partial last line left by an interrupted run is cut off.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from spacy.tokens import Doc

from .. import __version__

SCHEMA_VERSION = "1.0"


def _round(score: float) -> float:
    return round(float(score), 4)


def doc_to_record(doc: Doc, doc_id: str, source: str | None = None,
                  meta: dict[str, Any] | None = None) -> dict[str, Any]:
    """The output record of an annotated document."""
    entities = []
    for ent in doc.ents:
        item: dict[str, Any] = {"start": ent.start_char, "end": ent.end_char, "label": ent.label_,
                                "text": ent.text, "norm": ent._.norm}
        if ent.label_ == "PERSON" and ent._.party:
            item["party"] = ent._.party
        entities.append(item)
    terms = [
        {"start": s.start_char, "end": s.end_char, "topic": s.label_, "text": s.text}
        for s in doc.spans.get("topic_terms", [])
    ]
    sections = [
        {"start": s["start"], "end": s["end"], "title": s["title"],
         "topics": {k: _round(v) for k, v in s.get("topics", {}).items()}}
        for s in (doc._.sections or [])
    ]
    return {
        "id": doc_id,
        "source": source,
        "text": doc.text,
        "entities": entities,
        "topics": {k: _round(v) for k, v in doc.cats.items()},
        "sections": sections,
        "topic_terms": terms,
        "events": list(doc._.events or []) if doc.has_extension("events") else [],
        "meta": {**(meta or {}), "svpol_version": __version__, "schema_version": SCHEMA_VERSION},
    }


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write_jsonl(path: str | Path, records: Any) -> int:
    """Write records as JSONL (replacing the file); returns how many."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for record in records:
            f.write(dumps(record) + "\n")
            count += 1
    return count


class JsonlWriter:
    """Appends records to a JSONL file; knows the ids already written (for resuming)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.repaired = False
        self.existing_ids: set[str] = self._scan()
        self._file: IO[str] | None = None

    def _scan(self) -> set[str]:
        """Ids already in the file (read line by line); a partial (unterminated or broken) last
        line is cut off, a broken line before the last one is an error."""
        if not self.path.exists():
            return set()
        ids: set[str] = set()
        good_until = 0
        with open(self.path, "rb") as f:
            number = 0
            for raw in f:
                number += 1
                try:
                    if not raw.endswith(b"\n"):
                        raise ValueError("unterminated line")
                    ids.add(str(json.loads(raw)["id"]))
                except (ValueError, KeyError, TypeError) as err:
                    if f.read(1):
                        raise ValueError(f"{self.path}:{number}: not a valid output line ({err}); "
                                         "refusing to append to a damaged file") from err
                    break
                good_until += len(raw)
            size = f.seek(0, 2)
        if good_until < size:
            with open(self.path, "r+b") as f:
                f.truncate(good_until)
            self.repaired = True
        return ids

    def __enter__(self) -> JsonlWriter:
        self._file = open(self.path, "a", encoding="utf-8", newline="\n")
        return self

    def write(self, record: dict[str, Any]) -> None:
        assert self._file is not None, "use JsonlWriter as a context manager"
        self._file.write(dumps(record) + "\n")
        self.existing_ids.add(str(record["id"]))

    def flush(self) -> None:
        if self._file:
            self._file.flush()

    def __exit__(self, *exc: object) -> None:
        if self._file:
            self._file.close()
            self._file = None
