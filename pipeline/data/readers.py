"""The one reader of input documents: text files, folders (recursively) and JSONL files.

Nothing is dropped silently, and one bad document never spoils the others: a stray byte in a UTF-8
file is replaced (U+FFFD) and reported with its offset (cp1252 is used only when the file as a whole
is not UTF-8), lone surrogates are replaced and reported, text is normalised to NFC (reported), and
empty or binary files, bad JSONL lines and bad ids come out as ``InputProblem`` items naming file
and line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = (".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")

DocId = str | int


@dataclass
class InputDoc:
    id: DocId
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
    """Text of a file and a warning when it was not clean UTF-8.

    A file that is UTF-8 but for a few stray bytes stays UTF-8 (the bytes become U+FFFD, the first
    offset is reported), so that one bad byte cannot garble every "Å" of the file; cp1252 (then
    latin-1) is used only when the file's non-ASCII bytes are mostly not UTF-8, as in a legacy file.
    """
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        first = err.start
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count(REPLACEMENT) - data.count(REPLACEMENT.encode("utf-8"))
    good = sum(1 for c in text if ord(c) > 127 and c != REPLACEMENT)
    if good > bad:
        return text, (f"not valid UTF-8: {bad} bad byte sequence(s), the first at byte {first}, "
                      "replaced by U+FFFD")
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), f"not UTF-8 (byte {first}); read as {encoding}"
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")


def clean_text(text: str, nfc: bool = True) -> tuple[str, list[str]]:
    """Text with lone surrogates replaced (they cannot be written as UTF-8) and, with ``nfc``,
    normalised to NFC (so that "A\\u030a" matches as "Å"), with a warning for each change."""
    warnings = []
    first = _SURROGATE.search(text)
    if first:
        count = len(_SURROGATE.findall(text))
        text = _SURROGATE.sub(REPLACEMENT, text)
        warnings.append(f"{count} lone surrogate(s), the first at character {first.start()}, replaced by U+FFFD")
    if nfc and not unicodedata.is_normalized("NFC", text):
        warnings.append("text normalised to Unicode NFC (it had decomposed characters)")
        text = unicodedata.normalize("NFC", text)
    return text, warnings


def _without_surrogates(value: Any) -> Any:
    """A JSON value with lone surrogates in its strings replaced (they cannot be written as UTF-8)."""
    if isinstance(value, str):
        return _SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


def check_id(value: Any) -> DocId | None:
    """A record's id as given: a non-empty string or an integer (kept distinct from the string of
    the same digits); ``None`` for anything else."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and control / len(sample) > 0.05


def _id_base(path: Path, root: Path | None) -> str:
    """A file's id: its path relative to the folder named (without suffix), so two ``doc.txt`` in
    different subfolders never clash; the stem for a file named directly."""
    if root is None:
        return path.stem
    return path.relative_to(root).with_suffix("").as_posix()


def expand_paths(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str] | InputProblem]:
    """Files named, and the text/JSONL files below folders named, in a stable (sorted) order, each
    with its id base; a folder's files of other kinds are reported (one line per folder)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = 0
            others: Counter[str] = Counter()
            for child in sorted(path.rglob("*")):
                if not child.is_file() or child.name.startswith("."):
                    continue
                if child.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                    found += 1
                    yield child, _id_base(child, path)
                else:
                    others[child.suffix.lower() or "(no suffix)"] += 1
            if others:
                kinds = ", ".join(f"{suffix}: {n}" for suffix, n in sorted(others.items()))
                yield InputProblem(str(path), f"{sum(others.values())} file(s) of other kinds not read ({kinds})",
                                   skipped=True)
            if not found:
                yield InputProblem(str(path), "no .txt/.text/.md/.jsonl/.ndjson/.json files in this folder")
        elif path.is_file():
            yield path, _id_base(path, None)
        else:
            yield InputProblem(str(path), "no such file or folder")


def read_text_file(path: Path, doc_id: str | None = None, nfc: bool = True) -> InputDoc | InputProblem:
    data = path.read_bytes()
    if not data.strip():
        return InputProblem(str(path), "empty file", skipped=True)
    if looks_binary(data):
        return InputProblem(str(path), "binary file (not text)", skipped=True)
    text, warning = decode(data)
    text, warnings = clean_text(text, nfc)
    return InputDoc(id=doc_id or path.stem, text=text, source=str(path),
                    warnings=([warning] if warning else []) + warnings)


def read_jsonl_file(path: Path, id_base: str | None = None, nfc: bool = True
                    ) -> Iterator[InputDoc | InputProblem]:
    """One document per line with a ``text`` field; ``id`` is the record's (a non-empty string or
    an integer), or ``<file stem>:<line>`` when it is missing or null.

    Read line by line, so a large file never sits in memory whole."""
    base = id_base or path.stem
    with open(path, "rb") as f:
        for number, raw in enumerate(f, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            line, warning = decode(raw)
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                reason = re.sub(r"\s+at$", "", err.msg)  # "Invalid control character at" + our "column"
                yield InputProblem(where, f"bad JSON ({reason}, column {err.colno})")
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield InputProblem(where, "no 'text' string field")
                continue
            if not record["text"].strip():
                yield InputProblem(where, "empty text", skipped=True)
                continue
            raw_id = record.get("id")
            doc_id = f"{base}:{number}" if raw_id is None else check_id(raw_id)
            if doc_id is None:
                yield InputProblem(where, f"bad id {json.dumps(raw_id, ensure_ascii=True)[:60]} "
                                          "(must be a non-empty string or an integer)")
                continue
            text, warnings = clean_text(record["text"], nfc)
            doc_id = _without_surrogates(doc_id)
            meta = _without_surrogates({k: v for k, v in record.items() if k not in ("id", "text")})
            yield InputDoc(id=doc_id, text=text, source=where, meta=meta,
                           warnings=([warning] if warning else []) + warnings)


def read_inputs(paths: Iterable[str | Path], nfc: bool = True) -> Iterator[InputDoc | InputProblem]:
    """Every input document (or problem) under ``paths``, streamed.

    ``nfc=False`` keeps each text's code points as they are (surrogates still replaced): for
    annotation, where gold offsets must refer to the source text exactly."""
    for item in expand_paths(paths):
        if isinstance(item, InputProblem):
            yield item
            continue
        path, id_base = item
        try:
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from read_jsonl_file(path, id_base, nfc)
            else:
                yield read_text_file(path, id_base, nfc)
        except OSError as err:
            yield InputProblem(str(path), f"cannot read: {err.strerror or err}")
