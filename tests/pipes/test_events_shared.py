"""svpol_events on the shared texts (the issue's acceptance): the seed protocol and the Riksdag records.
Skipped, with the reason, where ../shared/data is absent."""

import re

import pytest

from pipeline.settings import data_dir

SEED = data_dir() / "seed" / "000_9174917caef481ba.txt"
RIKSDAG = sorted((data_dir() / "text" / "riksdag").glob("*.txt"))
needs_data = pytest.mark.skipif(not SEED.exists(), reason=f"needs {SEED} (set SVPOL_DATA_DIR)")


@needs_data
def test_seed_protocol(nlp):
    doc = nlp(SEED.read_text(encoding="utf-8"))
    events = doc._.events
    assert len([e for e in events if e["type"] == "decision"]) == 7
    proposals = [(e["parties"], e["kind"]) for e in events if e["type"] == "proposal"]
    assert proposals == [(["L", "M"], "återremiss"), (["MP", "S", "V"], "avgöra idag"),
                         (["MP", "S", "V"], "bifall"), (["L"], "eget förslag"), (["M"], "eget förslag")]
    rulings = [(e["winner_kind"], e["winner_parties"]) for e in events if e["type"] == "ruling"]
    assert rulings == [("avgöra idag", ["MP", "S", "V"]), ("bifall", ["MP", "S", "V"])]
    reservations = [e for e in events if e["type"] == "reservation"]
    assert [r["parties"] for r in reservations] == [["L"], ["M"]]
    for r in reservations:
        own = doc.text[r["text_start"]:r["text_end"]]
        assert own.lstrip('" ').startswith(("Stadsdelsnämnden beslutar", "Hägersten Liljeholmens"))
        assert own.rstrip().endswith('ovanstående."')


@needs_data
def test_every_riksdag_speech(nlp):
    from pipeline.pipes.events.extract import speeches

    patterns = nlp.get_pipe("svpol_events").patterns
    for path in RIKSDAG:
        text = path.read_text(encoding="utf-8")
        found = speeches(text, patterns)
        assert len(found) == len(re.findall(r"(?m)^\s*Anf\. \d+", text))
        for speech in found:
            header = text[speech["start"]:speech["header_end"]]
            assert speech["speaker"] or speech["role"]
            assert (speech["party"] is not None) == ("(" in header)
