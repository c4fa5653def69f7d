"""How unsure the model is about a document: the expected number of its errors, for ``--order uncertainty``.

Topic scores alone barely order documents (57 minutes gave 9 distinct values), so entities count
too, as in Prodigy's ``ner.teach``: the trained NER's beam (``beam_parse`` + ``scored_ents``, width
``BEAM_WIDTH``) gives each candidate span a probability p. For a document

    u_ent   = sum over final entities of a label the NER knows of (1 - p)     (expected false positives)
            + sum over beam candidates not among them with p >= MIN_PROB of p  (expected misses)
    u_topic = sum over topics of min(score, 1 - score)                          (expected topic errors)
    u       = u_ent + u_topic

so a boundary the beam is split on counts twice (as the scorer counts it: a FP and a FN), and a
document with many doubtful spans comes before one with a single doubtful span. A pipeline without
a trained NER gets u_topic only. :func:`measure` checks the order against gold (README: on the dev
split the most uncertain tenth holds several times the errors of a random tenth).
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Iterable
from typing import Any

BEAM_WIDTH = 8
BEAM_DENSITY = 1e-4
MIN_PROB = 0.05

SpanKey = tuple[int, int, str]


def _beam_ner(nlp: Any) -> Any | None:
    """The pipeline's trained entity recognizer, if it can beam-parse (spaCy's ``ner``)."""
    for _name, pipe in getattr(nlp, "pipeline", []):
        if hasattr(pipe, "beam_parse") and hasattr(pipe, "scored_ents"):
            return pipe
    return None


def entity_probabilities(nlp: Any, docs: list[Any]) -> list[dict[SpanKey, float]]:
    """Per document, ``{(start_char, end_char, label): p}`` from the NER's beam (empty without one).

    The beam re-reads the docs' tensors (left by ``tok2vec`` in the pipeline run) on copies with
    the entities unset, so the rule merge's final spans do not constrain it.
    """
    ner = _beam_ner(nlp)
    if ner is None:
        return [{} for _ in docs]
    out = []
    for doc in docs:
        copy = doc.copy()
        copy.set_ents([], default="missing")
        beams = ner.beam_parse([copy], beam_width=BEAM_WIDTH, beam_density=BEAM_DENSITY)
        probs: dict[SpanKey, float] = {}
        for (start, end, label), p in ner.scored_ents(beams)[0].items():
            if p > 0:
                key = (copy[start].idx, copy[end - 1].idx + len(copy[end - 1].text), label)
                probs[key] = probs.get(key, 0.0) + float(p)
        out.append(probs)
    return out


def uncertainty(doc: Any, probs: dict[SpanKey, float] | None = None, ner_labels: Iterable[str] = ()) -> float:
    """The expected number of errors in ``doc`` (see the module docstring)."""
    u_topic = sum(min(float(s), 1.0 - float(s)) for s in (getattr(doc, "cats", None) or {}).values())
    if not probs:
        return round(u_topic, 6)
    known = set(ner_labels)
    final = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    u_ent = sum(1.0 - probs.get(span, 0.0) for span in final if span[2] in known)
    u_ent += sum(p for span, p in probs.items() if span not in final and p >= MIN_PROB)
    return round(u_ent + u_topic, 6)


def score_docs(nlp: Any, docs: list[Any]) -> list[float]:
    """The uncertainty of each processed doc."""
    ner = _beam_ner(nlp)
    labels = tuple(ner.labels) if ner is not None else ()
    return [uncertainty(doc, probs, labels) for doc, probs in zip(docs, entity_probabilities(nlp, docs),
                                                                  strict=True)]


def span_errors(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    """False positives + false negatives (exact spans) of one document, by the one scorer."""
    from pipeline.scoring import score

    return sum(1 for e in score([gold], [pred])["errors"] if e["kind"] in ("fp", "fn"))


def measure(nlp: Any, records: list[dict[str, Any]], fraction: float = 0.1, draws: int = 2000,
            seed: int = 0) -> dict[str, Any]:
    """Span errors in the most uncertain ``fraction`` of gold ``records`` against a random fraction
    (mean over ``draws`` seeded draws), with the topic-only order and the longest documents (errors
    grow with length: the order must beat that too) for comparison."""
    from pipeline.data import doc_to_gold

    docs = list(nlp.pipe(r["text"] for r in records))
    u = score_docs(nlp, docs)
    topic_only = [uncertainty(doc) for doc in docs]
    errors = [span_errors(r, doc_to_gold(doc, r["id"])) for r, doc in zip(records, docs, strict=True)]
    n = len(records)
    k = max(1, round(n * fraction))

    def top(values: list[float]) -> float:
        order = sorted(range(n), key=lambda i: (-values[i], i))[:k]
        return statistics.mean(errors[i] for i in order)

    rng = random.Random(seed)
    random_means = [statistics.mean(rng.sample(errors, k)) for _ in range(draws)]
    return {
        "documents": n,
        "k": k,
        "errors": sum(errors),
        "mean_errors": round(statistics.mean(errors), 3) if errors else 0.0,
        "top_uncertain": round(top(u), 3),
        "top_topic_only": round(top(topic_only), 3),
        "top_longest": round(top([float(len(r["text"])) for r in records]), 3),
        "random": round(statistics.mean(random_means), 3),
        "random_p95": round(sorted(random_means)[int(0.95 * (draws - 1))], 3),
        "distinct_values": len(set(u)),
        "distinct_topic_only": len(set(topic_only)),
    }


def measure_split(split: str = "dev", model: Any = None, fraction: float = 0.1) -> dict[str, Any]:
    """:func:`measure` on a gold split (``corpus/gold`` with ``splits.json``) with ``model``
    (default: the committed model)."""
    from pipeline.api import load_pipeline
    from pipeline.training.splits import split_records

    result = measure(load_pipeline(model), split_records(split), fraction=fraction)
    result["split"] = split
    return result
