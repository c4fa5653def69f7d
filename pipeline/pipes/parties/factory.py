"""``svpol_parties``: PARTY candidates from the party table in ``configs/parties.json``."""


from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...normalize.party import PartyTable
from ..base import TableComponent, add_candidates
from . import patterns as p


class PartyMatcher(TableComponent):
    """Party names and forms anywhere; abbreviations where the context makes them a party:
    in parentheses, in lists of party codes, with ``:s``, and in attendance-list columns."""

    filename = "parties.json"

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        self.parties = PartyTable(table["parties"])
        abbreviations = list(self.parties.abbreviations)
        self.names_re = p.names_pattern(self.parties.name_forms())
        self.paren_re = p.parenthesis_pattern(abbreviations)
        self.list_re = p.list_pattern(abbreviations)
        self.standalone_re = p.standalone_pattern(abbreviations)
        self.column_re = p.column_pattern(abbreviations)
        self.known = set(abbreviations)

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        text = doc.text
        spans: list[tuple[int, int, str]] = []
        for m in self.names_re.finditer(text):
            spans.append((m.start(), m.end(), "PARTY"))
        for m in self.paren_re.finditer(text):
            inner_start = m.start("inner")
            for item in p.re.finditer(r"[^\s,/]+", m.group("inner")):
                abbr = item.group(0)
                if abbr not in self.known and not p.PERSON_BEFORE.search(text[max(0, m.start() - 80):m.start()]):
                    continue  # an unknown code counts as a party only after a person's name
                if len(abbr) == 1 and abbr.islower() and not p.PERSON_BEFORE.search(
                    text[max(0, m.start() - 80):m.start()]
                ):
                    continue  # "(a)", "(c)" as list markers
                spans.append((inner_start + item.start(), inner_start + item.end(), "PARTY"))
        for m in self.list_re.finditer(text):
            for item in p.re.finditer(r"[A-ZÅÄÖ]+(?::s)?", m.group(0)):
                spans.append((m.start() + item.start(), m.start() + item.end(), "PARTY"))
        for m in self.standalone_re.finditer(text):
            spans.append((m.start(), m.end(), "PARTY"))
        for m in self.column_re.finditer(text):
            spans.append((m.start("abbr"), m.end("abbr"), "PARTY"))
        add_candidates(doc, spans, self.name)
        return doc


@Language.factory("svpol_parties", default_config={"table_path": None})
def create_component(nlp: Language, name: str, table_path: str | None) -> PartyMatcher:
    return PartyMatcher(nlp, name, table_path)
