"""svpol_sections and svpol_topics."""


def test_sections_and_per_section_topics(nlp):
    text = ("§ 1 Budget\nNämnden beslutar om budget för förskolan.\n\n"
            "§ 2 Äldreomsorg\nHemtjänsten och särskilt boende ska byggas ut. Äldreomsorgen behöver fler "
            "platser i vård- och omsorgsboende.\n")
    doc = nlp(text)
    assert [s["title"] for s in doc._.sections] == ["§ 1 Budget", "§ 2 Äldreomsorg"]
    assert doc._.sections[1]["topics"]["aldreomsorg"] >= 0.5 > doc._.sections[0]["topics"]["aldreomsorg"]
    assert doc.cats["aldreomsorg"] >= 0.5
    assert {s.label_ for s in doc.spans["topic_terms"]} >= {"aldreomsorg"}
    assert all(0.0 <= v <= 1.0 for v in doc.cats.values())


def test_passing_word_is_not_a_topic(nlp):
    doc = nlp("Kommunstyrelsen godkänner årsredovisningen. Äldreomsorgen nämndes i förbigående.")
    assert doc.cats["aldreomsorg"] < 0.5


def test_compound_and_inflected_terms(nlp):
    doc = nlp("Handlingsplanen mot våldsbejakande extremism och radikaliseringen bland unga.")
    terms = [s.text for s in doc.spans["topic_terms"] if s.label_ == "extremism"]
    assert "radikaliseringen" in terms and doc.cats["extremism"] >= 0.5
