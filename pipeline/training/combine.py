"""The combined model: the trained ``tok2vec`` + ``ner`` joined with the rule components in one
pipeline, saved to ``models/svpol_sv/`` (``spacy.load``-able, ``spacy package``-able).

Pipeline: sentencizer, lemmatizer, the rule components, tok2vec, ner, svpol_merge, svpol_sections,
svpol_topics, svpol_events. The NER comes after the rule components so that an embedding reading their
candidates (``svpol.RuleFeatureEmbed.v1``) sees them; a plain one ignores them.

Merge policy: the NER's ``doc.ents`` are candidates of ``svpol_merge``; for the labels in
``model_labels`` they beat overlapping rule names (PERSON/ORG/LOC), rule MONEY/DATE/CASE/PARTY
always win, and elsewhere the model only fills gaps (a model span no rule candidate overlaps). The
normalisers run on the merged spans whatever their source. ``choose_policy`` picks ``model_labels``
by micro-F1 on the dev split; the numbers go into ``meta.json`` (``svpol_policy``).

The saved ``vocab/strings.json`` is pruned to the strings of a blank Swedish pipeline plus the
labels: training put every token of the training corpora into the string store (names among
them), and the model needs none of them (hash embeddings hash the text itself).
"""

from __future__ import annotations

import itertools
import json
import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from .. import __version__
from ..api import DEFAULT_CONFIG, build_pipeline
from ..evaluate import predict
from ..pipes.merge.factory import NAME_LABELS
from ..scoring import LABELS, score
from ..settings import DEFAULT_MODEL_DIR

COMBINED_DIR = DEFAULT_MODEL_DIR
MODEL_NAME = "svpol_sv"
MAX_MB = 30.0

Log = Callable[[str], None]


def combine(trained: str | Path | Language, config: str | Path = DEFAULT_CONFIG,
            model_labels: Iterable[str] = NAME_LABELS) -> Language:
    """The rule pipeline of ``config`` with ``tok2vec`` and ``ner`` sourced from ``trained``."""
    source = trained if isinstance(trained, Language) else spacy.load(trained)
    nlp = build_pipeline(config)
    nlp.add_pipe("tok2vec", source=source, before="svpol_merge")
    nlp.add_pipe("ner", source=source, after="tok2vec")
    set_policy(nlp, model_labels)
    nlp.meta.update({
        "name": MODEL_NAME, "version": __version__, "lang": "sv", "license": "MIT", "author": "svpol",
        "description": ("svpol: Swedish political text; a trained NER (tok2vec + ner) and rule components "
                        "merged by svpol_merge, normalised PARTY/MONEY/DATE, sections and topics"),
        "requirements": [f"svpol>={__version__}"],
    })
    return nlp


def set_policy(nlp: Language, model_labels: Iterable[str],
               span_labels: Iterable[str] = NAME_LABELS) -> None:
    """Rebuild ``svpol_merge`` with ``model_labels`` (where the model beats rules) and
    ``span_labels`` (which model labels may fill gaps), so the saved config carries the choice."""
    config = dict(nlp.get_pipe_config("svpol_merge"))
    config.pop("factory", None)
    config["model_labels"] = sorted(model_labels)
    config["model_span_labels"] = sorted(span_labels)
    nlp.replace_pipe("svpol_merge", "svpol_merge", config=config)


