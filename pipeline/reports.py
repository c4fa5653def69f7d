"""Evaluation reports: ``reports/<model>/`` with ``metrics.json``, ``report.md`` and ``report.html``.

Up to three systems are scored side by side on the same gold documents with the one scorer
(``pipeline.scoring.score``), overall and per genre:

- ``rules``: the rule pipeline (a built folder such as ``models/svpol_sv_rules``, or built from
  ``configs/pipeline.cfg``);
- ``model``: model only: a model folder's trained ``tok2vec``/``ner`` with ``svpol_merge``,
  ``svpol_sections`` and ``svpol_topics``, the rule components left out (skipped, with a note, when
  the folder has no ``ner``);
- ``combined``: the whole model folder (default ``models/svpol_sv``).

The reports are deterministic given the models and the gold: sorted keys, stable orderings, no
timestamps. The only fields that change between two runs are the timing fields (``timing`` in
``metrics.json``, the throughput table at the end of ``report.md`` and ``report.html``).
The previous ``metrics.json`` of the same folder is read before it is overwritten; per-label
deltas are reported and a drop of more than ``REGRESSION_THRESHOLD`` F is flagged as a regression.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy import displacy
from spacy.language import Language

from .evaluate import load_gold, predict, score_by_genre
from .scoring import LABELS, NONE, TOPICS
from .settings import DEFAULT_MODEL_DIR, PROJECT_DIR

FORMAT_VERSION = 1
SYSTEMS = ("rules", "model", "combined")
RULE_COMPONENTS = ("svpol_cases", "svpol_money", "svpol_dates", "svpol_parties", "svpol_persons",
                   "svpol_orgs", "svpol_places")
DEFAULT_COMBINED = DEFAULT_MODEL_DIR
REGRESSION_THRESHOLD = 0.005
TOP_ERRORS = 30
CONTEXT_CHARS = 50
EXCERPT_CHARS = 90
COLORS = {"PARTY": "#fca5a5", "PERSON": "#c4b5fd", "MONEY": "#86efac", "DATE": "#fde68a",
          "ORG": "#93c5fd", "LOC": "#fdba74", "CASE": "#d1d5db"}
SUMMARY_ROWS = (
    ("micro all 7 (exact)", ("micro", "f")),
    ("micro core 4 (exact)", ("micro_core", "f")),
    ("macro (exact)", ("macro", "f")),
    ("micro all 7 (partial)", ("partial", "micro", "f")),
    ("micro core 4 (partial)", ("partial", "micro_core", "f")),
    ("macro (partial)", ("partial", "macro", "f")),
    ("norm accuracy", ("norm", "accuracy")),
    ("topic F (3 fixed)", ("topic_f_mean",)),
)
Clock = Callable[[], float]


class ReportError(ValueError):
    """A report that cannot be made (no system could be loaded, unusable previous report)."""


@dataclass
class System:
    """A named pipeline to score; ``nlp`` is None when it was skipped (``note`` says why)."""

    name: str
    nlp: Language | None
    path: Path | None = None
    note: str | None = None
    exclude: tuple[str, ...] = field(default_factory=tuple)


# ---------------------------------------------------------------- systems

def _display_path(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return Path(path).resolve().relative_to(PROJECT_DIR).as_posix()
    except ValueError:
        return Path(path).as_posix()


def model_size_mb(path: str | Path | None, exclude: Iterable[str] = ()) -> float | None:
    """Size on disk of a model folder in MB (10^6 bytes), without the top-level entries ``exclude``."""
    if path is None or not Path(path).is_dir():
        return None
    root, skip = Path(path), set(exclude)
    total = sum(f.stat().st_size for f in root.rglob("*")
                if f.is_file() and f.relative_to(root).parts[0] not in skip)
    return round(total / 1e6, 2)


def _pipeline_of(path: Path) -> tuple[list[str], dict[str, str]]:
    """Pipe names and their factories from a model folder's config.cfg."""
    config = spacy.util.load_config(path / "config.cfg", interpolate=False)
    names = list(config["nlp"]["pipeline"])
    factories = {name: config["components"].get(name, {}).get("factory", name) for name in names}
    return names, factories


