"""svpol_merge: which statistical entities are plausible enough to keep."""

from spacy.tokens import Span


def test_model_entities_ending_in_punctuation_or_a_number_are_dropped(nlp):
    merger = nlp.get_pipe("svpol_merge")
    doc = nlp.make_doc("Från Jukkasjärvi. Möte på Storgatan 31 med Kirunabostäder AB")
    words = [t.text for t in doc]
    jukkas = Span(doc, words.index("Jukkasjärvi"), words.index(".") + 1, "ORG")
    street = Span(doc, words.index("Storgatan"), words.index("31") + 1, "ORG")
    company = Span(doc, words.index("Kirunabostäder"), len(doc), "ORG")
    assert jukkas.text == "Jukkasjärvi." and street.text == "Storgatan 31"
    assert not merger._plausible(doc, jukkas)
    assert not merger._plausible(doc, street)
    assert merger._plausible(doc, company)
