"""Acceptance of issue #16: all 154 real minutes, pushed with the model's pre-annotations and pulled
without edits, come back with every text and span exactly (needs ../shared/data and the server)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from pipeline.doccano import load_labels
from pipeline.doccano.client import Connection
from pipeline.doccano.pull import pull, span_problems
from pipeline.doccano.push import _drop_overlaps, push

pytestmark = pytest.mark.doccano

MINUTES = Path(os.environ.get("SVPOL_DATA_DIR") or Path(__file__).resolve().parents[3] / "shared" / "data"
               ) / "text" / "minutes" / "minutes.jsonl"


class _Processed:
    """The pipeline with its documents processed once (the test compares with the same predictions
    that push uploads, without running the model twice)."""

    def __init__(self, nlp: Any, docs: list[Any]):
        self.pipeline = nlp.pipeline
        self._docs = {doc.text: doc for doc in docs}

    def pipe(self, texts: Any) -> Any:
        return (self._docs[t] for t in texts)


def test_all_minutes_round_trip_with_pre_annotations(tmp_path: Path, admin: Connection, project_name: str):
    if not MINUTES.is_file():
        pytest.skip(f"the real minutes are not here: {MINUTES} (../shared/data, SVPOL_DATA_DIR)")
    from pipeline.api import load_pipeline
    from pipeline.data import doc_to_gold

    source = [json.loads(line) for line in MINUTES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(source) == 154
    nlp = load_pipeline()
    docs = list(nlp.pipe(r["text"] for r in source))
    labels = load_labels()
    expected, dropped = {}, 0
    for r, doc in zip(source, docs, strict=True):
        pred = doc_to_gold(doc, r["id"])
        keep = _drop_overlaps([s for s in pred["label"] if not span_problems(r["id"], r["text"], [s], labels)])
        dropped += len(pred["label"]) - len(keep)
        kept = {(s, e) for s, e, _ in keep}
        expected[r["id"]] = {**pred, "label": keep, "norm": [n for n in pred["norm"] if (n[0], n[1]) in kept]}

    report = push([MINUTES], project_name, pre_annotate=True, order="uncertainty", conn=admin,
                  nlp=_Processed(nlp, docs))
    assert (report.uploaded, report.dropped_spans) == (154, dropped)
    out = tmp_path / "pulled.jsonl"
    pull(project_name, out, conn=admin)
    pulled = {g["id"]: g for g in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert sorted(pulled) == sorted(r["id"] for r in source)
    for r in source:
        g, exp = pulled[r["id"]], expected[r["id"]]
        assert g["text"] == r["text"], r["id"]
        assert (g["label"], g["norm"], g["cats"]) == (exp["label"], exp["norm"], exp["cats"]), r["id"]
        assert {k: g[k] for k in r if k != "text"} == {k: v for k, v in r.items() if k != "text"}
