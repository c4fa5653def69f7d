"""Every scoring component follows spaCy's ``score(examples)`` protocol, so ``nlp.evaluate`` and
``python -m spacy evaluate`` run on an svpol model."""

from spacy.training import Example


def test_nlp_evaluate_scores_entities_and_topics(nlp):
    text = "Anna Svensson (S) vill satsa på hemtjänst och särskilt boende för äldre."
    reference = nlp.make_doc(text)
    reference.ents = [reference.char_span(0, 13, label="PERSON"), reference.char_span(15, 16, label="PARTY")]
    reference.cats = {topic: float(topic == "aldreomsorg") for topic in nlp.get_pipe("svpol_topics").topic_ids}
    scores = nlp.evaluate([Example(nlp.make_doc(text), reference)])
    assert scores["ents_per_type"]["PERSON"]["f"] == 1.0 and scores["ents_per_type"]["PARTY"]["f"] == 1.0
    assert 0.0 <= scores["ents_f"] <= 1.0
    assert "aldreomsorg" in scores["cats_f_per_type"]
