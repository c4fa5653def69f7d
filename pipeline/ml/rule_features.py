"""The rule components' candidates as input features of the statistical NER.

The rules know lists and shapes (party codes, authority names, place suffixes); the NER knows
context. ``svpol.RuleFeatureEmbed.v1`` is ``spacy.MultiHashEmbed.v2`` with one more column: per
token, which rule candidates cover it, as a bit set over (label x begin/inside). The NER can then
learn when a rule candidate is right (``Sala`` after ``i``) and when context overrules it, instead
of relearning the lists from a few thousand sentences. The candidates are those the rule
components leave in ``doc.user_data`` for ``svpol_merge``, so in a pipeline the ``tok2vec`` using
this embedding runs after the rule components and before the merge; a doc without candidates gets
the all-zero feature, so the model also runs on its own.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

import numpy
from spacy.attrs import intify_attr
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

from ..pipes.base import CANDIDATES_KEY
from ..scoring import LABELS

_BIT = {label: 2 * i for i, label in enumerate(LABELS)}


def rule_feature_ids(doc: Doc) -> numpy.ndarray:
    """One id per token: bit ``2i`` set where a candidate of label ``i`` starts at the token, bit
    ``2i+1`` where one covers it further on (overlapping candidates of several labels all count)."""
    ids = numpy.zeros(len(doc), dtype="uint64")
    cands = doc.user_data.get(CANDIDATES_KEY) or ()
    if not cands:
        return ids
    starts = [token.idx for token in doc]
    for start, end, label, *_ in cands:
        bit = _BIT.get(label)
        if bit is None:
            continue
        i = max(bisect_right(starts, start) - 1, 0)
        first = True
        while i < len(doc) and starts[i] < end:
            if starts[i] + len(doc[i].text) > start:
                ids[i] |= numpy.uint64(1 << (bit if first else bit + 1))
                first = False
            i += 1
    return ids


def RuleFeatureExtractor(columns: Sequence[str | int]) -> Model[list[Doc], list[Ints2d]]:
    """``doc.to_array(columns)`` with the rule feature id as the last column."""
    return Model("svpol_rule_features", _extract_forward, attrs={"columns": [intify_attr(c) for c in columns]})


def _extract_forward(model: Model, docs: list[Doc], is_train: bool) -> tuple[list[Ints2d], Callable]:
    columns = model.attrs["columns"]
    features = []
    for doc in docs:
        attrs = doc.to_array(columns).reshape((len(doc), len(columns))).astype("uint64")
        rule = rule_feature_ids(doc).reshape((len(doc), 1))
        features.append(model.ops.asarray2i(numpy.hstack([attrs, rule]), dtype="uint64"))
    return features, lambda d_features: []


@registry.architectures("svpol.RuleFeatureEmbed.v1")
def rule_feature_embed(width: int, attrs: list[str], rows: list[int], rule_width: int = 32,
                       rule_rows: int = 1000) -> Model[list[Doc], list[Floats2d]]:
    """``MultiHashEmbed`` (without static vectors) plus a ``rule_width`` embedding of the rule feature."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows vs {len(attrs)} attrs")
    embeddings = [HashEmbed(width, n, column=i, seed=8 + i, dropout=0.0) for i, n in enumerate(rows)]
    embeddings.append(HashEmbed(rule_width, rule_rows, column=len(attrs), seed=8 + len(attrs), dropout=0.0))
    concat_size = width * len(attrs) + rule_width
    return chain(
        RuleFeatureExtractor(attrs),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, concat_size, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
