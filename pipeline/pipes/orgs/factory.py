"""``svpol_orgs``: ORG candidates from our institution table, the authority register of the
shared data (read at run time), organisational suffixes and place-based names."""


from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...data import gazetteers
from ..base import TableComponent, add_candidates
from . import patterns as p


class OrgMatcher(TableComponent):
    filename = "orgs.json"

    def __init__(self, nlp: Language, name: str, table_path: str | None = None,
                 use_gazetteers: bool = True) -> None:
        self.use_gazetteers = use_gazetteers
        super().__init__(nlp, name, table_path)

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        names = set(table["names"])
        if self.use_gazetteers:
            names |= set(gazetteers.authorities())
        self.generic = set(table["generic"])
        self.names_re = p.names_pattern(names)
        self.suffix_re = p.suffix_pattern(table["suffixes"], table["lowercase_suffixes"])
        self.place_re = p.place_org_pattern(table["place_nouns"], table["prefix_nouns"])
        places = set(gazetteers.municipalities()) if self.use_gazetteers else set()
        self.known_places = places | set(table.get("places", []))
        self.not_places = set(table.get("not_places", []))

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        text = doc.text
        spans = []
        for pattern in (self.names_re, self.suffix_re):
            for m in pattern.finditer(text):
                if m.group(0) not in self.generic:
                    spans.append((m.start(), m.end(), "ORG"))
        for m in self.place_re.finditer(text):
            place = m.group("place")
            if place is None or (place not in self.not_places
                                 and (place.endswith("s") or place in self.known_places)):
                spans.append((m.start(), m.end(), "ORG"))
        add_candidates(doc, spans, self.name)
        return doc


@Language.factory("svpol_orgs", default_config={"table_path": None, "use_gazetteers": True})
def create_component(nlp: Language, name: str, table_path: str | None, use_gazetteers: bool) -> OrgMatcher:
    return OrgMatcher(nlp, name, table_path, use_gazetteers)
