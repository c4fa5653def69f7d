"""Evaluation of a pipeline on gold files: the scorer per genre and overall, as a table.

A split (``--split test``) keeps the gold documents whose ids ``corpus/gold/splits.json``
(``{"train": [ids], "dev": [ids], "test": [ids]}``) lists under that name; with the project's own
splits file, train and dev also get the gold added since, as training assigns it (``split_ids``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from .api import load_pipeline
from .data import doc_to_gold, read_gold
from .scoring import LABELS, TOPICS, score
from .training.splits import SPLITS, split_ids, test_ids
from .training.splits import SPLITS_PATH as DEFAULT_SPLITS_FILE


class SplitError(ValueError):
    """A split that cannot be used (no splits file, unknown name, no documents)."""


def read_split(split: str, splits_file: str | Path | None = None) -> list[str]:
    """The document ids of ``split`` in the splits file."""
    path = Path(splits_file) if splits_file else DEFAULT_SPLITS_FILE
    if split not in SPLITS:
        raise SplitError(f"unknown split {split!r} (one of {', '.join(SPLITS)})")
    if not path.exists():
        raise SplitError(f"--split {split}: no splits file {path} (it is written by the training step, "
                         "or evaluate without --split)")
    try:
        splits = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise SplitError(f"{path}: bad JSON ({err.msg})") from err
    if not isinstance(splits, dict) or not isinstance(splits.get(split), list):
        raise SplitError(f"{path}: no list of ids under {split!r}")
    if path.resolve() == DEFAULT_SPLITS_FILE.resolve():
        return split_ids(split, splits)
    return [str(i) for i in (test_ids(splits) if split == "test" else splits[split])]


def load_gold(gold_paths: Iterable[str | Path], split: str | None = None,
              splits_file: str | Path | None = None) -> tuple[list[dict[str, Any]], list[str]]:
    """Gold records (of ``split`` when given) and the split ids that none of the files holds."""
    gold = [g for path in gold_paths for g in read_gold(path)]
    if split is None:
        return gold, []
    ids = read_split(split, splits_file)
    wanted = set(ids)
    selected = [g for g in gold if g["id"] in wanted]
    if not selected:
        raise SplitError(f"split {split!r}: none of its {len(ids)} ids is in the gold files")
    found = {g["id"] for g in selected}
    return selected, sorted(i for i in wanted if i not in found)


def score_by_genre(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    """Scores overall and per genre."""
    result = {"documents": len(gold), "overall": score(gold, pred), "genres": {}}
    for genre in sorted({g.get("genre", "unknown") for g in gold}):
        subset = [g for g in gold if g.get("genre", "unknown") == genre]
        result["genres"][genre] = score(subset, pred)
        result["genres"][genre]["documents"] = len(subset)
    return result


def predict(nlp: Language, gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    docs = nlp.pipe(g["text"] for g in gold)
    return [doc_to_gold(doc, g["id"]) for doc, g in zip(docs, gold, strict=False)]


def evaluate(gold_paths: Iterable[str | Path], model: str | Path | None = None,
             nlp: Language | None = None, split: str | None = None,
             splits_file: str | Path | None = None) -> dict[str, Any]:
    """Scores overall and per genre, with the predictions' errors."""
    gold, _ = load_gold(gold_paths, split, splits_file)
    nlp = nlp or load_pipeline(model)
    return score_by_genre(gold, predict(nlp, gold))


def format_table(result: dict[str, Any]) -> str:
    """Per-label P/R/F and topic F as plain text, overall and per genre."""
    lines = []
    for name, scores in [("overall", result["overall"]), *result["genres"].items()]:
        lines.append(f"== {name} ==")
        lines.append(f"{'label':<14}{'P':>7}{'R':>7}{'F':>7}{'gold':>7}")
        for label in LABELS:
            s = scores["labels"][label]
            lines.append(f"{label:<14}{s['p']:>7.3f}{s['r']:>7.3f}{s['f']:>7.3f}{s['tp'] + s['fn']:>7}")
        for key, title in (("micro_core", "micro core4"), ("micro", "micro all7")):
            s = scores[key]
            lines.append(f"{title:<14}{s['p']:>7.3f}{s['r']:>7.3f}{s['f']:>7.3f}{s['tp'] + s['fn']:>7}")
        n = scores["norm"]
        lines.append(f"norm exact    {n['accuracy']:.3f} ({n['exact']}/{n['total']})")
        for topic in TOPICS:
            t = scores["topics"][topic]
            lines.append(f"topic {topic:<13}P {t['p']:.3f} R {t['r']:.3f} F {t['f']:.3f}")
        lines.append(f"topic F mean  {scores['topic_f_mean']:.3f}")
        lines.append("")
    return "\n".join(lines)
