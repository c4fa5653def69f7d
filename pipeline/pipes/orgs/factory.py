"""``svpol_orgs``: ORG candidates from our institution table and the authority register of the
shared data (read at run time, with its short names), organisational suffixes, place-based names,
companies and names in context (after a role, ``Stiftelsen X``, defined abbreviations)."""


from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...data import gazetteers
from ..base import PhraseIndex, SwedishWords, TableComponent, add_candidates, match_text
from . import patterns as p


class OrgMatcher(TableComponent):
    filename = "orgs.json"

    def __init__(self, nlp: Language, name: str, table_path: str | None = None,
                 use_gazetteers: bool = True, lemmatizer: str = "lemmatizer") -> None:
        self.swedish_words = SwedishWords(nlp, lemmatizer)
        self._aliases: PhraseIndex | None = None
        super().__init__(nlp, name, table_path, use_gazetteers)

    @property
    def aliases(self) -> PhraseIndex:
        """The authorities' short and other names (``Sida``, ``FMV``), less those that could be an
        ordinary word (``DOM``, ``Bits``); built on first use, when the lemmatizer's table is there."""
        if self._aliases is None:
            names = gazetteers.authority_aliases() if self.use_gazetteers else frozenset()
            self._aliases = PhraseIndex(
                n for n in names
                if n not in self.generic and (" " in n or (
                    n not in self.swedish_words and (n.isupper() or len(n) > 3))))
        return self._aliases

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        self._aliases = None
        names = set(table["names"])
        if self.use_gazetteers:
            names |= set(gazetteers.authorities())
        self.generic = set(table["generic"])
        self.guarded = set(table.get("guarded_names", []))
        lower_suffixes = tuple(table.get("lowercase_name_suffixes", []))
        lower = {n.lower() for n in names if " " not in n and n[:1].isupper() and n.lower().endswith(lower_suffixes)}
        self.names = PhraseIndex(names | {n.upper() for n in names if len(n) > 4} | (lower - self.generic))
        self.suffix_re = p.suffix_pattern(table["suffixes"], table["lowercase_suffixes"])
        self.suffixes = tuple(table["suffixes"])
        self.place_re = p.place_org_pattern(table["place_nouns"], table["prefix_nouns"])
        nouns = table.get("adjective_nouns", [])
        self.adjective_re = p.adjective_org_pattern(nouns) if nouns else None
        prefix_words = table.get("prefix_words", [])
        self.prefix_word_re = p.prefix_word_pattern(prefix_words) if prefix_words else None
        self.located_suffixes = tuple(table.get("located_suffixes", []))
        self.place_after_re = p.place_after_pattern(table.get("branch_nouns", []))
        cue_nouns = table.get("cue_nouns", [])
        self.cue_re = p.cue_noun_pattern(cue_nouns) if cue_nouns else None
        cues = table.get("role_cues", [])
        self.role_re = p.role_cue_pattern(cues) if cues else None
        qualifiers = table.get("country_qualifiers", [])
        self.country_company_re = p.country_company_pattern(qualifiers) if qualifiers else None
        places = (set(gazetteers.municipalities()) | set(gazetteers.city_districts())
                  if self.use_gazetteers else set())
        self.known_places = places | set(table.get("places", []))
        self.not_places = set(table.get("not_places", []))
        self.not_cue_names = self.generic | self.not_places
        self.english_heads = set(table.get("english_heads", []))
        self.furniture = frozenset(w.lower() for w in table.get("furniture_words", []))
        heads = table.get("unit_heads", [])
        self.unit_head_re = (p.unit_head_pattern(heads, table.get("unit_head_suffixes", []),
                                                 table.get("unit_head_adjectives", [])) if heads else None)

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        text = match_text(doc)
        spans = []
        spans += [self._branch(text, s, e) for s, e in self.names.finditer(text)
                  if text[s:e] not in self.generic
                  and not (text[s:e] in self.guarded and (self._unguarded(text, s, e) or self._heading(text, s, e)))]
        spans += [(s, e, "ORG") for s, e in self.aliases.finditer(text)]
        spans += [self._extend(text, m.start(), m.end()) for m in self.suffix_re.finditer(text)
                  if m.group(0) not in self.generic]
        if self.prefix_word_re:
            spans += [self._extend(text, m.start(), m.end()) for m in self.prefix_word_re.finditer(text)]
        for m in self.place_re.finditer(text):
            place = m.group("place") or (m.group("caps") or "").capitalize() or None
            if place is None or (place not in self.not_places and (
                    place.endswith("s") or place in self.known_places
                    or any(part in self.known_places for part in place.split("-"))
                    or place not in self.swedish_words)):
                spans.append((m.start(), m.end(), "ORG"))
        spans += [self._company(text, m.start(), m.end()) for m in p.COMPANY.finditer(text)]
        spans += [(m.start(), m.end(), "ORG") for m in p.COMPANY_AB_FIRST.finditer(text)]
        if self.role_re:
            spans += [(m.start("name"), m.end("name"), "ORG") for m in self.role_re.finditer(text)
                      if not self._ordinary(m.group("name").split()[0])]
        if self.country_company_re:
            spans += [(m.start(), m.end(), "ORG") for m in self.country_company_re.finditer(text)
                      if not self._ordinary(m.group("name"))]
        if self.cue_re:
            spans += [(m.start("name"), m.end("name"), "ORG") for m in self.cue_re.finditer(text)
                      if m.group("name").split()[0] not in self.not_cue_names]
        spans += [(m.start(), m.end(), "ORG") for m in p.ENGLISH_RUN.finditer(text)
                  if self.english_heads.intersection(m.group(0).split())]
        if self.adjective_re:
            spans += [(m.start(), m.end(), "ORG") for m in self.adjective_re.finditer(text)]
        if self.unit_head_re:
            spans = [self._unit_head(text, *span) for span in spans]
        spans += self._defined_abbreviations(text, spans)
        add_candidates(doc, spans, self.name)
        return doc

    def _branch(self, text: str, start: int, end: int) -> tuple[int, int, str]:
        """A named organisation with its local branch: ``Röda Korset Luleå``, ``Polisen i Halland``,
        ``Socialnämnden i Umeå kommun``, ``Kommunal avdelning Gävleborg``."""
        after = self.place_after_re.match(text, end)
        if after:
            place = after.group("place")
            if after.group("tail") == " län" and place.endswith("s"):
                place = place[:-1]  # "Kronobergs län"
            known = place in self.known_places or all(part in self.known_places for part in place.split("-"))
            # after a branch noun ("lokalpolisområde Märsta") any name is the branch's place
            if known or (after.groupdict().get("noun") and not self._ordinary(place)):
                return start, after.end(), "ORG"
        return self._extend(text, start, end, before=False)

    def _ordinary(self, word: str) -> bool:
        """A word that is no name of its own: a Swedish word, a place or a generic noun."""
        return (word in self.swedish_words or word in self.known_places or word in self.not_places
                or word in self.generic)

    @staticmethod
    def _unguarded(text: str, start: int, end: int) -> bool:
        """A guarded name that is something else here: before a number or a name (``Sida 2``,
        ``Vision 2030``), or in a page header's column (``    Sida``)."""
        return bool(p.GUARD_FOLLOWER.match(text, end)) or text[max(0, start - 3):start] == "   "

    def _unit_head(self, text: str, start: int, end: int, label: str) -> tuple[int, int, str]:
        """A body's genitive and its part: ``Kommunstyrelsens arbetsutskott``, ``Tekniska nämndens kansli``,
        ``KOMMUNSTYRELSENS SOCIALA UTSKOTT``."""
        if text[end - 1:end] not in ("s", "S"):
            return start, end, label
        m = self.unit_head_re.match(text, end)
        if m and (m.group(0).islower() or m.group(0).isupper() == text[start:end].split()[-1].isupper()):
            return start, m.end(), label
        return start, end, label

    def _heading(self, text: str, start: int, end: int) -> bool:
        """A guarded name that is a page heading: alone on its line, or next to a page-furniture word
        (``Sammanträdesdatum Sida``, ``Ärende Sida``)."""
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if not text[line_start:start].strip() and not text[end:line_end].strip(" \t.,:"):
            return True
        before = p.LAST_WORD.search(text, max(0, start - 60), start)
        after = p.NEXT_WORD.match(text, end)
        return bool((before and before.group(1).lower() in self.furniture)
                    or (after and after.group(1).lower() in self.furniture))

    def _company(self, text: str, start: int, end: int) -> tuple[int, int, str]:
        """A company name less a common noun in front: ``Exploatören Nordvik Fastighetsutveckling AB``,
        ``Fastighetsägaren Eksjö Kommunfastigheter AB``."""
        first = text[start:end].split()[0]
        if len(text[start:end].split()) > 2 and not first.endswith(self.suffixes) and (
                (first.endswith(("en", "et")) and first in self.swedish_words)
                or first.endswith(("aren", "ären", "ören", "ägaren"))):
            start += len(first) + 1
        return start, end, "ORG"

    def _extend(self, text: str, start: int, end: int, before: bool = True) -> tuple[int, int, str]:
        """A compound name with the place or name word before it (``Nusnäs Hembygdsförening``,
        ``Mora Brukshundklubb``) and, for local associations, the place after it
        (``Naturskyddsföreningen i Mora``)."""
        if before and text[start].isupper():
            word_before = p.WORD_BEFORE.search(text, max(0, start - 40), start)
            if word_before:
                word = word_before.group("word")
                if word in self.known_places or not (word in self.swedish_words or word in self.not_places):
                    start = word_before.start()
        name = text[start:end]
        if name.split()[0].endswith(self.located_suffixes) or name.endswith(self.located_suffixes):
            located = p.LOCATED.match(text, end)
            if located:
                end = located.end()
        return start, end, "ORG"

    @staticmethod
    def _defined_abbreviations(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """``Försvarshögskolan (FHS)``: the abbreviation is the organisation wherever it occurs."""
        abbreviations = set()
        for _, end, _ in spans:
            m = p.DEFINED_ABBREVIATION.match(text, end)
            if m:
                abbreviations.add(m.group("abbr") or m.group("comma"))
        if not abbreviations:
            return []
        pattern = p.re.compile(rf"(?<![\wåäöÅÄÖ-])(?:{p.alternation(abbreviations)})(?![\wåäöÅÄÖ-])")
        return [(m.start(), m.end(), "ORG") for m in pattern.finditer(text)]


@Language.factory("svpol_orgs",
                  default_config={"table_path": None, "use_gazetteers": True, "lemmatizer": "lemmatizer"})
def create_component(nlp: Language, name: str, table_path: str | None, use_gazetteers: bool,
                     lemmatizer: str) -> OrgMatcher:
    return OrgMatcher(nlp, name, table_path, use_gazetteers, lemmatizer)
