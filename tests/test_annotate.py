"""End-to-end batch annotation: the CLI, determinism, resume, and bad input."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.annotate import annotate
from pipeline.cli import app
from pipeline.data import OutputError, doc_to_record, validate_record
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


# --- issue 13: one bad document never stops a run ------------------------------------------------

def test_document_over_max_length_is_annotated_in_pieces(nlp, tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Anna Svensson (S) yrkar bifall.", encoding="utf-8")
    long_text = "Nämnden diskuterade budgeten för äldreomsorgen.\n\n" * 200 + "§ 9 Val\n\nÅsa Öberg (V) valdes.\n"
    (src / "long.txt").write_text(long_text, encoding="utf-8")
    (src / "z.txt").write_text("Moderaterna yrkar avslag.", encoding="utf-8")
    monkeypatch.setattr(nlp, "max_length", 3000)  # a 1M-character document, scaled down
    summary = annotate([src], tmp_path / "o.jsonl", nlp=nlp)
    assert summary.ok and summary.written == 3
    record = {r["id"]: r for r in _lines(tmp_path / "o.jsonl")}["long"]
    assert record["text"] == long_text
    assert ("Åsa Öberg", "PERSON") in {(e["text"], e["label"]) for e in record["entities"]}
    assert record["sections"][-1]["title"] == "§ 9 Val"
    validate_record(record)


def test_lone_surrogate_is_replaced_and_reported(nlp, tmp_path):
    src = tmp_path / "s.jsonl"
    src.write_text('{"id": "bad", "text": "Hej \\ud800 Anna Svensson (S)"}\n'
                   + "".join(f'{{"id": "g{i}", "text": "Moderaterna {i}"}}\n' for i in range(6)), encoding="utf-8")
    summary = annotate([src], tmp_path / "o.jsonl", nlp=nlp)
    assert summary.ok and summary.written == 7
    assert any(f"{src}:1" in w and "surrogate" in w for w in summary.warnings)
    assert {r["id"]: r["text"] for r in _lines(tmp_path / "o.jsonl")}["bad"] == "Hej \ufffd Anna Svensson (S)"


def _calls(nlp, text):
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.runcall(nlp, text)
    return pstats.Stats(profile).total_calls


def test_work_grows_linearly_with_document_length(nlp):
    """Function calls (not seconds) on a text and on the same text four times over: linear work
    gives about 4x, the old per-span ``doc.text`` rebuilt the text per candidate (about 16x)."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))[:10_000]
    nlp(text)
    small, large = _calls(nlp, text), _calls(nlp, "\n\n".join([text] * 4))
    assert large / small < 6, (small, large)


def test_stray_byte_keeps_utf8(nlp, tmp_path):
    path = tmp_path / "u.txt"
    good = "Förslag från Åsa Öberg (V) i Göteborg.".encode()
    path.write_bytes(good + b"\x97 Slut.")
    summary = annotate([path], tmp_path / "o.jsonl", nlp=nlp)
    [record] = _lines(tmp_path / "o.jsonl")
    assert record["text"] == "Förslag från Åsa Öberg (V) i Göteborg.\ufffd Slut."
    assert ("Åsa Öberg", "PERSON") in {(e["text"], e["label"]) for e in record["entities"]}
    assert any(f"at byte {len(good)}," in w and "U+FFFD" in w for w in summary.warnings)


def test_decomposed_text_is_normalised_and_reported(nlp, tmp_path):
    composed = "Förslag från Åsa Öberg (V) om äldreomsorgen i Göteborg."
    path = tmp_path / "n.txt"
    path.write_text(__import__("unicodedata").normalize("NFD", composed), encoding="utf-8")
    summary = annotate([path], tmp_path / "o.jsonl", nlp=nlp)
    [record] = _lines(tmp_path / "o.jsonl")
    assert record["text"] == composed and any("NFC" in w for w in summary.warnings)
    assert record["entities"] == [r for r in doc_to_record(nlp(composed), "n")["entities"]]


def test_output_is_guarded(nlp, tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Moderaterna"}\n', encoding="utf-8")
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "x", "text": "Hej"}\n', encoding="utf-8")
    for target, message in [(src, "also an input"), (other, "not an svpol output"), ("/dev/full", "system folder"),
                            ("/dev/stdout", "system folder")]:
        with pytest.raises(OutputError, match=message):
            annotate([src], target, nlp=nlp)
    assert src.read_text(encoding="utf-8").count("\n") == 1 and other.read_text(encoding="utf-8").count("\n") == 1
    assert annotate([src], "-", nlp=nlp).written == 1
    assert json.loads(capsys.readouterr().out)["id"] == "a"
    assert not (tmp_path.parent / "-").exists() and not Path("-").exists()


