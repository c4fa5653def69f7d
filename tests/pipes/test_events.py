"""svpol_events: items, decisions, proposals, rulings, reservations, votes, attendance, speeches."""

import pytest

from pipeline.data import doc_to_record, validate_record

MINUTES = """§ 7
Budget för fritidsgårdar
KS 2021/88

Beslut
1. Nämnden godkänner budgeten.

2. Paragrafen justeras omedelbart.

Förslag till beslut
Karin Berg m.fl. (C) föreslog att ärendet återremitteras.

Olle Lind (S) och Maja Holm (V) föreslog att ärendet skulle avgöras idag.

Ordföranden ställde förslaget om återremiss mot att avgöra ärendet idag och fann att nämnden \
beslutat att avgöra ärendet idag.

Olle Lind (S) föreslog att nämnden skulle besluta enligt förvaltningens förslag.

Karin Berg m.fl. (C) lade fram ett förslag och föreslog att nämnden skulle ställa sig bakom det.

Beslutsgång
Ordföranden ställde förslagen mot varandra och fann att nämnden ställde sig bakom förvaltningens förslag.

Reservationer
Karin Berg m.fl. (C) reserverade sig mot beslutet till förmån för eget förslag.

"Nämnden beslutar att fritidsgårdarna ska hålla öppet längre på kvällarna, eftersom ungdomarna \
behöver en trygg plats att vara på när skolan har slutat för dagen och föräldrarna arbetar sent, \
och att medel tas ur nämndens egen reserv för detta ändamål under året."
"""


def _events(doc, kind):
    return [e for e in doc._.events if e["type"] == kind]


def test_item_sections_and_decision_points(nlp):
    doc = nlp(MINUTES)
    [item] = _events(doc, "item")
    assert (item["number"], item["title"], item["case"]) == ("7", "Budget för fritidsgårdar", "KS 2021/88")
    assert [s["title"] for s in item["sections"]] == ["Beslut", "Förslag till beslut", "Beslutsgång",
                                                      "Reservationer"]
    points = _events(doc, "decision")
    assert [p["number"] for p in points] == [1, 2]
    assert MINUTES[points[1]["start"]:points[1]["end"]] == "2. Paragrafen justeras omedelbart."


def test_proposals_rulings_and_reservation(nlp):
    doc = nlp(MINUTES)
    proposals = _events(doc, "proposal")
    assert [(p["parties"], p["kind"]) for p in proposals] == [
        (["C"], "återremiss"), (["S", "V"], "avgöra idag"), (["S"], "bifall"), (["C"], "eget förslag")]
    assert proposals[2]["administration"] is True
    rulings = _events(doc, "ruling")
    assert [(r["winner_kind"], r["winner_parties"]) for r in rulings] == [("avgöra idag", ["S", "V"]),
                                                                          ("bifall", ["S"])]
    [reservation] = _events(doc, "reservation")
    assert reservation["parties"] == ["C"] and reservation["against"] == "beslutet"
    own_text = MINUTES[reservation["text_start"]:reservation["text_end"]]
    assert own_text.startswith('"Nämnden beslutar') and own_text.endswith('ändamål under året."')


@pytest.mark.gazetteers  # "ordförande Per Olsson (M)": the first-name list tells the name from the title
def test_attendance_with_party_role_and_substitute(nlp):
    text = ("Beslutande Anna Svensson (S), ordförande Per Olsson (M) Lena Ek (V)\n"
            "Tjänstgörande ersättare Kim Nyberg (S) ersättare för Per Olsson\n"
            "Övriga deltagande Nämndsekreterare Eva Strand\n"
            "Utses att justera Lena Ek (V)\n"
            "Underskrifter Sekreterare Eva Strand Ordförande Anna Svensson\n")
    people = {e["name"]: e for e in nlp(text)._.events if e["type"] == "attendance"}
    assert people["Anna Svensson"]["party"] == "S" and people["Anna Svensson"]["roles"] == ["ordförande"]
    assert people["Per Olsson"]["category"] == "member" and people["Per Olsson"]["roles"] == []
    assert people["Kim Nyberg"]["category"] == "substitute"
    assert people["Kim Nyberg"]["substitute_for"] == "Per Olsson"
    assert people["Eva Strand"]["category"] == "official" and people["Eva Strand"]["roles"] == ["sekreterare"]
    assert people["Lena Ek"]["roles"] == ["justerare"]


