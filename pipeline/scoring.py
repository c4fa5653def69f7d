"""The one scorer: exact-match span P/R/F per label, normalised-value accuracy, topic F1.

Gold and predictions are records in the gold format (``id``, ``text``, ``label``, ``norm``,
``cats``), matched by id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

LABELS = ("PARTY", "PERSON", "MONEY", "DATE", "ORG", "LOC", "CASE")
CORE_LABELS = ("PARTY", "PERSON", "MONEY", "DATE")
TOPICS = ("extremism", "aldreomsorg", "socialtjanst")


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def _canonical(value: Any) -> Any:
    """Numbers compare as numbers (35300000 == 35300000.0)."""
    if isinstance(value, dict):
        return {k: float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                for k, v in value.items()}
    return value


def score(gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]],
          labels: Iterable[str] = LABELS, topics: Iterable[str] = TOPICS) -> dict[str, Any]:
    """Scores of ``pred`` against ``gold``; a gold document without prediction counts as empty."""
    labels, topics = tuple(labels), tuple(topics)
    pred_by_id = {p["id"]: p for p in pred}
    counts: dict[str, Counter] = defaultdict(Counter)
    topic_counts: dict[str, Counter] = defaultdict(Counter)
    norm_total = norm_exact = 0
    errors: list[dict[str, Any]] = []
    for g in gold:
        p = pred_by_id.get(g["id"], {"label": [], "norm": [], "cats": []})
        gold_spans = {(s, e, lab) for s, e, lab in g["label"] if lab in labels}
        pred_spans = {(s, e, lab) for s, e, lab in p["label"] if lab in labels}
        for s, e, lab in gold_spans | pred_spans:
            kind = "tp" if (s, e, lab) in gold_spans and (s, e, lab) in pred_spans else (
                "fn" if (s, e, lab) in gold_spans else "fp")
            counts[lab][kind] += 1
            if kind != "tp":
                errors.append({"id": g["id"], "kind": kind, "label": lab, "start": s, "end": e,
                               "text": g["text"][s:e]})
        gold_norm = {(s, e): v for s, e, v in g.get("norm", [])}
        for s, e, v in p.get("norm", []):
            if (s, e) in gold_norm and any((s, e, lab) in gold_spans for lab in ("PARTY", "MONEY", "DATE")):
                norm_total += 1
                if _canonical(v) == _canonical(gold_norm[(s, e)]):
                    norm_exact += 1
                else:
                    errors.append({"id": g["id"], "kind": "norm", "start": s, "end": e, "text": g["text"][s:e],
                                   "gold": gold_norm[(s, e)], "pred": v})
        for t in topics:
            in_gold, in_pred = t in g.get("cats", []), t in p.get("cats", [])
            topic_counts[t]["tp" if in_gold and in_pred else "fn" if in_gold else "fp" if in_pred else "tn"] += 1
    per_label = {lab: prf(counts[lab]["tp"], counts[lab]["fp"], counts[lab]["fn"]) for lab in labels}

    def micro(subset: Iterable[str]) -> dict[str, float]:
        subset = list(subset)
        return prf(*(sum(counts[lab][k] for lab in subset) for k in ("tp", "fp", "fn")))

    per_topic = {t: prf(topic_counts[t]["tp"], topic_counts[t]["fp"], topic_counts[t]["fn"]) for t in topics}
    return {
        "labels": per_label,
        "micro": micro(labels),
        "micro_core": micro(lab for lab in CORE_LABELS if lab in labels),
        "macro_f": round(sum(v["f"] for v in per_label.values()) / len(per_label), 4) if per_label else 0.0,
        "norm": {"exact": norm_exact, "total": norm_total,
                 "accuracy": round(norm_exact / norm_total, 4) if norm_total else 0.0},
        "topics": per_topic,
        "topic_f_mean": round(sum(v["f"] for v in per_topic.values()) / len(per_topic), 4) if per_topic else 0.0,
        "errors": errors,
    }
