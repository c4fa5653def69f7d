"""The combined model: the trained ``tok2vec`` + ``ner`` joined with the rule components in one
pipeline, saved to ``models/svpol_sv/`` (``spacy.load``-able, ``spacy package``-able).

Pipeline: sentencizer, lemmatizer, tok2vec, ner, the rule components, svpol_merge, svpol_sections,
svpol_topics. Merge policy: the NER's ``doc.ents`` are candidates of ``svpol_merge``; for the labels
in ``model_labels`` they beat overlapping rule candidates, for all other labels the rules win and
the model only fills gaps (a model span no rule candidate overlaps). The normalisers run on the
merged spans whatever their source. ``choose_policy`` picks ``model_labels`` by micro-F1 on the dev
split; the numbers go into ``meta.json`` (``svpol_policy``).

The saved ``vocab/strings.json`` is pruned to the strings of a blank Swedish pipeline plus the
labels: training put every token of the training corpora into the string store (names among
them), and the model needs none of them (hash embeddings hash the text itself).
"""

from __future__ import annotations

import itertools
import json
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from .. import __version__
from ..api import DEFAULT_CONFIG, build_pipeline
from ..settings import PROJECT_DIR

COMBINED_DIR = PROJECT_DIR / "models" / "svpol_sv"
MODEL_NAME = "svpol_sv"
MAX_MB = 30.0
LABELS = ("PARTY", "PERSON", "MONEY", "DATE", "ORG", "LOC", "CASE")
POLICY_LABELS = ("PERSON", "ORG", "LOC")

Log = Callable[[str], None]


def combine(trained: str | Path | Language, config: str | Path = DEFAULT_CONFIG,
            model_labels: Iterable[str] = POLICY_LABELS) -> Language:
    """The rule pipeline of ``config`` with ``tok2vec`` and ``ner`` sourced from ``trained``."""
    source = trained if isinstance(trained, Language) else spacy.load(trained)
    nlp = build_pipeline(config)
    first_rule = next(name for name in nlp.pipe_names if name.startswith("svpol_"))
    nlp.add_pipe("tok2vec", source=source, before=first_rule)
    nlp.add_pipe("ner", source=source, after="tok2vec")
    set_policy(nlp, model_labels)
    nlp.meta.update({
        "name": MODEL_NAME, "version": __version__, "lang": "sv", "license": "MIT", "author": "svpol",
        "description": ("svpol: Swedish political text; a trained NER (tok2vec + ner) and rule components "
                        "merged by svpol_merge, normalised PARTY/MONEY/DATE, sections and topics"),
        "requirements": [f"svpol>={__version__}"],
    })
    return nlp


def set_policy(nlp: Language, model_labels: Iterable[str]) -> None:
    """Rebuild ``svpol_merge`` with ``model_labels`` (so the saved config carries the choice)."""
    config = dict(nlp.get_pipe_config("svpol_merge"))
    config.pop("factory", None)
    config["model_labels"] = sorted(model_labels)
    nlp.replace_pipe("svpol_merge", "svpol_merge", config=config)


def exact_scores(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    """Exact-span P/R/F per label and micro over all labels (gold-format records, matched by order)."""
    counts: dict[str, Counter] = {label: Counter() for label in LABELS}
    for g, p in zip(gold, pred, strict=True):
        gs = {tuple(x) for x in g["label"]}
        ps = {tuple(x) for x in p["label"]}
        for s in gs | ps:
            label = s[2]
            if label not in counts:
                continue
            counts[label]["tp" if s in gs and s in ps else ("fn" if s in gs else "fp")] += 1

    def prf(c: Counter) -> dict[str, float]:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]}

    total = sum(counts.values(), Counter())
    return {"labels": {label: prf(c) for label, c in counts.items()}, "micro": prf(total)}


def predict(nlp: Language, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from ..data.gold import doc_to_gold

    return [doc_to_gold(doc, r["id"]) for doc, r in zip(nlp.pipe(r["text"] for r in records), records,
                                                        strict=True)]


def choose_policy(nlp: Language, records: list[dict[str, Any]], rules: Language | None = None,
                  log: Log = print) -> dict[str, Any]:
    """Micro-F1 on ``records`` for every subset of PERSON/ORG/LOC as ``model_labels`` (and rules
    alone); sets the best on ``nlp`` (ties: the fewer model labels) and returns all the numbers."""
    results: dict[str, Any] = {}
    if rules is not None:
        results["rules-only"] = exact_scores(records, predict(rules, records))
    for n in range(len(POLICY_LABELS) + 1):
        for subset in itertools.combinations(POLICY_LABELS, n):
            set_policy(nlp, subset)
            results["model_labels=" + ",".join(subset)] = exact_scores(records, predict(nlp, records))
    candidates = [k for k in results if k.startswith("model_labels=")]
    best = max(candidates, key=lambda k: (results[k]["micro"]["f"], -len(k)))
    chosen = [x for x in best.split("=", 1)[1].split(",") if x]
    set_policy(nlp, chosen)
    for key, res in results.items():
        per = " ".join(f"{lab} {res['labels'][lab]['f']:.3f}" for lab in LABELS)
        log(f"  {key:<36} micro F {res['micro']['f']:.4f}  {per}")
    log(f"chosen model_labels = {chosen}")
    return {"model_labels": chosen, "documents": len(records),
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
                   model_labels: Iterable[str] = POLICY_LABELS, log: Log = print) -> dict[str, Any]:
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
