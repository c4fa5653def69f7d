"""The events scorer: exact keys per element, multiset match, only the scopes a document annotates."""

from pipeline.events_eval import event_key, score_events


def test_keys_and_scores():
    gold = [{"scope": ["attendance", "proposal"], "events": [
        {"type": "attendance", "name": "Anna  Ek", "party": "S", "category": "member", "roles": ["justerare"]},
        {"type": "attendance", "name": "Per Olsson", "party": None, "category": "official", "roles": []},
        {"type": "proposal", "parties": ["V", "S"], "kind": "avslag"}]}]
    predicted = [[
        {"type": "attendance", "name": "Anna Ek", "party": "S", "category": "member", "roles": ["justerare"]},
        {"type": "attendance", "name": "Per Olsson", "party": None, "category": "member", "roles": []},
        {"type": "proposal", "parties": ["S", "V"], "kind": "bifall"},
        {"type": "vote", "ja": 3, "nej": 2, "avstår": None}]]
    scores = score_events(gold, predicted)
    assert scores["attendance"]["tp"] == 1 and scores["attendance"]["fp"] == 1 and scores["attendance"]["fn"] == 1
    assert scores["proposal"]["f"] == 1.0  # the party set decides, not the kind
    assert "vote" not in scores  # out of the document's scope
    assert event_key({"type": "protocol_note", "parties": ["M"]}) == ("reservation", ("protocol_note", ("M",)))
