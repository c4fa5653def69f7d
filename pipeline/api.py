"""Building and loading the svpol pipeline."""

from __future__ import annotations

import hashlib
from pathlib import Path

import spacy
from spacy.language import Language

from . import __version__
from .settings import CONFIG_DIR, DEFAULT_MODEL_DIR

DEFAULT_CONFIG = CONFIG_DIR / "pipeline.cfg"
MODEL_NAME = "svpol_rules"
# Where a pipeline keeps the fingerprint of the files it came from (an attribute, never saved in
# meta.json, where it would go stale).
FINGERPRINT_ATTR = "svpol_fingerprint"


def build_pipeline(config_path: str | Path = DEFAULT_CONFIG) -> Language:
    """A ready pipeline from a config in ``configs/`` (tables read from ``configs/``)."""
    config = spacy.util.load_config(config_path)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.initialize()
    nlp.meta.update({"name": MODEL_NAME, "version": __version__, "lang": "sv",
                     "description": "svpol rule pipeline for Swedish political text",
                     "license": "MIT", "author": "svpol"})
    files = [Path(config_path).resolve(), *CONFIG_DIR.glob("*.json"), *CONFIG_DIR.glob("patterns/*.json")]
    setattr(nlp, FINGERPRINT_ATTR, _fingerprint([f for f in files if f.is_file()], CONFIG_DIR))
    return nlp


def save_pipeline(nlp: Language, output: str | Path) -> Path:
    """Write a pipeline to ``output`` so that ``spacy.load(output)`` works without svpol's configs."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    return output


def _fingerprint(paths: list[Path], root: Path) -> str:
    """A hash of the files' names (relative to ``root``, else the bare name: the same wherever the
    checkout lies) and contents."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def model_id(nlp: Language) -> str:
    """``<name>-<version>-<fingerprint>`` of a pipeline: the files of the model folder it was loaded
    from, or the config and tables it was built from, so that a rebuilt model is told apart."""
    name = f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"
    fingerprint = getattr(nlp, FINGERPRINT_ATTR, None)
    return f"{name}-{fingerprint}" if fingerprint else name


def load_pipeline(model: str | Path | None = None) -> Language:
    """``spacy.load`` of a built model; ``None``: the default model ``models/svpol_sv`` (rules +
    trained NER), or the rule pipeline built from ``configs/`` where that model is absent."""
    if model is None:
        if not (DEFAULT_MODEL_DIR / "meta.json").exists():
            return build_pipeline()
        model = DEFAULT_MODEL_DIR
    path = Path(model)
    if not path.exists():
        raise FileNotFoundError(f"model {model} not found (build it with `make model`)")
    nlp = spacy.load(path)
    if path.is_dir():
        setattr(nlp, FINGERPRINT_ATTR, _fingerprint([f for f in path.rglob("*") if f.is_file()], path))
    return nlp
