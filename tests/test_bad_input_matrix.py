"""The bad-input matrix of ``docs/bad-input.md``: every kind of bad input run through the CLI, its
exit code, message and what is written. The file is generated here so that it cannot drift:
``SVPOL_WRITE_MATRIX=1 pytest tests/test_bad_input_matrix.py`` rewrites it; otherwise a difference
fails. Signals need a real process and are checked by ``test_annotate_signals.py``."""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from typer.testing import CliRunner

import pipeline.annotate
from pipeline.annotate import AnnotateInterrupted
from pipeline.cli import app
from pipeline.data import writers
from pipeline.settings import PROJECT_DIR

MATRIX = PROJECT_DIR / "docs" / "bad-input.md"
GOOD = "Anna Svensson (S) yrkar bifall till förslaget om äldreomsorg."
LONG = ("Kommunstyrelsen behandlade ärendet om budgeten. Ledamöterna diskuterade länge.\n\n" * 80
        + "§ 5 Äldreomsorg\n\nÅsa Öberg (V) yrkar bifall.\n\n") * 3


def _jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def _svpol_line(doc_id: str, model: str) -> str:
    return json.dumps({"id": doc_id, "source": None, "text": "x", "entities": [], "topics": {}, "sections": [],
                       "topic_terms": [], "meta": {"svpol_version": "0.1.0", "schema_version": "1.0",
                                                   "model": model}}) + "\n"


