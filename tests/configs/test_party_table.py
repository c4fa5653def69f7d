"""Checks of the data files configs/parties.json and configs/topics.json.

The structural tests need only the repository. The gazetteer tests compare the party table with
the Swerik riksdagen-persons CSVs in the shared data directory (env SVPOL_DATA_DIR, default
<repo>/../shared/data) and are skipped where that directory is absent.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PARTIES_PATH = REPO / "configs" / "parties.json"
TOPICS_PATH = REPO / "configs" / "topics.json"

COALITIONS = {"ALLIANSEN": {"M", "C", "L", "KD"}, "TIDO": {"M", "KD", "L", "SD"}}
FIXED_TOPICS = {
    "extremism": "våldsbejakande extremism",
    "aldreomsorg": "äldreomsorg",
    "socialtjanst": "socialtjänst",
}


# ---------------------------------------------------------------------------
# party table


@pytest.fixture(scope="module")
def table() -> dict:
    with PARTIES_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def parties(table) -> list[dict]:
    return table["parties"]


class Index:
    """Form -> id lookup: abbreviations case-sensitively, names (the ``names`` list and ``name``,
    as pipeline.normalize.party reads them) case-insensitively."""

    def __init__(self, parties: list[dict]):
        self.abbr: dict[str, set[str]] = {}
        self.names: dict[str, set[str]] = {}
        for p in parties:
            for a in p["abbreviations"]:
                self.abbr.setdefault(a, set()).add(p["id"])
            for n in {*p["names"], p["name"]}:
                self.names.setdefault(n.casefold(), set()).add(p["id"])

    @staticmethod
    def _one(ids: set[str] | None) -> str | None:
        if not ids:
            return None
        assert len(ids) == 1, f"form maps to several ids: {sorted(ids)}"
        return next(iter(ids))

    def by_abbr(self, form: str) -> str | None:
        return self._one(self.abbr.get(form))

    def by_name(self, form: str) -> str | None:
        return self._one(self.names.get(form.casefold()))

    def resolve(self, form: str) -> str | None:
        found = self.by_abbr(form)
        return found if found is not None else self.by_name(form)


@pytest.fixture(scope="module")
def index(parties) -> Index:
    return Index(parties)


def test_top_level(table):
    assert isinstance(table.get("_about"), str) and table["_about"].strip()
    assert isinstance(table.get("parties"), list) and table["parties"]


def test_entry_fields(table, parties):
    sensitive = set(table.get("case_sensitive", []))
    for p in parties:
        assert re.fullmatch(r"[A-ZÅÄÖ]+", p["id"]), p["id"]
        assert isinstance(p["name"], str) and p["name"].strip(), p["id"]
        for key in ("founded", "dissolved"):
            assert p[key] is None or (isinstance(p[key], int) and 1800 < p[key] < 2100), (p["id"], key)
        if p["founded"] is not None and p["dissolved"] is not None:
            assert p["founded"] <= p["dissolved"], p["id"]
        for key in ("names", "abbreviations", "members"):
            assert isinstance(p[key], list), (p["id"], key)
            assert all(isinstance(x, str) and x == x.strip() and x for x in p[key]), (p["id"], key)
        assert p["names"] or p["abbreviations"], p["id"]
        assert len(set(p["abbreviations"])) == len(p["abbreviations"]), p["id"]
        assert len(set(p["names"])) == len(p["names"]), p["id"]
        # Case variants of one name only where the name is matched case-sensitively.
        folded = [n.casefold() for n in p["names"] if n not in sensitive]
        assert len(set(folded)) == len(folded), p["id"]


def test_case_sensitive_names_are_listed(table, parties):
    sensitive = table.get("case_sensitive", [])
    assert isinstance(sensitive, list)
    listed = {n for p in parties for n in (*p["names"], p["name"])}
    assert not [n for n in sensitive if n not in listed]


def test_ids_unique(parties):
    ids = [p["id"] for p in parties]
    assert len(ids) == len(set(ids))


def test_every_form_maps_to_one_id(index):
    multi_abbr = {a: ids for a, ids in index.abbr.items() if len(ids) > 1}
    multi_name = {n: ids for n, ids in index.names.items() if len(ids) > 1}
    assert not multi_abbr
    assert not multi_name


def test_names_are_base_forms(parties):
    # The code adds the genitive -s itself: a name and its genitive must not both be listed.
    names = {n.casefold() for p in parties for n in p["names"]}
    assert not {n for n in names if n.endswith("s") and n[:-1] in names}
    assert "liberalernas" not in names


def test_coalitions(parties):
    by_id = {p["id"]: p for p in parties}
    for cid, members in COALITIONS.items():
        assert cid in by_id
        assert set(by_id[cid]["members"]) == members
    for p in parties:
        for m in p["members"]:
            assert m in by_id, (p["id"], m)
            assert not by_id[m]["members"], (p["id"], m)
        if p["id"] not in COALITIONS:
            assert not p["members"], p["id"]


@pytest.mark.parametrize(
    "form,expected",
    [
        ("fp", "L"),
        ("FP", "L"),
        ("L", "L"),
        ("Liberalerna", "L"),
        ("Folkpartiet liberalerna", "L"),
        ("folkpartiet liberalerna", "L"),
        ("Folkpartiet", "L"),
        ("kds", "KD"),
        ("KD", "KD"),
        ("Kristen demokratisk samling", "KD"),
        ("vpk", "V"),
        ("Vänsterpartiet kommunisterna", "V"),
        ("Sveriges kommunistiska parti", "V"),
        ("centern", "C"),
        ("Centern", "C"),
        ("bf", "C"),
        ("Bondeförbundet", "C"),
        ("h", "M"),
        ("Högern", "M"),
        ("Högerpartiet", "M"),
        ("Moderata samlingspartiet", "M"),
        ("s", "S"),
        ("Sveriges socialdemokratiska arbetareparti", "S"),
        ("mp", "MP"),
        ("Miljöpartiet de gröna", "MP"),
        ("nyd", "NYD"),
        ("Ny demokrati", "NYD"),
        ("SD", "SD"),
        ("Feministiskt initiativ", "FI"),
        ("SPI", "SPI"),
        ("apk", "SKP"),
        ("Sjukvårdspartiet", "SJVP"),
        ("Alliansen", "ALLIANSEN"),
        ("Allians för Sverige", "ALLIANSEN"),
        ("Tidöpartierna", "TIDO"),
    ],
)
def test_guideline_norms(index, form, expected):
    assert index.resolve(form) == expected


def test_abbreviations_case_sensitive(index):
    assert index.by_abbr("fp") == "L"
    assert index.by_abbr("Kds") is None
    assert index.by_abbr("Vpk") is None


# ---------------------------------------------------------------------------
# party table against the Swerik gazetteer


def _gazetteer_dir() -> Path:
    data = Path(os.environ.get("SVPOL_DATA_DIR", REPO.parent / "shared" / "data"))
    gaz = data / "gazetteers" / "riksdagen-persons"
    if not gaz.is_dir():
        pytest.skip(f"shared data not found: {gaz}")
    return gaz


def _read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _csv_form_id(index: Index, form: str) -> str | None:
    form = form.strip()
    if form.startswith("(") and form.endswith(")"):
        return index.by_abbr(form[1:-1])
    return index.by_name(form)


def test_gazetteer_abbreviations_consistent(index):
    rows = _read_csv(_gazetteer_dir() / "party_abbreviation.csv")
    checked = 0
    for row in rows:
        if row["ocr_correction"].strip().lower() == "true":
            continue
        form_id = _csv_form_id(index, row["party"])
        abbr_id = index.by_abbr(row["abbreviation"].strip())
        if form_id is None and abbr_id is None:
            continue  # a form of a party (or non-party) the table does not cover
        where = (row["party"], row["abbreviation"], form_id, abbr_id)
        assert form_id is not None and form_id == abbr_id, where
        checked += 1
    assert checked >= 40


def test_gazetteer_ocr_forms_not_listed(index):
    # OCR-error variants (ocr_correction=True) would cause false hits in clean text.
    rows = _read_csv(_gazetteer_dir() / "party_abbreviation.csv")
    clean = {r["party"].strip() for r in rows if r["ocr_correction"].strip().lower() != "true"}
    ocr = {r["party"].strip() for r in rows if r["ocr_correction"].strip().lower() == "true"} - clean
    listed = [f for f in ocr if f.startswith("(") and index.by_abbr(f[1:-1]) is not None]
    assert not listed


def _year(value: str) -> int | None:
    value = value.strip()
    return int(value[:4]) if re.match(r"\d{4}", value) else None


def test_gazetteer_modern_riksdag_parties_resolve(index):
    gaz = _gazetteer_dir()
    parties = _read_csv(gaz / "party.csv")
    seated_after_1970: set[str] = set()
    for row in _read_csv(gaz / "party_affiliation.csv"):
        years = [y for y in (_year(row["start"]), _year(row["end"])) if y is not None]
        if years and max(years) > 1970:
            seated_after_1970.add(row["party_id"])
            seated_after_1970.add(row["party"].strip())
    required = [
        row["party"].strip()
        for row in parties
        if row["party_id"].strip()
        and _year(row["inception"]) is not None
        and (_year(row["dissolution"]) is None or _year(row["dissolution"]) > 1970)
        and (row["party_id"] in seated_after_1970 or row["party"].strip() in seated_after_1970)
    ]
    assert len(required) >= 10
    unresolved = [name for name in required if index.by_name(name) is None]
    assert not unresolved


def test_gazetteer_identity_and_successors_consistent(index):
    parties = _read_csv(_gazetteer_dir() / "party.csv")
    by_qid: dict[str, set[str]] = {}
    for row in parties:
        our = index.by_name(row["party"].strip())
        if row["party_id"].strip() and our is not None:
            by_qid.setdefault(row["party_id"].strip(), set()).add(our)
    # Rows that share a party_id (renamings) map to one id.
    assert all(len(ids) == 1 for ids in by_qid.values()), by_qid
    # A dissolved party with one successor maps to its successor's id.
    checked = 0
    for row in parties:
        succ = row["successor_id"].strip()
        our = index.by_name(row["party"].strip())
        if not row["dissolution"].strip() or our is None or not succ or "|" in succ or succ not in by_qid:
            continue
        assert {our} == by_qid[succ], (row["party"], succ)
        checked += 1
    assert checked >= 5


# ---------------------------------------------------------------------------
# topic taxonomy


@pytest.fixture(scope="module")
def topics() -> list[dict]:
    with TOPICS_PATH.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data.get("_about"), str)
    return data["topics"]


def _matches(term: dict, tokens: list[str]) -> bool:
    """The documented matching rule, without lemmas."""
    words = term["term"].lower().split()
    toks = [t.lower() for t in tokens]
    if len(words) > 1:
        return any(
            all(toks[i + j].startswith(w) for j, w in enumerate(words))
            for i in range(len(toks) - len(words) + 1)
        )
    w = words[0]
    if term.get("exact") or len(w) < 5:
        return w in toks
    return any(w in t for t in toks)


def _topic_hits(topic: dict, text: str) -> bool:
    tokens = text.split()
    return any(_matches(term, tokens) for term in topic["terms"])


def test_terms_unique_across_topics(topics):
    # The topic scorer keys its lookup by term: a term listed twice would count for one topic only.
    terms = [term["term"] for t in topics for term in t["terms"]]
    assert len(terms) == len(set(terms))


def test_topics_structure(topics):
    ids = [t["id"] for t in topics]
    assert len(ids) == len(set(ids))
    for tid, name in FIXED_TOPICS.items():
        assert tid in ids
        assert next(t for t in topics if t["id"] == tid)["name"] == name
    for t in topics:
        assert re.fullmatch(r"[a-z_]+", t["id"]), t["id"]
        assert t["name"].strip() and t["description"].strip(), t["id"]
        lo, hi = (20, 60) if t["id"] in FIXED_TOPICS else (10, 30)
        assert lo <= len(t["terms"]) <= hi, (t["id"], len(t["terms"]))
        seen = set()
        for term in t["terms"]:
            assert set(term) <= {"term", "weight", "exact"}, term
            assert term["term"] == term["term"].strip().lower() and term["term"], term
            assert term["term"] not in seen, term
            seen.add(term["term"])
            assert isinstance(term["weight"], (int, float)) and term["weight"] > 0, term
            assert isinstance(term.get("exact", False), bool), term


@pytest.mark.parametrize(
    "tid,text",
    [
        ("extremism", "handlingsplan mot våldsbejakande extremism"),
        ("extremism", "arbetet med avhopparverksamheten"),
        ("aldreomsorg", "äldreomsorgsnämnden beslutar"),
        ("aldreomsorg", "fler hemtjänstinsatser"),
        ("aldreomsorg", "platser i särskilt boende"),
        ("aldreomsorg", "vård- och omsorgsboenden"),
        ("aldreomsorg", "servicehuset"),
        ("socialtjanst", "individ- och familjeomsorg"),
        ("socialtjanst", "ekonomiskt bistånd"),
        ("socialtjanst", "barn- och ungdomsvården"),
        ("socialtjanst", "socialsekreterarna"),
        ("skola", "förskolorna i området"),
        ("ekonomi", "tertialrapport 2"),
        ("trygghet", "ordningsvakter"),
        ("bostad", "ny detaljplan"),
        ("integration", "nyanlända elever"),
        ("miljo", "avfallshantering"),
        ("kultur", "stadsbiblioteket"),
        ("halsa", "vårdcentralen"),
        ("funktionsnedsattning", "insatser enligt LSS"),
    ],
)
def test_topic_terms_hit(topics, tid, text):
    assert _topic_hits(next(t for t in topics if t["id"] == tid), text)


@pytest.mark.parametrize(
    "tid,text",
    [
        ("miljo", "Miljöpartiet"),
        ("ekonomi", "enligt en uppskattning"),
        ("skola", "generaldirektoratet"),
        ("skola", "tjänsteleverantörer"),
        ("bostad", "en angelägenhet"),
        ("kultur", "säkerhetskultur"),
        ("trygghet", "uppskjutning"),
        ("socialtjanst", "kontaktpersoner"),
        ("socialtjanst", "balansavräkning"),
        ("aldreomsorg", "äldre"),
        ("aldreomsorg", "boende"),
    ],
)
def test_topic_terms_avoid_false_hits(topics, tid, text):
    assert not _topic_hits(next(t for t in topics if t["id"] == tid), text)
