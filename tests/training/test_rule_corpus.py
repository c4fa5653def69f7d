"""Rule candidates stored with the training docs and handed to the predicted docs by the reader."""

import spacy
from spacy.tokens import DocBin
from spacy.util import registry

from pipeline.pipes.base import CANDIDATES_KEY
from pipeline.training.rule_corpus import add_rule_candidates, add_rule_candidates_to_file


def test_candidates_added_and_read_back(nlp, tmp_path):
    blank = spacy.blank("sv")
    docs = [blank("Karin Berg (S) föreslår 35,3 mnkr till Solängets vårdhem."), blank("Inget här.")]
    path = tmp_path / "train.spacy"
    DocBin(docs=docs, store_user_data=True).to_disk(path)
    assert add_rule_candidates_to_file(path, nlp) == 2
    stored = list(DocBin().from_disk(path).get_docs(blank.vocab))
    labels = {(stored[0].text[s:e], label) for s, e, label, _ in stored[0].user_data[CANDIDATES_KEY]}
    assert {("Karin Berg", "PERSON"), ("S", "PARTY"), ("35,3 mnkr", "MONEY"), ("Solängets vårdhem", "ORG")} <= labels
    assert not stored[1].user_data[CANDIDATES_KEY]

    read = registry.readers.get("svpol.RuleCandidateCorpus.v1")
    examples = list(read(path)(blank))
    assert list(examples[0].predicted.user_data[CANDIDATES_KEY]) == list(stored[0].user_data[CANDIDATES_KEY])
    dropped = list(read(path, dropout=1.0)(blank))
    assert dropped[0].predicted.user_data[CANDIDATES_KEY] == []


def test_add_rule_candidates_leaves_the_rule_pipeline_usable(nlp):
    docs = add_rule_candidates([spacy.blank("sv")("Mötet i Bollnäs.")], nlp)
    assert any(label == "LOC" for _, _, label, _ in docs[0].user_data[CANDIDATES_KEY])
    assert [e.text for e in nlp("Mötet i Bollnäs.").ents] == ["Bollnäs"]
