"""The combined pipeline on a tiny trained NER: order, merge policy, string pruning, reloading."""

import json
import os
import subprocess
import sys

import pytest
import spacy
from spacy.training import Example

from pipeline.training.combine import (
    allowed_strings,
    combine,
    save_combined,
    set_policy,
)
from pipeline.training.train import CONFIG_DIR

SECRET = "Qwxzyplonk"  # a token only the training data has: it must not reach the saved strings
TRAIN = [
    (f"{SECRET} Andersson bor i Lund.", [(0, 20, "PERSON"), (27, 31, "LOC")]),
    ("Skolverket ligger i Stockholm.", [(0, 10, "ORG"), (20, 29, "LOC")]),
    ("Karin Berg talar.", [(0, 10, "PERSON")]),
]


def tiny_ner(path):
    config = spacy.util.load_config(CONFIG_DIR / "ner_cpu.cfg")
    config["components"]["tok2vec"]["model"]["encode"].update({"width": 16, "depth": 1})
    config["components"]["tok2vec"]["model"]["embed"]["rows"] = [200, 50, 50, 50]
    config["components"]["ner"]["model"]["hidden_width"] = 16
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(15):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    return tiny_ner(tmp_path_factory.mktemp("ner") / "model")


@pytest.fixture(scope="module")
def combined(trained):
    return combine(trained, model_labels=[])


def test_pipeline_order_and_policy(combined):
    names = combined.pipe_names
    assert names.index("svpol_places") < names.index("tok2vec") < names.index("ner") < names.index("svpol_merge")
    # the NER reads the rule candidates: they must be there when it runs
    assert combined.get_pipe_config("tok2vec")["model"]["embed"]["@architectures"] == "svpol.RuleFeatureEmbed.v1"
    assert names[:2] == ["sentencizer", "lemmatizer"]
    assert names[-3:] == ["svpol_sections", "svpol_topics", "svpol_events"]
    assert combined.get_pipe_config("svpol_merge")["model_labels"] == []
    set_policy(combined, ["PERSON", "LOC"])
    assert combined.get_pipe("svpol_merge").model_labels == {"PERSON", "LOC"}
    assert combined.pipe_names == names  # same place
    set_policy(combined, [])


def test_merge_uses_model_entities_and_normalises(combined):
    doc = combined("Karin Berg (S) föreslår 35,3 mnkr den 7 april 2017.")
    got = {(e.text, e.label_) for e in doc.ents}
    assert {("S", "PARTY"), ("35,3 mnkr", "MONEY"), ("7 april 2017", "DATE")} <= got
    assert {e.label_: e._.norm for e in doc.ents}["DATE"] == "2017-04-07"


def test_saved_model_has_pruned_strings_and_loads_elsewhere(combined, tmp_path):
    assert SECRET in combined.vocab.strings  # training put it there ...
    out = tmp_path / "svpol_sv"
    texts = [t for t, _ in TRAIN] + ["Karin Berg (S) föreslår 35,3 mnkr."]
    info = save_combined(combined, out, check_texts=texts, log=lambda _: None)
    strings = json.loads((out / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert SECRET not in strings  # ... the saved model does not carry it
    assert set(strings) <= allowed_strings(combined)
    assert info["size_mb"] < 30
    code = ("import spacy, sys; nlp = spacy.load(sys.argv[1]); "
            "print([(e.text, e.label_) for e in nlp('Karin Berg (S) föreslår 35,3 mnkr.').ents])")
    env = {**os.environ, "SVPOL_DATA_DIR": str(tmp_path / "no-data")}
    result = subprocess.run([sys.executable, "-c", code, str(out)], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "('35,3 mnkr', 'MONEY')" in result.stdout


def test_model_only_system_keeps_the_rules_as_features(combined, tmp_path):
    """The reports' "model" system: the NER's entities only; the rule components still run, as its
    embedding reads their candidates, but no rule span reaches doc.ents (the tiny NER knows no MONEY)."""
    from pipeline.reports import load_system

    out = tmp_path / "svpol_sv"
    save_combined(combined, out, log=lambda _: None)
    system = load_system("model", model=out)
    assert "svpol_money" in system.nlp.pipe_names and "reads the rule candidates" in system.note
    text = "Karin Berg (S) föreslår 35,3 mnkr."
    assert ("35,3 mnkr", "MONEY") in {(e.text, e.label_) for e in combined(text).ents}
    assert not [e for e in system.nlp(text).ents if e.label_ in ("MONEY", "PARTY")]
