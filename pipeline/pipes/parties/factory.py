"""``svpol_parties``: PARTY candidates from the party table in ``configs/parties.json``."""


from bisect import bisect_left
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...data import gazetteers
from ...normalize.party import PartyTable
from ..base import TableComponent, add_candidates, match_text
from . import patterns as p


class PartyMatcher(TableComponent):
    """Party names and forms anywhere; abbreviations where the context makes them a party:
    in parentheses, in lists of party codes, with ``:s``, and in attendance-list columns."""

    filename = "parties.json"

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        self.parties = PartyTable(table["parties"])
        abbreviations = list(self.parties.abbreviations)
        sensitive = set(table.get("case_sensitive", []))
        forms = self.parties.name_forms()
        self.names_re = p.names_pattern([f for f in forms if f not in sensitive and f[:-1] not in sensitive])
        self.sensitive_re = p.names_pattern([f for f in forms if f in sensitive or f[:-1] in sensitive],
                                            ignore_case=False)
        self.paren_re = p.parenthesis_pattern(abbreviations)
        self.list_re = p.list_pattern(abbreviations)
        self.lower_list_re = p.lowercase_list_pattern(abbreviations)
        self.standalone_re = p.standalone_pattern(abbreviations)
        self.column_re = p.column_pattern(abbreviations)
        self.comma_re = p.comma_pattern(abbreviations)
        self.pipe_re = p.pipe_pattern([a for a in abbreviations if a.isupper()])
        self.known = set(abbreviations)
        self.not_codes = set(table.get("not_party_codes", []))
        self.before_name_re = p.code_before_name_pattern(abbreviations)
        self.mark_re = p.mark_column_pattern(abbreviations)

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        text = match_text(doc)
        spans: list[tuple[int, int, str]] = []
        for pattern in (self.names_re, self.sensitive_re):
            spans += [(m.start(), m.end(), "PARTY") for m in pattern.finditer(text)]
        spans += self._parenthesised(text)
        for m in self.list_re.finditer(text):
            for item in p.re.finditer(r"[A-ZÅÄÖ]+(?::s)?", m.group(0)):
                spans.append((m.start() + item.start(), m.start() + item.end(), "PARTY"))
        for m in self.lower_list_re.finditer(text):
            for item in p.re.finditer(r"(?<![a-zåäö])(?!och\b|samt\b|eller\b)[a-zåäö]+", m.group(0)):
                spans.append((m.start() + item.start(), m.start() + item.end(), "PARTY"))
        for m in self.standalone_re.finditer(text):
            spans.append((m.start(), m.end(), "PARTY"))
        for m in self.column_re.finditer(text):
            spans.append((m.start("abbr"), m.end("abbr"), "PARTY"))
        spans += [(m.start("abbr"), m.end("abbr"), "PARTY") for m in self.pipe_re.finditer(text)
                  if "|" in self._line(text, m.start()) and self._has_first_name(m.group("name"))]
        for m in self.comma_re.finditer(text):
            group = "abbr" if m.group("abbr") else "abbr2"
            abbr = m.group(group)
            if abbr in self.not_codes or not self._has_first_name(m.group("name")):
                if group == "abbr2" or abbr not in self.known:
                    continue  # "Rådhus Skåne, V Storgatan 12"; "Monica Larsson, SACO, ej"
            spans.append((m.start(group), m.end(group), "PARTY"))
        spans += [(m.start("abbr"), m.end("abbr"), "PARTY") for m in self.mark_re.finditer(text)
                  if self._has_first_name(text[text.rfind("\n", 0, m.start()) + 1:m.start()])]
        spans += self._before_names(text, spans)
        spans = [s for s in spans if not self._in_capitals(text, s[0], s[1])]
        add_candidates(doc, spans, self.name)
        return doc

    def _before_names(self, text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Codes right before a first name and a surname, kept where another party code stands within
        a line's length (an attendance list, not a stray capital letter)."""
        matches = [m for m in self.before_name_re.finditer(text)
                   if p.re.sub(r"-\s+", "-", m.group("first")) in gazetteers.first_names()
                   and m.group("abbr") not in self.not_codes]
        # a local code ("MBP") counts where it stands before names twice or is a party code elsewhere
        codes = [m.group("abbr") for m in matches] + [text[s:e] for s, e, _ in found]
        matches = [m for m in matches if m.group("abbr") in self.known or codes.count(m.group("abbr")) > 1]
        starts = [m.start("abbr") for m in matches] + [s for s, _, _ in found]
        return [(m.start("abbr"), m.end("abbr"), "PARTY") for m in matches
                if any(0 < abs(m.start("abbr") - s) <= p.CODE_NEIGHBOURHOOD for s in starts)]

    def _in_capitals(self, text: str, start: int, end: int) -> bool:
        """A multi-letter code inside a heading in capitals (``HANDEL MED VISSA LÄKEMEDEL``) is a word."""
        if end - start < 2 or text[start:end] not in self.known:
            return False
        before = p.re.search(r"([A-ZÅÄÖ]{3,})[ \t]+$", text[max(0, start - 40):start])
        after = p.re.match(r"[ \t]+([A-ZÅÄÖ]{3,})(?![\w])", text[end:end + 40])
        return bool(before and after)

    @staticmethod
    def _line(text: str, position: int) -> str:
        """The line of ``text`` that ``position`` is on."""
        start = text.rfind("\n", 0, position) + 1
        end = text.find("\n", position)
        return text[start:] if end < 0 else text[start:end]

    def _person_before(self, text: str, position: int) -> tuple[bool, bool]:
        """(a name-like pair precedes ``position``, and one of its words is a known first name)."""
        match = p.PERSON_BEFORE.search(text, max(0, position - 80), position)
        if not match:
            return False, False
        return True, self._has_first_name(match.group("name"))

    @staticmethod
    def _has_first_name(name: str) -> bool:
        """Whether a word of ``name`` is a known first name (always true without the gazetteer)."""
        names = gazetteers.first_names()
        words = [w.strip(",").capitalize() if w.isupper() else w.strip(",") for w in name.split()]
        return not names or any(w in names or w.split("-")[0] in names for w in words)

    def _parenthesised(self, text: str) -> list[tuple[int, int, str]]:
        """Codes in parentheses. A known code counts, except a lone lower-case letter (``(c)`` may
        be a list marker) which needs a name before it or another party code close by; an unknown
        upper-case code (a local party) needs a person's name before it."""
        sure: list[tuple[int, int, str]] = []
        weak: list[tuple[int, int, str]] = []
        for m in self.paren_re.finditer(text):
            name_before, person_before = self._person_before(text, m.start())
            inner = m.start("inner")
            for item in p.re.finditer(r"[^\s,/]+", m.group("inner")):
                abbr = item.group(0)
                span = (inner + item.start(), inner + item.end(), "PARTY")
                if abbr not in self.known:
                    if (person_before and abbr not in self.not_codes
                            and not p.ORG_ENDING.search(text, max(0, m.start() - 40), m.start())):
                        sure.append(span)
                elif len(abbr) == 1 and abbr.islower() and not name_before:
                    weak.append(span)
                else:
                    sure.append(span)
        sure_starts = sorted(t[0] for t in sure)  # a weak code counts within 24 characters of a sure one

        def near_sure(start: int) -> bool:
            i = bisect_left(sure_starts, start - 24)
            return i < len(sure_starts) and sure_starts[i] <= start + 24

        near = [s for s in weak if near_sure(s[0])]
        return sure + near


@Language.factory("svpol_parties", default_config={"table_path": None})
def create_component(nlp: Language, name: str, table_path: str | None) -> PartyMatcher:
    return PartyMatcher(nlp, name, table_path)
