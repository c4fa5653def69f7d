"""Scoring ``svpol_events`` against the events gold (``corpus/events/``).

A gold line is stand-off like the entity gold (``source`` + ``sha256``, the text is rebuilt and its
hash checked) and lists the document's events in the reduced form the scorer compares; ``scope``
names the event types annotated in it (types outside the scope are not scored for that document).
The test part is the frozen entity test part of ``corpus/gold/splits.json`` (``test_parts``), so
nothing tuned on entity test documents can leak; every other document is dev.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from .api import load_pipeline
from .data.gold import record_text
from .scoring import prf
from .settings import PROJECT_DIR
from .training.splits import load_splits

EVENTS_GOLD = PROJECT_DIR / "corpus" / "events"  # not under corpus/gold: read_gold reads every JSONL there
SPLITS = PROJECT_DIR / "corpus" / "gold" / "splits.json"
RESERVATION_TYPES = ("reservation", "special_statement", "protocol_note")


def event_key(event: dict[str, Any]) -> tuple[str, tuple[Any, ...]] | None:
    """What must match exactly: attendance: name, party, category and roles; proposals and
    reservations: the party set; votes: the counts; decisions: the span; items: the number."""
    kind = event["type"]
    if kind == "attendance":
        return kind, (" ".join(event["name"].split()), event.get("party"), event.get("category"),
                      tuple(sorted(event.get("roles") or [])))
    if kind == "proposal":
        return kind, (tuple(sorted(event.get("parties") or [])),)
    if kind in RESERVATION_TYPES:
        return "reservation", (kind, tuple(sorted(event.get("parties") or [])))
    if kind == "ruling":
        return kind, (event.get("winner_kind"), tuple(sorted(event.get("winner_parties") or [])))
    if kind == "vote":
        return kind, (event.get("ja"), event.get("nej"), event.get("avstår"))
    if kind == "decision":
        return kind, (event["start"], event["end"])
    if kind == "item":
        return kind, (str(event.get("number")),)
    return None


def scope_of(kind: str) -> str:
    return "reservation" if kind in RESERVATION_TYPES else kind


def test_ids(splits_file: str | Path = SPLITS) -> set[str]:
    """The frozen entity test parts' ids (their digests checked by ``load_splits``)."""
    return {i for part in load_splits(splits_file).get("test_parts", []) for i in part["ids"]}


def read_events_gold(paths: Iterable[str | Path] = (EVENTS_GOLD,)) -> list[dict[str, Any]]:
    """Gold lines with their text rebuilt (and its hash checked)."""
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
    out = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                record = json.loads(line)
                out.append({**record, "text": record_text(record, f"{path}:{n}")})
    return out


def score_events(gold: list[dict[str, Any]], predicted: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """P/R/F per element (exact keys, multiset match), over the scopes each gold document annotates."""
    counts: dict[str, Counter[str]] = {}
    for record, events in zip(gold, predicted, strict=True):
        scope = set(record["scope"])
        g = Counter(k for k in map(event_key, record["events"]) if k and k[0] in scope)
        p = Counter(k for k in map(event_key, events) if k and k[0] in scope)
        for element in scope:
            c = counts.setdefault(element, Counter())
            gk = Counter({k: v for k, v in g.items() if k[0] == element})
            pk = Counter({k: v for k, v in p.items() if k[0] == element})
            tp = sum((gk & pk).values())
            c["tp"] += tp
            c["fp"] += sum(pk.values()) - tp
            c["fn"] += sum(gk.values()) - tp
    return {element: prf(c["tp"], c["fp"], c["fn"]) for element, c in sorted(counts.items())}


def evaluate_events(split: str | None = "test", model: str | Path | None = None, nlp: Language | None = None,
                    gold_paths: Iterable[str | Path] = (EVENTS_GOLD,),
                    splits_file: str | Path = SPLITS) -> dict[str, Any]:
    """Score the model's events on the events gold (``split``: test, dev or None for all)."""
    gold = read_events_gold(gold_paths)
    if split:
        test = test_ids(splits_file)
        gold = [g for g in gold if (g["id"] in test) == (split == "test")]
    nlp = nlp or load_pipeline(model)
    predicted = [doc._.events or [] for doc in nlp.pipe(g["text"] for g in gold)]
    return {"split": split, "documents": len(gold), "scores": score_events(gold, predicted)}


def format_events_table(result: dict[str, Any]) -> str:
    lines = [f"events ({result['split'] or 'all'}, {result['documents']} documents)",
             f"{'element':<14}{'P':>8}{'R':>8}{'F':>8}{'gold':>7}"]
    for element, s in result["scores"].items():
        lines.append(f"{element:<14}{s['p']:>8.3f}{s['r']:>8.3f}{s['f']:>8.3f}{s['tp'] + s['fn']:>7}")
    return "\n".join(lines)