def test_odd_ids(nlp, tmp_path):
    src = tmp_path / "in"
    (src / "x").mkdir(parents=True)
    (src / "y").mkdir()
    (src / "x" / "doc.txt").write_text("Moderaterna", encoding="utf-8")
    (src / "y" / "doc.txt").write_text("Liberalerna", encoding="utf-8")
    (src / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": None, "text": "A"}, {"id": None, "text": "B"}, {"id": {"k": 1}, "text": "C"}, {"id": "", "text": "D"},
        {"id": 7, "text": "E"}, {"id": "7", "text": "F"}, {"id": True, "text": "G"}]), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    summary = annotate([src], out, nlp=nlp)
    assert [r["id"] for r in _lines(out)] == ["r:1", "r:2", 7, "7", "x/doc", "y/doc"]
    assert [f.split(": ", 1)[0] for f in summary.failed] == [f"{src}/r.jsonl:{n}" for n in (3, 4, 7)]
    assert annotate([src], out, nlp=nlp).already_done == 6  # resumed, 7 and "7" told apart


@pytest.mark.parametrize("target", ["folder", "read-only", "/proc/svpol/o.jsonl"])
def test_output_errors_are_one_line(tmp_path, monkeypatch, nlp, target):
    import pipeline.annotate
    from pipeline.data import writers

    monkeypatch.setattr(pipeline.annotate, "load_pipeline", lambda model=None: nlp)
    good = tmp_path / "ok.txt"
    good.write_text("Moderaterna", encoding="utf-8")
    path = {"folder": str(tmp_path), "read-only": str(tmp_path / "ro" / "o.jsonl")}.get(target, target)

    def read_only(file, mode="r", *args, **kwargs):  # emulated: the tests may run as root
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(writers, "open", read_only, raising=False)
    result = CliRunner().invoke(app, ["annotate", str(good), "-o", path, "--no-progress"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("svpol annotate: ")


def test_smaller_items(nlp, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for paths in ([tmp_path / "missing.txt"], [empty]):
        summary = annotate(paths, tmp_path / "o.jsonl", nlp=nlp)
        assert not summary.ok and not (tmp_path / "o.jsonl").exists()
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.text", "b.md", "c.TXT"):
        (src / name).write_text("Moderaterna\u2028och\u2029Liberalerna", encoding="utf-8")
    (src / "d.ndjson").write_text('{"id": "d", "text": "Hej"}\n{"id": "e", "text": "x\n', encoding="utf-8")
    summary = annotate([src], tmp_path / "o.jsonl", nlp=nlp)
    assert summary.written == 4 and "at at" not in summary.failed[0] and "d.ndjson:2" in summary.failed[0]
    assert len((tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()) == 4


def test_rebuilt_model_reannotates_with_force(nlp, tmp_path, monkeypatch):
    from pipeline.api import FINGERPRINT_ATTR

    good = tmp_path / "ok.txt"
    good.write_text("Moderaterna", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    annotate([good], out, nlp=nlp)
    monkeypatch.setattr(nlp, FINGERPRINT_ATTR, "rebuilt00000", raising=False)
    with pytest.raises(OutputError, match="written by model"):
        annotate([good], out, nlp=nlp)
    summary = annotate([good], out, nlp=nlp, force=True)
    assert summary.written == 1 and summary.restarted
    assert _lines(out)[0]["meta"]["model"].endswith("-rebuilt00000")


def test_a_document_the_pipeline_fails_on_is_reported_alone(tmp_path):
    import spacy
    from spacy.language import Language

    @Language.component("svpol_test_boom")
    def boom(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("cannot handle this\nsecond line")
        return doc

    nlp = spacy.blank("sv")
    nlp.add_pipe("svpol_test_boom")
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "ok"}\n{"id": "b", "text": "BOOM"}\n{"id": "c", "text": "ok"}\n',
                   encoding="utf-8")
    summary = annotate([src], tmp_path / "o.jsonl", nlp=nlp)
    assert summary.failed == [f"{src}:2: annotation failed: RuntimeError: cannot handle this"]
    assert [r["id"] for r in _lines(tmp_path / "o.jsonl")] == ["a", "c"]


def test_worker_pool_writes_the_same_bytes_in_input_order(nlp, tmp_path):
    src = tmp_path / "in.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    src.write_text("".join(json.dumps({"id": i, "text": texts[i % 3][: 300 + 37 * i]}) + "\n" for i in range(12)),
                   encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    annotate([src], one, nlp=nlp, batch_size=2)
    assert annotate([src], two, nlp=nlp, n_process=2, batch_size=2).written == 12
    assert one.read_bytes() == two.read_bytes()
