import jsonschema
import pytest

from pipeline.data import doc_to_record, validate_record


def test_record_validates_against_schema(nlp):
    doc = nlp("§ 4 Abit Dundar (L) föreslår 35,3 mnkr den 7 april 2017 för äldreomsorgen och hemtjänsten.")
    record = doc_to_record(doc, "doc-1", "x.txt")
    validate_record(record)
    assert record["entities"][1] == {"start": 17, "end": 18, "label": "PARTY", "text": "L", "norm": "L"}
    assert record["entities"][0]["party"] == "L"
    assert set(record["topics"]) >= {"extremism", "aldreomsorg", "socialtjanst"}
    assert record["sections"][0]["title"].startswith("§ 4")


def test_schema_rejects_a_broken_record(nlp):
    record = doc_to_record(nlp("Anna Svensson (S)"), "d", None)
    record["entities"][0]["label"] = "PER"
    with pytest.raises(jsonschema.ValidationError):
        validate_record(record)
    record = doc_to_record(nlp("Anna Svensson (S)"), "d", None)
    record["entities"][0]["start"] += 1
    with pytest.raises(ValueError, match="is not text"):
        validate_record(record)


def test_event_offsets_must_lie_in_the_text():
    record = {"id": "x", "source": None, "text": "kort", "entities": [], "topics": {}, "sections": [],
              "topic_terms": [], "events": [{"type": "item", "start": 0, "end": 9}], "meta": {}}
    with pytest.raises(ValueError):
        validate_record(record)
    record["events"][0]["end"] = 4
    validate_record(record)
