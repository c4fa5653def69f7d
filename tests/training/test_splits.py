"""The gold splits: by document, deterministic, and the test split frozen once made."""

import hashlib
import json

import pytest

from pipeline.training.splits import (
    GOLD_DIR,
    SPLITS_PATH,
    TEST_FILES,
    add_test_part,
    dev_ids,
    ensure_splits,
    file_ids,
    load_splits,
    make_splits,
    split_ids,
    split_records,
)

# The frozen test split (corpus/gold/splits.json, made 2026-11-27): 46 documents.
FROZEN_TEST_SHA256 = "e2849e47186c72f7f94f3c87c46f6c92c5ab5368b10e4441f31814169552710e"
FROZEN_TEST_SIZE = 46
# The real-minutes test part (made 2026-12-04, before any tuning on its documents): 45 documents.
FROZEN_PARTS = {"minutes_real": ("2d8c01dfd8956babf6df2047fef5333911cc29cfb45bbac2e91335667405ae06", 45)}


def write_gold(folder, name, ids):
    with open(folder / name, "w", encoding="utf-8") as f:
        for i in ids:
            f.write(json.dumps({"id": i, "text": "Anna Ek.", "label": [[0, 7, "PERSON"]], "cats": []}) + "\n")


@pytest.fixture()
def gold_dir(tmp_path):
    write_gold(tmp_path, "riksdag_seed.jsonl", [f"r{i}" for i in range(8)])
    write_gold(tmp_path, "regeringen.jsonl", [f"g{i}" for i in range(4)])
    write_gold(tmp_path, "minutes.jsonl", [f"m{i}" for i in range(5)])
    for n, name in enumerate(TEST_FILES):
        write_gold(tmp_path, name, [f"t{n}-{i}" for i in range(3)])
    return tmp_path


def test_make_splits_by_document_per_file(gold_dir):
    s = make_splits(gold_dir)
    assert len(s["test"]) == 9 and all(i.startswith("t") for i in s["test"])
    assert len(s["dev"]) == 2 + 1 + 2  # ceil(25 %) of 8, 4, 5
    assert set(s["train"]) | set(s["dev"]) == {f"r{i}" for i in range(8)} | {f"g{i}" for i in range(4)} | {
        f"m{i}" for i in range(5)}
    assert make_splits(gold_dir) == s  # deterministic
    assert dev_ids(["b", "a", "c", "d"]) == dev_ids(["d", "c", "b", "a"])


def test_ensure_splits_writes_once(gold_dir):
    path = gold_dir / "splits.json"
    first, created = ensure_splits(path, gold_dir)
    assert created
    write_gold(gold_dir, "minutes_test.jsonl", ["new-test-doc"])  # the test gold changes afterwards ...
    again, created = ensure_splits(path, gold_dir)
    assert not created and again["test"] == first["test"]  # ... the frozen split does not


def test_refuses_without_test_files(tmp_path):
    write_gold(tmp_path, "riksdag_seed.jsonl", ["a"])
    with pytest.raises(FileNotFoundError, match="minutes_test.jsonl"):
        make_splits(tmp_path)


def test_edited_test_split_is_refused(gold_dir):
    path = gold_dir / "splits.json"
    splits, _ = ensure_splits(path, gold_dir)
    moved = splits["test"].pop()
    splits["train"].append(moved)
    path.write_text(json.dumps(splits), encoding="utf-8")
    with pytest.raises(ValueError, match="frozen"):
        load_splits(path)


def test_test_part_by_hash_frozen_and_kept_out_of_training(gold_dir):
    path = gold_dir / "splits.json"
    splits, _ = ensure_splits(path, gold_dir)
    candidates = [f"real-{i}" for i in range(20)]  # all source documents, annotated or not
    part = add_test_part("real", candidates, 6, "first 6 by sha256", path)
    assert len(part["ids"]) == 6 and set(part["ids"]) <= set(candidates)
    by_hash = sorted(candidates, key=lambda i: hashlib.sha256(f"real:{i}".encode()).hexdigest())
    assert part["ids"] == sorted(by_hash[:6])  # by the ids alone, whatever their order or annotation
    with pytest.raises(ValueError, match="already in a split"):
        add_test_part("other", list(reversed(candidates)), 6, "same ids again", path)
    write_gold(gold_dir, "minutes_real_a.jsonl", candidates[:15])  # only some annotated so far
    loaded = load_splits(path)
    test = split_ids("test", loaded, gold_dir)
    assert set(part["ids"]) <= set(test) and set(splits["test"]) <= set(test)
    trainable = set(split_ids("train", loaded, gold_dir)) | set(split_ids("dev", loaded, gold_dir))
    assert not trainable & set(part["ids"])
    assert set(candidates[:15]) - set(part["ids"]) <= trainable
    assert set(split_ids("dev", loaded, gold_dir)) & set(candidates), "the genre keeps dev documents"
    with pytest.raises(ValueError, match="frozen"):
        add_test_part("real", candidates, 6, "again", path)
    edited = json.loads(path.read_text(encoding="utf-8"))
    edited["test_parts"][0]["ids"].pop()
    path.write_text(json.dumps(edited), encoding="utf-8")
    with pytest.raises(ValueError, match="'real' was changed"):
        load_splits(path)


def test_a_doubled_gold_id_is_refused(gold_dir):
    write_gold(gold_dir, "minutes_more.jsonl", ["m0"])  # m0 is in minutes.jsonl already
    with pytest.raises(ValueError, match="more than one record"):
        split_records("train", gold_dir) + split_records("dev", gold_dir)


@pytest.mark.skipif(not SPLITS_PATH.exists(), reason="corpus/gold/splits.json not made yet (make splits)")
def test_frozen_repo_splits():
    """Fails if a test-split id moves: changed, dropped, or put into train/dev."""
    splits = load_splits()
    assert splits["test_sha256"] == FROZEN_TEST_SHA256 and len(splits["test"]) == FROZEN_TEST_SIZE
    assert {p["name"]: (p["sha256"], len(p["ids"])) for p in splits.get("test_parts", [])} == FROZEN_PARTS
    part_ids = {i for p in splits["test_parts"] for i in p["ids"]}
    assert not part_ids & (set(split_ids("train")) | set(split_ids("dev"))), "a test part used for training"
    in_test_files = {i for name in splits["test_files"] for i in file_ids(GOLD_DIR / name)}
    assert set(splits["test"]) <= in_test_files, "a frozen test document left the test gold files"
    assert not set(splits["test"]) & (set(split_ids("train")) | set(split_ids("dev")))
    assert not in_test_files & (set(split_ids("train")) | set(split_ids("dev"))), "test gold used for training"
