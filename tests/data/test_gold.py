import json

import pytest

from pipeline.data import GoldError, read_gold, sha256
from pipeline.settings import PROJECT_DIR


def test_doccano_entities_shape(tmp_path):
    path = tmp_path / "g.jsonl"
    record = {"id": 7, "text": "Anna Svensson (S)", "cats": ["extremism"],
              "entities": [{"start_offset": 15, "end_offset": 16, "label": "PARTY"},
                           {"start_offset": 0, "end_offset": 13, "label": "PERSON"}]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [gold] = read_gold(path)
    assert gold["id"] == "7"
    assert gold["label"] == [[0, 13, "PERSON"], [15, 16, "PARTY"]]


def test_standoff_rebuilds_repo_text_and_checks_hash(tmp_path):
    text_path = "corpus/examples/socialnamnd_arende.txt"
    text = (PROJECT_DIR / text_path).read_text(encoding="utf-8")
    line = {"id": "x", "source": {"root": "repo", "path": text_path, "start": 0, "end": 20},
            "sha256": sha256(text[:20]), "label": [], "cats": []}
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert next(read_gold(path))["text"] == text[:20]
    line["sha256"] = "0" * 64
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match="sha256"):
        next(read_gold(path))


def test_committed_gold_is_valid():
    """Every committed gold line rebuilds (when its text is present) with in-range, non-overlapping spans."""
    from pipeline.settings import data_dir

    if not data_dir().exists():
        pytest.skip("shared data folder not present")
    count = 0
    for gold in read_gold(PROJECT_DIR / "corpus" / "gold"):
        spans = sorted(gold["label"])
        for (_s1, e1, _), (s2, _, _) in zip(spans, spans[1:], strict=False):
            assert e1 <= s2, f"{gold['id']}: overlapping spans at {s2}"
        for s, e, _ in spans:
            assert gold["text"][s:e] == gold["text"][s:e].strip()
        count += 1
    assert count >= 40