# kind, files to write ({name: str | bytes}), arguments (``{d}`` is the input folder), what the row shows
CASES: list[tuple[str, dict[str, str | bytes], list[str]]] = [
    ("document over spaCy's max_length (here lowered to 2,000 characters)",
     {"a.txt": GOOD, "long.txt": LONG, "z.txt": GOOD}, ["{d}"]),
    ("lone surrogate in a JSONL text",
     {"s.jsonl": _jsonl('{"id": "s1", "text": "Hej \\ud800 Anna Svensson (S)"}', {"id": "s2", "text": GOOD})},
     ["{d}/s.jsonl"]),
    ("one stray byte in a UTF-8 file", {"u.txt": "Åsa Öberg (V) i Mora.".encode() + b"\xff" + " Ökat.".encode()},
     ["{d}/u.txt"]),
    ("a cp1252 file", {"c.txt": "Åsa Öberg (V) föreslår.".encode("cp1252")}, ["{d}/c.txt"]),
    ("decomposed (NFD) text", {"n.txt": "A\u030asa O\u0308berg (V) i Ga\u0308vle."}, ["{d}/n.txt"]),
    ("empty file", {"e.txt": "  \n", "g.txt": GOOD}, ["{d}"]),
    ("binary file", {"b.txt": b"\x00\x01binary\x00", "g.txt": GOOD}, ["{d}"]),
    ("bad JSON line", {"j.jsonl": _jsonl('{"id": "x", "text": "unterminated', {"id": "ok", "text": GOOD})},
     ["{d}/j.jsonl"]),
    ("JSONL record without text", {"j.jsonl": _jsonl({"id": "x"}, {"id": "ok", "text": GOOD})}, ["{d}/j.jsonl"]),
    ("JSONL record with empty text", {"j.jsonl": _jsonl({"id": "x", "text": " "}, {"id": "ok", "text": GOOD})},
     ["{d}/j.jsonl"]),
    ('"id": null (twice)', {"j.jsonl": _jsonl({"id": None, "text": GOOD}, {"id": None, "text": GOOD})},
     ["{d}/j.jsonl"]),
    ("missing id", {"j.jsonl": _jsonl({"text": GOOD})}, ["{d}/j.jsonl"]),
    ("id is an object", {"j.jsonl": _jsonl({"id": {"a": 1}, "text": GOOD}, {"id": "ok", "text": GOOD})},
     ["{d}/j.jsonl"]),
    ('id is ""', {"j.jsonl": _jsonl({"id": "", "text": GOOD}, {"id": "ok", "text": GOOD})}, ["{d}/j.jsonl"]),
    ('ids 7 and "7"', {"j.jsonl": _jsonl({"id": 7, "text": GOOD}, {"id": "7", "text": GOOD})}, ["{d}/j.jsonl"]),
    ("duplicate id", {"j.jsonl": _jsonl({"id": "a", "text": GOOD}, {"id": "a", "text": GOOD})}, ["{d}/j.jsonl"]),
    ("two doc.txt in different folders", {"x/doc.txt": GOOD, "y/doc.txt": GOOD}, ["{d}"]),
    (".text, .md, .ndjson, .TXT and other files in a folder",
     {"a.text": GOOD, "b.md": GOOD, "c.ndjson": _jsonl({"id": "c", "text": GOOD}), "d.TXT": GOOD, "e.pdf": b"%PDF"},
     ["{d}"]),
    ("U+2028 / U+2029 in a text", {"l.txt": "Rad ett\u2028rad två\u2029 Anna Svensson (S)."}, ["{d}/l.txt"]),
    ("missing input", {}, ["{d}/nope.txt"]),
    ("empty folder", {"empty/.keep": ""}, ["{d}/empty"]),
    ("-o is an input file", {"j.jsonl": _jsonl({"id": "a", "text": GOOD})}, ["{d}/j.jsonl", "-o", "{d}/j.jsonl"]),
    ("-o inside an input folder", {"g.txt": GOOD}, ["{d}", "-o", "{d}/out.jsonl"]),
    ("-o is another JSONL file", {"g.txt": GOOD, "../data.jsonl": _jsonl({"id": "x", "text": "Hej"})},
     ["{d}/g.txt", "-o", "{d}/../data.jsonl"]),
    ("-o is another JSONL file, --overwrite", {"g.txt": GOOD, "../data.jsonl": _jsonl({"id": "x", "text": "Hej"})},
     ["{d}/g.txt", "-o", "{d}/../data.jsonl", "--overwrite"]),
    ("-o written by another model", {"g.txt": GOOD, "../o.jsonl": _svpol_line("g", "old-0.0.1-000000000000")},
     ["{d}/g.txt", "-o", "{d}/../o.jsonl"]),
    ("-o written by another model, --force", {"g.txt": GOOD, "../o.jsonl": _svpol_line("g", "old-0.0.1-000000000000")},
     ["{d}/g.txt", "-o", "{d}/../o.jsonl", "--force"]),
    ("-o - (standard output)", {"g.txt": GOOD}, ["{d}/g.txt", "-o", "-"]),
    ("-o /dev/stdout", {"g.txt": GOOD}, ["{d}/g.txt", "-o", "/dev/stdout"]),
    ("-o /dev/full", {"g.txt": GOOD}, ["{d}/g.txt", "-o", "/dev/full"]),
    ("-o is a folder", {"g.txt": GOOD}, ["{d}/g.txt", "-o", "{d}"]),
    ("-o under /proc", {"g.txt": GOOD}, ["{d}/g.txt", "-o", "/proc/svpol/out.jsonl"]),
    ("-o in a read-only folder", {"g.txt": GOOD, "../ro/.keep": ""}, ["{d}/g.txt", "-o", "{d}/../ro/out.jsonl"]),
]
SIGNAL_ROWS = [
    ("kill -9 of the parent (--n-process 2)", "137", "(none)",
     "whole lines; workers die with it; a cut last line is removed by the next run, which resumes"),
    ("SIGTERM of the parent (--n-process 2)", "130", str(AnnotateInterrupted(12)),
     "whole lines; workers end; the next run resumes"),
    ("SIGINT to the parent, or Ctrl-C (--n-process 2)", "130", str(AnnotateInterrupted(12)),
     "whole lines; workers end; the next run resumes"),
]