def load_system(name: str, model: str | Path | None = None, rules_model: str | Path | None = None) -> System:
    """One of ``SYSTEMS``: ``model`` is the combined model folder, ``rules_model`` the rule pipeline's."""
    if name not in SYSTEMS:
        raise ReportError(f"unknown system {name!r} (one of {', '.join(SYSTEMS)})")
    if name == "rules":
        if rules_model is None:
            from .api import build_pipeline

            return System("rules", build_pipeline(), None, "built from configs/pipeline.cfg")
        path = Path(rules_model)
        if not (path / "config.cfg").exists():
            raise ReportError(f"rules model {path} not found (build it with `make model`)")
        return System("rules", spacy.load(path), path)
    path = Path(model) if model is not None else DEFAULT_COMBINED
    if not (path / "config.cfg").exists():
        return System(name, None, path, f"{_display_path(path)} not found (train the model first)")
    if name == "combined":
        return System("combined", spacy.load(path), path)
    names, factories = _pipeline_of(path)
    if not any(factories[n] == "ner" or n == "ner" for n in names):
        return System("model", None, path, f"{_display_path(path)} has no ner component")
    # Model only: every model entity counts (the merge's plausibility filter is for combining) and
    # no rule candidate does. The rule components still run where the NER reads their candidates.
    merge = {"model_filter": False, "use_rules": False}
    if _reads_rule_candidates(path):
        nlp = spacy.load(path, config={"components": {"svpol_merge": merge}})
        return System("model", nlp, path, "the NER's entities only (it reads the rule candidates as features)")
    exclude = tuple(c for c in RULE_COMPONENTS if c in names)
    nlp = spacy.load(path, exclude=list(exclude), config={"components": {"svpol_merge": merge}})
    return System("model", nlp, path,
                  "rule components left out: " + ", ".join(exclude) if exclude else None, exclude)


def _reads_rule_candidates(path: Path) -> bool:
    """Whether an architecture of the model's config is ``svpol.RuleFeatureEmbed`` (its NER then
    needs the rule components' candidates)."""
    def architectures(node: Any) -> Iterator[str]:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "@architectures":
                    yield str(value)
                yield from architectures(value)

    config = spacy.util.load_config(path / "config.cfg", interpolate=False)
    return any(a.startswith("svpol.RuleFeatureEmbed") for a in architectures(config["components"]))


# ---------------------------------------------------------------- scoring

def gold_fingerprint(gold: Sequence[dict[str, Any]]) -> str:
    """sha256 over the gold documents' ids, texts, spans, norms and topics (order-independent)."""
    h = hashlib.sha256()
    for g in sorted(gold, key=lambda g: g["id"]):
        h.update(json.dumps([g["id"], g["text"], g["label"], g["norm"], g["cats"]], ensure_ascii=False,
                            sort_keys=True).encode("utf-8"))
    return h.hexdigest()


def run_system(system: System, gold: Sequence[dict[str, Any]],
               clock: Clock = time.perf_counter) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Predictions on the gold texts and the time they took (once, after a warm-up on one text)."""
    assert system.nlp is not None
    system.nlp(gold[0]["text"][:2000])
    start = clock()
    pred = predict(system.nlp, list(gold))
    seconds = max(clock() - start, 1e-9)
    words = sum(len(g["text"].split()) for g in gold)
    return pred, {"seconds": round(seconds, 3), "words_per_second": round(words / seconds, 1)}


def _strip_errors(scores: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in scores.items() if k != "errors"}


def _overlapping(spans: Iterable[Sequence[Any]], start: int, end: int) -> list[Sequence[Any]]:
    return sorted(s for s in spans if s[0] < end and start < s[1])


def _error_detail(error: dict[str, Any], gold_doc: dict[str, Any], pred_doc: dict[str, Any] | None) -> str:
    """What the other side has at the error: the overlapping spans, or the two norms."""
    s, e, text = error["start"], error["end"], gold_doc["text"]
    if error["kind"] == "norm":
        return f"gold {json.dumps(error['gold'], ensure_ascii=False, sort_keys=True)}, " \
               f"predicted {json.dumps(error['pred'], ensure_ascii=False, sort_keys=True)}"
    if error["kind"] == "fn":
        other = _overlapping(pred_doc["label"] if pred_doc else [], s, e)
        if not other:
            return "nothing predicted here"
        return "predicted " + "; ".join(f"{lab} «{text[a:b]}»" for a, b, lab in other)
    other = _overlapping(gold_doc["label"], s, e)
    if not other:
        return "not in gold"
    return "gold " + "; ".join(f"{lab} «{text[a:b]}»" for a, b, lab in other)


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The span in «» with up to ``chars`` characters either side, whitespace collapsed to one space."""
    left = text[max(0, start - chars):start]
    right = text[end:end + chars]

    def squash(s: str) -> str:
        return re.sub(r"\s+", " ", s)

    return ("…" if start > chars else "") + squash(left) + "«" + squash(text[start:end]) + "»" + \
        squash(right) + ("…" if end + chars < len(text) else "")


