"""``svpol_places``: LOC candidates from our place table, the municipality and city-district
lists of the shared data (read at run time), street addresses and named buildings."""


from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...data import gazetteers
from ..base import TableComponent, add_candidates, match_text
from . import patterns as p


class PlaceMatcher(TableComponent):
    filename = "places.json"

    def __init__(self, nlp: Language, name: str, table_path: str | None = None,
                 use_gazetteers: bool = True) -> None:
        self.use_gazetteers = use_gazetteers
        super().__init__(nlp, name, table_path)

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        ambiguous = set(table["ambiguous"])
        names = set(table["names"])
        if self.use_gazetteers:
            names |= set(gazetteers.municipalities()) | set(gazetteers.city_districts())
        self.names_re = p.names_pattern(n for n in names if n not in ambiguous)
        self.street_re = p.street_pattern(table["street_suffixes"])
        self.building_re = p.building_pattern(table["building_suffixes"])

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        text = match_text(doc)
        spans = [(m.start(), m.end(), "LOC") for m in self.names_re.finditer(text)]
        spans += [(m.start(), m.end(), "LOC") for m in self.street_re.finditer(text)]
        spans += [(m.start(), m.end(), "LOC") for m in self.building_re.finditer(text)]
        add_candidates(doc, spans, self.name)
        return doc


@Language.factory("svpol_places", default_config={"table_path": None, "use_gazetteers": True})
def create_component(nlp: Language, name: str, table_path: str | None, use_gazetteers: bool) -> PlaceMatcher:
    return PlaceMatcher(nlp, name, table_path, use_gazetteers)
