"""``svpol doccano stats`` against the real server: an annotator's edits counted against the
pre-annotations, in a shared and in an independent project."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from doccano_testkit import example_docs, standin_nlp

from pipeline.doccano.client import Connection
from pipeline.doccano.push import push
from pipeline.doccano.stats import diff_spans, effort, format_effort

REPO_ROOT = Path(__file__).resolve().parents[2]


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "pipeline.doccano.cli", *args], capture_output=True, text=True,
                          env=env, timeout=300)


def test_diff_spans_pairs_a_fix_as_one_change():
    added, removed, changed = diff_spans({(0, 4, "ORG"), (10, 12, "PARTY")}, {(0, 6, "ORG"), (20, 25, "LOC")})
    assert (added, removed, changed) == ([(20, 25, "LOC")], [(10, 12, "PARTY")], [((0, 4, "ORG"), (0, 6, "ORG"))])


@pytest.mark.doccano
def test_stats_counts_an_annotators_edits_against_the_pre_annotations(tmp_path: Path, admin: Connection,
                                                                     project_name: str, make_annotator,
                                                                     doc_to_gold):
    push([_write_jsonl(tmp_path / "d.jsonl", example_docs())], project_name, pre_annotate=True, conn=admin,
         nlp=standin_nlp())
    project = admin.require_project(project_name)
    anna = make_annotator(project.id, "svpol-test-anna")
    spans = {t.text: t.id for t in anna.client.list_label_types(project.id, "span")}
    cats = {t.text: t.id for t in anna.client.list_label_types(project.id, "category")}
    ex = next(e for e in anna.client.list_examples(project.id) if e.meta["doc_id"] == "t-2")
    text = ex.text
    by_surface = {text[s.start_offset:s.end_offset]: s for s in anna.client.list_spans(project.id, ex.id)}
    anna.client.delete_span(project.id, ex.id, by_surface["S"].id)  # removed
    anna.client.delete_span(project.id, ex.id, by_surface["Anna Berg"].id)  # changed: PERSON -> ORG
    start = text.index("Anna Berg")
    anna.client.create_span(project.id, ex.id, start, start + len("Anna Berg"), spans["ORG"])
    start = text.index("Kommunstyrelsen")  # added
    anna.client.create_span(project.id, ex.id, start, start + len("Kommunstyrelsen"), spans["ORG"])
    anna.client.create_category(project.id, ex.id, cats["extremism"])
    anna.client.update_example_state(project.id, ex.id)
    anna.logout()

    report = effort(project_name, conn=admin)
    assert report.shared and report.documents == 3
    (a,) = [e for e in report.annotators if e.user == "svpol-test-anna"]
    assert (a.documents, a.added, a.removed, a.changed, a.topics_added) == (1, 1, 1, 1, 1)
    assert a.first_edit and a.last_edit and a.seconds is not None and a.seconds >= 0
    assert report.kept_spans == report.pushed_spans - 2
    r = _cli("stats", "--project", project_name)
    assert r.returncode == 0, r.stderr
    assert "svpol-test-anna" in r.stdout and "kept unchanged" in r.stdout


@pytest.mark.doccano
def test_stats_of_an_independent_project(tmp_path: Path, admin: Connection, project_name: str, make_annotator):
    gold = [{"id": "s-1", "text": "Moderaterna vill satsa i Sverige.", "label": [[0, 11, "PARTY"]],
             "norm": [[0, 11, "M"]], "cats": []}]
    push([_write_jsonl(tmp_path / "g.jsonl", gold)], project_name, independent=True, conn=admin)
    project = admin.require_project(project_name)
    bo = make_annotator(project.id, "svpol-test-bo")
    spans = {t.text: t.id for t in bo.client.list_label_types(project.id, "span")}
    (ex,) = list(bo.client.list_examples(project.id))
    bo.client.create_span(project.id, ex.id, 0, 11, spans["PARTY"])  # Bo's own copy: the pushed span again
    bo.client.create_span(project.id, ex.id, 25, 32, spans["LOC"])  # and one more
    report = effort(project_name, conn=admin)
    assert not report.shared
    (b,) = [e for e in report.annotators if e.user == "svpol-test-bo"]
    assert (b.documents, b.added, b.removed, b.changed) == (1, 1, 0, 0)
    assert "svpol-test-bo" in format_effort(report)
