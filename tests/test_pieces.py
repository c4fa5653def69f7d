"""Long documents: pieces cut at paragraph (then sentence) boundaries, joined into one Doc."""

from pipeline.data import doc_to_record
from pipeline.pieces import annotate_long, piece_bounds

PARAGRAPH = ("Kommunstyrelsen behandlade ärendet om äldreomsorgen och budgeten för 2019. "
             "Ledamöterna diskuterade länge.\n\n")


def test_bounds_cover_the_text_at_paragraph_ends():
    text = PARAGRAPH * 40
    bounds = piece_bounds(text, 1000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(e - s <= 1000 for s, e in bounds)
    assert all(text[s - 2:s] == "\n\n" for s, _ in bounds[1:])


def test_a_paragraph_longer_than_a_piece_is_cut_at_a_sentence_end():
    text = "Detta är en mening om budgeten. " * 100
    bounds = piece_bounds(text, 500)
    assert all(text[s - 2:s] == ". " for s, _ in bounds[1:])


def test_seam_keeps_entity_and_heading(nlp):
    """A person, a party and a § heading right after a seam, and a date right before it, come out
    as from the whole text, with offsets into the whole text."""
    head = PARAGRAPH * 12 + "Beslutet fattades den 7 april 2017.\n\n"
    text = head + "§ 12 Motion om äldreomsorg\n\nAnna Svensson (S) yrkar bifall.\n\n" + PARAGRAPH * 12
    limit = len(head) + 10
    bounds = piece_bounds(text, limit)
    assert len(bounds) >= 2 and bounds[1][0] == len(head)
    whole, pieced = doc_to_record(nlp(text), "x"), doc_to_record(annotate_long(nlp, text, limit), "x")
    assert pieced == whole
    found = {(e["text"], e["label"]) for e in pieced["entities"]}
    assert {("Anna Svensson", "PERSON"), ("S", "PARTY"), ("7 april 2017", "DATE")} <= found
    assert [s["title"] for s in pieced["sections"] if s["start"] == len(head)] == ["§ 12 Motion om äldreomsorg"]
    for e in pieced["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
