"""Shared fixtures: the default pipeline is built once per test session."""

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SVPOL_DATA_DIR", str(PROJECT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def nlp():
    from pipeline.api import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def ents(nlp):
    """``ents(text)`` -> [(text, label)] of the default pipeline."""

    def run(text):
        return [(e.text, e.label_) for e in nlp(text).ents]

    return run


@pytest.fixture(scope="session")
def has_data():
    from pipeline.settings import data_dir

    return (data_dir() / "gazetteers").exists()
