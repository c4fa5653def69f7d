"""The one writer of pipeline output: one JSON object per document, per ``annotation.schema.json``.

Output is deterministic (fixed key order, no timestamps), and ``JsonlWriter`` resumes: ids already
in the file are known, and a partial last line left by an interrupted run is cut off.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from spacy.tokens import Doc

from .. import __version__
from .readers import JSONL_SUFFIXES, TEXT_SUFFIXES

SCHEMA_VERSION = "1.0"


def _round(score: float) -> float:
    return round(float(score), 4)


def doc_to_record(doc: Doc, doc_id: str | int, source: str | None = None,
                  meta: dict[str, Any] | None = None, model: str | None = None) -> dict[str, Any]:
    """The output record of an annotated document; ``model`` (the model's name, version and
    fingerprint) goes into ``meta`` so that a resumed output is known to come from the same model."""
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
        "meta": {**(meta or {}), "svpol_version": __version__, "schema_version": SCHEMA_VERSION,
                 **({"model": model} if model else {})},
    }


# Characters that line-based readers (Python's str.splitlines, many editors) take as line ends:
# escaped, so that one JSON object is always one line.
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_LINE_BREAK_RE = re.compile("[\u2028\u2029\x85]")


def escape_line_breaks(line: str) -> str:
    """A JSON line with U+2028, U+2029 and U+0085 written as ``\\u`` escapes (still the same JSON)."""
    return _LINE_BREAK_RE.sub(lambda m: _LINE_BREAKS[m.group()], line)


def dumps(record: dict[str, Any]) -> str:
    return escape_line_breaks(json.dumps(record, ensure_ascii=False, separators=(",", ":")))


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


class OutputError(Exception):
    """An output that cannot or must not be written; the message is one line for the user."""


STDOUT = "-"
_SYSTEM_DIRS = ("/proc", "/sys", "/dev")


def _first_record(path: Path) -> dict[str, Any] | None:
    """The first line of a file as a JSON object, or ``None`` when it is not one."""
    with open(path, "rb") as f:
        line = f.readline(1 << 26)
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) else None


def check_output(path: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Refuse an output that would destroy or loop on the input, or that is no file: raises
    ``OutputError`` with one line."""
    if str(path) == STDOUT:
        return
    path = Path(path)
    resolved = path.resolve()
    for system in map(Path, _SYSTEM_DIRS):
        if any(p == system or system in p.parents for p in (resolved, Path(os.path.abspath(path)))):
            raise OutputError(f"output {path} is in the system folder {system}: write to a regular file "
                              "(or -o - for standard output)")
    if path.is_dir():
        raise OutputError(f"output {path} is a folder: name a .jsonl file inside it")
    if path.exists() and not path.is_file():
        raise OutputError(f"output {path} is not a regular file (a device, pipe or socket); "
                          "use -o - for standard output")
    for raw in inputs:
        given = Path(raw).resolve()
        if given == resolved:
            raise OutputError(f"output {path} is also an input: choose another -o")
        if given.is_dir() and given in resolved.parents:
            if resolved.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                raise OutputError(f"output {path} lies in the input folder {raw} and would be read as input: "
                                  "choose another -o")


class JsonlWriter:
    """Appends records to a JSONL file; knows the ids already written (for resuming).

    The file is created at the first record, so a run that writes nothing leaves no empty output.
    An existing file must be an svpol output (else ``OutputError``, or ``overwrite``); when it was
    written by another model (``meta.model``), ``force`` starts it afresh, else ``OutputError``.
    ``-`` writes to standard output, without resuming.
    """

    def __init__(self, path: str | Path, model: str | None = None, overwrite: bool = False,
                 force: bool = False) -> None:
        self.stdout = str(path) == STDOUT
        self.path = Path(path)
        self.model = model
        self.repaired = False
        self.restarted: str | None = None  # why an existing output was started afresh
        self._truncate = False
        self._file: IO[str] | None = None
        self.existing_ids: set[str | int] = set()
        if self.stdout or not self.path.exists():
            return
        if not self.path.is_file():
            raise OutputError(f"output {self.path} is not a regular file")
        if overwrite:
            self._truncate, self.restarted = True, "--overwrite"
            return
        if self.path.stat().st_size == 0:
            return
        first = _first_record(self.path)
        if first is None and self._partial_first_line():
            self.path.write_bytes(b"")  # a run killed while writing its first record: start afresh
            self.repaired = True
            return
        if first is None or not isinstance(first.get("meta"), dict) or "svpol_version" not in first["meta"]:
            raise OutputError(f"output {self.path} exists and is not an svpol output: choose another -o, "
                              "or pass --overwrite to replace it")
        written_by = first["meta"].get("model")
        if model and written_by and written_by != model:
            if not force:
                raise OutputError(f"output {self.path} was written by model {written_by}, not {model}: "
                                  "pass --force to annotate it afresh, or choose another -o")
            self._truncate, self.restarted = True, f"written by model {written_by}"
            return
        self.existing_ids = self._scan()
        if "model" not in first["meta"]:
            # written before ids were typed: an integer id was written as its digits
            self.existing_ids |= {int(i) for i in self.existing_ids if isinstance(i, str) and i.isdigit()}

    def _partial_first_line(self) -> bool:
        """Whether the file is one unterminated line that starts as every svpol record does."""
        with open(self.path, "rb") as f:
            data = f.read(1 << 20)
            return data.startswith(b'{"id":') and b"\n" not in data and not f.read(1)

    def _scan(self) -> set[str | int]:
        """Ids already in the file (read line by line); a partial (unterminated or broken) last
        line is cut off, a broken line before the last one is an error."""
        ids: set[str | int] = set()
        good_until = 0
        with open(self.path, "rb") as f:
            number = 0
            for raw in f:
                number += 1
                try:
                    if not raw.endswith(b"\n"):
                        raise ValueError("unterminated line")
                    doc_id = json.loads(raw)["id"]
                    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
                        raise ValueError(f"id {doc_id!r} is not a string or integer")
                    ids.add(doc_id)
                except (ValueError, KeyError, TypeError) as err:
                    if f.read(1):
                        raise OutputError(f"{self.path}:{number}: not a valid output line ({err}); "
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
        if self._truncate:
            self._open("w")
        return self

    def _open(self, mode: str) -> IO[str]:
        if self._file is None:
            if self.stdout:
                self._file = sys.stdout
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(self.path, mode, encoding="utf-8", newline="\n")
        return self._file

    def write(self, record: dict[str, Any]) -> None:
        self.write_line(dumps(record), record["id"])

    def write_line(self, line: str, doc_id: str | int) -> None:
        """Write one record already serialised by ``dumps`` (as workers send them)."""
        self._open("a").write(line + "\n")
        self.existing_ids.add(doc_id)

    def flush(self) -> None:
        if self._file:
            self._file.flush()

    def __exit__(self, *exc: object) -> None:
        if self._file and not self.stdout:
            self._file.close()
        elif self._file:
            self._file.flush()
        self._file = None