def _clean(text: str, root: Path) -> str:
    text = text.replace(str(root), "…")
    text = re.sub(r"-[0-9a-f]{12}\b", "-<fingerprint>", text)
    return re.sub(r"after \d+ documents", "after N documents", text)


def _written(out: Path, stdout: str) -> str:
    if out.name == "-":
        records = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    elif out.is_file():
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    else:
        return "no output file"
    if not records:
        return "empty output"
    shown = ", ".join(json.dumps(r["id"], ensure_ascii=False) for r in records)
    return f"{len(records)} record(s): {shown}"


def _read_only(real_open):
    """``open`` as in a read-only folder ``ro`` (emulated: the tests may run as root, who may write
    anywhere)."""

    def fake(path, mode="r", *args, **kwargs):
        if Path(path).parent.name == "ro" and any(m in mode for m in "wa+"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, mode, *args, **kwargs)

    return fake


def _row(tmp_path: Path, kind: str, files: dict[str, str | bytes], args: list[str], caplog) -> tuple[str, ...]:
    root = tmp_path / "in"
    root.mkdir()
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    args = [a.format(d=root) for a in args]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "out.jsonl")]
    out = Path(args[args.index("-o") + 1])
    system = str(out).startswith(("/dev/", "/proc/"))  # never read back: /dev/stdout is pytest's capture here
    before = out.read_bytes() if out.name != "-" and not system and out.is_file() else None
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="svpol.annotate"):
        result = CliRunner().invoke(app, ["annotate", *args, "--no-progress"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    said = [line.strip() for line in result.stderr.splitlines()
            if line.startswith(("  ", "svpol annotate:", "interrupted"))]
    logged = [r.getMessage() for r in caplog.records]
    lines = [m for m in logged if not any(m in line for line in said)] + said  # warnings, then the summary's
    message = "; ".join(dict.fromkeys(lines)) or "(none)"
    written = "nothing" if system else _written(out, result.stdout)
    if before is not None and out.is_file() and out.read_bytes() == before:
        written = "nothing: the existing file is left unchanged"
    return (kind, f"`{_clean(' '.join(args), tmp_path)}`", str(result.exit_code),
            _clean(message, tmp_path).replace("|", "\\|"), written)


def render(rows: list[tuple[str, ...]]) -> str:
    head = ["# Bad input: what `svpol annotate` does", "",
            "Generated by `tests/test_bad_input_matrix.py` (rewrite with `SVPOL_WRITE_MATRIX=1 pytest "
            "tests/test_bad_input_matrix.py`; the test fails when this file differs). `…` is the input "
            "folder. Exit codes: 0 all written, 1 some document failed (the others are written), 2 the "
            "output was refused or cannot be written (nothing is written), 130 interrupted (whole lines "
            "written, rerun to resume). Warnings and failures name the file (and line) or id.", "",
            "| input | arguments | exit | message | written |", "|---|---|---|---|---|"]
    body = ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(head + body) + "\n"


def test_bad_input_matrix(nlp, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(pipeline.annotate, "load_pipeline", lambda model=None: nlp)
    monkeypatch.setattr(nlp, "max_length", 2000)
    monkeypatch.setattr(writers, "open", _read_only(open), raising=False)
    rows = []
    for i, (kind, files, args) in enumerate(CASES):
        case_dir = tmp_path / f"case{i}"
        case_dir.mkdir()
        rows.append(_row(case_dir, kind, files, args, caplog))
    rows += [(kind, "`… --n-process 2`", code, _clean(message, tmp_path), written)
             for kind, code, message, written in SIGNAL_ROWS]
    text = render(rows)
    if os.environ.get("SVPOL_WRITE_MATRIX"):
        MATRIX.write_text(text, encoding="utf-8")
    assert MATRIX.read_text(encoding="utf-8") == text, "docs/bad-input.md is stale: rerun with SVPOL_WRITE_MATRIX=1"
    assert len(rows) >= 25
