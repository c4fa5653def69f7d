"""The open-corpus readers and the tag mapping, on tiny fixture files written here."""

import json

import pytest
import spacy
from spacy.tokens import DocBin

from pipeline.training.corpora import (
    LABELS_PATH,
    convert_corpora,
    date_span,
    load_label_config,
    money_span,
    read_iob2,
    read_jsonl_tags,
    read_token_tag,
    spaces_for,
    tag_spans,
)

KLINTAN = ("Gunhild\tPER\nWestman PER\n,\t0\nlektor\t0\ni\t0\nLund\tLOC\n.\t0\n\n"
           "Socialdemokraterna\tORG\nvann\t0\n.\t0\n")
UNER = """# sent_id = 1
# text = Kalle Anka bor i Ankeborg .
1\tKalle\tB-PER\t-\t-
2\tAnka\tI-PER\t-\t-
3\tbor\tO\t-\t-
4\ti\tO\t-\t-
5\tAnkeborg\tB-LOC\t-\t-
6\t.\tO\t-\t-

"""
SUC = [
    {"tokens": ["I", "dag", "omsätter", "Volvo", "270", "miljoner", "kronor", "."],
     "ner_tags": ["TME", "TME", "O", "ORG", "MSR", "MSR", "MSR", "O"]},
    {"tokens": ["Den", "7", "april", "1991", "steg", "räntan", "till", "30", "procent", "i", "Umeå", "."],
     "ner_tags": ["TME", "TME", "TME", "TME", "O", "O", "O", "MSR", "MSR", "O", "LOCPRS", "O"]},
    {"tokens": ["Det", "regnade", "."], "ner_tags": ["O", "O", "O"]},
]


@pytest.fixture()
def data_root(tmp_path):
    (tmp_path / "k.txt").write_text(KLINTAN, encoding="utf-8")
    (tmp_path / "u.iob2").write_text(UNER, encoding="utf-8")
    (tmp_path / "s.jsonl").write_text("\n".join(json.dumps(r) for r in SUC) + "\n", encoding="utf-8")
    return tmp_path


def config_for(files):
    config = load_label_config()
    names = {"swedish-ner-corpus": "k.txt", "uner-talbanken": "u.iob2", "suc3": "s.jsonl"}
    for name, spec in config["corpora"].items():
        spec["files"] = [files[name]] if name in files else [names[name]]
        spec["empty_share"] = 1.0
    return config


def test_label_file_states_its_choices():
    config = load_label_config(LABELS_PATH)
    assert len(config["_choices"]) >= 5
    for spec in config["corpora"].values():
        assert set(v for v in spec["tags"].values() if v) <= {"PERSON", "ORG", "LOC", "DATE", "MONEY"}
    assert config["corpora"]["suc3"]["tags"]["TME"] == "DATE"
    assert config["corpora"]["swedish-ner-corpus"]["tags"]["MISC"] is None


def test_readers(data_root):
    k = list(read_token_tag(data_root / "k.txt"))
    assert k[0] == (["Gunhild", "Westman", ",", "lektor", "i", "Lund", "."], ["PER", "PER", "0", "0", "0", "LOC", "0"])
    u = list(read_iob2(data_root / "u.iob2"))
    assert u == [(["Kalle", "Anka", "bor", "i", "Ankeborg", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"])]
    assert len(list(read_jsonl_tags(data_root / "s.jsonl"))) == 3
    assert tag_spans(k[0][1], iob=False) == [(0, 2, "PER"), (5, 6, "LOC")]
    assert tag_spans(["B-PER", "B-PER", "I-PER", "O"], iob=True) == [(0, 1, "PER"), (1, 3, "PER")]


def test_date_and_money_filters():
    toks = ["Den", "7", "april", "1991"]
    assert date_span(toks, 0, 4) == (1, 4)
    assert date_span(["i", "dag"], 0, 2) is None
    assert date_span(["under", "1980-talet"], 0, 2) == (1, 2)
    assert date_span(["hösten", "2017"], 0, 2) == (0, 2)
    assert money_span(["cirka", "270", "miljoner", "kronor"], 0, 4) == (1, 4)
    assert money_span(["30", "procent"], 0, 2) is None
    assert spaces_for(["Westman", ",", "(", "S", ")", "."]) == [False, True, False, False, False, False]


def test_convert_maps_tags_and_leaves_unknowns_missing(data_root, tmp_path):
    nlp = spacy.blank("sv")
    out = tmp_path / "c.spacy"
    stats = convert_corpora(out, rules=None, config=config_for({}), root=data_root, seed=1)
    docs = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    by_text = {d.text: d for d in docs}
    assert stats["suc3"]["sentences_kept"] == 3
    k = by_text["Gunhild Westman, lektor i Lund."]
    assert [(e.text, e.label_) for e in k.ents] == [("Gunhild Westman", "PERSON"), ("Lund", "LOC")]
    party = next(d for d in docs if d.text.startswith("Socialdemokraterna"))
    assert [(e.text, e.label_) for e in party.ents] == [("Socialdemokraterna", "PARTY")]
    s1 = next(d for d in docs if d.text.startswith("I dag"))
    assert [(e.text, e.label_) for e in s1.ents] == [("Volvo", "ORG"), ("270 miljoner kronor", "MONEY")]
    assert [t.ent_iob_ for t in s1[:2]] == ["", ""]  # TME "I dag": not a date shape -> missing
    s2 = next(d for d in docs if d.text.startswith("Den 7"))
    assert [(e.text, e.label_) for e in s2.ents] == [("7 april 1991", "DATE")]
    assert s2[0].ent_iob_ == "O"  # the leading "Den" stays outside
    assert s2[7].ent_iob_ == "O"  # "30 procent": MSR without a currency word -> outside
    assert s2[10].ent_iob_ == ""  # LOCPRS -> missing
    assert stats["suc3"]["to_missing"]["TME (not a date shape)"] == 1


def test_rule_spans_become_missing(data_root, tmp_path):
    class FakeRules:
        """Stands in for the rule pipeline: finds the DATE '2012'."""

        def pipe(self, texts, batch_size=256):
            nlp = spacy.blank("sv")
            for text in texts:
                doc = nlp(text)
                doc.ents = [doc.char_span(i, i + 4, label="DATE") for i in range(len(text)) if text[i:i + 4] == "2012"]
                yield doc

    (data_root / "k2.txt").write_text("Anna\tPER\nkom\t0\n2012\t0\n.\t0\n", encoding="utf-8")
    out = tmp_path / "c.spacy"
    convert_corpora(out, rules=FakeRules(), names=["swedish-ner-corpus"],
                    config=config_for({"swedish-ner-corpus": "k2.txt"}), root=data_root)
    doc = next(DocBin().from_disk(out).get_docs(spacy.blank("sv").vocab))
    assert [t.ent_iob_ for t in doc] == ["B", "O", "", "O"]
