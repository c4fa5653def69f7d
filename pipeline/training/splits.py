"""Gold split by document into train / dev / test; ``corpus/gold/splits.json`` is frozen once made.

- test: every document of ``TEST_FILES`` (gold written after the rules were tuned: a fair test).
- dev / train: the other gold files, each split on its own (so every genre is in both): its ids
  sorted by sha256, the first ``DEV_FRACTION`` (rounded up) to dev, the rest to train.

``ensure_splits`` writes the file only when it is absent and refuses to while a test file is
missing; afterwards it only reads it. Gold documents added later that are in no split go to train
or dev by the same hash rule (``assign``), never to test.

A later genre gets a frozen test part of its own (``add_test_part``, listed under ``test_parts``):
chosen by the sha256 of the part's name and the ids of *all* its source documents before any of
them is tuned on, so the choice cannot follow the pipeline's errors. The parts join ``test``; each keeps its
own digest, and the original test list keeps its digest unchanged.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path
from typing import Any

from ..data.gold import read_gold
from ..settings import PROJECT_DIR

GOLD_DIR = PROJECT_DIR / "corpus" / "gold"
SPLITS_PATH = GOLD_DIR / "splits.json"
TEST_FILES = ("minutes_test.jsonl", "riksdag_more.jsonl", "regeringen_more.jsonl")
TRAIN_FILES = ("riksdag_seed.jsonl", "regeringen.jsonl", "minutes.jsonl")
DEV_FRACTION = 0.25
SPLITS = ("train", "dev", "test")


def _hash(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()


def file_ids(path: str | Path) -> list[str]:
    """The document ids of one gold file, in file order (stand-off texts are not needed for ids)."""
    ids = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                record = json.loads(line)
                ids.append(str(record.get("id", f"{path}:{number}")))
    return ids


def dev_ids(ids: list[str], fraction: float = DEV_FRACTION) -> list[str]:
    """The dev share of one file's ids: the first ``ceil(n * fraction)`` by sha256 of the id."""
    ranked = sorted(ids, key=_hash)
    return sorted(ranked[: math.ceil(len(ranked) * fraction)])


def assign(doc_id: str, fraction: float = DEV_FRACTION) -> str:
    """Train or dev for a gold document that is in no split yet (by its id hash)."""
    return "dev" if int(_hash(doc_id)[:8], 16) / 0xFFFFFFFF < fraction else "train"


def make_splits(gold_dir: str | Path = GOLD_DIR, test_files: tuple[str, ...] = TEST_FILES,
                train_files: tuple[str, ...] = TRAIN_FILES, fraction: float = DEV_FRACTION) -> dict[str, Any]:
    """The splits as a dict (``train``, ``dev``, ``test``: sorted id lists), computed from the files."""
    gold_dir = Path(gold_dir)
    missing = [name for name in (*test_files, *train_files) if not (gold_dir / name).exists()]
    if missing:
        raise FileNotFoundError(f"gold files missing in {gold_dir}: {', '.join(missing)}")
    test = sorted(i for name in test_files for i in file_ids(gold_dir / name))
    dev: list[str] = []
    train: list[str] = []
    for name in train_files:
        ids = file_ids(gold_dir / name)
        chosen = set(dev_ids(ids, fraction))
        dev += [i for i in ids if i in chosen]
        train += [i for i in ids if i not in chosen]
    splits = {"train": sorted(train), "dev": sorted(dev), "test": test}
    check_disjoint(splits)
    return {
        "_about": ("Gold split by document; frozen: made once by `make splits` (pipeline.training.splits), "
                   "never rewritten. test = all documents of test_files (the rules were not tuned on them); "
                   f"dev = per train file the first ceil({fraction} n) ids by sha256(id); train = the rest."),
        "test_files": list(test_files),
        "train_files": list(train_files),
        "dev_fraction": fraction,
        "test_sha256": _digest(test),
        **splits,
    }


def _digest(ids: list[str]) -> str:
    return hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()


def test_ids(splits: dict[str, Any]) -> list[str]:
    """Every frozen test id: the original test list and each later test part."""
    return sorted([*splits["test"], *(i for part in splits.get("test_parts", []) for i in part["ids"])])


def _ids(splits: dict[str, Any], name: str) -> list[str]:
    return test_ids(splits) if name == "test" else list(splits[name])


