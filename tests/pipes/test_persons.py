"""svpol_persons: hard cases from minutes, Riksdag records and press releases."""

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anf. 12 Justitieminister LAILA FREIVALDS (s):", ["LAILA FREIVALDS"]),
        ("Anf. 5 Statsrådet BENGT WESTERBERG (fp) replik:", ["BENGT WESTERBERG"]),
        ("Yrkande av Lena Hjelm-\nWallén (s).", ["Lena Hjelm-\nWallén"]),
        ("Ersättare: Karin Jonsson Åberg (C), Per-Erik Sandström (M)", ["Karin Jonsson Åberg", "Per-Erik Sandström"]),
        pytest.param("Justeras\nMARIA HÖGLUND                   BO PERSSON, ordförande",
            ["MARIA HÖGLUND", "BO PERSSON"],
            marks=pytest.mark.gazetteers),
        pytest.param("Larsson, Thorsten (c) 47\nPalme, Olof (s) 47", ["Larsson, Thorsten", "Palme, Olof"],
            marks=pytest.mark.gazetteers),
        pytest.param("Kontakt: pressekreterare Anna-Karin Ödman", ["Anna-Karin Ödman"], marks=pytest.mark.gazetteers),
        pytest.param("Gunnel Ström\tS\nMikael Bergqvist\tS", ["Gunnel Ström", "Mikael Bergqvist"],
            marks=pytest.mark.gazetteers),
        ("Det framgår av RAPPORTEN OM BUDGETEN för året.", []),
        ("Eurovision Song Contest hålls i Malmö.", []),
        pytest.param("Detta är ren lögn. Lars\n[i-2ggBvfkHRn3s8FvFEPLxjs] Stjernkvist säger det.",
            ["Lars", "Stjernkvist"],
            marks=pytest.mark.gazetteers),
        pytest.param("Enligt Murad Artin Jacobsson (V) bör planen ändras. Jacobsson vill se fler insatser.",
         ["Murad Artin Jacobsson", "Jacobsson"], marks=pytest.mark.gazetteers),
        ("Fru Büdenbender och drottningen besöker Folke Bernadotteakademin och Sara Kulturhus.", ["Büdenbender"]),
        pytest.param("Anf. 74 DAN ERIKSSON i Stockholm (nyd):", ["DAN ERIKSSON"], marks=pytest.mark.gazetteers),
        ("Sveriges medlemskap i Nato, Washington, torsdag den 7 mars 2024.", []),
        pytest.param("Utskottets ordförande Agne\n[i-GCJVTREcJGRyYmFdeMbNaN] Hansson: När visste ni?",
            ["Agne", "Hansson"],
            marks=pytest.mark.gazetteers),
        pytest.param("Kommissionären Olivér\u00a0Várhelyi och Hela Människan Sala. Ökningen är störst i Sala tätort.",
         ["Olivér\u00a0Várhelyi"], marks=pytest.mark.gazetteers),
        ("Möte på Hedvig Möllers gata 6 och i Mora Folkets Hus; siffran har doktor Brohult tagit fram.", ["Brohult"]),
    ],
)
def test_person_spans(nlp, text, expected):
    assert [e.text for e in nlp(text).ents if e.label_ == "PERSON"] == expected


@pytest.mark.gazetteers
def test_person_party_link(nlp):
    doc = nlp("Närvarande: Anna Svensson (S), ordförande\nPer Olsson      M\nKim Berg")
    assert {e.text: e._.party for e in doc.ents if e.label_ == "PERSON"} == {
        "Anna Svensson": "S", "Per Olsson": "M", "Kim Berg": None}


def test_works_without_gazetteers():
    import spacy

    nlp = spacy.blank("sv")
    nlp.add_pipe("svpol_parties")
    nlp.add_pipe("svpol_persons", config={"use_gazetteers": False})
    nlp.add_pipe("svpol_merge")
    doc = nlp("Reservation av Zlatan Qwertyson (L) och statsrådet Kinberg.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Zlatan Qwertyson", "PERSON"), ("L", "PARTY"), ("Kinberg", "PERSON")]