def top_errors(errors: Sequence[dict[str, Any]], gold_by_id: dict[str, dict[str, Any]],
               pred_by_id: dict[str, dict[str, Any]], limit: int = TOP_ERRORS) -> list[dict[str, Any]]:
    """Errors grouped by (kind, label, text), most frequent first, each with its first occurrence."""
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for error in errors:
        key = (error["kind"], error.get("label") or "", error["text"])
        if key not in groups:
            gold_doc = gold_by_id[error["id"]]
            groups[key] = {
                "kind": key[0], "label": key[1], "text": key[2], "count": 0,
                "example": {"id": error["id"], "start": error["start"], "end": error["end"]},
                "detail": _error_detail(error, gold_doc, pred_by_id.get(error["id"])),
            }
        groups[key]["count"] += 1
    ranked = sorted(groups.values(), key=lambda g: (-g["count"], g["kind"], g["label"], g["text"]))
    return ranked[:limit]


def _get(scores: dict[str, Any], path: Sequence[str]) -> float:
    value: Any = scores
    for key in path:
        value = value[key]
    return float(value)


def comparison_rows() -> list[tuple[str, tuple[str, ...]]]:
    """The scores compared with the previous report: exact and partial F per label, then the summary."""
    rows = [(f"{lab} F (exact)", ("labels", lab, "f")) for lab in LABELS]
    rows += [(f"{lab} F (partial)", ("partial", "labels", lab, "f")) for lab in LABELS]
    return rows + list(SUMMARY_ROWS)


def compare(previous: dict[str, Any] | None, systems: dict[str, Any], gold_sha256: str,
            threshold: float = REGRESSION_THRESHOLD) -> dict[str, Any]:
    """Deltas of the overall scores against a previous ``metrics.json``; drops > threshold are regressions."""
    if previous is None:
        return {"previous": False, "notes": ["no previous report in this folder"], "deltas": {}, "regressions": []}
    notes = []
    prev_systems = previous.get("systems")
    if prev_systems is None and "overall" in previous:
        prev_systems = {"rules": {"status": "ok", "overall": previous["overall"]}}
        notes.append("the previous metrics.json is the older single-pipeline format; read as `rules`")
    if not isinstance(prev_systems, dict):
        return {"previous": False, "notes": ["the previous metrics.json has no scores; not compared"],
                "deltas": {}, "regressions": []}
    prev_sha = (previous.get("gold") or {}).get("sha256")
    comparable = prev_sha is None or prev_sha == gold_sha256
    if prev_sha is None:
        notes.append("the previous report does not say which gold it scored (no gold sha256)")
    elif not comparable:
        notes.append("the previous report scored other gold documents (gold sha256 differs): the deltas mix "
                     "model and gold changes, so drops are not flagged as regressions")
    deltas: dict[str, Any] = {}
    regressions = []
    for name in SYSTEMS:
        now, prev = systems.get(name, {}), prev_systems.get(name, {})
        if now.get("status") != "ok" or prev.get("status", "ok") != "ok" or "overall" not in prev:
            continue
        rows = {}
        for title, path in comparison_rows():
            try:
                before = _get(prev["overall"], path)
            except (KeyError, TypeError, ValueError):
                continue
            after = _get(now["overall"], path)
            delta = round(after - before, 4)
            regression = comparable and delta < -threshold
            rows[title] = {"previous": before, "now": after, "delta": delta, "regression": regression}
            if regression:
                regressions.append({"system": name, "score": title, "previous": before, "now": after,
                                    "delta": delta})
        deltas[name] = rows
    return {"previous": True, "comparable": comparable, "notes": notes, "deltas": deltas,
            "regressions": regressions}