def check_disjoint(splits: dict[str, Any]) -> None:
    seen: dict[str, str] = {}
    for name in SPLITS:
        for doc_id in _ids(splits, name):
            if doc_id in seen:
                raise ValueError(f"gold id {doc_id!r} is in both {seen[doc_id]} and {name}")
            seen[doc_id] = name


def ensure_splits(path: str | Path = SPLITS_PATH, gold_dir: str | Path = GOLD_DIR) -> tuple[dict[str, Any], bool]:
    """(splits, created): read ``path``, or make and write it when it does not exist yet."""
    path = Path(path)
    if path.exists():
        return load_splits(path), False
    splits = make_splits(gold_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(splits, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return splits, True


def load_splits(path: str | Path = SPLITS_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        splits = json.load(f)
    check_disjoint(splits)
    if _digest(splits["test"]) != splits.get("test_sha256"):
        raise ValueError(f"{path}: the test split was changed (test_sha256 mismatch); it is frozen")
    for part in splits.get("test_parts", []):
        if _digest(part["ids"]) != part.get("sha256"):
            raise ValueError(f"{path}: test part {part.get('name')!r} was changed (sha256 mismatch); it is frozen")
    return splits


def add_test_part(name: str, candidate_ids: list[str], size: int, rule: str,
                  path: str | Path = SPLITS_PATH) -> dict[str, Any]:
    """Freeze a test part of ``size`` ids: the first of ``candidate_ids`` by sha256 of ``name:id``.

    The part's name salts the hash so the choice is independent of ``assign``'s dev rule (an unsalted
    rank would take exactly the ids that rule sends to dev, and leave the genre no dev documents).

    ``candidate_ids`` are the ids every source document of the genre will have as gold, annotated or
    not yet; a part of the same name is never rewritten, and no id may already be in a split.
    """
    path = Path(path)
    splits = load_splits(path)
    if any(part["name"] == name for part in splits.get("test_parts", [])):
        raise ValueError(f"{path}: test part {name!r} exists and is frozen")
    if size > len(set(candidate_ids)):
        raise ValueError(f"test part {name!r}: {size} ids asked for, {len(set(candidate_ids))} candidates")
    ids = sorted(sorted(set(candidate_ids), key=lambda i: _hash(f"{name}:{i}"))[:size])
    taken = {i for split in SPLITS for i in _ids(splits, split)}
    if taken & set(ids):
        raise ValueError(f"test part {name!r}: ids already in a split: {sorted(taken & set(ids))[:5]}")
    part = {"name": name, "rule": rule, "size": size, "sha256": _digest(ids), "ids": ids}
    splits.setdefault("test_parts", []).append(part)
    path.write_text(json.dumps(splits, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return part


def split_ids(split: str, splits: dict[str, Any] | None = None, gold_dir: str | Path = GOLD_DIR) -> list[str]:
    """The ids of ``split``: the frozen lists, plus for train/dev gold added since (by ``assign``).

    Without a splits file (the test gold not written yet), train/dev come from ``make_splits`` over
    the train files alone; asking for test then is an error.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r} (one of {SPLITS})")
    if splits is None:
        if SPLITS_PATH.exists() and Path(gold_dir) == GOLD_DIR:
            splits = load_splits()
        else:
            splits = make_splits(gold_dir, test_files=())
    ids = _ids(splits, split)
    if split != "test":
        known = {i for name in SPLITS for i in _ids(splits, name)}
        gold_dir = Path(gold_dir)
        for file in sorted(gold_dir.glob("*.jsonl")):
            if file.name in splits.get("test_files", ()) or file.name in TEST_FILES:
                continue  # never train on a test file, even before splits.json exists
            ids += [i for i in file_ids(file) if i not in known and assign(i) == split]
    return sorted(ids)


def split_records(split: str, gold_dir: str | Path = GOLD_DIR, splits: dict[str, Any] | None = None
                  ) -> list[dict[str, Any]]:
    """The gold records of one split (stand-off texts rebuilt by ``read_gold``)."""
    wanted = set(split_ids(split, splits, gold_dir))
    records = [r for r in read_gold(gold_dir) if r["id"] in wanted]
    seen: set[str] = set()
    doubled = sorted({r["id"] for r in records if r["id"] in seen or seen.add(r["id"])})
    if doubled:  # a second file with the same ids (not entity gold?) would train on both copies
        raise ValueError(f"{split}: gold ids in more than one record under {gold_dir}: {doubled[:5]}")
    missing = wanted - {r["id"] for r in records}
    if missing:
        raise KeyError(f"{split}: gold ids not found under {gold_dir}: {sorted(missing)}")
    return records
