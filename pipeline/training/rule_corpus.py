"""Training data for an NER that reads the rule candidates (``svpol.RuleFeatureEmbed.v1``).

``spacy train`` builds each example's predicted doc afresh from the text, so the candidates that
``add_rule_candidates`` stored with the reference doc are copied over by the reader
``svpol.RuleCandidateCorpus.v1``. With ``dropout`` it leaves out a share of them at random, so the
NER also learns to find entities the rules miss (on the gold, which the rules were tuned on, they
miss few).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Corpus, Example
from spacy.util import registry

from ..pipes.base import CANDIDATES_KEY

# The rule-pipeline components that only propose candidates; the merge would consume them.
NOT_CANDIDATE_PIPES = ("svpol_merge", "svpol_sections", "svpol_topics")


def add_rule_candidates(docs: Iterable[Doc], rules: Language, batch_size: int = 64) -> list[Doc]:
    """``docs`` with the candidates of ``rules``' proposing components in ``user_data``."""
    docs = list(docs)
    disable = [name for name in NOT_CANDIDATE_PIPES if name in rules.pipe_names]
    with rules.select_pipes(disable=disable):
        for doc, ruled in zip(docs, rules.pipe((d.text for d in docs), batch_size=batch_size), strict=True):
            doc.user_data[CANDIDATES_KEY] = [list(c) for c in ruled.user_data.get(CANDIDATES_KEY, [])]
    return docs


def add_rule_candidates_to_file(path: str | Path, rules: Language) -> int:
    """Rewrite a ``.spacy`` file with the rule candidates added; returns the number of docs."""
    path = Path(path)
    docs = list(DocBin().from_disk(path).get_docs(rules.vocab))
    DocBin(docs=add_rule_candidates(docs, rules), store_user_data=True).to_disk(path)
    return len(docs)


@registry.readers("svpol.RuleCandidateCorpus.v1")
def rule_candidate_corpus(path: Path, max_length: int = 0, limit: int = 0, dropout: float = 0.0,
                          seed: int = 0) -> Callable[[Language], Iterator[Example]]:
    """``spacy.Corpus.v1`` whose predicted docs carry the stored rule candidates (each kept with
    probability ``1 - dropout``)."""
    corpus = Corpus(path, max_length=max_length, limit=limit)
    rng = random.Random(seed)

    def read(nlp: Language) -> Iterator[Example]:
        for eg in corpus(nlp):
            cands = eg.reference.user_data.get(CANDIDATES_KEY)
            if cands:
                eg.predicted.user_data[CANDIDATES_KEY] = [c for c in cands if not dropout or rng.random() >= dropout]
            yield eg

    return read
