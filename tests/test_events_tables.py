"""Event tables: one row per party per event, with document id and date."""

import csv
import json

from pipeline.events_tables import event_tables


def test_tables_one_row_per_party(nlp, tmp_path):
    source = tmp_path / "in.jsonl"
    text = ("Beslutande Anna Svensson (S), ordförande Per Olsson (M)\n\n§ 2\nMotion om parker\n\n"
            "Förslag till beslut\nLena Ek (V) och Kim Nyberg (MP) yrkade avslag på motionen.\n\n"
            "Reservationer\nPer Olsson (M) reserverade sig mot beslutet.\n")
    source.write_text(json.dumps({"id": "d1", "date": "2021-05-04", "text": text}) + "\n", encoding="utf-8")
    counts = event_tables([source], tmp_path / "out", nlp=nlp)
    assert counts["proposals"] == 2 and counts["reservations"] == 1 and counts["attendance"] == 2
    with open(tmp_path / "out" / "proposals.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [(r["doc_id"], r["date"], r["party"], r["kind"]) for r in rows] == [
        ("d1", "2021-05-04", "V", "avslag"), ("d1", "2021-05-04", "MP", "avslag")]
    with open(tmp_path / "out" / "attendance.csv", encoding="utf-8") as f:
        people = {r["name"]: r for r in csv.DictReader(f)}
    assert people["Anna Svensson"]["roles"] == "ordförande" and people["Per Olsson"]["party"] == "M"