def choose_policy(nlp: Language, records: list[dict[str, Any]], rules: Language | None = None,
                  log: Log = print) -> dict[str, Any]:
    """Micro-F1 on ``records`` for every policy: which of PERSON/ORG/LOC the model may add
    (``span_labels``) and on which of those it beats the rules (``model_labels``); rules alone for
    reference. Sets the best on ``nlp`` (ties: the fewer model labels) and returns all the numbers."""
    results: dict[str, Any] = {}
    if rules is not None:
        results["rules-only"] = score(records, predict(rules, records))
    policies: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for size in range(len(NAME_LABELS), 0, -1):
        for span_labels in itertools.combinations(NAME_LABELS, size):
            for n in range(len(span_labels) + 1):
                for model_labels in itertools.combinations(span_labels, n):
                    key = f"adds={','.join(span_labels)} wins={','.join(model_labels)}"
                    policies[key] = (model_labels, span_labels)
                    set_policy(nlp, model_labels, span_labels)
                    results[key] = score(records, predict(nlp, records))
    best = max(policies, key=lambda k: (results[k]["micro"]["f"], -len(policies[k][0]), -len(policies[k][1])))
    model_labels, span_labels = policies[best]
    set_policy(nlp, model_labels, span_labels)
    for key, res in results.items():
        per = " ".join(f"{lab} {res['labels'][lab]['f']:.3f}" for lab in LABELS)
        log(f"  {key:<34} micro F {res['micro']['f']:.4f}  {per}")
    log(f"chosen: the model adds {list(span_labels)}, beats rules on {list(model_labels)}")
    return {"model_labels": list(model_labels), "model_span_labels": list(span_labels), "documents": len(records),
            "scores": {k: {"micro_f": v["micro"]["f"], **{lab: v["labels"][lab]["f"] for lab in LABELS}}
                       for k, v in results.items()}}


def allowed_strings(nlp: Language) -> set[str]:
    """What the combined model's string store may hold: a blank ``sv`` pipeline's strings (tokenizer
    exceptions, ...), the entity labels and the components' names and labels."""
    allowed = set(spacy.blank(nlp.lang).vocab.strings)
    for _, pipe in nlp.pipeline:
        allowed.update(getattr(pipe, "labels", ()) or ())
    allowed.update(LABELS)
    return allowed


def prune_strings(model_dir: str | Path, allowed: set[str]) -> tuple[int, int]:
    """Rewrite ``vocab/strings.json`` keeping only ``allowed``; returns (before, after)."""
    path = Path(model_dir) / "vocab" / "strings.json"
    strings = json.loads(path.read_text(encoding="utf-8"))
    kept = [s for s in strings if s in allowed]
    path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    return len(strings), len(kept)


def model_size_mb(path: str | Path) -> float:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20


def save_combined(nlp: Language, output: str | Path = COMBINED_DIR, check_texts: Iterable[str] = (),
                  log: Log = print) -> dict[str, Any]:
    """Save, prune the strings, check that the reloaded model predicts what ``nlp`` does on
    ``check_texts``, and report the size (an error over ``MAX_MB``)."""
    output = Path(output)
    tmp = output.with_name(output.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    nlp.to_disk(tmp)
    before, after = prune_strings(tmp, allowed_strings(nlp))
    texts = list(check_texts)
    if texts:
        reloaded = spacy.load(tmp)
        for text in texts:
            want = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
            got = [(e.start_char, e.end_char, e.label_) for e in reloaded(text).ents]
            if want != got:
                raise AssertionError(f"the saved model predicts differently on {text[:60]!r}")
    size = model_size_mb(tmp)
    if size > MAX_MB:
        raise ValueError(f"{tmp}: {size:.1f} MB, over the {MAX_MB} MB limit")
    if output.exists():
        shutil.rmtree(output)
    tmp.rename(output)
    log(f"saved {output}: {size:.1f} MB, strings {before} -> {after}")
    return {"size_mb": round(size, 2), "strings_before": before, "strings_after": after}


def build_combined(trained: str | Path, output: str | Path = COMBINED_DIR, choose: bool = True,
                   model_labels: Iterable[str] = NAME_LABELS, log: Log = print) -> dict[str, Any]:
    """``make model``'s combined step: combine, choose the merge policy on dev, save, check."""
    from .splits import split_records

    started = time.time()
    nlp = combine(trained, model_labels=model_labels)
    info: dict[str, Any] = {"trained_from": str(trained)}
    dev = split_records("dev")
    if choose:
        log(f"merge policy on the dev split ({len(dev)} documents), exact-span F1:")
        info["policy"] = choose_policy(nlp, dev, rules=build_pipeline(), log=log)
    nlp.meta["svpol_policy"] = info.get("policy", {"model_labels": sorted(model_labels)})
    info.update(save_combined(nlp, output, check_texts=[r["text"] for r in dev[:3]], log=log))
    log(f"combined model built in {time.time() - started:.0f} s")
    return info
