"""Documents of any length: a long text is annotated in pieces and joined into one ``Doc``.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters), and some work per piece (token
splits in the merge) grows with the piece's length. So a text over ``piece_chars`` is cut at
paragraph boundaries (a blank line), else at sentence ends, else at whitespace, into pieces that
each go through the pipeline up to the merge; the pieces are joined with ``Doc.from_docs`` (tokens,
lemmas, entities and their norms kept, offsets shifted into the original text, which the joined
doc's text equals exactly), and the document-level components (sections, topics) then run once on
the whole joined doc, so that a section or a topic score never depends on where a seam fell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .pipes.base import NORMS_KEY
from .pipes.merge.factory import PERSON_PARTY_KEY

PIECE_CHARS = 100_000
# Components that describe the whole document (sections, topics, minutes structure): run once on
# the joined doc, not per piece.
DOC_LEVEL_FACTORIES = ("svpol_sections", "svpol_topics", "svpol_events")
# Seams, best first: after a blank line; after a sentence end; after any whitespace.
_SEAMS = (re.compile(r"\n[ \t\r\f\v]*\n\s*"), re.compile(r"[.!?:;][ \t]*\n\s*|[.!?][ \t]+(?=[A-ZÅÄÖ§])"),
          re.compile(r"\s+"))
# The offsets into the pieces' user data that must be shifted when pieces are joined.
_OFFSET_KEYED = (NORMS_KEY, PERSON_PARTY_KEY)


def piece_bounds(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``[start, end)`` of pieces of at most ``limit`` characters covering ``text``, cut at the best
    seam in the second half of each window (a hard cut only in a text without whitespace)."""
    bounds = []
    start = 0
    while len(text) - start > limit:
        low, high = start + limit // 2, start + limit
        cut = high
        for seam in _SEAMS:
            last = None
            for match in seam.finditer(text, low, high):
                last = match
            if last is not None and last.end() > start:
                cut = last.end()
                break
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _doc_level(nlp: Language) -> list[str]:
    return [name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory in DOC_LEVEL_FACTORIES]


def annotate_long(nlp: Language, text: str, limit: int = PIECE_CHARS) -> Doc:
    """One ``Doc`` for ``text`` of any length, equal to ``nlp(text)`` for a text under ``limit``."""
    limit = min(limit, nlp.max_length)
    if len(text) <= limit:
        return nlp(text)
    bounds = piece_bounds(text, limit)
    late = _doc_level(nlp)
    docs = list(nlp.pipe((text[s:e] for s, e in bounds), disable=late, batch_size=1))
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data", "tensor"])
    if joined.text != text:  # a tokenizer that changed the text would shift every offset after a seam
        raise ValueError("the annotated pieces do not join into the original text")
    for key in _OFFSET_KEYED:
        merged: dict[str, object] = {}
        for (offset, _), doc in zip(bounds, docs, strict=True):
            for span_key, value in doc.user_data.get(key, {}).items():
                start, end = (int(x) for x in span_key.split(":"))
                merged[f"{start + offset}:{end + offset}"] = value
        joined.user_data[key] = merged
    del docs
    for name in late:
        joined = nlp.get_pipe(name)(joined)
    return joined


def annotate_texts(nlp: Language, texts: Iterable[str], batch_size: int = 32,
                   limit: int = PIECE_CHARS) -> Iterator[Doc]:
    """Docs for ``texts`` in order: short texts batched through ``nlp.pipe``, long ones in pieces."""
    limit = min(limit, nlp.max_length)
    batch: list[str] = []

    def flush() -> Iterator[Doc]:
        short = iter(list(nlp.pipe([t for t in batch if len(t) <= limit], batch_size=batch_size)))
        for t in batch:
            yield next(short) if len(t) <= limit else annotate_long(nlp, t, limit)
        batch.clear()

    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()
