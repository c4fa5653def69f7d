"""configs/train/ner_trf.cfg trains and predicts with a tiny BERT made here (no hub, no download)."""

import os

import pytest
import spacy
from spacy.tokens import DocBin
from training_testkit import annotated_docs

from pipeline.training.train import CONFIG_DIR

if os.environ.get("SVPOL_REQUIRE_TRF") != "1":  # CI installs the extra and must run this test
    pytest.importorskip("spacy_transformers", reason="spacy-transformers not installed (make install-trf)")
pytestmark = pytest.mark.trf

SENTENCES = [
    ("Anna Berg bor i Lund.", [(0, 9, "PERSON"), (16, 20, "LOC")]),
    ("Skolverket ligger i Stockholm.", [(0, 10, "ORG"), (20, 29, "LOC")]),
    ("Karin Ek talar i Malmö.", [(0, 8, "PERSON"), (17, 22, "LOC")]),
]


def tiny_bert(folder):
    """A 1-layer BERT with 16 hidden units and a WordPiece vocabulary of the fixture's words."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    words = sorted({w.strip(".").lower() for text, _ in SENTENCES for w in text.split()} | {"."})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words, *[f"##{c}" for c in "abcdefghijklmnopqrstuvwxyzåäö"],
             *list("abcdefghijklmnopqrstuvwxyzåäö")]
    folder.mkdir(parents=True)
    (folder / "vocab.txt").write_text("\n".join(dict.fromkeys(vocab)) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"), do_lower_case=True)
    tokenizer.save_pretrained(folder)
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=32, max_position_embeddings=256)
    BertModel(config).save_pretrained(folder)
    return folder


def test_trf_config_trains_and_predicts(tmp_path):
    from spacy.cli.train import train

    bert = tiny_bert(tmp_path / "tiny-bert")
    docs = annotated_docs(SENTENCES)
    DocBin(docs=docs).to_disk(tmp_path / "train.spacy")
    DocBin(docs=docs[:1]).to_disk(tmp_path / "dev.spacy")
    overrides = {
        "paths.train": str(tmp_path / "train.spacy"), "paths.dev": str(tmp_path / "dev.spacy"),
        "paths.transformer_name": str(bert), "system.gpu_allocator": None,
        "training.max_steps": 3, "training.eval_frequency": 2, "training.accumulate_gradient": 1,
        "training.optimizer.learn_rate.total_steps": 3, "training.optimizer.learn_rate.warmup_steps": 1,
        "components.transformer.model.get_spans.window": 32, "components.transformer.model.get_spans.stride": 24,
    }
    train(CONFIG_DIR / "ner_trf.cfg", tmp_path / "out", use_gpu=-1, overrides=overrides)
    trained = spacy.load(tmp_path / "out" / "model-last")
    assert trained.pipe_names == ["transformer", "ner"]
    assert set(trained.get_pipe("ner").labels) == {"PERSON", "LOC", "ORG"}
    doc = trained("Anna Berg bor i Lund.")
    assert doc._.trf_data is not None and all(e.label_ in {"PERSON", "LOC", "ORG"} for e in doc.ents)
