"""svpol_merge: which statistical entities are plausible enough to keep."""

import pytest
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


def test_rule_place_or_body_crossing_a_person_gives_way():
    from pipeline.pipes.base import Candidate
    from pipeline.pipes.merge.factory import EntityMerger

    person = Candidate(18, 32, "PERSON", "svpol_persons")
    crossing = Candidate(24, 52, "LOC", "svpol_places")  # begins at the surname, runs past the name
    inside = Candidate(24, 32, "LOC", "svpol_places")  # within the name: the longer PERSON wins anyway
    after = Candidate(33, 52, "ORG", "svpol_orgs")
    model = Candidate(24, 52, "LOC", "ner")
    kept = EntityMerger._drop_crossing_names([person, crossing, inside, after, model])
    assert kept == [person, inside, after, model]


@pytest.mark.gazetteers  # the names are told from the words around them by the first-name list
def test_name_before_a_body_or_page_furniture(ents):
    assert ("Cecilia Hettström", "PERSON") in ents("Utses att justera Cecilia Hettström Tekniska nämndens kansli")
    assert ("Urban Jernberg", "PERSON") in ents("Utses att justera Urban Jernberg Justeringens plats och tid")
