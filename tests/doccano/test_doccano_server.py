"""The doccano workflow against a real server (``make doccano-up``): push, annotate, pull, train."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from doccano_testkit import example_docs, read_jsonl, standin_nlp, write_jsonl

from pipeline.doccano.agreement import agreement
from pipeline.doccano.client import Connection, Settings
from pipeline.doccano.pull import pull
from pipeline.doccano.push import push

pytestmark = pytest.mark.doccano

GOLD = [
    {"id": "g-1", "genre": "minutes", "sha256": "0" * 64,
     "text": "Abit Dundar m.fl. (L) föreslår att Stockholms stad avsätter 35,3 mnkr den 16 maj 2016.",
     "label": [[0, 11, "PERSON"], [19, 20, "PARTY"], [35, 50, "ORG"], [60, 69, "MONEY"], [74, 85, "DATE"]],
     "norm": [[19, 20, "L"], [60, 69, {"amount": 35300000, "currency": "SEK"}], [74, 85, "2016-05-16"]],
     "cats": ["socialtjanst", "extremism"]},
    {"id": "g-2", "genre": "riksdag", "text": "Moderaterna vill satsa på äldreomsorgen i Sverige.",
     "label": [[0, 11, "PARTY"], [42, 49, "LOC"]], "norm": [[0, 11, "M"]], "cats": ["aldreomsorg"]},
    {"id": "g-3", "genre": "regeringen", "text": "Inga entiteter här alls.",
     "label": [], "norm": [], "cats": []},
]




def _cli(*args: str, env: dict[str, str] | None = None, timeout: int = 180) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "pipeline.doccano.cli", *args], capture_output=True,
                          text=True,
                          env=full_env, timeout=timeout)


def test_round_trip_of_gold_is_lossless(tmp_path: Path, admin: Connection, project_name: str):
    src = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    report = push([src], project_name, conn=admin)
    assert (report.created, report.uploaded, report.skipped) == (True, 3, 0)
    out = tmp_path / "pulled.jsonl"
    pull(project_name, out, conn=admin)
    assert read_jsonl(out) == GOLD  # same spans, norms, topics, extra fields and order


def test_repush_adds_no_duplicates(tmp_path: Path, admin: Connection, project_name: str):
    src = write_jsonl(tmp_path / "gold.jsonl", GOLD[:2])
    r = _cli("push", str(src), "--project", project_name)
    assert r.returncode == 0, r.stderr
    assert "uploaded 2 document(s)" in r.stdout
    r = _cli("push", str(src), "--project", project_name)
    assert r.returncode == 0, r.stderr
    assert "uploaded 0 document(s), skipped 2" in r.stdout
    # more documents than doccano's page size (5): the duplicate check must see them all
    extra = [{"id": f"x-{i}", "text": f"Dokument nummer {i}."} for i in range(8)]
    more = write_jsonl(tmp_path / "more.jsonl", GOLD + extra)
    r = _cli("push", str(more), "--project", project_name)
    assert "uploaded 9 document(s), skipped 2" in r.stdout, r.stderr
    r = _cli("push", str(more), "--project", project_name)
    assert "uploaded 0 document(s), skipped 11" in r.stdout, r.stderr
    project = admin.require_project(project_name)
    assert admin.client.count_examples(project.id) == 11
    types = admin.client.list_label_types(project.id, "span")
    assert sorted(t.text for t in types) == sorted(["PARTY", "PERSON", "MONEY", "DATE", "ORG", "LOC", "CASE"])


def test_pre_annotations_round_trip_and_uncertainty_order(tmp_path: Path, admin: Connection,
                                                          project_name: str,
                                                          doc_to_gold):
    docs = example_docs()
    src = write_jsonl(tmp_path / "docs.jsonl", docs)
    nlp = standin_nlp()
    report = push([src], project_name, pre_annotate=True, order="uncertainty", conn=admin, nlp=nlp)
    assert report.uploaded == 3 and report.dropped_spans == 0
    predicted = zip(docs, nlp.pipe(d["text"] for d in docs), strict=True)
    expected = {d["id"]: doc_to_gold(doc, d["id"]) for d, doc in predicted}
    out = tmp_path / "pulled.jsonl"
    pull(project_name, out, conn=admin)
    pulled = read_jsonl(out)
    # doccano shows documents in upload order: the socialtjänst document (topic score 0.5) comes first
    assert [g["id"] for g in pulled] == ["t-2", "t-1", "t-3"]
    for g in pulled:
        exp = expected[g["id"]]
        assert g["label"] == exp["label"] and g["norm"] == exp["norm"] and g["cats"] == exp["cats"]
        assert g["genre"] == next(d["genre"] for d in docs if d["id"] == g["id"])
    assert any(g["label"] for g in pulled)
    project = admin.require_project(project_name)
    metas = [e.meta for e in admin.client.list_examples(project.id)]
    assert [m["doc_id"] for m in metas] == ["t-2", "t-1", "t-3"]
    assert metas[0]["uncertainty"] > metas[1]["uncertainty"]


def _to_spacy_examples(nlp, gold: list[dict]):
    """A minimal gold -> spaCy training data conversion (what the training converters do)."""
    from spacy.training import Example

    topics = sorted({c for g in gold for c in g["cats"]} | {"extremism", "aldreomsorg", "socialtjanst"})
    examples = []
    for g in gold:
        doc = nlp.make_doc(g["text"])
        ents = [(s, e, lab) for s, e, lab in g["label"]]
        cats = {t: float(t in g["cats"]) for t in topics}
        examples.append(Example.from_dict(doc, {"entities": ents, "cats": cats}))
    return examples, topics


def test_annotate_pull_convert_train(tmp_path: Path, admin: Connection, project_name: str, make_annotator,
                                     doc_to_gold):
    import spacy

    src = write_jsonl(tmp_path / "docs.jsonl", example_docs())
    push([src], project_name, pre_annotate=True, conn=admin, nlp=standin_nlp())
    project = admin.require_project(project_name)

    # a second user corrects one document through the API and marks it as done
    anna = make_annotator(project.id, "svpol-test-anna")
    span_types = {t.text: t.id for t in anna.client.list_label_types(project.id, "span")}
    cat_types = {t.text: t.id for t in anna.client.list_label_types(project.id, "category")}
    example = next(e for e in anna.client.list_examples(project.id) if e.meta["doc_id"] == "t-2")
    text = example.text
    spans = anna.client.list_spans(project.id, example.id)
    assert spans, "the pre-annotations are visible to the annotator"
    wrong = next(s for s in spans if text[s.start_offset:s.end_offset] == "S")
    anna.client.delete_span(project.id, example.id, wrong.id)
    start = text.index("Kommunstyrelsen")
    anna.client.create_span(project.id, example.id, start, start + len("Kommunstyrelsen"), span_types["ORG"])
    start = text.index("S)")
    anna.client.create_span(project.id, example.id, start, start + 1, span_types["PARTY"])
    for cat in anna.client.list_categories(project.id, example.id):
        anna.client.delete_category(project.id, example.id, cat.id)
    anna.client.create_category(project.id, example.id, cat_types["socialtjanst"])
    anna.client.update_example_state(project.id, example.id)

    out = tmp_path / "gold.jsonl"
    r = _cli("pull", "--project", project_name, "-o", str(out), "--approved-only")
    assert r.returncode == 0, r.stderr
    (gold,) = read_jsonl(out)
    assert gold["id"] == "t-2"
    surfaces = {(gold["text"][s:e], lab) for s, e, lab in gold["label"]}
    assert ("Kommunstyrelsen", "ORG") in surfaces and ("S", "PARTY") in surfaces
    assert ("16 maj 2016", "DATE") in surfaces and ("Anna Berg", "PERSON") in surfaces
    assert gold["cats"] == ["socialtjanst"]
    norms = {gold["text"][s:e]: v for s, e, v in gold["norm"]}
    assert norms["16 maj 2016"] == "2016-05-16" and norms["S"] == "S"  # the new PARTY span got its norm

    # convert (the training converter, reading the pulled file unchanged) and train a tiny model on it
    nlp = spacy.blank("sv")
    try:
        from pipeline.training.convert import convert_gold
    except ImportError:  # pragma: no cover - the core package provides it
        examples, _ = _to_spacy_examples(nlp, read_jsonl(out))
    else:
        from spacy.tokens import DocBin
        from spacy.training import Example

        report = convert_gold([out], tmp_path / "train.spacy", strict=True)
        assert report.ok
        docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab))
        assert [d.text for d in docs] == [gold["text"]]
        examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    nlp.add_pipe("ner")
    nlp.add_pipe("textcat_multilabel")
    nlp.initialize(lambda: examples)
    losses: dict[str, float] = {}
    for _ in range(3):
        nlp.update(examples, losses=losses)
    assert set(losses) == {"ner", "textcat_multilabel"} and all(v >= 0 for v in losses.values())
    assert set(nlp.get_pipe("ner").labels) >= {"ORG", "PARTY", "DATE", "PERSON"}
    assert "socialtjanst" in nlp.get_pipe("textcat_multilabel").labels


def test_agreement_of_two_annotators(tmp_path: Path, admin: Connection, project_name: str, make_annotator):
    src = write_jsonl(tmp_path / "docs.jsonl", [{"id": g["id"], "text": g["text"]} for g in GOLD[:2]])
    r = _cli("push", str(src), "--project", project_name, "--independent")
    assert r.returncode == 0, r.stderr
    project = admin.require_project(project_name)
    assert project.collaborative_annotation is False

    def annotate(conn: Connection, party_l: bool, topic: str) -> None:
        spans = {t.text: t.id for t in conn.client.list_label_types(project.id, "span")}
        cats = {t.text: t.id for t in conn.client.list_label_types(project.id, "category")}
        for ex in conn.client.list_examples(project.id):
            if ex.meta["doc_id"] == "g-1":
                conn.client.create_span(project.id, ex.id, 0, 11, spans["PERSON"])
                if party_l:
                    conn.client.create_span(project.id, ex.id, 19, 20, spans["PARTY"])
                conn.client.create_category(project.id, ex.id, cats[topic])
            else:
                conn.client.create_span(project.id, ex.id, 0, 11, spans["PARTY"])
                conn.client.create_category(project.id, ex.id, cats["aldreomsorg"])
            conn.client.update_example_state(project.id, ex.id)

    annotate(make_annotator(project.id, "svpol-test-anna"), party_l=True, topic="socialtjanst")
    annotate(make_annotator(project.id, "svpol-test-bo"), party_l=False, topic="extremism")

    per = tmp_path / "per-annotator"
    r = _cli("pull", "--project", project_name, "--approved-only", "--per-annotator", str(per))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in per.glob("*.jsonl")) == ["svpol-test-anna.jsonl", "svpol-test-bo.jsonl"]
    res = agreement(per)
    (pair,) = res["pairs"]
    assert pair["documents"] == 2
    assert pair["span_f1"]["PERSON"]["f1"] == 1.0
    assert pair["span_f1"]["PARTY"]["f1"] == pytest.approx(2 * 1 / 3)
    assert pair["topic_kappa"]["aldreomsorg"] == 1.0
    r = _cli("agreement", str(per), "--json", str(tmp_path / "agreement.json"))
    assert r.returncode == 0 and "svpol-test-anna vs svpol-test-bo" in r.stdout


def test_shared_project_has_no_per_annotator_export(tmp_path: Path, admin: Connection, project_name: str):
    push([write_jsonl(tmp_path / "gold.jsonl", GOLD[:1])], project_name, conn=admin)
    r = _cli("pull", "--project", project_name, "--per-annotator", str(tmp_path / "per"))
    assert r.returncode == 1 and "--independent" in r.stderr and "Traceback" not in r.stderr


def test_wrong_password_gives_one_line_error_without_the_password(tmp_path: Path, settings: Settings):
    bad = "not-the-password-42"
    r = _cli("pull", "--project", "x", "-o", str(tmp_path / "o.jsonl"), env={"DOCCANO_PASSWORD": bad})
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert "DOCCANO_USERNAME / DOCCANO_PASSWORD" in lines[0]
    assert bad not in r.stderr + r.stdout and settings.password not in r.stderr + r.stdout


def test_unknown_project_and_validation_errors_are_clear(tmp_path: Path, admin: Connection,
                                                         project_name: str):
    r = _cli("pull", "--project", project_name, "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 1 and "no doccano project named" in r.stderr
    bad = [{"id": "bad-1", "text": "Moderaterna röstade nej.", "label": [[0, 12, "PARTY"]], "cats": []}]
    r = _cli("push", str(write_jsonl(tmp_path / "bad.jsonl", bad)), "--project", project_name)
    assert r.returncode == 1 and "bad-1" in r.stderr and "whitespace" in r.stderr
    assert "Traceback" not in r.stderr
    # a misaligned span (doccano itself refuses overlaps) makes pull fail, naming the document
    push([write_jsonl(tmp_path / "ok.jsonl", GOLD[1:2])], project_name, conn=admin)
    project = admin.require_project(project_name)
    (ex,) = list(admin.client.list_examples(project.id))
    types = {t.text: t.id for t in admin.client.list_label_types(project.id, "span")}
    start = ex.text.index("äldreomsorgen")
    admin.client.create_span(project.id, ex.id, start, start + 5, types["ORG"])  # "äldre": ends inside a word
    out = tmp_path / "o.jsonl"
    r = _cli("pull", "--project", project_name, "-o", str(out))
    assert r.returncode == 1 and "g-2" in r.stderr and "ends inside a word" in r.stderr and not out.exists()


def test_cli_pre_annotates_with_the_real_pipeline(tmp_path: Path, project_name: str):
    """``push --pre-annotate`` with the core pipeline, pulled back unchanged (lossless round trip)."""
    from pipeline.api import load_pipeline
    from pipeline.data import doc_to_gold

    docs = example_docs()
    src = write_jsonl(tmp_path / "docs.jsonl", docs)
    r = _cli("push", str(src), "--project", project_name, "--pre-annotate", "--order", "uncertainty")
    assert r.returncode == 0, r.stderr
    assert "uploaded 3 document(s)" in r.stdout and "dropped" not in r.stdout
    out = tmp_path / "pulled.jsonl"
    r = _cli("pull", "--project", project_name, "-o", str(out))
    assert r.returncode == 0, r.stderr
    nlp = load_pipeline()
    expected = {d["id"]: doc_to_gold(nlp(d["text"]), d["id"]) for d in docs}
    pulled = read_jsonl(out)
    assert sorted(g["id"] for g in pulled) == sorted(expected)
    for g in pulled:
        exp = expected[g["id"]]
        assert (g["text"], g["label"], g["norm"], g["cats"]) == (
            exp["text"], exp["label"], exp["norm"], exp["cats"])
