"""``svpol_merge``: resolve the rule candidates (and any statistical NER's ``doc.ents``) into one
non-overlapping ``doc.ents``, then attach the normalised values.

Merge policy: a longer span beats a shorter one it overlaps; on equal length, the label priority
decides. A statistical NER's entities count as candidates too: for ``model_labels`` they beat
overlapping rule candidates of the name labels (PERSON/ORG/LOC); rule MONEY/DATE/CASE/PARTY (labels
the model does not own) always win; elsewhere the model only fills gaps. With ``model_filter`` only plausible model
names are kept (PERSON/ORG/LOC, capitalised, not a single ordinary Swedish word). With ``use_rules``
false only the model's entities count (the "model only" system of the reports; the rule components
still run, as an NER may read their candidates as features).
"""


import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc, Span
from spacy.training import Example

from ...normalize import NORMALISED_LABELS, normalize
from ...normalize.party import PartyTable, default_party_table
from ..base import (
    CANDIDATES_KEY,
    NORMS_KEY,
    Candidate,
    Occupied,
    SwedishWords,
    candidates,
    char_spans_to_ents,
    release_match_text,
)

PERSON_PARTY_KEY = "svpol_person_party"
# What a statistical entity may not end with (the rule candidates are trimmed; the model's are not).
_MODEL_BAD_END = " \t\n.,;:"
# The labels a statistical NER may find (the merge policy's choice is among them).
NAME_LABELS = ("PERSON", "ORG", "LOC")
DEFAULT_PRIORITY = {"CASE": 7, "MONEY": 6, "DATE": 5, "PARTY": 4, "PERSON": 3, "ORG": 2, "LOC": 1}
# Between a person's name and its party code: "m.fl. (", " (", "  " (a column), ", "
_PERSON_TO_PARTY = re.compile(r"^(?:[ \t]*m\.\s?fl\.?)?[ \t]*,?[ \t]*\(?[ \t]*$")
# The labels that no page-furniture word may begin or end (the orgs component's ``furniture_words``).
FURNITURE_LABELS = ("ORG", "LOC")
# The longest rule PERSON span looked back over when an ORG or LOC starts inside a name.
MAX_NAME_CHARS = 120
_FIRST_WORD = re.compile(r"[^\s]+\s+")
_LAST_WORD = re.compile(r"\s+[^\s]+$")


def _key(start: int, end: int) -> str:
    return f"{start}:{end}"


def _span_norm(span: Span) -> Any:
    return span.doc.user_data.get(NORMS_KEY, {}).get(_key(span.start_char, span.end_char))


def _span_party(span: Span) -> str | None:
    return span.doc.user_data.get(PERSON_PARTY_KEY, {}).get(_key(span.start_char, span.end_char))


if not Span.has_extension("norm"):
    Span.set_extension("norm", getter=_span_norm)
if not Span.has_extension("party"):
    Span.set_extension("party", getter=_span_party)


