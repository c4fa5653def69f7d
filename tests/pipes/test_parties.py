"""svpol_parties: forms, codes in context, lists and columns."""

import pytest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nej röstade moderaterna, folkpartiet\nliberalerna och Ny demokrati.",
         [("moderaterna", "M"), ("folkpartiet\nliberalerna", "L"), ("Ny demokrati", "NYD")]),
        ("Mot beslutet reserverar sig ledamöterna för (m), (fp) och (nyd).", [("m", "M"), ("fp", "L"), ("nyd", "NYD")]),
        ("Partierna S, V och MP samt SD:s förslag.", [("S", "S"), ("V", "V"), ("MP", "MP"), ("SD:s", "SD")]),
        ("Åsa Kinnunen            C            ordförande", [("C", "C")]),
        ("Svensk Demenscentrum (SDC) och punkterna (a), (b) och (c).", []),
        ("Natos utvidgning stärker alliansen och en ny demokrati i regionen.", []),
        ("Tidöpartiernas budget och Socialdemokraternas svar.",
         [("Tidöpartiernas", "TIDO"), ("Socialdemokraternas", "S")]),
        ("Sverige\u00addemokraterna röstade nej.", [("Sverige\u00addemokraterna", "SD")]),
        ("Karolina Westerholm, M, ordförande\nLena Boström, s\nAmra Selimović, VÄP, ledamot",
         [("M", "M"), ("s", "S"), ("VÄP", "VÄP")]),
        ("Enligt Europeiska unionen, EU, och Region Skåne, RS.", []),
        ("Eva Hallberg, ordförande              S\nMagnus Rydbeck, 1:e vice ordförande  M",
         [("S", "S"), ("M", "M")]),
        ("Folke Bernadotteakademin (FBA) inrättades 2002.", []),
        ("Ledamöterna för m, fp och kds reserverar sig; Eva Thörn (båda S). Punkterna a, b och c.",
         [("m", "M"), ("fp", "L"), ("kds", "KD"), ("S", "S")]),
    ],
)
def test_party_spans_and_norms(nlp, text, expected):
    assert [(e.text, e._.norm) for e in nlp(text).ents if e.label_ == "PARTY"] == expected


def test_codes_in_pipe_and_dot_leader_attendance_lists(nlp):
    text = ("Närvarande ledamöter (parti):\n"
            "Mika Luhtanen S ordf | Ingrid Lindberg M 1:e vice ordf | Åsa Lönnroth S |\n"
            "Eva-Lena Carlsson V | Lars Hulth KD | Sven Erik Lundgren M\n"
            "Per Persson, ordförande .................. M\n"
            "Gunnel Andersson ......................... S\n"
            "Vi träffade Anna Berg S igår.")
    assert [e.text for e in nlp(text).ents if e.label_ == "PARTY"] == ["S", "M", "S", "V", "KD", "M", "M", "S"]


@pytest.mark.gazetteers
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # party letters in attendance columns flattened onto one line, before the name or after a comma
        ("Beslutande C Ulla-Maj Persson, ordförande S Ulf Dahlberg, vice ordförande M Lars Rystrand",
         ["C", "S", "M"]),
        ("Ledamöter Karl Björklund, M Nils Andersson, S ej Per Westhed, C", ["M", "S", "C"]),
        # a local code before names counts where it recurs and other codes stand close by
        ("Ledamöter S Anna Berg MBP Ylva Höglund L Rolf Hallberg ersättare MBP Henry Sandahl",
         ["S", "MBP", "L", "MBP"]),
        # lower-case codes before an attendance mark; a local code of mixed case in parentheses
        ("Närvaro\nAnnika Caap m x\nLinda Bjernler fp x\n", ["m", "fp"]),
        ("Ersättare Kerstin Forssman (SfS) och Helena Bonnier m fl (m)", ["SfS", "m"]),
        # never a party: a union or a role after a name, a code in a heading in capitals, a lone capital
        ("Monica Larsson, SACO, ej 25 Jenny Andersson, TCO, ej 25 Ingela Sunneskär, MAS, närvarande", []),
        ("AVGIFTER FÖR HANDEL MED VISSA RECEPTFRIA LÄKEMEDEL", []),
        ("Plats: Rådhus Skåne, V Storgatan 12, Kristianstad", []),
        ("Enligt bilaga S Anna Berg.", []),
        # a party's group; other compounds stay words
        ("Motion från Lilian Nylander (MP-gruppen) om SD-styrets budget.", ["MP"]),
    ],
)
def test_codes_in_real_attendance_lists(nlp, text, expected):
    assert [e.text for e in nlp(text).ents if e.label_ == "PARTY"] == expected
