"""Every example of ../shared/annotation-guidelines.md, in a sentence, through the default pipeline."""

import pytest

CASES = [
    # PARTY
    ("Liberalerna och Moderaterna föreslår att Socialdemokraternas förslag avslås.",
     [("Liberalerna", "PARTY"), ("Moderaterna", "PARTY"), ("Socialdemokraternas", "PARTY")]),
    ("Alliansen och Tidöpartierna röstade nej.", [("Alliansen", "PARTY"), ("Tidöpartierna", "PARTY")]),
    pytest.param("Reservation av Abit Dundar m.fl. (L) mot beslutet.", [("Abit Dundar", "PERSON"), ("L", "PARTY")],
        marks=pytest.mark.gazetteers),
    ("Anf. 3 LARS SUNDIN (fp) och Eva Berg (kds) samt Per Ek (mp):",
     [("LARS SUNDIN", "PERSON"), ("fp", "PARTY"), ("Eva Berg", "PERSON"), ("kds", "PARTY"),
      ("Per Ek", "PERSON"), ("mp", "PARTY")]),
    ("Moderaterna föreslår att moderata ledamöter och socialdemokrater möts.", [("Moderaterna", "PARTY")]),
    ("Yrkande av Eva Lind (SPI) och Per Moberg (SÖS).",
     [("Eva Lind", "PERSON"), ("SPI", "PARTY"), ("Per Moberg", "PERSON"), ("SÖS", "PARTY")]),
    # PERSON
    pytest.param("Ann-Marie Strömberg och Svante O. Johansson deltog.",
     [("Ann-Marie Strömberg", "PERSON"), ("Svante O. Johansson", "PERSON")], marks=pytest.mark.gazetteers),
    pytest.param("Vid protokollet\nANN LARSSON\n/Olof Pilo", [("ANN LARSSON", "PERSON"), ("Olof Pilo", "PERSON")],
        marks=pytest.mark.gazetteers),
    pytest.param("Det sade statsrådet Anna Kinberg i går.", [("Anna Kinberg", "PERSON")], marks=pytest.mark.gazetteers),
    ("Abit Dundar (L) yrkar bifall. Dundar anser att planen är bra.",
     [("Abit Dundar", "PERSON"), ("L", "PARTY"), ("Dundar", "PERSON")]),
    pytest.param("Ordföranden Anna Svensson öppnade mötet.", [("Anna Svensson", "PERSON")],
        marks=pytest.mark.gazetteers),
    # MONEY
    ("Nämnden godkänner en ökad omslutning med 35,3 mnkr.", [("35,3 mnkr", "MONEY")]),
    ("Kostnaden är 3,5 miljoner kronor och 1 057,8 miljoner kronor.",
     [("3,5 miljoner kronor", "MONEY"), ("1 057,8 miljoner kronor", "MONEY")]),
    ("Prognosen visar ett underskott på -8,2 mnkr.", [("-8,2 mnkr", "MONEY")]),
    ("Avgiften är drygt 500 kr per invånare.", [("500 kr", "MONEY")]),
    ("Staten ger 2 miljarder kronor och 10 000 euro.", [("2 miljarder kronor", "MONEY"), ("10 000 euro", "MONEY")]),
    ("Det kostar flera tusen kronor.", [("flera tusen kronor", "MONEY")]),
    ("Satsningen är 5–10 miljoner kronor.", [("5–10 miljoner kronor", "MONEY")]),
    ("Ökningen är 12 procent, alltså 3 500 personer.", []),
    ("Bidraget är 2 milj.kr. Det beslutades.", [("2 milj.kr", "MONEY")]),
    # DATE
    ("Sammanträdet hölls fredagen den 7 april 2017.", [("fredagen den 7 april 2017", "DATE")]),
    ("Beslut 2004-05-25 och den 16 juni.", [("2004-05-25", "DATE"), ("16 juni", "DATE")]),
    ("Planen gäller från januari, våren 2017 och under 1930-talet.",
     [("januari", "DATE"), ("våren 2017", "DATE"), ("1930-talet", "DATE")]),
    ("Beslutet togs den 16 maj 2016 och gäller år 2017.", [("16 maj 2016", "DATE"), ("2017", "DATE")]),
    ("Anmälan 26 september – 31 oktober.", [("26 september", "DATE"), ("31 oktober", "DATE")]),
    ("Kammaren åtskildes kl. 14.01. I dag och förra året under året.", []),
    ("Riksmötet 1991/92 avslutades.", []),
    ("Kurs den 4, 5 och 6 december.", [("4", "DATE"), ("5", "DATE"), ("6 december", "DATE")]),
    ("Resa 2005-11-22--23 till Bryssel.", [("2005-11-22", "DATE"), ("23", "DATE"), ("Bryssel", "LOC")]),
    # ORG / LOC
    ("Ärendet överlämnas till kommunstyrelsen och Hägersten-Liljeholmens stadsdelsnämnd.",
     [("kommunstyrelsen", "ORG"), ("Hägersten-Liljeholmens stadsdelsnämnd", "ORG")]),
    ("Säkerhetspolisen (SÄPO) och Försvarshögskolan samarbetar.",
     [("Säkerhetspolisen", "ORG"), ("SÄPO", "ORG"), ("Försvarshögskolan", "ORG")]),
    ("riksdagen och regeringen samt Europeiska kommissionen.",
     [("riksdagen", "ORG"), ("regeringen", "ORG"), ("Europeiska kommissionen", "ORG")]),
    ("Stockholm och Sverige gränsar till Östersjön.", [("Stockholm", "LOC"), ("Sverige", "LOC"), ("Östersjön", "LOC")]),
    ("Mötet hölls på Hantverkargatan 2 L i Hägersten-Liljeholmen.",
     [("Hantverkargatan 2 L", "LOC"), ("Hägersten-Liljeholmen", "LOC")]),
    ("Stockholms stad, Söderköpings kommun och Region Skåne samverkar i Skåne.",
     [("Stockholms stad", "ORG"), ("Söderköpings kommun", "ORG"), ("Region Skåne", "ORG"), ("Skåne", "LOC")]),
    ("Nämnden, förvaltningen och staden ansvarar.", []),
    ("Stockholms skolor.", [("Stockholms", "LOC")]),
    # CASE
    ("Dnr HL 2017/347 och bilaga HL 2017/347-1.", [("HL 2017/347", "CASE"), ("HL 2017/347-1", "CASE")]),
    ("Dnr: 102-274-04", [("102-274-04", "CASE")]),
    ("Dnr 2006-152-307 gäller.", [("2006-152-307", "CASE")]),
    ("Faktapromemoria 2021/22:FPM123 och RiR 2022:20.", [("2021/22:FPM123", "CASE"), ("RiR 2022:20", "CASE")]),
    ("Propositionen 1991/92:36 och KS 2015/123.", [("1991/92:36", "CASE"), ("KS 2015/123", "CASE")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_guideline_example(ents, text, expected):
    assert ents(text) == expected


@pytest.mark.gazetteers
def test_norms_in_context(nlp):
    doc = nlp("Abit Dundar m.fl. (fp) vill satsa 35,3 mnkr från fredagen den 7 april 2017.")
    assert [(e.text, e._.norm) for e in doc.ents if e.label_ != "PERSON"] == [
        ("fp", "L"),
        ("35,3 mnkr", {"amount": 35300000, "currency": "SEK"}),
        ("fredagen den 7 april 2017", "2017-04-07"),
    ]
    assert [e._.party for e in doc.ents if e.label_ == "PERSON"] == ["L"]
