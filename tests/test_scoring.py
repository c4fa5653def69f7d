"""The one scorer: exact and partial-overlap P/R/F, the label confusion table, norms, topics."""

from pipeline.scoring import LABELS, NONE, match_overlapping, score


def doc(labels, norm=(), cats=(), doc_id="d", text="x" * 100):
    return {"id": doc_id, "text": text, "label": [list(s) for s in labels], "norm": [list(n) for n in norm],
            "cats": list(cats)}


def test_existing_keys_and_exact_counts():
    gold = [doc([(0, 5, "PERSON"), (10, 12, "PARTY"), (20, 30, "ORG")], norm=[(10, 12, "L")], cats=["extremism"])]
    pred = [doc([(0, 5, "PERSON"), (10, 12, "PARTY"), (40, 45, "LOC")], norm=[(10, 12, "S")], cats=["extremism"])]
    result = score(gold, pred)
    for key in ("labels", "micro", "micro_core", "macro_f", "norm", "topics", "topic_f_mean", "errors"):
        assert key in result
    assert result["labels"]["PERSON"] == {"p": 1.0, "r": 1.0, "f": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert result["labels"]["ORG"]["fn"] == 1 and result["labels"]["LOC"]["fp"] == 1
    assert result["micro"]["tp"] == 2 and result["micro"]["fp"] == 1 and result["micro"]["fn"] == 1
    assert result["norm"] == {"exact": 0, "total": 1, "accuracy": 0.0}
    assert result["topics"]["extremism"]["f"] == 1.0
    # macro_f averages all 7 labels; macro only the labels that occur (PERSON, PARTY, ORG, LOC)
    assert result["macro_f"] == round((1 + 1 + 0 + 0) / len(LABELS), 4)
    assert result["macro"] == {"p": 0.5, "r": 0.5, "f": 0.5, "labels": 4}
    kinds = [(e["kind"], e.get("label")) for e in result["errors"]]
    assert kinds == [("fn", "ORG"), ("fp", "LOC"), ("norm", "PARTY")]


def test_errors_in_stable_order():
    gold = [doc([(50, 55, "ORG"), (0, 5, "LOC"), (20, 25, "DATE")])]
    errors = score(gold, [doc([])])["errors"]
    assert [e["start"] for e in errors] == [0, 20, 50]


def test_partial_overlap_split_span():
    # gold «Ann-Marie Strömberg» as one span, predicted as two pieces: one partial match, one spurious piece
    gold = [doc([(0, 19, "PERSON")])]
    pred = [doc([(0, 9, "PERSON"), (10, 19, "PERSON")])]
    result = score(gold, pred)
    assert result["labels"]["PERSON"] == {"p": 0.0, "r": 0.0, "f": 0.0, "tp": 0, "fp": 2, "fn": 1}
    assert result["partial"]["labels"]["PERSON"] == {"p": 0.5, "r": 1.0, "f": 0.6667, "tp": 1, "fp": 1, "fn": 0}


def test_partial_overlap_needs_the_same_label_and_one_character():
    gold = [doc([(0, 5, "ORG"), (6, 10, "ORG"), (20, 30, "LOC"), (40, 45, "DATE")])]
    # one prediction over two gold ORGs matches one of them; a LOC predicted as ORG is no partial match;
    # a span that only touches (ends where the gold starts) does not overlap
    pred = [doc([(3, 8, "ORG"), (20, 30, "ORG"), (35, 40, "DATE")])]
    partial = score(gold, pred)["partial"]
    assert partial["labels"]["ORG"] == {"p": 0.5, "r": 0.5, "f": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert partial["labels"]["LOC"]["tp"] == 0 and partial["labels"]["LOC"]["fn"] == 1
    assert partial["labels"]["DATE"]["tp"] == 0
    assert partial["micro"]["tp"] == 1
    assert set(partial) == {"labels", "micro", "micro_core", "macro"}


def test_partial_is_at_least_exact():
    gold = [doc([(0, 4, "DATE"), (10, 20, "MONEY"), (30, 35, "PARTY")])]
    pred = [doc([(0, 4, "DATE"), (12, 20, "MONEY"), (50, 55, "PARTY")])]
    result = score(gold, pred)
    for lab in LABELS:
        assert result["partial"]["labels"][lab]["f"] >= result["labels"][lab]["f"]
    assert result["labels"]["MONEY"]["tp"] == 0 and result["partial"]["labels"]["MONEY"]["tp"] == 1


def test_match_overlapping_is_one_to_one_and_largest():
    # pairing g1 with p1 first would leave g2 alone; the walk pairs (g1, p0) and (g2, p1)
    gold = [(0, 10, "X"), (11, 20, "X")]
    pred = [(1, 3, "X"), (8, 12, "X")]
    assert match_overlapping(gold, pred) == [((0, 10, "X"), (1, 3, "X")), ((11, 20, "X"), (8, 12, "X"))]
    # exact boundaries pair first, whatever their labels
    assert match_overlapping([(0, 5, "LOC")], [(0, 5, "ORG")]) == [((0, 5, "LOC"), (0, 5, "ORG"))]
    assert match_overlapping([(0, 5, "A")], [(5, 9, "A")]) == []


def test_confusion_table():
    gold = [doc([(0, 9, "LOC"), (10, 20, "ORG"), (30, 40, "PERSON"), (50, 55, "DATE")])]
    pred = [doc([(0, 9, "ORG"), (10, 15, "ORG"), (30, 40, "PERSON"), (60, 64, "MONEY")])]
    confusion = score(gold, pred)["confusion"]
    assert set(confusion) == {*LABELS, NONE}
    assert all(set(row) == {*LABELS, NONE} for row in confusion.values())
    assert confusion["LOC"]["ORG"] == 1          # label error, same boundaries
    assert confusion["ORG"]["ORG"] == 1          # right label, wrong boundary: diagonal
    assert confusion["PERSON"]["PERSON"] == 1
    assert confusion["DATE"][NONE] == 1          # missed
    assert confusion[NONE]["MONEY"] == 1         # spurious
    assert sum(sum(row.values()) for row in confusion.values()) == 5


def test_confusion_by_genre_subset_and_missing_prediction():
    gold = [doc([(0, 5, "PARTY")], doc_id="a"), doc([(0, 5, "CASE")], doc_id="b")]
    result = score(gold, [doc([(0, 5, "PARTY")], doc_id="a")])
    assert result["confusion"]["PARTY"]["PARTY"] == 1
    assert result["confusion"]["CASE"][NONE] == 1
    assert result["partial"]["labels"]["CASE"]["fn"] == 1
