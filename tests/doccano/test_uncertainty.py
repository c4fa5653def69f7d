"""The uncertainty order (NER beam + topic margins) and its measurement, without a server."""

from __future__ import annotations

import pytest

from pipeline.doccano.uncertainty import entity_probabilities, measure, score_docs, uncertainty

TEXT = "Abit Dundar m.fl. (L) föreslår att Stockholms stad avsätter 35,3 mnkr den 16 maj 2016."


def test_uncertainty_counts_doubtful_spans_and_measure_reports_the_orders():
    from pipeline.api import load_pipeline

    nlp = load_pipeline()
    texts = [TEXT, "Inga namn här.", "Mötet med Kista stadsdelsförvaltning och Ungdomsstyrelsen i Norra Järva."]
    docs = list(nlp.pipe(texts))
    probs = entity_probabilities(nlp, docs)
    if not any(probs):
        pytest.skip("the pipeline has no trained NER to beam-parse")
    assert all(0.0 < p <= 1.0 + 1e-6 for d in probs for p in d.values())
    u = score_docs(nlp, docs)
    assert u[1] < u[0] and u[1] < u[2]  # a text without names is the surest
    records = [{"id": str(i), "text": t, "label": [], "norm": [], "cats": []} for i, t in enumerate(texts)]
    result = measure(nlp, records, fraction=0.34, draws=50)
    assert result["k"] == 1 and result["documents"] == 3
    assert result["top_uncertain"] >= result["random"]  # no gold spans: errors are the predictions



def test_expected_errors_add_doubtful_spans_misses_and_topic_margins():
    import spacy

    nlp = spacy.blank("sv")
    doc = nlp("Anna Berg i Kista")
    doc.ents = [doc.char_span(0, 9, "PERSON")]
    doc.cats = {"extremism": 0.3, "aldreomsorg": 0.0}
    probs = {(0, 9, "PERSON"): 0.8, (12, 17, "LOC"): 0.4, (12, 17, "ORG"): 0.01}
    # 1 - 0.8 for the entity, 0.4 for the likely miss (0.01 is below MIN_PROB), 0.3 for the topic
    assert uncertainty(doc, probs, ["PERSON", "LOC", "ORG"]) == pytest.approx(0.9)
    assert uncertainty(doc) == pytest.approx(0.3)  # no NER: topics only
