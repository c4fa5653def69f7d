"""The one scorer: span P/R/F per label (exact and partial overlap), a label confusion table,
normalised-value accuracy, topic F1.

Gold and predictions are records in the gold format (``id``, ``text``, ``label``, ``norm``,
``cats``), matched by id.

Exact: a predicted span counts when a gold span has the same start, end and label.
Partial overlap: a gold and a predicted span of the same label that share at least one character
match, one to one (each span matches at most one span of the other side; the matching is the
largest possible, found left to right). Every exact match is a partial match, so partial
P/R/F >= exact P/R/F.
Confusion: gold and predicted spans of any label are paired the same way (exact boundaries first,
then overlap); ``confusion[gold_label][pred_label]`` counts the pairs, with ``NONE`` for a gold span
nothing overlaps (missed) or a predicted span that overlaps no gold span (spurious). The diagonal
holds right labels (with right or wrong boundaries); off the diagonal are label errors.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

LABELS = ("PARTY", "PERSON", "MONEY", "DATE", "ORG", "LOC", "CASE")
CORE_LABELS = ("PARTY", "PERSON", "MONEY", "DATE")
TOPICS = ("extremism", "aldreomsorg", "socialtjanst")
NONE = "NONE"

Span = tuple[int, int, str]


def match_overlapping(gold: Iterable[Span], pred: Iterable[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping spans, exact-boundary pairs first.

    Spans on one side do not overlap each other (the guidelines; ``doc.ents``), so a two-pointer
    walk that pairs the leftmost unpaired spans when they overlap finds a largest matching.
    Labels are not compared: filter the inputs by label for a per-label matching.
    """
    gold, pred = sorted(set(gold)), sorted(set(pred))
    by_bounds = {(s, e): (s, e, lab) for s, e, lab in pred}
    pairs = []
    exact_gold, exact_pred = set(), set()
    for g in gold:
        p = by_bounds.get(g[:2])
        if p is not None and p not in exact_pred:
            pairs.append((g, p))
            exact_gold.add(g)
            exact_pred.add(p)
    rest_gold = [g for g in gold if g not in exact_gold]
    rest_pred = [p for p in pred if p not in exact_pred]
    i = j = 0
    while i < len(rest_gold) and j < len(rest_pred):
        g, p = rest_gold[i], rest_pred[j]
        if g[0] < p[1] and p[0] < g[1]:
            pairs.append((g, p))
            i += 1
            j += 1
        elif g[1] <= p[0]:
            i += 1
        else:
            j += 1
    return sorted(pairs)


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


