"""Evaluation reports: deterministic files, systems, splits, comparison with the previous report."""

import itertools
import json

import pytest
import spacy
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluate import SplitError, load_gold
from pipeline.reports import (
    REGRESSION_THRESHOLD,
    System,
    compare,
    context,
    load_system,
    top_errors,
    write_report,
)

DOCS = [
    ("m1", "minutes",
     "Abit Dundar m.fl. (L) föreslår att socialnämnden får 35,3 mnkr från den 7 april 2017 för hemtjänst "
     "och särskilt boende i äldreomsorgen. Ärendet gäller Granåsen i Stockholm. Dundar anser att "
     "Granåsen ska få mer.",
     [("Abit Dundar", "PERSON"), ("L", "PARTY"), ("socialnämnden", "ORG"), ("35,3 mnkr", "MONEY"),
      ("7 april 2017", "DATE"), ("Granåsen", "ORG"), ("Stockholm", "LOC"), ("Dundar", "PERSON")],
     ["aldreomsorg"]),
    ("r1", "riksdag",
     "Anna Kinberg (M) och Socialdemokraterna talade om 2 miljarder kronor till Försvarshögskolan "
     "i Sverige våren 2017. Granåsen nämndes i ärende KS 2015/123.",
     [("Anna Kinberg", "PERSON"), ("M", "PARTY"), ("Socialdemokraterna", "PARTY"),
      ("2 miljarder kronor", "MONEY"), ("Försvarshögskolan", "ORG"), ("Sverige", "LOC"),
      ("våren 2017", "DATE"), ("Granåsen", "ORG"), ("KS 2015/123", "CASE")],
     []),
]


