"""Evaluation of a pipeline on gold files: the scorer per genre and overall, as a table."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from .api import load_pipeline
from .data import doc_to_gold, read_gold
from .scoring import LABELS, TOPICS, score


def predict(nlp: Language, gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    docs = nlp.pipe(g["text"] for g in gold)
    return [doc_to_gold(doc, g["id"]) for doc, g in zip(docs, gold, strict=False)]


def evaluate(gold_paths: Iterable[str | Path], model: str | Path | None = None,
             nlp: Language | None = None) -> dict[str, Any]:
    """Scores overall and per genre, with the predictions' errors."""
    gold = [g for path in gold_paths for g in read_gold(path)]
    nlp = nlp or load_pipeline(model)
    pred = predict(nlp, gold)
    result = {"documents": len(gold), "overall": score(gold, pred), "genres": {}}
    for genre in sorted({g.get("genre", "unknown") for g in gold}):
        subset = [g for g in gold if g.get("genre", "unknown") == genre]
        result["genres"][genre] = score(subset, pred)
        result["genres"][genre]["documents"] = len(subset)
    return result


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
