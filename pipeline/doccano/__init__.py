"""The doccano annotation workflow: push documents (with the pipeline's pre-annotations), pull gold
JSONL back, and measure inter-annotator agreement.

    svpol doccano push PATH... --project NAME [--pre-annotate] [--order uncertainty] [--independent]
    svpol doccano pull --project NAME -o OUT.jsonl [--approved-only] [--per-annotator DIR]
    svpol doccano agreement DIR
    svpol doccano stats --project NAME
    svpol doccano uncertainty-check [--split dev]

The server itself is started with ``make doccano-up`` (scripts/doccano_server.sh); see docs/annotation.md.
"""

from __future__ import annotations

import json
from pathlib import Path

# The guidelines' labels and fixed topic ids: used when configs/ lacks the files.
GUIDELINE_LABELS = ("PARTY", "PERSON", "MONEY", "DATE", "ORG", "LOC", "CASE")
GUIDELINE_TOPICS = ("extremism", "aldreomsorg", "socialtjanst")
NORM_LABELS = ("PARTY", "MONEY", "DATE")


def config_dir() -> Path:
    try:
        from pipeline.settings import CONFIG_DIR

        return Path(CONFIG_DIR)
    except ImportError:  # pragma: no cover - the core package always has it
        return Path(__file__).resolve().parents[2] / "configs"


def load_labels(path: Path | None = None) -> list[str]:
    """Span labels from ``configs/labels.json`` (``{"labels": [...]}``), else the guidelines' seven."""
    path = path or config_dir() / "labels.json"
    if path.is_file():
        labels = json.loads(path.read_text(encoding="utf-8")).get("labels") or []
        if labels:
            return [str(label) for label in labels]
    return list(GUIDELINE_LABELS)


def load_topics(path: Path | None = None) -> list[tuple[str, str]]:
    """(id, name) of the topics in ``configs/topics.json``, else the guidelines' three."""
    path = path or config_dir() / "topics.json"
    if path.is_file():
        topics = json.loads(path.read_text(encoding="utf-8")).get("topics") or []
        out = [(str(t["id"]), str(t.get("name", t["id"]))) for t in topics]
        if out:
            return out
    return [(t, t) for t in GUIDELINE_TOPICS]


__all__ = ["GUIDELINE_LABELS", "GUIDELINE_TOPICS", "NORM_LABELS", "config_dir", "load_labels", "load_topics"]
