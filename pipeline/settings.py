"""Where svpol finds its configs and the shared open data.

The open data (gazetteers, corpora) is never copied into the repo; it is read at run time from
``SVPOL_DATA_DIR`` (default ``../shared/data`` beside the project root). Without it the pipeline
still runs, with its own tables only.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
CONFIG_DIR = PROJECT_DIR / "configs"
DEFAULT_MODEL_DIR = PROJECT_DIR / "models" / "svpol_sv"


def data_dir() -> Path:
    """The shared data folder: ``$SVPOL_DATA_DIR`` or ``<project>/../shared/data``."""
    env = os.environ.get("SVPOL_DATA_DIR")
    return Path(env) if env else PROJECT_DIR.parent / "shared" / "data"


def data_path(relative: str) -> Path | None:
    """A file in the shared data folder, or ``None`` when it is not there."""
    path = data_dir() / relative
    return path if path.exists() else None
