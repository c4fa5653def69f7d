"""End-to-end batch annotation: the CLI, determinism, resume, and bad input."""

import json

from typer.testing import CliRunner

from pipeline.annotate import annotate
from pipeline.cli import app
from pipeline.data import validate_record
from pipeline.settings import PROJECT_DIR

EXAMPLES = PROJECT_DIR / "corpus" / "examples"


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_examples_annotate_deterministically(nlp, tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert annotate([EXAMPLES], first, nlp=nlp).ok
    annotate([EXAMPLES], second, nlp=nlp)
    assert first.read_bytes() == second.read_bytes()
    records = _lines(first)
    assert sorted(r["id"] for r in records) == sorted(p.stem for p in EXAMPLES.glob("*.txt"))
    for record in records:
        validate_record(record)
        assert record["entities"]


def test_resume_skips_done_ids_and_repairs(nlp, tmp_path):
    out = tmp_path / "out.jsonl"
    annotate([EXAMPLES], out, nlp=nlp)
    full = out.read_bytes()
    lines = full.splitlines(keepends=True)
    out.write_bytes(lines[0] + lines[1][: len(lines[1]) // 2])
    summary = annotate([EXAMPLES], out, nlp=nlp)
    assert summary.repaired_output
    assert summary.already_done == 1 and summary.written == len(lines) - 1
    assert sorted(out.read_bytes().splitlines()) == sorted(full.splitlines())


def test_bad_inputs_are_reported_not_lost(nlp, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Anna Svensson (S) yrkar bifall.", encoding="utf-8")
    (src / "latin.txt").write_bytes("Förslag från Åsa Öberg (V).".encode("latin-1"))
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "docs.jsonl").write_text('{"id": "j1", "text": "Moderaterna"}\n{oops\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = annotate([src], out, nlp=nlp)
    assert summary.written == 3
    assert [s.split(":")[-1].strip() for s in summary.skipped] == ["empty file"]
    assert len(summary.failed) == 1 and "docs.jsonl:2" in summary.failed[0]
    assert any("cp1252" in w or "latin-1" in w for w in summary.warnings)
    texts = {r["id"]: r["text"] for r in _lines(out)}
    assert texts["latin"] == "Förslag från Åsa Öberg (V)."


def test_duplicate_ids_fail_loudly(nlp, tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "same.txt").write_text("Text.", encoding="utf-8")
    summary = annotate([tmp_path / "a", tmp_path / "b"], tmp_path / "o.jsonl", nlp=nlp)
    assert summary.written == 1 and "duplicate id" in summary.failed[0]


def test_cli_exit_status_and_summary(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    good = tmp_path / "ok.txt"
    good.write_text("Liberalerna föreslår 5 miljoner kronor.", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["annotate", str(good), str(bad), "-o", str(tmp_path / "o.jsonl"), "--no-progress"])
    assert result.exit_code == 1
    assert "documents written: 1" in result.output and "failed: 1" in result.output
    result = runner.invoke(app, ["annotate", str(good), "-o", str(tmp_path / "o2.jsonl"), "--no-progress"])
    assert result.exit_code == 0, result.output
