"""doccano / gold records -> DocBin: both export shapes, cats, token splits and the alignment report."""

import json

import pytest
import spacy
from spacy.tokens import DocBin

from pipeline.training.convert import (
    DOC_ID_KEY,
    AlignmentError,
    chunk_doc,
    convert_gold,
    records_to_docbin,
)

TEXT = "Abit Dundar m.fl. (L) föreslår 35,3 mnkr. Protokoll /Olof Pilo den 7 april 2017."
SPANS = [[0, 11, "PERSON"], [19, 20, "PARTY"], [31, 40, "MONEY"], [53, 62, "PERSON"], [67, 79, "DATE"]]


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("sv")


def ents(doc):
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def test_label_shape_with_cats(nlp):
    record = {"id": "a", "text": TEXT, "label": SPANS, "cats": ["extremism"]}
    docbin, report = records_to_docbin([record], nlp=nlp, cats=["extremism", "aldreomsorg"])
    doc = next(docbin.get_docs(nlp.vocab))
    assert ents(doc) == [tuple(s) for s in SPANS]
    assert doc.cats == {"extremism": 1.0, "aldreomsorg": 0.0}
    assert doc.user_data[DOC_ID_KEY] == "a"
    assert report.ok and report.aligned == len(SPANS)
    # "/Olof" is one token: split, and the split is reported
    assert [(i.doc_id, i.start, i.end, i.text) for i in report.split] == [("a", 53, 62, "Olof Pilo")]


def test_entities_shape_and_cats_dict(nlp):
    record = {"id": 7, "text": TEXT, "cats": {"socialtjanst": True, "extremism": False},
              "entities": [{"id": 1, "start_offset": s, "end_offset": e, "label": lab} for s, e, lab in SPANS]}
    docbin, report = records_to_docbin([record], nlp=nlp, cats=["extremism", "socialtjanst"])
    doc = next(docbin.get_docs(nlp.vocab))
    assert ents(doc) == [tuple(s) for s in SPANS]
    assert doc.cats == {"extremism": 0.0, "socialtjanst": 1.0}
    assert doc.user_data[DOC_ID_KEY] == "7"


def test_every_unaligned_span_is_reported(nlp):
    record = {"id": "bad", "text": "Anna Ek och  Per Olsson i Lund.",
              "label": [[0, 7, "PERSON"], [5, 11, "PERSON"], [11, 23, "PERSON"], [26, 30, "PLACE"]]}
    docbin, report = records_to_docbin([record], nlp=nlp, cats=[])
    assert not report.ok
    problems = {(i.start, i.end): (i.doc_id, i.text, i.problem) for i in report.dropped}
    assert problems[(5, 11)][0] == "bad" and "overlaps [0, 7)" in problems[(5, 11)][2]
    assert "whitespace" in problems[(11, 23)][2]
    assert problems[(26, 30)][1] == "Lund" and "label" in problems[(26, 30)][2]
    assert report.spans == 4 and report.aligned == 1
    lines = "\n".join(report.lines())
    assert "bad [11, 23) PERSON" in lines and "1 aligned" in lines
    with pytest.raises(AlignmentError, match="not aligned"):
        records_to_docbin([record], nlp=nlp, cats=[], strict=True)


def test_convert_gold_files_and_split_filter(tmp_path, nlp):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"id": "x", "text": TEXT, "label": SPANS, "cats": []},
        {"id": "y", "text": "Moderaterna i Lund.", "label": [[0, 11, "PARTY"], [14, 18, "LOC"]], "cats": []},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out" / "x.spacy"
    report = convert_gold([gold], out, ids=["y"])
    docs = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert [d.user_data[DOC_ID_KEY] for d in docs] == ["y"] and report.docs == 1
    with pytest.raises(KeyError, match="nope"):
        convert_gold([gold], out, ids=["nope"])


def test_chunk_doc_keeps_entities(nlp):
    text = "\n".join(f"Rad {i}: Anna Ek (S) i Lund betalar {i} kr." for i in range(40))
    label = []
    for line_start in [i for i in range(len(text)) if i == 0 or text[i - 1] == "\n"]:
        s = line_start + text[line_start:].index("Anna")
        label.append([s, s + 7, "PERSON"])
    docbin, _ = records_to_docbin([{"id": "long", "text": text, "label": label, "cats": []}], nlp=nlp, cats=[])
    doc = next(docbin.get_docs(nlp.vocab))
    pieces = chunk_doc(doc, max_tokens=50)
    assert len(pieces) > 3
    assert sum(len(p.ents) for p in pieces) == len(label) == 40
    assert all(e.text == "Anna Ek" for p in pieces for e in p.ents)