class EntityMerger:
    def __init__(self, nlp: Language, name: str, priorities: dict[str, int], model_labels: list[str],
                 parties_component: str, model_filter: bool = True,
                 model_span_labels: tuple[str, ...] = NAME_LABELS,
                 lemmatizer: str = "lemmatizer", places_component: str = "svpol_places",
                 use_rules: bool = True, orgs_component: str = "svpol_orgs") -> None:
        self.nlp = nlp
        self.name = name
        self.priorities = priorities
        self.model_labels = set(model_labels)
        self.parties_component = parties_component
        self.model_filter = model_filter
        self.model_span_labels = set(model_span_labels)
        self.swedish_words = SwedishWords(nlp, lemmatizer)
        self.places_component = places_component
        self.use_rules = use_rules
        self.orgs_component = orgs_component

    @property
    def furniture(self) -> frozenset[str]:
        """Page-furniture words (lower case) of the orgs component's table."""
        if self.orgs_component in self.nlp.pipe_names:
            return getattr(self.nlp.get_pipe(self.orgs_component), "furniture", frozenset())
        return frozenset()

    @staticmethod
    def _word(text: str) -> str:
        return text.strip(" \t\n.,;:()\"'").lower()

    def _without_furniture(self, text: str, cand: Candidate, furniture: frozenset[str]) -> Candidate | None:
        """An ORG or LOC less the page-furniture words at its edges (``Sammanträdesdatum
        Kommunfullmäktige``, ``Kommunkontoret Paragrafer Underskrifter``); none when nothing with a
        letter is left (``Klockan 18:00``)."""
        start, end = cand.start, cand.end
        while start < end:
            m = _FIRST_WORD.match(text, start, end)
            if not m or self._word(m.group(0)) not in furniture:
                break
            start = m.end()
        while start < end:
            m = _LAST_WORD.search(text, start, end)
            if not m or self._word(m.group(0)) not in furniture:
                break
            end = m.start()
        if self._word(text[start:end]) in furniture or not any(c.isalpha() for c in text[start:end]):
            return None
        if (start, end) == (cand.start, cand.end):
            return cand
        return cand._replace(start=start, end=end)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """spaCy's scoring protocol: the merged ``doc.ents``, exact P/R/F overall and per label."""
        return get_ner_prf(examples)

    @property
    def parties(self) -> PartyTable:
        if self.parties_component in self.nlp.pipe_names:
            return self.nlp.get_pipe(self.parties_component).parties
        return default_party_table()

    def _rank(self, cand: Candidate) -> tuple[int, int, int, int]:
        """Tiers: rules for the labels the model does not find (MONEY, DATE, CASE, PARTY); the model
        for ``model_labels``; rules for the name labels; the model elsewhere (filling gaps). Within a
        tier the longer span wins, so between rule names it is as without a model (``Solängets
        vårdhem`` ORG over ``Solängets`` LOC)."""
        if cand.source == "ner":
            tier = 2 if cand.label in self.model_labels else 0
        else:
            tier = 1 if cand.label in NAME_LABELS else 3
        return (tier, cand.end - cand.start, self.priorities.get(cand.label, 0), -cand.start)

    def _plausible(self, doc: Doc, ent: Span) -> bool:
        """A statistical entity worth keeping: a name label, capitalised, not ending in punctuation or
        a line break (nor, for ORG, in a number), and not one ordinary Swedish word (``Skydda``,
        ``Omvärlden`` at the start of a sentence); a LOC must also pass the places component's test
        for places nobody listed."""
        if ent.label_ not in self.model_span_labels or not ent.text[:1].isupper():
            return False
        if ent.text != ent.text.rstrip(_MODEL_BAD_END) or (ent.label_ == "ORG" and ent.text[-1].isdigit()):
            return False  # "Jukkasjärvi." across a sentence end; a street address "Storgatan 31" as ORG
        if ent.label_ == "LOC" and self.places_component in self.nlp.pipe_names:
            return self.nlp.get_pipe(self.places_component).plausible_place(ent.text)
        return len(ent) > 1 or ent.text not in self.swedish_words

    @staticmethod
    def _drop_crossing_names(pool: list[Candidate]) -> list[Candidate]:
        """A rule ORG or LOC that begins inside a rule PERSON's name and runs past it (``Urban
        «Jernberg Justeringens plats»``) read the surname as the start of a place or body: the person's
        name stands."""
        persons = sorted((c.start, c.end) for c in pool if c.label == "PERSON" and c.source != "ner")
        starts = [start for start, _ in persons]

        def crosses(c: Candidate) -> bool:  # persons starting up to MAX_NAME_CHARS before c (bisection)
            lo, hi = bisect_left(starts, c.start - MAX_NAME_CHARS), bisect_left(starts, c.start)
            return any(c.start < end < c.end for _, end in persons[lo:hi])

        return [c for c in pool if not (c.label in ("ORG", "LOC") and c.source != "ner" and crosses(c))]

    def resolve(self, doc: Doc) -> list[Candidate]:
        pool = self._drop_crossing_names(candidates(doc)) if self.use_rules else []
        pool += [Candidate(e.start_char, e.end_char, e.label_, "ner") for e in doc.ents
                 if not self.model_filter or self._plausible(doc, e)]
        furniture = self.furniture
        if furniture:
            text = doc.text  # built once: spaCy joins the tokens anew on every access
            pool = [c if c.label not in FURNITURE_LABELS else self._without_furniture(text, c, furniture)
                    for c in pool]
            pool = [c for c in pool if c is not None]
        chosen: list[Candidate] = []
        occupied = Occupied()
        for cand in sorted(pool, key=self._rank, reverse=True):
            if occupied.overlaps(cand.start, cand.end):
                continue
            chosen.append(cand)
            occupied.add(cand.start, cand.end)
        return sorted(chosen)

    def __call__(self, doc: Doc) -> Doc:
        chosen = self.resolve(doc)
        doc.user_data.pop(CANDIDATES_KEY, None)
        release_match_text(doc)
        doc.ents = []
        doc.ents = char_spans_to_ents(doc, [(c.start, c.end, c.label) for c in chosen])
        parties = self.parties
        text = doc.text
        norms = {}
        for ent in doc.ents:
            if ent.label_ in NORMALISED_LABELS:
                norms[_key(ent.start_char, ent.end_char)] = normalize(ent.label_, ent.text, parties)
        doc.user_data[NORMS_KEY] = norms
        person_party = {}
        ents = list(doc.ents)
        for ent, nxt in zip(ents, ents[1:], strict=False):
            if ent.label_ == "PERSON" and nxt.label_ == "PARTY":
                between = text[ent.end_char:nxt.start_char]
                if _PERSON_TO_PARTY.match(between) or (between.strip() == "" and "\n" not in between):
                    party = norms.get(_key(nxt.start_char, nxt.end_char))
                    if party:
                        person_party[_key(ent.start_char, ent.end_char)] = party
        doc.user_data[PERSON_PARTY_KEY] = person_party
        return doc


@Language.factory(
    "svpol_merge",
    default_config={"priorities": DEFAULT_PRIORITY, "model_labels": ["PERSON", "ORG", "LOC"],
                    "parties_component": "svpol_parties", "model_filter": True,
                    "model_span_labels": list(NAME_LABELS), "lemmatizer": "lemmatizer",
                    "places_component": "svpol_places", "use_rules": True, "orgs_component": "svpol_orgs"},
)
def create_component(nlp: Language, name: str, priorities: dict[str, int], model_labels: list[str],
                     parties_component: str, model_filter: bool, model_span_labels: list[str],
                     lemmatizer: str, places_component: str, use_rules: bool, orgs_component: str) -> EntityMerger:
    return EntityMerger(nlp, name, priorities, model_labels, parties_component, model_filter,
                        tuple(model_span_labels), lemmatizer, places_component, use_rules, orgs_component)
