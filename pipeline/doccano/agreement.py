"""``svpol doccano agreement DIR``: inter-annotator agreement from per-annotator gold files.

DIR holds one gold JSONL per annotator (``<name>.jsonl``, as ``pull --per-annotator DIR`` writes).
Documents are matched by id; a pair of annotators is compared on the documents both have.

* Spans: pairwise F1 per label on exact matches (same start, end and label). F1 is symmetric:
  ``2 * |A & B| / (|A| + |B|)``; ``ALL`` is the micro average over labels.
* Topics: per topic, pairwise Cohen's kappa (each annotator says yes/no for the topic on each shared
  document) and Krippendorff's alpha (nominal, over all annotators, documents seen by at least two);
  ``ALL`` pools the (document, topic) decisions of every topic.

A statistic whose expected disagreement is zero (e.g. nobody ever used the topic) is undefined and
reported as ``null``.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from . import load_labels, load_topics
from .client import DoccanoError


def read_annotators(folder: Path) -> dict[str, dict[str, dict[str, Any]]]:
    """``{annotator: {doc id: gold record}}`` from the ``*.jsonl`` files of ``folder``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DoccanoError(f"no such folder: {folder}")
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for path in sorted(folder.glob("*.jsonl")):
        docs: dict[str, dict[str, Any]] = {}
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                docs[str(rec["id"])] = rec
            except (ValueError, KeyError, TypeError):
                raise DoccanoError(f"{path}:{n}: not a gold record with an id") from None
        out[path.stem] = docs
    if len(out) < 2:
        raise DoccanoError(f"{folder}: agreement needs at least two annotator files (*.jsonl), "
                           f"found {len(out)}")
    return out


def _f1(tp: int, n_a: int, n_b: int) -> float | None:
    return None if n_a + n_b == 0 else 2.0 * tp / (n_a + n_b)


def cohen_kappa(a: list[int], b: list[int]) -> float | None:
    """Cohen's kappa of two equally long lists of nominal codes."""
    n = len(a)
    if n == 0:
        return None
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    if pe >= 1.0:
        return None
    return (po - pe) / (1.0 - pe)


def krippendorff_alpha_nominal(units: list[list[Any]]) -> float | None:
    """Krippendorff's alpha for nominal data; ``units`` = the values each unit got (missing left out)."""
    o: dict[tuple[Any, Any], float] = defaultdict(float)
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, j in itertools.permutations(range(m), 2):
            o[(values[i], values[j])] += 1.0 / (m - 1)
    n_c: dict[Any, float] = defaultdict(float)
    for (c, _k), v in o.items():
        n_c[c] += v
    n = sum(n_c.values())
    if n <= 1:
        return None
    d_o = sum(v for (c, k), v in o.items() if c != k)
    d_e = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k) / (n - 1)
    if d_e == 0:
        return None
    return 1.0 - d_o / d_e


def agreement(folder: Path) -> dict[str, Any]:
    """All agreement figures for the annotator files in ``folder`` (JSON-ready)."""
    annotators = read_annotators(folder)
    names = sorted(annotators)
    label_order = load_labels()
    topic_ids = [t for t, _ in load_topics()]

    pairs = []
    seen_labels: set[str] = set()
    for a, b in itertools.combinations(names, 2):
        shared = sorted(set(annotators[a]) & set(annotators[b]))
        tp: Counter[str] = Counter()
        n_a: Counter[str] = Counter()
        n_b: Counter[str] = Counter()
        codes: dict[str, tuple[list[int], list[int]]] = {t: ([], []) for t in topic_ids}
        for doc_id in shared:
            sa = {tuple(s) for s in annotators[a][doc_id].get("label") or []}
            sb = {tuple(s) for s in annotators[b][doc_id].get("label") or []}
            for s in sa:
                n_a[s[2]] += 1
            for s in sb:
                n_b[s[2]] += 1
            for s in sa & sb:
                tp[s[2]] += 1
            ca = set(annotators[a][doc_id].get("cats") or [])
            cb = set(annotators[b][doc_id].get("cats") or [])
            for t in topic_ids:
                codes[t][0].append(int(t in ca))
                codes[t][1].append(int(t in cb))
        labels_here = set(n_a) | set(n_b)
        seen_labels |= labels_here
        span_f1 = {
            lab: {"f1": _f1(tp[lab], n_a[lab], n_b[lab]), "tp": tp[lab], "n_a": n_a[lab], "n_b": n_b[lab]}
            for lab in sorted(labels_here,
                              key=lambda x: (label_order.index(x) if x in label_order else 99, x))
        }
        tot = (sum(tp.values()), sum(n_a.values()), sum(n_b.values()))
        span_f1["ALL"] = {"f1": _f1(*tot), "tp": tot[0], "n_a": tot[1], "n_b": tot[2]}
        kappa = {t: cohen_kappa(*codes[t]) for t in topic_ids}
        pooled_a = [x for t in topic_ids for x in codes[t][0]]
        pooled_b = [x for t in topic_ids for x in codes[t][1]]
        kappa["ALL"] = cohen_kappa(pooled_a, pooled_b)
        pairs.append({"a": a, "b": b, "documents": len(shared), "span_f1": span_f1, "topic_kappa": kappa})

    # Krippendorff's alpha over all annotators, per topic and pooled
    doc_ids = sorted({d for docs in annotators.values() for d in docs})
    alpha_units: dict[str, list[list[int]]] = {t: [] for t in topic_ids}
    n_docs = 0
    for doc_id in doc_ids:
        coders = [annotators[n][doc_id] for n in names if doc_id in annotators[n]]
        if len(coders) < 2:
            continue
        n_docs += 1
        for t in topic_ids:
            alpha_units[t].append([int(t in (rec.get("cats") or [])) for rec in coders])
    alpha = {t: krippendorff_alpha_nominal(alpha_units[t]) for t in topic_ids}
    alpha["ALL"] = krippendorff_alpha_nominal([u for t in topic_ids for u in alpha_units[t]])
    return {
        "annotators": names,
        "documents_compared": n_docs,
        "pairs": pairs,
        "topic_alpha": alpha,
    }


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.3f}"


def format_table(result: dict[str, Any]) -> str:
    """A plain-text table of :func:`agreement`'s result."""
    lines = [f"annotators: {', '.join(result['annotators'])}; "
             f"documents seen by 2+: {result['documents_compared']}"]
    for pair in result["pairs"]:
        lines.append("")
        lines.append(f"{pair['a']} vs {pair['b']} ({pair['documents']} shared documents)")
        lines.append(f"  {'span label':<14}{'F1':>7}{'match':>7}{'n_a':>6}{'n_b':>6}")
        for lab, v in pair["span_f1"].items():
            lines.append(f"  {lab:<14}{_fmt(v['f1']):>7}{v['tp']:>7}{v['n_a']:>6}{v['n_b']:>6}")
        lines.append(f"  {'topic':<22}{'kappa':>7}")
        for t, k in pair["topic_kappa"].items():
            lines.append(f"  {t:<22}{_fmt(k):>7}")
    lines.append("")
    lines.append("Krippendorff's alpha (topics, nominal, all annotators)")
    for t, a in result["topic_alpha"].items():
        lines.append(f"  {t:<22}{_fmt(a):>7}")
    return "\n".join(lines)


def run_agreement(folder: Path, json_out: Path | None = None) -> tuple[dict[str, Any], str]:
    """Compute agreement, write the JSON to ``json_out`` if given; returns (result, table)."""
    result = agreement(folder)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result, format_table(result)