def _spans(text, wanted):
    """[start, end, label] of each (substring, label), left to right, each after the previous one."""
    spans, pos = [], 0
    for sub, label in wanted:
        start = text.index(sub, pos) if text.find(sub, pos) >= 0 else text.index(sub)
        if sub in ("L", "M"):
            start = text.index(f"({sub})") + 1
        spans.append([start, start + len(sub), label])
        pos = start + len(sub)
    return sorted(spans)


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("gold") / "gold.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, genre, text, wanted, cats in DOCS:
            f.write(json.dumps({"id": doc_id, "genre": genre, "text": text, "label": _spans(text, wanted),
                                "cats": cats}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def gold(gold_file):
    return load_gold([gold_file])[0]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A small model folder with an (untrained) ner between two rule components, like the combined model."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("svpol_money")
    nlp.add_pipe("svpol_dates")
    ner = nlp.add_pipe("ner")
    for label in ("PERSON", "ORG", "LOC"):
        ner.add_label(label)
    nlp.add_pipe("svpol_merge")
    nlp.add_pipe("svpol_topics")
    nlp.initialize()
    path = tmp_path_factory.mktemp("models") / "svpol_sv_tiny"
    nlp.to_disk(path)
    return path


def fake_clock():
    """A clock that advances half a second per reading: timing fields become reproducible too."""
    return itertools.count(start=0.0, step=0.5).__next__


def systems(nlp, tiny_model):
    return [System("rules", nlp), load_system("model", model=tiny_model), load_system("combined", model=tiny_model)]


def read_all(folder):
    return {name: (folder / name).read_bytes() for name in ("metrics.json", "report.md", "report.html")}


def test_report_files_are_deterministic(nlp, tiny_model, gold, tmp_path):
    info = {"paths": ["gold.jsonl"], "split": None, "missing_split_ids": []}
    a, b = tmp_path / "a" / "svpol_sv", tmp_path / "b" / "svpol_sv"
    write_report(gold, systems(nlp, tiny_model), a, info, clock=fake_clock())
    write_report(gold, systems(nlp, tiny_model), b, info, clock=fake_clock())
    first = read_all(a)
    assert first == read_all(b)
    # a second run in each folder compares with the first; the outputs stay identical to each other
    write_report(gold, systems(nlp, tiny_model), a, info, clock=fake_clock())
    write_report(gold, systems(nlp, tiny_model), b, info, clock=fake_clock())
    assert read_all(a) == read_all(b)
    metrics = json.loads(first["metrics.json"])
    assert list(metrics["systems"]) == ["combined", "model", "rules"]   # sorted keys
    assert metrics["systems"]["model"]["status"] == "ok"
    assert "svpol_money" not in metrics["systems"]["model"]["pipeline"]
    assert "ner" in metrics["systems"]["combined"]["pipeline"]
    for name in ("rules", "model", "combined"):
        s = metrics["systems"][name]
        assert set(s["overall"]) >= {"labels", "partial", "confusion", "micro", "macro", "norm", "topics"}
        assert "errors" not in s["overall"]
        assert set(s["genres"]) == {"minutes", "riksdag"}
        assert s["timing"]["seconds"] == 0.5
    assert metrics["systems"]["model"]["size_mb"] > 0
    assert metrics["gold"]["documents"] == 2
    assert '"context"' not in first["metrics.json"].decode("utf-8")
    md = first["report.md"].decode("utf-8")
    assert "| label | gold | rules P | rules R | rules F | model P |" in md
    for heading in ("## Per label, partial overlap", "## Label confusion", "## Most frequent errors",
                    "## Comparison with the previous report", "## Throughput and size"):
        assert heading in md
    html = first["report.html"].decode("utf-8")
    assert html.count('class="entities"') >= 2 and "http" not in html


def test_only_timing_differs_with_a_real_clock(nlp, gold, tmp_path):
    info = {"paths": ["gold.jsonl"], "split": None, "missing_split_ids": []}
    runs = []
    for folder in ("x", "y"):
        write_report(gold, [System("rules", nlp)], tmp_path / folder, info, model_name="m")
        metrics = json.loads((tmp_path / folder / "metrics.json").read_text(encoding="utf-8"))
        for system in metrics["systems"].values():
            system.pop("timing")
        runs.append(metrics)
    assert runs[0] == runs[1]


def test_regressions_flagged_against_a_fabricated_previous_report(nlp, gold, tmp_path):
    info = {"paths": ["gold.jsonl"], "split": None, "missing_split_ids": []}
    folder = tmp_path / "svpol_sv_rules"
    write_report(gold, [System("rules", nlp)], folder, info, clock=fake_clock())
    previous = json.loads((folder / "metrics.json").read_text(encoding="utf-8"))
    labels = previous["systems"]["rules"]["overall"]["labels"]
    now_party, now_loc, now_date = labels["PARTY"]["f"], labels["LOC"]["f"], labels["DATE"]["f"]
    labels["PARTY"]["f"] = now_party + 0.2                       # was better: a regression
    labels["LOC"]["f"] = now_loc + REGRESSION_THRESHOLD - 0.001  # within the threshold: no flag
    labels["DATE"]["f"] = max(now_date - 0.3, 0.0)               # was worse: an improvement
    (folder / "metrics.json").write_text(json.dumps(previous), encoding="utf-8")

    metrics = write_report(gold, [System("rules", nlp)], folder, info, clock=fake_clock())
    regressions = metrics["comparison"]["regressions"]
    assert [(r["system"], r["score"]) for r in regressions] == [("rules", "PARTY F (exact)")]
    assert regressions[0]["delta"] == round(-0.2, 4)
    deltas = metrics["comparison"]["deltas"]["rules"]
    assert deltas["LOC F (exact)"]["regression"] is False
    assert deltas["DATE F (exact)"]["delta"] > 0
    md = (folder / "report.md").read_text(encoding="utf-8")
    assert "**REGRESSION: rules PARTY F (exact)" in md
    assert "-0.200 REGRESSION" in md
    assert 'class="regression"' in (folder / "report.html").read_text(encoding="utf-8")
    assert json.loads((folder / "metrics.json").read_text(encoding="utf-8"))["comparison"]["regressions"]


def _overall(**f):
    labels = {lab: {"p": 0, "r": 0, "f": f.get(lab, 0.5), "tp": 0, "fp": 0, "fn": 0}
              for lab in ("PARTY", "PERSON", "MONEY", "DATE", "ORG", "LOC", "CASE")}
    micro = {"p": 0, "r": 0, "f": 0.5, "tp": 0, "fp": 0, "fn": 0}
    return {"labels": labels, "micro": micro, "micro_core": micro, "macro": {"p": 0, "r": 0, "f": 0.5},
            "partial": {"labels": labels, "micro": micro, "micro_core": micro, "macro": {"p": 0, "r": 0, "f": 0.5}},
            "norm": {"accuracy": 1.0}, "topic_f_mean": 0.5}


def test_compare_threshold_and_old_format():
    now = {"rules": {"status": "ok", "overall": _overall(ORG=0.8, LOC=0.8)}}
    prev = {"gold": {"sha256": "s"}, "systems": {"rules": {"status": "ok", "overall": _overall(ORG=0.805, LOC=0.8051)}}}
    result = compare(prev, now, "s")
    assert [r["score"] for r in result["regressions"]] == ["LOC F (exact)", "LOC F (partial)"]
    assert result["notes"] == []
    # the older single-pipeline metrics.json ({"overall": ...}) is read as the rules system
    old = {"documents": 3, "overall": _overall(PERSON=0.9)}
    result = compare(old, {"rules": {"status": "ok", "overall": _overall(PERSON=0.8)}}, "s")
    assert {r["score"] for r in result["regressions"]} == {"PERSON F (exact)", "PERSON F (partial)"}
    assert any("older" in n for n in result["notes"]) and any("sha256" in n for n in result["notes"])
    assert compare(None, now, "s")["previous"] is False
    # other gold: deltas are shown, drops are not flagged
    other = compare(prev, now, "other")
    assert other["comparable"] is False and other["regressions"] == []
    assert other["deltas"]["rules"]["LOC F (exact)"]["delta"] == -0.0051


def test_top_errors_grouped_with_context(gold):
    by_id = {g["id"]: g for g in gold}
    text = by_id["m1"]["text"]
    start = text.index("Granåsen")
    errors = [{"id": "m1", "kind": "fn", "label": "ORG", "start": s, "end": s + 8, "text": "Granåsen"}
              for s in (start, text.index("Granåsen", start + 1))]
    errors.append({"id": "r1", "kind": "fn", "label": "CASE", "start": 0, "end": 4, "text": "Anna"})
    pred = {"m1": {"id": "m1", "label": [[start, start + 8, "LOC"]]}}
    top = top_errors(errors, by_id, pred)
    assert [(e["count"], e["text"]) for e in top] == [(2, "Granåsen"), (1, "Anna")]
    assert top[0]["example"] == {"id": "m1", "start": start, "end": start + 8}
    assert top[0]["detail"] == "predicted LOC «Granåsen»"
    assert "context" not in top[0]       # metrics.json holds offsets; the text around them only the reports
    assert context(text, start, start + 8, chars=10) == "…et gäller «Granåsen» i Stockho…"
    assert context("a\n b X c", 5, 6, chars=10) == "a b «X» c"
    assert top[1]["detail"] == "nothing predicted here"


def test_model_without_ner_is_skipped(tmp_path):
    nlp = spacy.blank("sv")
    nlp.add_pipe("svpol_money")
    nlp.add_pipe("svpol_merge")
    nlp.to_disk(tmp_path / "rules_only")
    system = load_system("model", model=tmp_path / "rules_only")
    assert system.nlp is None and "no ner" in system.note
    missing = load_system("combined", model=tmp_path / "nothing")
    assert missing.nlp is None and "not found" in missing.note


def test_split_selection(gold_file, tmp_path):
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"train": ["m1"], "dev": [], "test": ["r1", "gone"]}), encoding="utf-8")
    docs, missing = load_gold([gold_file], "test", splits)
    assert [d["id"] for d in docs] == ["r1"] and missing == ["gone"]
    with pytest.raises(SplitError, match="no splits file"):
        load_gold([gold_file], "test", tmp_path / "absent.json")
    with pytest.raises(SplitError, match="none of its"):
        load_gold([gold_file], "dev", splits)


