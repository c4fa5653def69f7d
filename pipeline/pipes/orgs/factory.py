"""``svpol_orgs``: ORG candidates from our institution table, the authority register of the
shared data (read at run time), organisational suffixes and place-based names."""


from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...data import gazetteers
from ..base import PhraseIndex, TableComponent, add_candidates, match_text
from . import patterns as p


class OrgMatcher(TableComponent):
    filename = "orgs.json"

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        names = set(table["names"])
        if self.use_gazetteers:
            names |= set(gazetteers.authorities())
        self.generic = set(table["generic"])
        self.names = PhraseIndex(names | {n.upper() for n in names if len(n) > 4})
        self.suffix_re = p.suffix_pattern(table["suffixes"], table["lowercase_suffixes"])
        self.place_re = p.place_org_pattern(table["place_nouns"], table["prefix_nouns"])
        places = (set(gazetteers.municipalities()) | set(gazetteers.city_districts())
                  if self.use_gazetteers else set())
        self.known_places = places | set(table.get("places", []))
        self.not_places = set(table.get("not_places", []))

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        text = match_text(doc)
        spans = []
        spans += [(s, e, "ORG") for s, e in self.names.finditer(text) if text[s:e] not in self.generic]
        spans += [(m.start(), m.end(), "ORG") for m in self.suffix_re.finditer(text) if m.group(0) not in self.generic]
        for m in self.place_re.finditer(text):
            place = m.group("place") or (m.group("caps") or "").capitalize() or None
            if place is None or (place not in self.not_places and (
                    place.endswith("s") or place in self.known_places
                    or any(part in self.known_places for part in place.split("-")))):
                spans.append((m.start(), m.end(), "ORG"))
        spans += [(m.start(), m.end(), "ORG") for m in p.COMPANY.finditer(text)]
        spans += self._defined_abbreviations(text, spans)
        add_candidates(doc, spans, self.name)
        return doc


    @staticmethod
    def _defined_abbreviations(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """``Försvarshögskolan (FHS)``: the abbreviation is the organisation wherever it occurs."""
        abbreviations = set()
        for _, end, _ in spans:
            m = p.DEFINED_ABBREVIATION.match(text, end)
            if m:
                abbreviations.add(m.group("abbr"))
        if not abbreviations:
            return []
        pattern = p.re.compile(rf"(?<![\wåäöÅÄÖ-])(?:{p.alternation(abbreviations)})(?![\wåäöÅÄÖ-])")
        return [(m.start(), m.end(), "ORG") for m in pattern.finditer(text)]


@Language.factory("svpol_orgs", default_config={"table_path": None, "use_gazetteers": True})
def create_component(nlp: Language, name: str, table_path: str | None, use_gazetteers: bool) -> OrgMatcher:
    return OrgMatcher(nlp, name, table_path, use_gazetteers)
