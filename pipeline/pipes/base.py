"""Shared machinery of the rule components.

Rule components do not write ``doc.ents`` themselves: each proposes character-offset candidates
(``add_candidates``), and ``svpol_merge`` picks one non-overlapping set, splitting tokens where a
span boundary falls inside a token (``/Olof``, ``kr.``), so that entity offsets are exactly the
guidelines' spans whatever the tokenizer did.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span

from ..settings import CONFIG_DIR

CANDIDATES_KEY = "svpol_candidates"
NORMS_KEY = "svpol_norms"
OFFSETS_KEY = "svpol_offsets"
MATCH_TEXT_KEY = "svpol_match_text"
# A Riksdag record's paragraph id at the start of a line: "[i-2ggBvfkHRn3s8FvFEPLxjs]"
PARAGRAPH_ID = r"\[i-[A-Za-z0-9]+\]"
# Invisible characters inside words (soft hyphens in web text) that patterns should not see.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# A word divided at a line end: "kommun-\nstyrelsen" (lower case on both sides, so "EU-\nkommissionen"
# and "Hjelm-\nWallén" keep their hyphen)
_LINE_END_HYPHEN = re.compile(r"(?<=[a-zåäöé])-[ \t]*\n[ \t]*(?=[a-zåäöé])")
_EDGE_PUNCT = " \t\n\r.,;:!?()[]{}\"'«»”“/"


class Candidate(NamedTuple):
    start: int
    end: int
    label: str
    source: str


def match_text(doc: Doc) -> str:
    """The text patterns run on: ``doc.text`` without invisible characters (``Säker\\xadhets\\xadpolisen``)
    and without the hyphen and line break of a word divided at a line end (``social-\\nnämnden``, as in
    text taken from PDF minutes). Computed once per doc for all rule components, until
    ``release_match_text``.

    Offsets into it are mapped back to ``doc.text`` by ``to_doc_offsets`` (and by ``add_candidates``).
    """
    cached = doc.user_data.get(MATCH_TEXT_KEY)
    if cached is not None:
        return cached
    text = doc.text
    breaks = [m.span() for m in _LINE_END_HYPHEN.finditer(text)]
    if not breaks and not any(c in text for c in INVISIBLE):
        doc.user_data.pop(OFFSETS_KEY, None)
    else:
        dropped = {i for start, end in breaks for i in range(start, end)}
        keep = [i for i, c in enumerate(text) if c not in INVISIBLE and i not in dropped]
        doc.user_data[OFFSETS_KEY] = keep
        text = "".join(text[i] for i in keep)
    doc.user_data[MATCH_TEXT_KEY] = text
    return text


def release_match_text(doc: Doc) -> None:
    """Forget the match text and its offset map: later offsets are ``doc.text`` offsets again."""
    doc.user_data.pop(MATCH_TEXT_KEY, None)
    doc.user_data.pop(OFFSETS_KEY, None)


def to_doc_offsets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    keep = doc.user_data.get(OFFSETS_KEY)
    if not keep or end <= start:
        return start, end
    return keep[start], keep[end - 1] + 1


def add_candidates(
    doc: Doc, spans: Iterable[tuple[int, int, str]], source: str, keep_final_period: bool = False
) -> None:
    """Record proposed entity spans (offsets into ``match_text(doc)``) for the merger."""
    bucket = doc.user_data.setdefault(CANDIDATES_KEY, [])
    text = doc.text  # spaCy rebuilds doc.text on every access: once per call keeps this linear
    for start, end, label in spans:
        start, end = to_doc_offsets(doc, start, end)
        start, end = trim(text, start, end, keep_final_period)
        if end > start:
            bucket.append((start, end, label, source))


def candidates(doc: Doc) -> list[Candidate]:
    return [Candidate(*c) for c in doc.user_data.get(CANDIDATES_KEY, [])]


def trim(text: str, start: int, end: int, keep_final_period: bool = False) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it carries no surrounding whitespace or punctuation."""
    while start < end and text[start] in _EDGE_PUNCT and text[start] not in "-−":
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        if text[end - 1] == "." and keep_final_period:
            break
        if text[end - 1] == ")" and "(" in text[start:end]:
            break
        end -= 1
    return start, end