@pytest.mark.gazetteers
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a flattened attendance list: a known first name after a full name starts the next name
        ("Ledamöter Anna Berg Per-Olof Lindqvist Kerstin Ekman (S) Ali Hassan Maria Sjöholm ordförande",
         ["Anna Berg", "Per-Olof Lindqvist", "Kerstin Ekman", "Ali Hassan", "Maria Sjöholm"]),
        ("Justerande Lars Petterson Åke Nilsson", ["Lars Petterson", "Åke Nilsson"]),
        ("Kallade: Jan Emanuel Johansson och Eva Lund.", ["Jan Emanuel Johansson", "Eva Lund"]),
        ("Ledamöter Eva Jakobsson (MP), Bengt Sven Åke Johansson (MP)", ["Eva Jakobsson", "Bengt Sven Åke Johansson"]),
        ("Övriga deltagande Karin Roos Daniel Johansson Anders Helgesson",
         ["Karin Roos", "Daniel Johansson", "Anders Helgesson"]),
        # a title, role or unit word closes a name
        ("Eva Lund Planeringschef Johan Eklund Stadsledningskontoret", ["Eva Lund", "Johan Eklund"]),
        ("Kjell Johansson Kommunsekreterare Anna Lindholm", ["Kjell Johansson", "Anna Lindholm"]),
        # page furniture never starts or ends a name
        ("Utses att justera Sara Örnberg Justeringens dag och tid", ["Sara Örnberg"]),
        ("Sekreterare Anna Lindholm Paragrafer 1-12", ["Anna Lindholm"]),
        ("Närvarande ersättare ledamot Övriga närvarande sekreterare Utses att justera", []),
        ("Ordförande Tuva Lund (S), ordförande Justerare Kia Hjelte (M)", ["Tuva Lund", "Kia Hjelte"]),
        # middle initials without a period; a bare letter after a surname is a party column, not an initial
        ("Justerare Inger B Larsson (S) och Lena N Andersson", ["Inger B Larsson", "Lena N Andersson"]),
        ("Ledamöter Britt Westman S Ulf Nordin V Per Rosendahl", ["Britt Westman", "Ulf Nordin", "Per Rosendahl"]),
        # a name broken at a hyphen and a line end, with the space left; Mc and Mac names
        ("Ersättare för Marie-Louise Forslund- Mustaniemi (KD) och Kent- Inge Henrixon (M)",
         ["Marie-Louise Forslund- Mustaniemi", "Kent- Inge Henrixon"]),
        ("Närvarande: Duncan McKie (FP) och Louise MacDonald.", ["Duncan McKie", "Louise MacDonald"]),
        # an organisation word after a complete name closes it; a listed word before a party code is a surname
        ("Justerande Rolf Lindström Kjell Kaså Nämnd", ["Rolf Lindström", "Kjell Kaså"]),
        ("Ledamöter Mikael Hall (C) och Peter Dygården (S)", ["Mikael Hall", "Peter Dygården"]),
        # a role after a comma or a party code in a column marks a name whose first name no list has
        ("Övriga närvarande Zorbert Kvarnlid, förvaltningschef", ["Zorbert Kvarnlid"]),
        ("Närvarande Qarin Fjällgren S Anna Berg V Per Lindqvist", ["Qarin Fjällgren", "Anna Berg", "Per Lindqvist"]),
        ("Rapport från Region Gävleborg, förvaltningschef", []),
        # a list in surname order with a unit after each name; the later mention is the surname
        ("Övriga Karlsson Anders, omsorgskontoret Viman Elisabeth, omsorgskontoret. Karlsson redogjorde.",
         ["Karlsson Anders", "Viman Elisabeth", "Karlsson"]),
        # a place or an ordinary word before a body's unit word; a title before page furniture or a body
        ("Underskrift Camilla Williamsson Gävle kommun Box 801", ["Camilla Williamsson"]),
        ("Avtal för Mora Orsa miljönämnd. Vice ordförande Sydnärkes miljönämnd. Ej beslutande ersättare Se lista",
         []),
    ],
)
def test_names_in_flattened_minutes(nlp, text, expected):
    assert [e.text for e in nlp(text).ents if e.label_ == "PERSON"] == expected
