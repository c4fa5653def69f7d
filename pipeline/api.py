"""Building and loading the svpol pipeline."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from . import __version__
from .settings import CONFIG_DIR, DEFAULT_MODEL_DIR

DEFAULT_CONFIG = CONFIG_DIR / "pipeline.cfg"
MODEL_NAME = "svpol_rules"


def build_pipeline(config_path: str | Path = DEFAULT_CONFIG) -> Language:
    """A ready pipeline from a config in ``configs/`` (tables read from ``configs/``)."""
    config = spacy.util.load_config(config_path)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    nlp.meta.update({"name": MODEL_NAME, "version": __version__, "lang": "sv",
                     "description": "svpol rule pipeline for Swedish political text",
                     "license": "MIT", "author": "svpol"})
    return nlp


def save_pipeline(nlp: Language, output: str | Path) -> Path:
    """Write a pipeline to ``output`` so that ``spacy.load(output)`` works without svpol's configs."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return output


def load_pipeline(model: str | Path | None = None) -> Language:
    """``spacy.load`` of a built model; ``None``: the default model ``models/svpol_sv`` (rules +
    trained NER), or the rule pipeline built from ``configs/`` where that model is absent."""
    if model is None:
        return spacy.load(DEFAULT_MODEL_DIR) if (DEFAULT_MODEL_DIR / "meta.json").exists() else build_pipeline()
    path = Path(model)
    if not path.exists():
        raise FileNotFoundError(f"model {model} not found (build it with `make model`)")
    return spacy.load(path)