def read_previous(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ReportError(f"{path}: the previous report is not valid JSON ({err.msg}); move it away") from err


def build_metrics(gold: Sequence[dict[str, Any]], systems: Sequence[System], gold_info: dict[str, Any],
                  previous: dict[str, Any] | None, model_name: str,
                  clock: Clock = time.perf_counter) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The metrics of every system, and the predictions (by system) for the HTML error excerpts."""
    gold = list(gold)
    gold_by_id = {g["id"]: g for g in gold}
    sha = gold_fingerprint(gold)
    results: dict[str, Any] = {}
    predictions: dict[str, list[dict[str, Any]]] = {}
    for system in systems:
        entry: dict[str, Any] = {"path": _display_path(system.path), "note": system.note}
        if system.nlp is None:
            entry["status"] = "skipped"
            results[system.name] = entry
            continue
        pred, timing = run_system(system, gold, clock)
        predictions[system.name] = pred
        scored = score_by_genre(gold, pred)
        pred_by_id = {p["id"]: p for p in pred}
        entry.update({
            "status": "ok",
            "pipeline": list(system.nlp.pipe_names),
            "size_mb": model_size_mb(system.path, system.exclude),
            "overall": _strip_errors(scored["overall"]),
            "genres": {genre: _strip_errors(s) for genre, s in scored["genres"].items()},
            "top_errors": top_errors(scored["overall"]["errors"], gold_by_id, pred_by_id),
            "error_count": len(scored["overall"]["errors"]),
            "timing": timing,
        })
        results[system.name] = entry
    if not predictions:
        raise ReportError("no system could be scored: " + "; ".join(
            f"{s.name}: {s.note}" for s in systems))
    gold_info = dict(gold_info)
    gold_info.update({"documents": len(gold), "words": sum(len(g["text"].split()) for g in gold),
                      "spans": sum(len(g["label"]) for g in gold), "sha256": sha,
                      "genres": {genre: sum(1 for g in gold if g.get("genre", "unknown") == genre)
                                 for genre in sorted({g.get("genre", "unknown") for g in gold})}})
    metrics = {
        "format": FORMAT_VERSION,
        "model": model_name,
        "gold": gold_info,
        "systems": results,
        "regression_threshold": REGRESSION_THRESHOLD,
        "comparison": compare(previous, results, sha),
        "timing_fields": ["systems.*.timing"],
    }
    return metrics, predictions


# ---------------------------------------------------------------- rendering: shared

def _ok(metrics: dict[str, Any]) -> list[str]:
    return [n for n in SYSTEMS if metrics["systems"].get(n, {}).get("status") == "ok"]


def _f(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _delta(value: float) -> str:
    return f"{value:+.3f}"


def _table_side_by_side(metrics: dict[str, Any], scope: dict[str, dict[str, Any]], partial: bool) -> tuple[
        list[str], list[list[str]]]:
    """Per-label P/R/F (exact or partial) of every system side by side, with gold counts."""
    names = list(scope)
    header = ["label", "gold"] + [f"{n} {k}" for n in names for k in ("P", "R", "F")]
    rows = []
    for lab in (*LABELS, "micro core 4", "micro all 7", "macro"):
        cells: list[str] = [lab, ""]
        for n in names:
            s = scope[n]["partial"] if partial else scope[n]
            if lab in LABELS:
                v = s["labels"][lab]
            else:
                v = s[{"micro core 4": "micro_core", "micro all 7": "micro", "macro": "macro"}[lab]]
            if lab != "macro":
                cells[1] = str(v["tp"] + v["fn"])
            cells += _prf_cells(v)
        rows.append(cells)
    return header, rows


def _prf_cells(v: dict[str, Any]) -> list[str]:
    """P, R, F; dashes where the label occurs neither in gold nor in the predictions."""
    if "tp" in v and not v["tp"] + v["fp"] + v["fn"]:
        return ["–", "–", "–"]
    return [_f(v["p"]), _f(v["r"]), _f(v["f"])]


def _table_summary(metrics: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    names = _ok(metrics)
    header = ["score", *names]
    rows = []
    for title, path in SUMMARY_ROWS:
        rows.append([title] + [_f(_get(metrics["systems"][n]["overall"], path)) for n in names])
    rows.append(["norm exact / compared"] + [
        f"{metrics['systems'][n]['overall']['norm']['exact']}/{metrics['systems'][n]['overall']['norm']['total']}"
        for n in names])
    rows.append(["size on disk (MB)"] + [_mb(metrics["systems"][n]["size_mb"]) for n in names])
    return header, rows


def _table_topics(metrics: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    names = _ok(metrics)
    header = ["topic"] + [f"{n} {k}" for n in names for k in ("P", "R", "F")]
    rows = []
    for t in TOPICS:
        cells = [t]
        for n in names:
            cells += _prf_cells(metrics["systems"][n]["overall"]["topics"][t])
        rows.append(cells)
    return header, rows


def _table_genre(metrics: dict[str, Any], genre: str) -> tuple[list[str], list[list[str]]]:
    names = _ok(metrics)
    header = ["label", "gold"] + [f"{n} {k}" for n in names for k in ("F", "F partial")]
    rows = []
    first = metrics["systems"][names[0]]["genres"][genre]
    for lab in LABELS:
        v0 = first["labels"][lab]
        cells = [lab, str(v0["tp"] + v0["fn"])]
        for n in names:
            s = metrics["systems"][n]["genres"][genre]
            cells += [_prf_cells(s["labels"][lab])[2], _prf_cells(s["partial"]["labels"][lab])[2]]
        rows.append(cells)
    for title, key in (("micro core 4", "micro_core"), ("micro all 7", "micro")):
        v0 = first[key]
        cells = [title, str(v0["tp"] + v0["fn"])]
        for n in names:
            s = metrics["systems"][n]["genres"][genre]
            cells += [_f(s[key]["f"]), _f(s["partial"][key]["f"])]
        rows.append(cells)
    for title, path in (("norm accuracy", ("norm", "accuracy")), ("topic F (3 fixed)", ("topic_f_mean",))):
        cells = [title, ""]
        for n in names:
            cells += [_f(_get(metrics["systems"][n]["genres"][genre], path)), ""]
        rows.append(cells)
    return header, rows


def _table_confusion(scores: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    axis = (*LABELS, NONE)
    header = ["gold ↓ predicted →", *axis]
    rows = []
    for g in axis:
        rows.append([g] + ["–" if g == NONE and p == NONE else str(scores["confusion"][g][p]) for p in axis])
    return header, rows


def _table_errors(errors: Sequence[dict[str, Any]], gold_by_id: dict[str, dict[str, Any]]) -> tuple[
        list[str], list[list[str]]]:
    header = ["#", "count", "kind", "label", "text", "what the other side has", "context (first occurrence)",
              "document"]
    rows = []
    for i, e in enumerate(errors, start=1):
        ex = e["example"]
        rows.append([str(i), str(e["count"]), e["kind"], e["label"] or "–", e["text"], e["detail"],
                     context(gold_by_id[ex["id"]]["text"], ex["start"], ex["end"]), f"{ex['id']}:{ex['start']}"])
    return header, rows


def _table_comparison(comparison: dict[str, Any]) -> tuple[list[str], list[list[str]]] | None:
    names = [n for n in SYSTEMS if n in comparison["deltas"]]
    if not names:
        return None
    header = ["score"] + [f"{n} {k}" for n in names for k in ("previous", "now", "Δ")]
    titles = [t for t, _ in comparison_rows()]
    rows = []
    for title in titles:
        cells = [title]
        present = False
        for n in names:
            d = comparison["deltas"][n].get(title)
            if d is None:
                cells += ["–", "–", "–"]
                continue
            present = True
            flag = " REGRESSION" if d["regression"] else ""
            cells += [_f(d["previous"]), _f(d["now"]), _delta(d["delta"]) + flag]
        if present:
            rows.append(cells)
    return header, rows


def _table_throughput(metrics: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    header = ["system", "words", "seconds", "words/s", "size on disk (MB)"]
    rows = []
    for n in _ok(metrics):
        s = metrics["systems"][n]
        rows.append([n, str(metrics["gold"]["words"]), f"{s['timing']['seconds']:.3f}",
                     f"{s['timing']['words_per_second']:.1f}", _mb(s["size_mb"])])
    return header, rows


def _gold_lines(metrics: dict[str, Any]) -> list[str]:
    g = metrics["gold"]
    genres = ", ".join(f"{k} {v}" for k, v in g["genres"].items())
    lines = [f"gold: {', '.join(g['paths'])}; split: {g['split'] or 'all documents'}",
             f"{g['documents']} documents ({genres}), {g['words']} words, {g['spans']} spans; "
             f"gold sha256 {g['sha256'][:16]}"]
    if g.get("missing_split_ids"):
        lines.append(f"{len(g['missing_split_ids'])} ids of the split are not in these gold files: "
                     + ", ".join(g["missing_split_ids"][:10]) + (" …" if len(g["missing_split_ids"]) > 10 else ""))
    return lines


def _system_lines(metrics: dict[str, Any]) -> list[str]:
    lines = []
    for n in SYSTEMS:
        s = metrics["systems"].get(n)
        if s is None:
            continue
        where = s["path"] or "configs/pipeline.cfg"
        if s["status"] == "ok":
            lines.append(f"{n}: {where} ({', '.join(s['pipeline'])})" + (f"; {s['note']}" if s["note"] else ""))
        else:
            lines.append(f"{n}: skipped: {s['note']}")
    return lines


def _regression_lines(comparison: dict[str, Any]) -> list[str]:
    if not comparison["previous"]:
        return []
    if not comparison.get("comparable", True):
        return ["Not compared for regressions: the previous report scored other gold documents."]
    if not comparison["regressions"]:
        return ["No regressions against the previous report (no score dropped by more than "
                f"{REGRESSION_THRESHOLD} F)."]
    return [f"REGRESSION: {r['system']} {r['score']} {_f(r['previous'])} → {_f(r['now'])} ({_delta(r['delta'])})"
            for r in comparison["regressions"]]


# ---------------------------------------------------------------- markdown

_NUMERIC = re.compile(r"^(?:[-+]?\d[\d.,/]*(?: REGRESSION)?|–|)$")


def _md_cell(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    for ch in ("\\", "|", "*", "`"):
        text = text.replace(ch, "\\" + ch)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _md_table(table: tuple[list[str], list[list[str]]]) -> list[str]:
    header, rows = table
    numeric = [i > 0 and all(_NUMERIC.match(row[i]) for row in rows) for i in range(len(header))]
    lines = ["| " + " | ".join(_md_cell(h) for h in header) + " |",
             "|" + "|".join("---:" if num else "---" for num in numeric) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def render_markdown(metrics: dict[str, Any], gold: Sequence[dict[str, Any]]) -> str:
    names = _ok(metrics)
    gold_by_id = {g["id"]: g for g in gold}
    out = [f"# Evaluation report: {metrics['model']}", ""]
    out += [f"- {line}" for line in _gold_lines(metrics) + _system_lines(metrics)] + [""]
    regression = _regression_lines(metrics["comparison"])
    if regression:
        out += [f"- **{line}**" for line in regression] + [""]
    out += ["## Summary", ""] + _md_table(_table_summary(metrics))
    overall = {n: metrics["systems"][n]["overall"] for n in names}
    out += ["## Per label, exact match", "",
            "A predicted span counts when start, end and label equal a gold span's.", ""]
    out += _md_table(_table_side_by_side(metrics, overall, partial=False))
    out += ["## Per label, partial overlap", "",
            "A predicted span counts when it shares a character with a gold span of the same label "
            "(one to one).", ""]
    out += _md_table(_table_side_by_side(metrics, overall, partial=True))
    out += ["## Topics", ""] + _md_table(_table_topics(metrics))
    out += ["## Per genre", ""]
    for genre, count in metrics["gold"]["genres"].items():
        out += [f"### {genre} ({count} documents)", ""] + _md_table(_table_genre(metrics, genre))
    out += ["## Label confusion", "",
            "Gold and predicted spans paired by overlap (exact boundaries first, one to one); rows gold, "
            "columns predicted; NONE: missed (column) or spurious (row).", ""]
    for n in names:
        out += [f"### {n}", ""] + _md_table(_table_confusion(metrics["systems"][n]["overall"]))
    out += ["## Most frequent errors", "",
            f"Errors grouped by (kind, label, text), the {TOP_ERRORS} most frequent; kind fn: missed gold span, "
            "fp: spurious prediction, norm: right span, wrong normalised value.", ""]
    for n in names:
        s = metrics["systems"][n]
        out += [f"### {n} ({s['error_count']} errors)", ""] + _md_table(_table_errors(s["top_errors"], gold_by_id))
    out += ["## Comparison with the previous report", ""]
    comparison = metrics["comparison"]
    out += [f"- {note}" for note in comparison["notes"]]
    if comparison["notes"]:
        out.append("")
    if comparison["previous"]:
        out += [f"- **{line}**" for line in _regression_lines(comparison)] + [""]
        table = _table_comparison(comparison)
        if table:
            out += _md_table(table)
    out += ["## Throughput and size", "",
            "Words/s of one pass over the gold texts (one process, after one warm-up text); the only "
            "figures that change from run to run. Sizes exclude the shared gazetteers read at run time.", ""]
    out += _md_table(_table_throughput(metrics))
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------- html

def _html_table(table: tuple[list[str], list[list[str]]], css: str = "") -> str:
    header, rows = table
    parts = [f'<table class="{css}">' if css else "<table>", "<thead><tr>"]
    parts += [f"<th>{html.escape(h)}</th>" for h in header]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        cells = []
        for c in row:
            cls = ' class="regression"' if "REGRESSION" in c else ""
            cells.append(f"<td{cls}>{html.escape(c)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _excerpt(gold_doc: dict[str, Any], pred_doc: dict[str, Any] | None, start: int, end: int,
             chars: int = EXCERPT_CHARS) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    """A window around [start, end) that cuts no span, with the gold and predicted spans in it."""
    text = gold_doc["text"]
    spans = [tuple(s) for s in gold_doc["label"]] + [tuple(s) for s in (pred_doc or {}).get("label", [])]
    lo, hi = max(0, start - chars), min(len(text), end + chars)
    changed = True
    while changed:
        changed = False
        for s, e, _ in spans:
            if s < lo < e:
                lo, changed = s, True
            if s < hi < e:
                hi, changed = e, True

    def inside(doc_spans: Iterable[Sequence[Any]]) -> list[dict[str, Any]]:
        return [{"start": s - lo, "end": e - lo, "label": lab} for s, e, lab in sorted(doc_spans)
                if lo <= s and e <= hi]

    return text[lo:hi], inside(gold_doc["label"]), inside((pred_doc or {}).get("label", []))


def _displacy(text: str, ents: list[dict[str, Any]], title: str) -> str:
    return displacy.render([{"text": text, "ents": ents, "title": title}], style="ent", manual=True,
                           page=False, jupyter=False, options={"colors": COLORS, "ents": list(LABELS)})


CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #111; max-width: 110em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: right; vertical-align: top; }
th:first-child, td:first-child { text-align: left; }
table.errors td { text-align: left; }
td.regression, .regression { background: #fecaca; font-weight: bold; }
.ok { background: #dcfce7; padding: 0.3em 0.6em; }
.error-case { border-top: 1px solid #ddd; padding: 0.5em 0; }
.error-case h2 { font-size: 0.9em !important; font-weight: normal; color: #555; }
.legend span { padding: 0.2em 0.5em; margin-right: 0.4em; border-radius: 0.3em; }
"""


def render_html(metrics: dict[str, Any], gold: Sequence[dict[str, Any]],
                predictions: dict[str, list[dict[str, Any]]]) -> str:
    names = _ok(metrics)
    esc = html.escape
    gold_by_id = {g["id"]: g for g in gold}
    out = ["<!DOCTYPE html>", '<html lang="sv"><head><meta charset="utf-8">',
           f"<title>Evaluation report: {esc(metrics['model'])}</title>", f"<style>{CSS}</style></head><body>",
           f"<h1>Evaluation report: {esc(metrics['model'])}</h1>", "<ul>"]
    out += [f"<li>{esc(line)}</li>" for line in _gold_lines(metrics) + _system_lines(metrics)]
    out.append("</ul>")
    comparison = metrics["comparison"]
    for line in _regression_lines(comparison):
        cls = "regression" if comparison["regressions"] else "ok"
        out.append(f'<p class="{cls}">{esc(line)}</p>')
    out.append('<p class="legend">' + "".join(
        f'<span style="background: {COLORS[lab]}">{lab}</span>' for lab in LABELS) + "</p>")
    overall = {n: metrics["systems"][n]["overall"] for n in names}
    out += ["<h2>Summary</h2>", _html_table(_table_summary(metrics))]
    out += ["<h2>Per label, exact match</h2>",
            "<p>A predicted span counts when start, end and label equal a gold span's.</p>",
            _html_table(_table_side_by_side(metrics, overall, partial=False))]
    out += ["<h2>Per label, partial overlap</h2>",
            "<p>A predicted span counts when it shares a character with a gold span of the same label "
            "(one to one).</p>", _html_table(_table_side_by_side(metrics, overall, partial=True))]
    out += ["<h2>Topics</h2>", _html_table(_table_topics(metrics)), "<h2>Per genre</h2>"]
    for genre, count in metrics["gold"]["genres"].items():
        out += [f"<h3>{esc(genre)} ({count} documents)</h3>", _html_table(_table_genre(metrics, genre))]
    out += ["<h2>Label confusion</h2>",
            "<p>Gold and predicted spans paired by overlap (exact boundaries first, one to one); rows gold, "
            "columns predicted; NONE: missed (column) or spurious (row).</p>"]
    for n in names:
        out += [f"<h3>{esc(n)}</h3>", _html_table(_table_confusion(metrics["systems"][n]["overall"]))]
    out += ["<h2>Most frequent errors</h2>",
            f"<p>Errors grouped by (kind, label, text), the {TOP_ERRORS} most frequent; kind fn: missed gold "
            "span, fp: spurious prediction, norm: right span, wrong normalised value. Below each table, the "
            "first occurrence of every error, gold above predicted.</p>"]
    for n in names:
        s = metrics["systems"][n]
        out += [f"<h3>{esc(n)} ({s['error_count']} errors)</h3>",
                _html_table(_table_errors(s["top_errors"], gold_by_id), "errors")]
        pred_by_id = {p["id"]: p for p in predictions.get(n, [])}
        out.append("<details><summary>the errors in context (displaCy)</summary>")
        for i, e in enumerate(s["top_errors"], start=1):
            ex = e["example"]
            text, gold_ents, pred_ents = _excerpt(gold_by_id[ex["id"]], pred_by_id.get(ex["id"]), ex["start"],
                                                  ex["end"])
            out.append('<div class="error-case">')
            out.append(f"<h4>#{i} {esc(e['kind'])} {esc(e['label'] or '–')} «{esc(e['text'])}» ×{e['count']} "
                       f"({esc(ex['id'])}:{ex['start']}): {esc(e['detail'])}</h4>")
            out.append(_displacy(text, gold_ents, "gold"))
            out.append(_displacy(text, pred_ents, f"predicted ({n})"))
            out.append("</div>")
        out.append("</details>")
    out.append("<h2>Comparison with the previous report</h2>")
    if comparison["notes"]:
        out.append("<ul>" + "".join(f"<li>{esc(note)}</li>" for note in comparison["notes"]) + "</ul>")
    table = _table_comparison(comparison) if comparison["previous"] else None
    if table:
        out.append(_html_table(table))
    out += ["<h2>Throughput and size</h2>",
            "<p>Words/s of one pass over the gold texts (one process, after one warm-up text); the only figures "
            "that change from run to run. Sizes exclude the shared gazetteers read at run time.</p>",
            _html_table(_table_throughput(metrics)), "</body></html>"]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- the report

def write_report(gold: Sequence[dict[str, Any]], systems: Sequence[System], output_dir: str | Path,
                 gold_info: dict[str, Any], model_name: str | None = None,
                 clock: Clock = time.perf_counter) -> dict[str, Any]:
    """Score ``systems`` on ``gold`` and write ``metrics.json``, ``report.md``, ``report.html``."""
    output_dir = Path(output_dir)
    if not gold:
        raise ReportError("no gold documents")
    previous = read_previous(output_dir / "metrics.json")
    metrics, predictions = build_metrics(gold, systems, gold_info, previous, model_name or output_dir.name, clock)
    output_dir.mkdir(parents=True, exist_ok=True)
    (output_dir / "metrics.json").write_text(
        json.dumps(metrics, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    (output_dir / "report.md").write_text(render_markdown(metrics, gold), encoding="utf-8")
    (output_dir / "report.html").write_text(render_html(metrics, gold, predictions), encoding="utf-8")
    return metrics


def report(gold_paths: Iterable[str | Path], systems: Sequence[str] = SYSTEMS, model: str | Path | None = None,
           rules_model: str | Path | None = None, split: str | None = None,
           splits_file: str | Path | None = None, output_dir: str | Path | None = None,
           clock: Clock = time.perf_counter) -> tuple[dict[str, Any], Path]:
    """Load the gold (and split), the named systems, and write the report; returns metrics and folder."""
    gold_paths = [Path(p) for p in gold_paths]
    gold, missing = load_gold(gold_paths, split, splits_file)
    names = [n for n in SYSTEMS if n in set(systems)]
    if unknown := sorted(set(systems) - set(SYSTEMS)):
        raise ReportError(f"unknown system(s) {', '.join(unknown)} (one of {', '.join(SYSTEMS)})")
    if output_dir is None:
        if "model" in names or "combined" in names:
            name = Path(model).name if model is not None else DEFAULT_COMBINED.name
        else:
            name = Path(rules_model).name if rules_model is not None else "svpol_sv_rules"
        output_dir = PROJECT_DIR / "reports" / name
    output_dir = Path(output_dir)
    loaded = [load_system(n, model=model, rules_model=rules_model) for n in names]
    gold_info = {"paths": [_display_path(p) for p in gold_paths], "split": split, "missing_split_ids": missing}
    metrics = write_report(gold, loaded, output_dir, gold_info, output_dir.name, clock)
    return metrics, output_dir


def summary_lines(metrics: dict[str, Any]) -> list[str]:
    """A few plain lines for the terminal: micro F per system, notes, regressions."""
    lines = []
    for n in SYSTEMS:
        s = metrics["systems"].get(n)
        if s is None:
            continue
        if s["status"] != "ok":
            lines.append(f"{n:<9} skipped: {s['note']}")
            continue
        o = s["overall"]
        lines.append(f"{n:<9} micro F {o['micro']['f']:.3f} (partial {o['partial']['micro']['f']:.3f})  "
                     f"core4 F {o['micro_core']['f']:.3f}  norm {o['norm']['accuracy']:.3f}  "
                     f"topic F {o['topic_f_mean']:.3f}  {s['timing']['words_per_second']:.0f} words/s")
    ok = [n for n in SYSTEMS if metrics["systems"].get(n, {}).get("status") == "ok"]
    if ok:
        lines.append("exact P/R/F per label: " + " | ".join(ok))
        first = metrics["systems"][ok[0]]["overall"]
        for label in first["labels"]:
            cells = [" ".join(f"{metrics['systems'][n]['overall']['labels'][label][k]:.3f}" for k in "prf")
                     for n in ok]
            lines.append(f"  {label:<7} " + " | ".join(cells))
        for topic in first["topics"]:
            cells = [f"{metrics['systems'][n]['overall']['topics'][topic]['f']:.3f}" for n in ok]
            lines.append(f"  topic {topic:<13} F " + " | ".join(cells))
    lines += _regression_lines(metrics["comparison"])
    return lines