def _macro(per_label: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Mean P/R/F over the labels that occur (in gold or predictions)."""
    present = [v for v in per_label.values() if v["tp"] + v["fp"] + v["fn"]]
    if not present:
        return {"p": 0.0, "r": 0.0, "f": 0.0, "labels": 0}
    return {k: round(sum(v[k] for v in present) / len(present), 4) for k in ("p", "r", "f")} | {
        "labels": len(present)}


def score(gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]],
          labels: Iterable[str] = LABELS, topics: Iterable[str] = TOPICS) -> dict[str, Any]:
    """Scores of ``pred`` against ``gold``; a gold document without prediction counts as empty.

    Keys: ``labels`` (exact P/R/F per label), ``micro``, ``micro_core``, ``macro_f`` (mean F over all
    labels), ``macro`` (mean P/R/F over the labels that occur), ``partial`` (the same for partial
    overlap), ``confusion``, ``norm``, ``topics``, ``topic_f_mean``, ``errors`` (in document order).
    """
    labels, topics = tuple(labels), tuple(topics)
    pred_by_id = {p["id"]: p for p in pred}
    counts: dict[str, Counter] = defaultdict(Counter)
    partial_counts: dict[str, Counter] = defaultdict(Counter)
    confusion = {g: dict.fromkeys((*labels, NONE), 0) for g in (*labels, NONE)}
    topic_counts: dict[str, Counter] = defaultdict(Counter)
    norm_total = norm_exact = 0
    errors: list[dict[str, Any]] = []
    for g in gold:
        p = pred_by_id.get(g["id"], {"label": [], "norm": [], "cats": []})
        gold_spans = {(s, e, lab) for s, e, lab in g["label"] if lab in labels}
        pred_spans = {(s, e, lab) for s, e, lab in p["label"] if lab in labels}
        for s, e, lab in sorted(gold_spans | pred_spans):
            kind = "tp" if (s, e, lab) in gold_spans and (s, e, lab) in pred_spans else (
                "fn" if (s, e, lab) in gold_spans else "fp")
            counts[lab][kind] += 1
            if kind != "tp":
                errors.append({"id": g["id"], "kind": kind, "label": lab, "start": s, "end": e,
                               "text": g["text"][s:e]})
        for lab in labels:
            gold_lab = [x for x in gold_spans if x[2] == lab]
            pred_lab = [x for x in pred_spans if x[2] == lab]
            matched = len(match_overlapping(gold_lab, pred_lab))
            partial_counts[lab].update(tp=matched, fp=len(pred_lab) - matched, fn=len(gold_lab) - matched)
        pairs = match_overlapping(gold_spans, pred_spans)
        for gs, ps in pairs:
            confusion[gs[2]][ps[2]] += 1
        paired_gold, paired_pred = {gs for gs, _ in pairs}, {ps for _, ps in pairs}
        for gs in gold_spans - paired_gold:
            confusion[gs[2]][NONE] += 1
        for ps in pred_spans - paired_pred:
            confusion[NONE][ps[2]] += 1
        gold_norm = {(s, e): v for s, e, v in g.get("norm", [])}
        gold_label_at = {(s, e): lab for s, e, lab in gold_spans}
        for s, e, v in p.get("norm", []):
            if (s, e) in gold_norm and any((s, e, lab) in gold_spans for lab in ("PARTY", "MONEY", "DATE")):
                norm_total += 1
                if _canonical(v) == _canonical(gold_norm[(s, e)]):
                    norm_exact += 1
                else:
                    errors.append({"id": g["id"], "kind": "norm", "label": gold_label_at.get((s, e)),
                                   "start": s, "end": e, "text": g["text"][s:e],
                                   "gold": gold_norm[(s, e)], "pred": v})
        for t in topics:
            in_gold, in_pred = t in g.get("cats", []), t in p.get("cats", [])
            topic_counts[t]["tp" if in_gold and in_pred else "fn" if in_gold else "fp" if in_pred else "tn"] += 1
    per_label = {lab: prf(counts[lab]["tp"], counts[lab]["fp"], counts[lab]["fn"]) for lab in labels}
    partial_label = {lab: prf(partial_counts[lab]["tp"], partial_counts[lab]["fp"], partial_counts[lab]["fn"])
                     for lab in labels}

    def micro(table: dict[str, Counter], subset: Iterable[str]) -> dict[str, float]:
        subset = list(subset)
        return prf(*(sum(table[lab][k] for lab in subset) for k in ("tp", "fp", "fn")))

    core = [lab for lab in CORE_LABELS if lab in labels]
    per_topic = {t: prf(topic_counts[t]["tp"], topic_counts[t]["fp"], topic_counts[t]["fn"]) for t in topics}
    return {
        "labels": per_label,
        "micro": micro(counts, labels),
        "micro_core": micro(counts, core),
        "macro_f": round(sum(v["f"] for v in per_label.values()) / len(per_label), 4) if per_label else 0.0,
        "macro": _macro(per_label),
        "partial": {
            "labels": partial_label,
            "micro": micro(partial_counts, labels),
            "micro_core": micro(partial_counts, core),
            "macro": _macro(partial_label),
        },
        "confusion": confusion,
        "norm": {"exact": norm_exact, "total": norm_total,
                 "accuracy": round(norm_exact / norm_total, 4) if norm_total else 0.0},
        "topics": per_topic,
        "topic_f_mean": round(sum(v["f"] for v in per_topic.values()) / len(per_topic), 4) if per_topic else 0.0,
        "errors": errors,
    }