def test_cli_report_mode_split_and_regression_exit(gold_file, tiny_model, tmp_path):
    runner = CliRunner()
    out = tmp_path / "reports" / "svpol_sv_tiny"
    splits = tmp_path / "splits.json"
    splits.write_text(json.dumps({"train": ["m1"], "dev": [], "test": ["r1"]}), encoding="utf-8")
    args = ["evaluate", str(gold_file), "--model", str(tiny_model), "--system", "combined", "--system", "model",
            "--report-dir", str(out), "--split", "test", "--splits", str(splits), "--fail-on-regression"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "combined" in result.output and "wrote" in result.output
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["gold"]["split"] == "test" and metrics["gold"]["documents"] == 1
    assert metrics["model"] == "svpol_sv_tiny"
    metrics["systems"]["combined"]["overall"]["labels"]["MONEY"]["f"] = 1.5
    (out / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    result = runner.invoke(app, args)
    assert result.exit_code == 3 and "REGRESSION: combined MONEY F (exact)" in result.output
    result = runner.invoke(app, [*args[:-5], "--split", "test", "--splits", str(tmp_path / "absent.json")])
    assert result.exit_code == 2 and "no splits file" in result.output


def test_cli_single_pipeline_table_still_works(gold_file, tiny_model, tmp_path):
    output = tmp_path / "m.json"
    result = CliRunner().invoke(app, ["evaluate", str(gold_file), "--model", str(tiny_model),
                                      "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "== overall ==" in result.output and "micro all7" in result.output
    assert json.loads(output.read_text(encoding="utf-8"))["documents"] == 2


def test_cli_missing_shared_data_is_one_clear_line(tmp_path, monkeypatch):
    gold = tmp_path / "standoff.jsonl"
    gold.write_text(json.dumps({"id": "s", "source": {"root": "data", "path": "seed/none.txt"},
                                "sha256": "0" * 64, "label": []}) + "\n", encoding="utf-8")
    monkeypatch.setenv("SVPOL_DATA_DIR", str(tmp_path / "no-data"))
    result = CliRunner().invoke(app, ["evaluate", str(gold), "--system", "rules"])
    assert result.exit_code == 2
    assert "SVPOL_DATA_DIR" in result.output and len(result.output.strip().splitlines()) == 1
