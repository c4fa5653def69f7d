"""``svpol_places``: LOC candidates from our place table, the municipality and city-district
lists of the shared data (read at run time), street addresses, named buildings and rooms, lakes and
rivers by their ending, places named by position (after a preposition or a cue noun); and the test
the merge applies to a statistical NER's LOC (``plausible_place``)."""


from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...data import gazetteers
from ..base import PhraseIndex, SwedishWords, TableComponent, add_candidates, match_text
from . import patterns as p


class PlaceMatcher(TableComponent):
    filename = "places.json"

    def __init__(self, nlp: Language, name: str, table_path: str | None = None,
                 use_gazetteers: bool = True, lemmatizer: str = "lemmatizer",
                 orgs_component: str = "svpol_orgs") -> None:
        self.swedish_words = SwedishWords(nlp, lemmatizer)
        self.nlp_stop_words = nlp.Defaults.stop_words
        self.orgs_component = orgs_component
        super().__init__(nlp, name, table_path, use_gazetteers)

    def _hyphen_joined(self, text: str) -> list[tuple[int, int, str]]:
        """``Hägersten-Liljeholmen(s)``: every part a known place."""
        spans = []
        for start, end, word in PhraseIndex.words(text):
            if "-" in word:
                parts = word.rstrip("-").split("-")
                if parts[-1].endswith("s") and parts[-1] not in self.names:
                    parts[-1] = parts[-1][:-1]
                if len(parts) > 1 and all(part in self.names for part in parts):
                    spans.append((start, end, "LOC"))
        return spans

    def _compounds(self, text: str) -> list[tuple[int, int, str]]:
        """A known place with a compass or size prefix (``Västsverige``, ``Östeuropa``, ``Storstockholm``)
        or with ``regionen`` (``Stockholmsregionen``, ``Öresundsregionen``)."""
        spans = []
        for start, end, word in PhraseIndex.words(text):
            stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
            rest = next((stem[len(pre):] for pre in self.compass_prefixes
                         if stem.startswith(pre) and len(stem) > len(pre) + 2), "")
            if rest and rest.capitalize() in self.names:
                spans.append((start, end, "LOC"))
            elif stem.endswith("regionen") and len(stem) > 9:
                base = stem[:-len("regionen")]
                if base.rstrip("s") in self.names or base in self.names:
                    spans.append((start, end, "LOC"))
        return spans

    def _after_prepositions(self, text: str) -> list[tuple[int, int, str]]:
        """Unknown places by position: a capitalised word after ``i``/``på``/``vid`` that is no
        Swedish word, no first name and no generic noun (``i Ljusne och Sandarne``)."""
        spans = []
        for m in p.AFTER_PREPOSITION.finditer(text):
            base = m.start("places")
            for w in p.PLACE_IN_LIST.finditer(m.group("places")):
                word = w.group(0)
                if word in self.ambiguous:  # a municipality that is also a word: a place here ("från Orsa")
                    spans.append((base + w.start(), base + w.end(), "LOC"))
                    continue
                if self._unknown_place(word):
                    spans.append((base + w.start(), base + w.end(), "LOC"))
        return spans

    def _unknown_place(self, word: str) -> bool:
        """A word that may name a place nobody listed: no first name, no Swedish word, no generic
        noun, no organisation or programme ending."""
        first_names = gazetteers.first_names() if self.use_gazetteers else frozenset()
        stem = word[:-1] if word.endswith("s") else word
        return not (word in first_names or stem in first_names
                    or word in self.swedish_words or stem in self.swedish_words or word.lower() in self.stop
                    or word.lower().endswith(self.not_suffixes))

    def plausible_place(self, text: str) -> bool:
        """Whether a statistical NER's LOC is worth keeping where no rule found anything: one word
        must pass the same test as a place found by position; no part may be a lower-case compound
        (``Nato-land``) or end like an organisation (``Furugården``)."""
        self.require_table()
        words = text.split()
        if not words or any("-" in w and w.rsplit("-", 1)[1][:1].islower() for w in words):
            return False
        if words[-1].lower().endswith(self.not_suffixes):
            return False
        if len(words) == 1:
            return words[0] in self.ambiguous or words[0] in self.names or self._unknown_place(words[0])
        return True

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        ambiguous = set(table["ambiguous"])
        self.ambiguous = ambiguous
        self.stop = {w.lower() for w in table.get("not_places", [])}
        self.not_street_first = set(self.nlp_stop_words) | self.stop
        self.not_suffixes = tuple(table.get("not_place_suffixes", []))
        self.not_property = set(table.get("not_property_words", []))
        self.landmark_re = p.landmark_pattern(table.get("landmark_nouns", []))
        nature = table.get("nature_suffixes", [])
        self.nature_re = p.nature_pattern(nature) if nature else None
        line_words = table.get("line_words", [])
        self.line_re = p.after_line_pattern(line_words) if line_words else None
        names = set(table["names"])
        if self.use_gazetteers:
            names |= set(gazetteers.municipalities()) | set(gazetteers.city_districts())
        names = {n for n in names if n not in ambiguous}
        self.names = PhraseIndex(names | {n.upper() for n in names})
        self.street_re = p.street_pattern(table["street_suffixes"])
        self.compass_prefixes = tuple(table.get("compass_prefixes", []))
        self.building_re = p.building_pattern(table["building_suffixes"])
        venue_cues = table.get("venue_cues", [])
        self.venue_re = p.venue_cue_pattern(venue_cues) if venue_cues else None
        self.lower_buildings = tuple(table.get("lowercase_buildings", []))
        self.building_suffixes = tuple(table["building_suffixes"])
        self.street_suffixes = tuple(table["street_suffixes"])
        self.generic_rooms = {w.lower() for w in table.get("generic_rooms", [])}

    def _venues(self, text: str) -> list[tuple[int, int, str]]:
        """The places of a minutes' meeting-place slot (``Plats och tid Kumlarummet, Stadshuset, Kumla kl
        13.00``): each comma-separated item, split at ``i``/``och``, after a building word
        (``Höörsalen Kommunhuset``) and before a known place (``Kommunhuset Timrå``), less a generic room
        word in front (``Sammanträdesrum Högby``); a place starts with a capital (or is a lower-case
        building, ``stadshuset``), has at most five words, no page-furniture word and no first name first."""
        furniture = self._furniture()
        first_names = gazetteers.first_names() if self.use_gazetteers else frozenset()
        spans = []
        for m in self.venue_re.finditer(text):
            base = m.start("slot")
            for item in p.VENUE_ITEM.finditer(m.group("slot")):
                if any(c in item.group(0) for c in "()[]§\"”"):
                    continue
                for part in p.VENUE_PART.finditer(item.group(0)):
                    offset = base + item.start() + part.start("part")
                    for group in self._venue_groups(part.group("part")):
                        words = [w.group(0) for w in group]
                        if not words or len(words) > 5 or any(w.strip(".:;").lower() in furniture for w in words):
                            continue
                        first = words[0]
                        if first[:1].islower() and not (len(words) == 1 and first.endswith(self.lower_buildings)):
                            continue
                        if (not first[:1].isalpha() or first.lower() in self.nlp_stop_words or first in first_names
                                or (len(words) == 1 and first.lower() in self.generic_rooms)
                                or (len(words) == 1 and " och " in item.group(0) and first in self.swedish_words)):
                            continue
                        spans.append((offset + group[0].start(), offset + group[-1].end(), "LOC"))
        return spans

    def _venue_groups(self, part: str) -> list[list[Any]]:
        """The words of a slot item in groups, one per place (see ``_venues``): a new place begins at a
        building, street or organisation word (``Höörsalen Kommunhuset``) and at a known place last
        (``Kommunhuset Timrå``), not after a building's name (``Stadshuset Kristallen``)."""
        words = list(p.VENUE_WORD.finditer(part))
        groups: list[list[Any]] = []
        current: list[Any] = []
        for i, w in enumerate(words):
            word = w.group(0)
            if word.endswith(":"):  # a label inside the slot: "Sammanträdeslokal:"
                if current:
                    groups.append(current)
                current = []
                continue
            if current:
                prev = current[-1].group(0)
                building = word[:1].isupper() and word.endswith(
                    self.building_suffixes + self.street_suffixes + self.not_suffixes)
                if (building and not prev.endswith("a") and prev.lower() not in self.stop
                        or i == len(words) - 1 and (word in self.names or word in self.ambiguous)):
                    groups.append(current)
                    current = []
            current.append(w)
        if current:
            groups.append(current)
        for group in groups:  # "Sammanträdesrum Högby": the room's name alone
            if len(group) > 1 and group[0].group(0).lower() in self.generic_rooms and group[1].group(0)[:1].isupper():
                del group[0]
        return groups

    def _furniture(self) -> frozenset[str]:
        """The orgs component's page-furniture words (lower case), where that component runs."""
        nlp = self.swedish_words.nlp
        if self.orgs_component in nlp.pipe_names:
            return getattr(nlp.get_pipe(self.orgs_component), "furniture", frozenset())
        return frozenset()

    def _ordinary_genitive(self, word: str) -> bool:
        """``Sammanträdets`` (plats): an ordinary noun's genitive, not a street's name word."""
        return word.endswith("s") and len(word) > 4 and word[:-1] in self.swedish_words

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        text = match_text(doc)
        spans = [(s, e, "LOC") for s, e in self.names.finditer(text)]
        spans += self._hyphen_joined(text)
        spans += self._compounds(text)
        for m in self.street_re.finditer(text):
            spans.append((m.start(), m.end(), "LOC"))
            town = p.ADDRESS_TOWN.match(text, m.end()) if m.group(0)[-1:].isalnum() and " " in m.group(0) else None
            if town and town.group("town") not in self.swedish_words and town.group("town").lower() not in self.stop:
                spans.append((town.start("town"), town.end("town"), "LOC"))
        spans += [(m.start(), m.end(), "LOC") for m in p.STREET_WORDS.finditer(text)
                  if m.group(0).split()[0].lower() not in self.not_street_first
                  and not self._ordinary_genitive(m.group(0).split()[0])]
        spans += [(m.start(), m.end(), "LOC") for m in self.building_re.finditer(text)
                  if m.group(0).lower() not in self.generic_rooms]
        spans += [(m.start("name"), m.end("name"), "LOC") for m in p.NAMED_AFTER_CUE.finditer(text)]
        spans += self._after_prepositions(text)
        spans += [(m.start(), m.end(), "LOC") for m in p.COUNTY.finditer(text)]
        spans += [(m.start(), m.end(), "LOC") for m in p.ROAD.finditer(text)]
        spans += [(m.start(), m.end(), "LOC") for m in p.PROPERTY.finditer(text)
                  if m.group("name").split()[0] not in self.not_property]
        spans += [(m.start(), m.end(), "LOC") for m in self.landmark_re.finditer(text)
                  if m.group(0).split()[0].lower() not in self.nlp_stop_words]
        if self.nature_re:
            spans += [(m.start(), m.end(), "LOC") for m in self.nature_re.finditer(text)
                      if m.group(0) not in self.swedish_words]
        spans += [(m.start(), m.end(), "LOC") for m in p.STATION.finditer(text) if m.group("place") in self.names]
        if self.line_re:
            for m in self.line_re.finditer(text):
                spans += [(m.start(g), m.end(g), "LOC") for g in ("a", "b") if m.group(g)
                          and m.group(g) not in self.swedish_words and m.group(g).lower() not in self.stop]
        if self.venue_re:
            spans += self._venues(text)
        add_candidates(doc, spans, self.name)
        return doc


@Language.factory("svpol_places",
                  default_config={"table_path": None, "use_gazetteers": True, "lemmatizer": "lemmatizer"})
def create_component(nlp: Language, name: str, table_path: str | None, use_gazetteers: bool,
                     lemmatizer: str) -> PlaceMatcher:
    return PlaceMatcher(nlp, name, table_path, use_gazetteers, lemmatizer)
