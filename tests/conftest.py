"""Shared fixtures: the default pipeline is built once per test session."""

import os
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
os.environ.setdefault("SVPOL_DATA_DIR", str(PROJECT.parent / "shared" / "data"))


def _have_gazetteers() -> bool:
    from pipeline.settings import data_dir

    return (data_dir() / "gazetteers").exists()


def pytest_collection_modifyitems(config, items):
    """Cases marked ``gazetteers`` test names that only the shared gazetteers list: skip them, with
    the reason, where that folder is absent (a clone outside this workspace)."""
    if _have_gazetteers():
        return
    from pipeline.settings import data_dir

    skip = pytest.mark.skip(reason=f"needs the gazetteers in {data_dir()} (set SVPOL_DATA_DIR)")
    for item in items:
        if "gazetteers" in item.keywords:
            item.add_marker(skip)


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
    return _have_gazetteers()
