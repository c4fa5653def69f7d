"""svpol's own record of a doccano project: what was pushed, kept out of doccano's metadata.

doccano shows an example's whole metadata in the annotation page's sidebar, so the pushed
annotations (the model's suggestions) put there would show in blind (independent) projects and hide
the useful fields in shared ones. They live here instead, a side table keyed by doccano's example id:

    <DOCCANO_DATA>/svpol-state/project-<id>.json   (0600)
    {"project": name, "project_id": id,
     "examples": {"<example id>": {"doc_id", "sha256", "label", "norm", "cats", "extra", "uncertainty"}},
     "pending":  {"<import task id>": {"upload_id": ..., "docs": {"<doc id>": record}}}}

``pending`` holds an import that was queued but not yet seen finished (a push that timed out): the
next push awaits it instead of queuing the documents a second time.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .client import REPO_ROOT, Settings

STATE_DIR = "svpol-state"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def state_path(settings: Settings, project_id: int) -> Path:
    base = settings.data_dir or REPO_ROOT / ".doccano"
    return base / STATE_DIR / f"project-{project_id}.json"


@dataclass
class ProjectState:
    path: Path
    project: str
    project_id: int
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)
    pending: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, settings: Settings, project: str, project_id: int) -> ProjectState:
        """The project's state; an absent file, or one left from another project of the same id
        (a reset server), gives an empty state."""
        path = state_path(settings, project_id)
        state = cls(path, project, project_id)
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("project") == project and data.get("project_id") == project_id:
                state.examples = dict(data.get("examples") or {})
                state.pending = dict(data.get("pending") or {})
        return state

    def save(self) -> None:
        """Atomic write, readable by the owner only (it holds document metadata)."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"project": self.project, "project_id": self.project_id, "examples": self.examples,
                       "pending": self.pending}, f, ensure_ascii=False)
        os.replace(tmp, self.path)

    def for_example(self, example_id: Any, doc_id: str | None) -> dict[str, Any] | None:
        """The pushed record of an example (None when unknown or when it names another document)."""
        record = self.examples.get(str(example_id))
        if record is None or (doc_id is not None and record.get("doc_id") != doc_id):
            return None
        return record