class Occupied:
    """Covered stretches of a text as disjoint half-open intervals, tested by bisection, so that
    "is this offset (span) already taken?" stays O(log n) in a long document instead of a scan of
    every span found so far. Overlapping intervals given at construction are joined."""

    def __init__(self, intervals: Iterable[tuple[int, int]] = ()) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in sorted(intervals):
            if end <= start:
                continue
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def __contains__(self, point: int) -> bool:
        """Whether ``point`` lies inside a covered stretch (``start <= point < end``)."""
        i = bisect_right(self.starts, point)
        return i > 0 and self.ends[i - 1] > point

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # intervals starting before ``end``: the last one may overlap
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Cover ``[start, end)``, which must not overlap a covered stretch (test with ``overlaps``)."""
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def ensure_token_boundaries(doc: Doc, offsets: Iterable[int]) -> None:
    """Split tokens so that every offset in ``offsets`` is a token boundary."""
    wanted = sorted(set(offsets))
    cuts: dict[int, list[int]] = {}
    for token in doc:
        lo, hi = token.idx, token.idx + len(token.text)
        # the offsets strictly inside the token, found by bisection (linear in the document overall)
        inner = [o - lo for o in wanted[bisect_right(wanted, lo):bisect_left(wanted, hi)]]
        if inner:
            cuts[token.i] = inner
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, points in cuts.items():
            token = doc[i]
            bounds = [0, *points, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))


def char_spans_to_ents(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> list[Span]:
    """Token spans for character offsets, splitting tokens first where needed."""
    spans = list(spans)
    ensure_token_boundaries(doc, [o for s, e, _ in spans for o in (s, e)])
    result = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is not None:
            result.append(span)
    return result


class SwedishWords:
    """Swedish word forms and lemmas of a pipeline's lookup lemmatizer (``bilaga``, ``budget``) and
    the language's stop words (``enligt``, ``till``, which the lookup table lacks): tells an ordinary
    word from a name. Built once per lookup table, shared by the components."""

    _lemmas_by_table: dict[int, set[str]] = {}

    def __init__(self, nlp: Any, lemmatizer: str = "lemmatizer") -> None:
        self.nlp = nlp
        self.lemmatizer = lemmatizer
        self._table: Any = None

    def __contains__(self, word: str) -> bool:
        if self._table is None:
            if self.lemmatizer not in self.nlp.pipe_names:
                return False
            self._table = self.nlp.get_pipe(self.lemmatizer).lookups.get_table("lemma_lookup", {})
            if id(self._table) not in self._lemmas_by_table:
                self._lemmas_by_table[id(self._table)] = set(self._table.values()) if self._table else set()
        low = word.lower()
        return (low in self._table or low in self._lemmas_by_table[id(self._table)]
                or low in self.nlp.Defaults.stop_words)


def load_json(path: str | Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class TableComponent:
    """A component whose data is one JSON table from ``configs/``.

    The table is read at construction from ``table_path`` (default: the project's configs) when
    that file exists, and is saved inside the model by ``to_disk``, so that ``spacy.load`` of a
    built model works anywhere without the project's ``configs/`` folder. ``use_gazetteers`` says
    whether a component may add the shared data's lists (read at run time, never saved).
    """

    filename = "table.json"

    def __init__(self, nlp: Any, name: str, table_path: str | None = None, use_gazetteers: bool = True) -> None:
        self.name = name
        self.use_gazetteers = use_gazetteers
        path = Path(table_path) if table_path else CONFIG_DIR / self.filename
        self.table: Any = load_json(path) if path.exists() else None
        if self.table is not None:
            self.set_table(self.table)

    def set_table(self, table: Any) -> None:
        """Build the lookups from the table; subclasses extend this."""
        self.table = table

    def require_table(self) -> None:
        if self.table is None:
            raise ValueError(f"{self.name}: no table loaded (configs/{self.filename} not found)")

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.require_table()
        with open(path / self.filename, "w", encoding="utf-8") as f:
            json.dump(self.table, f, ensure_ascii=False, indent=1, sort_keys=True)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> TableComponent:
        self.set_table(load_json(Path(path) / self.filename))
        return self


_PHRASE_WORD = re.compile(r"[^\W_](?:[\w'’-]*[\w'’])?-?")


class PhraseIndex:
    """Exact lookup of many names (gazetteers) by words: one dictionary probe per word instead of
    one large regex alternation tried at every character. A phrase matches words separated by
    whitespace (line breaks too); the last word may carry a genitive ``-s`` (or ``:s``)."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in set(phrases):
            words = tuple(_PHRASE_WORD.findall(phrase))
            if words:
                self.first.setdefault(words[0], []).append(words)
        for candidates_ in self.first.values():
            candidates_.sort(key=len, reverse=True)

    def __contains__(self, word: str) -> bool:
        return (word,) in self.first.get(word, [])

    @staticmethod
    def words(text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _PHRASE_WORD.finditer(text)]

    def match_at(self, text: str, words: list[tuple[int, int, str]], i: int) -> int:
        """End offset of the longest phrase starting at word ``i`` (0 when none)."""
        first = words[i][2]
        candidates_ = self.first.get(first, [])
        if first.endswith("s"):
            candidates_ = candidates_ + [c for c in self.first.get(first[:-1], []) if len(c) == 1]
        for phrase in candidates_:
            k = len(phrase)
            if i + k > len(words):
                continue
            if any(words[i + j][2] != phrase[j] for j in range(1, k - 1)):
                continue
            if k > 1 and any(not text[words[i + j][1]:words[i + j + 1][0]].isspace() for j in range(k - 1)):
                continue
            last = words[i + k - 1][2]
            if k > 1 and last not in (phrase[-1], phrase[-1] + "s"):
                continue
            end = words[i + k - 1][1]
            return end + 2 if text[end:end + 2] == ":s" else end
        return 0

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        words = self.words(text)
        i = 0
        while i < len(words):
            end = self.match_at(text, words, i)
            if end:
                yield words[i][0], end
                while i < len(words) and words[i][0] < end:
                    i += 1
            else:
                i += 1
