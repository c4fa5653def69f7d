"""``spacy train`` orchestration on a tiny fixture: fixed seed, log file, model-best written."""

import spacy
from spacy.tokens import DocBin
from training_testkit import annotated_docs

from pipeline.training.train import CONFIG_DIR, run_spacy_train

SENTENCES = [
    ("Anna Berg bor i Lund.", [(0, 9, "PERSON"), (16, 20, "LOC")]),
    ("Skolverket ligger i Stockholm.", [(0, 10, "ORG"), (20, 29, "LOC")]),
]


def test_run_spacy_train_logs_and_saves(tmp_path):
    docs = annotated_docs(SENTENCES)
    (tmp_path / "train").mkdir()
    DocBin(docs=docs * 3).to_disk(tmp_path / "train" / "gold.spacy")
    DocBin(docs=docs).to_disk(tmp_path / "dev.spacy")
    log = tmp_path / "logs" / "train_tiny.log"
    overrides = {
        "paths.train": tmp_path / "train", "paths.dev": tmp_path / "dev.spacy",
        "training.max_steps": 4, "training.eval_frequency": 2,
        "components.tok2vec.model.encode.width": 16, "components.tok2vec.model.encode.depth": 1,
        "components.tok2vec.model.embed.rows": "[100,50,50,50]",
    }
    seconds = run_spacy_train(CONFIG_DIR / "ner_cpu.cfg", tmp_path / "out", overrides, log_path=log,
                              extra_log=["gold train: 2 documents"], show=False)
    text = log.read_text(encoding="utf-8")
    assert text.startswith("gold train: 2 documents\n$ ")
    assert "ENTS_F" in text and "# exit 0" in text and "\r" not in text and "\x1b[" not in text
    assert seconds > 0
    best = spacy.load(tmp_path / "out" / "model-best")
    assert best.pipe_names == ["tok2vec", "ner"]
    assert best.config["system"]["seed"] == 42
