"""The one reader of input documents: ``.txt`` files, folders (recursively) and JSONL files.

Nothing is dropped silently: undecodable bytes fall back to cp1252 / latin-1 with a warning, empty
or binary files and bad JSONL lines come out as ``InputProblem`` items that name file (and line).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".json")


@dataclass
class InputDoc:
    id: str
    text: str
    source: str
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class InputProblem:
    source: str
    message: str
    skipped: bool = False  # True: reported and skipped (empty file); False: a failure


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file and, when it was not UTF-8, a warning naming the encoding used."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        position = err.start
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), f"not UTF-8 (byte {position}); read as {encoding}"
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")


def looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and control / len(sample) > 0.05


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputProblem]:
    """Files named, and the text/JSONL files below folders named, in a stable (sorted) order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield InputProblem(str(path), "no such file or folder")


def read_text_file(path: Path) -> InputDoc | InputProblem:
    data = path.read_bytes()
    if not data.strip():
        return InputProblem(str(path), "empty file", skipped=True)
    if looks_binary(data):
        return InputProblem(str(path), "binary file (not text)", skipped=True)
    text, warning = decode(data)
    return InputDoc(id=path.stem, text=text, source=str(path), warnings=[warning] if warning else [])


def read_jsonl_file(path: Path) -> Iterator[InputDoc | InputProblem]:
    """One document per line with a ``text`` field; ``id`` defaults to ``<stem>:<line>``.

    Read line by line, so a large file never sits in memory whole."""
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            line, warning = decode(raw)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputProblem(where, f"bad JSON ({err.msg} at column {err.colno})")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield InputProblem(where, "no 'text' string field")
                continue
            if not record["text"].strip():
                yield InputProblem(where, "empty text", skipped=True)
                continue
            doc_id = str(record.get("id", f"{path.stem}:{number}"))
            meta = {k: v for k, v in record.items() if k not in ("id", "text")}
            yield InputDoc(id=doc_id, text=record["text"], source=where, meta=meta,
                           warnings=[warning] if warning else [])


def read_inputs(paths: Iterable[str | Path]) -> Iterator[InputDoc | InputProblem]:
    """Every input document (or problem) under ``paths``, streamed."""
    for item in expand_paths(paths):
        if isinstance(item, InputProblem):
            yield item
        elif item.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl_file(item)
        else:
            yield read_text_file(item)