def test_vote_counts_and_table(nlp):
    text = ("§ 3\nMotion om cykelbanor\n\nOmröstning\nAnna Svensson (S) Ja\nPer Olsson (M) Nej\n"
            "Lena Ek (V) Ja\nMed 2 ja-röster mot 1 nej-röst bifaller nämnden motionen.\n")
    [vote] = _events(nlp(text), "vote")
    assert (vote["ja"], vote["nej"], vote["avstår"]) == (2, 1, None)
    assert vote["by_party"] == {"M": {"ja": 0, "nej": 1, "avstår": 0}, "S": {"ja": 1, "nej": 0, "avstår": 0},
                                "V": {"ja": 1, "nej": 0, "avstår": 0}}


def test_riksdag_speeches(nlp):
    text = ("§ 2 Bostadspolitik\nAnf. 1 KARIN BERG (c):\nHerr talman! Jag yrkar bifall.\n"
            "Anf. 2 Statsrådet OLLE LIND (s) replik:\nTack.\nAnf. 3 TALMANNEN:\nDebatten är avslutad.\n")
    speeches = _events(nlp(text), "speech")
    assert [(s["speaker"], s["role"], s["party"], s["reply"]) for s in speeches] == [
        ("KARIN BERG", None, "C", False), ("OLLE LIND", "statsrådet", "S", True), (None, "talmannen", None, False)]
    assert text[speeches[0]["start"]:speeches[0]["end"]].endswith("Jag yrkar bifall.")


def test_no_structure_and_broken_structure_keep_entities(nlp):
    plain = nlp("Anna Svensson (S) talade om skolan i Umeå.")
    assert plain._.events == []
    broken = nlp("§\nBeslut:\n1.\nOmröstning\nAnna Svensson (S) Ja\nPer Olsson (M)")
    assert ("Anna Svensson", "PERSON") in [(e.text, e.label_) for e in broken.ents]
    record = doc_to_record(broken, "broken")
    validate_record(record)
    assert all(isinstance(e["start"], int) for e in record["events"])


def test_record_carries_valid_events(nlp):
    record = doc_to_record(nlp(MINUTES), "minutes")
    validate_record(record)
    assert {e["type"] for e in record["events"]} >= {"item", "decision", "proposal", "ruling", "reservation"}


@pytest.mark.gazetteers  # the names are told from the words around them by the first-name list
def test_flattened_header_row_replaced_member_and_guests(nlp):
    text = ("Beslutande Övriga deltagande Utses att justera Anna Svensson (S) ordförande Per Olsson (M) "
            "Kim Nyberg (S) ersättare för Lena Ek (V)\n"
            "Övriga närvarande Maja Holm (C) Olle Lind, kommundirektör\n")
    people = {e["name"]: e for e in nlp(text)._.events if e["type"] == "attendance"}
    assert people["Anna Svensson"]["category"] == "member" and people["Anna Svensson"]["roles"] == ["ordförande"]
    assert people["Kim Nyberg"]["substitute_for"] == "Lena Ek" and "Lena Ek" not in people
    assert people["Maja Holm"]["category"] == "deputy" and people["Olle Lind"]["category"] == "official"


def test_motion_proposers_from_the_sentence_before(nlp):
    text = ("Nämnden har fått en motion från Karin Berg (C) och Olle Lind (M) om parker. "
            "I motionen föreslår de att fler bänkar ställs ut.\n\n§ 2\nÖvrigt\n")
    [proposal] = [e for e in nlp(text)._.events if e["type"] == "proposal"]
    assert proposal["parties"] == ["C", "M"] and proposal["item"] is None


@pytest.mark.gazetteers  # the names are told from the words around them by the first-name list
def test_header_row_with_staff_and_ersatter(nlp):
    text = ("Beslutande ledamöter Övriga närvarande Anna Svensson (S) Per Olsson (M) ersätter Lena Ek (M) "
            "Olle Lind (kommunchef)\n")
    people = {e["name"]: e for e in nlp(text)._.events if e["type"] == "attendance"}
    assert people["Anna Svensson"]["category"] == "member"
    assert people["Per Olsson"]["category"] == "substitute" and "Lena Ek" not in people
    assert people["Olle Lind"]["category"] == "official"


@pytest.mark.gazetteers  # the names are told from the words around them by the first-name list
def test_attendance_list_ends_in_running_text(nlp):
    text = ("Övriga deltagande Olle Lind, kommunchef\n\n" + "Nämnden går igenom budgeten för året. " * 8
            + "Regionchef Maja Holm informerar om läget.\n")
    names = [e["name"] for e in nlp(text)._.events if e["type"] == "attendance"]
    assert names == ["Olle Lind"]
