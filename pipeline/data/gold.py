"""Gold annotations in the guidelines' doccano JSONL format, and stand-off gold for shared texts.

A stand-off line names its text instead of holding it (``source``: root ``data`` or ``repo``,
path, optional JSONL ``doc_id`` and ``start``/``end``) plus the sha256 of that text; ``read_gold``
rebuilds the document and refuses a text whose hash changed, so offsets can never silently drift.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..settings import PROJECT_DIR, data_dir


class GoldError(ValueError):
    """A gold line that cannot be used, with the file and line it came from."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def _jsonl_texts(path: str) -> dict[str, str]:
    texts = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            texts[str(record["id"])] = record["text"]
    return texts


def resolve_source(source: dict[str, Any]) -> str:
    """The text a stand-off ``source`` points to."""
    root = data_dir() if source.get("root", "data") == "data" else PROJECT_DIR
    path = root / source["path"]
    if not path.exists():
        raise FileNotFoundError(f"{path} (set SVPOL_DATA_DIR to the shared data folder)")
    if "doc_id" in source:
        text = _jsonl_texts(str(path)).get(str(source["doc_id"]))
        if text is None:
            raise KeyError(f"{path}: no record with id {source['doc_id']!r}")
    else:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    start, end = source.get("start", 0), source.get("end", len(text))
    return text[start:end]


def _spans_from_entities(record: dict[str, Any]) -> list[list[Any]]:
    """doccano's other export shape: ``entities: [{start_offset, end_offset, label}]``."""
    return [[e["start_offset"], e["end_offset"], e["label"]] for e in record.get("entities", [])]


def record_text(record: dict[str, Any], where: str) -> str:
    """A gold line's text: its own, or the stand-off text it names, refused when its hash changed."""
    if "text" in record:
        return record["text"]
    if "source" not in record:
        raise GoldError(f"{where}: neither 'text' nor stand-off 'source'")
    text = resolve_source(record["source"])
    if "sha256" in record and sha256(text) != record["sha256"]:
        raise GoldError(f"{where}: the text of {record['source']} changed (sha256 mismatch)")
    return text


def normalise_gold(record: dict[str, Any], where: str) -> dict[str, Any]:
    """A gold record in one shape: id, text, label, norm, cats (+ genre, source when given)."""
    text = record_text(record, where)
    labels = record.get("label")
    if labels is None:
        labels = _spans_from_entities(record)
    cats = record.get("cats", [])
    if isinstance(cats, dict):
        cats = [k for k, v in cats.items() if v]
    out = {
        "id": str(record.get("id", where)),
        "text": text,
        "label": sorted([int(s), int(e), str(lab)] for s, e, lab in labels),
        "norm": sorted(([int(s), int(e), v] for s, e, v in record.get("norm", [])), key=lambda x: x[:2]),
        "cats": sorted(cats),
    }
    for key in ("genre", "source"):
        if key in record:
            out[key] = record[key]
    for start, end, label in out["label"]:
        if not 0 <= start < end <= len(text):
            raise GoldError(f"{where}: span [{start}, {end}) {label} outside the text")
    return out


def read_gold(path: str | Path) -> Iterator[dict[str, Any]]:
    """Gold records from a JSONL file, or from every ``*.jsonl`` below a folder."""
    path = Path(path)
    files = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    for file in files:
        with open(file, encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                if line.strip():
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as err:
                        raise GoldError(f"{file}:{number}: bad JSON ({err.msg})") from err
                    yield normalise_gold(record, f"{file}:{number}")


def doc_to_gold(doc: Doc, doc_id: str, threshold: float = 0.5) -> dict[str, Any]:
    """A pipeline-annotated doc in the gold format (the shape doccano and the scorer read)."""
    return {
        "id": doc_id,
        "text": doc.text,
        "label": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
        "norm": [[e.start_char, e.end_char, e._.norm] for e in doc.ents
                 if e.label_ in ("PARTY", "MONEY", "DATE")],
        "cats": sorted(k for k, v in doc.cats.items() if v >= threshold),
    }
