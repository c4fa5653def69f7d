"""The committed combined model models/svpol_sv: size, contents (no shared-data lists), policy."""

import json

import pytest

from pipeline.settings import PROJECT_DIR, data_dir
from pipeline.training.combine import LABELS, MAX_MB, model_size_mb

MODEL = PROJECT_DIR / "models" / "svpol_sv"
pytestmark = pytest.mark.skipif(not (MODEL / "meta.json").exists(), reason="models/svpol_sv not built (make train)")


def test_size_and_pipeline():
    assert model_size_mb(MODEL) <= MAX_MB
    config = (MODEL / "config.cfg").read_text(encoding="utf-8")
    pipeline = next(line for line in config.splitlines() if line.startswith("pipeline = "))
    names = json.loads(pipeline.split("=", 1)[1])
    assert names.index("tok2vec") < names.index("ner") < names.index("svpol_merge") < names.index("svpol_topics")
    meta = json.loads((MODEL / "meta.json").read_text(encoding="utf-8"))
    assert meta["name"] == "svpol_sv" and "model_labels" in meta["svpol_policy"]


def test_strings_are_pruned():
    import spacy

    strings = set(json.loads((MODEL / "vocab" / "strings.json").read_text(encoding="utf-8")))
    assert strings <= set(spacy.blank("sv").vocab.strings) | set(LABELS)


def test_no_first_name_list_inside():
    """The first-name gazetteer of ../shared/data must not be embedded in any file of the model."""
    folder = data_dir() / "gazetteers" / "first-names"
    if not folder.exists():
        pytest.skip("no shared data")
    names = set()
    for path in folder.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        items = data if isinstance(data, list) else [x for v in data.values() for x in (v if isinstance(v, list)
                                                                                        else [v])]
        names |= {str(x) for x in items if isinstance(x, str) and len(x) > 3}
    assert len(names) > 1000
    for path in MODEL.rglob("*"):
        if path.is_file() and path.suffix in (".json", ".cfg", ""):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            words = set(text.replace('"', " ").replace(",", " ").split())
            found = names & words
            assert len(found) < 50, f"{path}: {len(found)} first names of the shared list, e.g. {sorted(found)[:5]}"
