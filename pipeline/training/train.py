"""``make train``: training data from the gold splits and the open corpora, then ``spacy train``.

1. ``prepare``: gold train split -> ``corpus/train/train/gold.spacy`` (documents cut into pieces,
   repeated ``gold_repeat`` times: the domain gold weighs more than the open corpora); gold dev
   split -> ``corpus/train/dev.spacy`` (whole documents); the open corpora, when
   ``../shared/data`` is there -> ``corpus/train/train/corpora.spacy``. Every doc carries the
   rule components' candidates (``rule_corpus.add_rule_candidates``), which the NER of
   ``configs/train/ner_cpu.cfg`` reads as a feature. The alignment report and the corpus
   statistics go to the log and ``corpus/train/prepare.json``.
2. ``run_spacy_train``: ``python -m spacy train <config>`` with a fixed seed; its console (the
   progress bar and the score table) is shown and written to ``logs/train_<config>.log``.

Everything written here is git-ignored (``corpus/train/``, ``logs/``, ``models/ner_*``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import DocBin

from ..settings import PROJECT_DIR, data_dir
from .convert import chunk_doc, records_to_docbin
from .splits import split_records

TRAIN_DIR = PROJECT_DIR / "corpus" / "train"
LOG_DIR = PROJECT_DIR / "logs"
CONFIG_DIR = PROJECT_DIR / "configs" / "train"
RULE_LABEL_PIPES = ["svpol_cases", "svpol_money", "svpol_dates", "svpol_parties", "svpol_merge"]

Log = Callable[[str], None]


def _print(line: str) -> None:
    print(line, flush=True)


def prepare(out_dir: str | Path = TRAIN_DIR, gold_repeat: int = 3, corpora: bool = True,
            max_sentences: int | None = None, seed: int = 42, chunk_tokens: int = 150,
            log: Log = _print) -> dict[str, Any]:
    """Write the training and dev ``DocBin`` files; returns what was written (also ``prepare.json``)."""
    out_dir = Path(out_dir)
    train_dir = out_dir / "train"
    train_dir.mkdir(parents=True, exist_ok=True)
    from ..api import build_pipeline
    from .rule_corpus import add_rule_candidates, add_rule_candidates_to_file

    nlp = spacy.blank("sv")
    rules = build_pipeline()
    info: dict[str, Any] = {}
    for split in ("train", "dev"):
        records = split_records(split)
        docbin, report = records_to_docbin(records, nlp=nlp)
        log(f"gold {split}: {report.summary()}")
        for line in report.lines()[1:]:
            log(line)
        if not report.ok:
            log(f"WARNING: {len(report.dropped)} gold spans of {split} not aligned (listed above)")
        info[f"gold_{split}"] = {"ids": [r["id"] for r in records], "alignment": report.to_dict()}
        docs = list(docbin.get_docs(nlp.vocab))
        if split == "dev":
            docs = add_rule_candidates(docs, rules)
            DocBin(docs=docs, store_user_data=True).to_disk(out_dir / "dev.spacy")
            continue
        pieces = add_rule_candidates([piece for doc in docs for piece in chunk_doc(doc, chunk_tokens)], rules)
        DocBin(docs=pieces * gold_repeat, store_user_data=True).to_disk(train_dir / "gold.spacy")
        info["gold_train"].update({"pieces": len(pieces), "repeat": gold_repeat,
                                   "words": sum(len(p) for p in pieces)})
        log(f"gold train: {len(docs)} documents -> {len(pieces)} pieces x {gold_repeat}")
    corpora_path = train_dir / "corpora.spacy"
    if corpora and (data_dir() / "ner").exists():
        from .corpora import convert_corpora

        started = time.time()
        with rules.select_pipes(enable=RULE_LABEL_PIPES):
            stats = convert_corpora(corpora_path, rules=rules, seed=seed, max_sentences=max_sentences)
        add_rule_candidates_to_file(corpora_path, rules)
        for name, s in stats.items():
            log(f"corpus {name}: {s['sentences_kept']}/{s['sentences_read']} sentences, spans {s['spans']}, "
                f"outside {s['to_outside']}, missing {s['to_missing']}")
        log(f"open corpora converted in {time.time() - started:.0f} s")
        info["corpora"] = stats
    else:
        if corpora_path.exists():
            corpora_path.unlink()
        log("open corpora: not used" + ("" if not corpora else f" ({data_dir() / 'ner'} not found)"))
        info["corpora"] = None
    (out_dir / "prepare.json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return info


_CARRIAGE = re.compile(r"[^\n\r]*\r(?!\n)")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _clean(text: str) -> str:
    """A console chunk as a log line: no colour codes, only the last redraw of a progress bar."""
    return _CARRIAGE.sub("", _ANSI.sub("", text))


def run_spacy_train(config: str | Path, output: str | Path, overrides: dict[str, Any] | None = None,
                    log_path: str | Path | None = None, extra_log: list[str] | None = None,
                    show: bool = True) -> float:
    """``python -m spacy train``; console shown and written to ``log_path``. Returns the seconds taken."""
    cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(output)]
    for key, value in (overrides or {}).items():
        cmd += [f"--{key}", str(value)]
    log_path = Path(log_path) if log_path else LOG_DIR / f"train_{Path(config).stem}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    started = time.time()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with open(log_path, "w", encoding="utf-8") as logf:
        for line in extra_log or []:
            logf.write(line + "\n")
        logf.write("$ " + " ".join(cmd) + "\n")
        logf.flush()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=PROJECT_DIR)
        assert proc.stdout is not None
        pending = ""
        while True:
            chunk = proc.stdout.read1(4096) if hasattr(proc.stdout, "read1") else proc.stdout.read(4096)
            if not chunk:
                break
            text = chunk.decode("utf-8", errors="replace")
            if show:
                sys.stdout.write(text)
                sys.stdout.flush()
            pending += text
            if "\n" in pending:
                done, pending = pending.rsplit("\n", 1)
                logf.write(_clean(done) + "\n")
                logf.flush()
        if pending:
            logf.write(_clean(pending) + "\n")
        code = proc.wait()
        seconds = time.time() - started
        logf.write(f"# exit {code}, {seconds:.0f} s\n")
    if code != 0:
        raise RuntimeError(f"spacy train failed (exit {code}); see {log_path}")
    return seconds


def train(config: str | Path = CONFIG_DIR / "ner_cpu.cfg", output: str | Path | None = None,
          prepare_data: bool = True, gold_repeat: int = 3, corpora: bool = True,
          max_sentences: int | None = None, max_steps: int | None = None, seed: int = 42,
          overrides: dict[str, Any] | None = None, log: Log = _print) -> Path:
    """Prepare the data (unless ``prepare_data`` is false) and train ``config``; returns ``model-best``."""
    config = Path(config)
    output = Path(output) if output else PROJECT_DIR / "models" / config.stem
    lines: list[str] = []

    def both(line: str) -> None:
        lines.append(line)
        log(line)

    started = time.time()
    if prepare_data:
        prepare(gold_repeat=gold_repeat, corpora=corpora, max_sentences=max_sentences, seed=seed, log=both)
        both(f"data prepared in {time.time() - started:.0f} s")
    opts = {"paths.train": TRAIN_DIR / "train", "paths.dev": TRAIN_DIR / "dev.spacy", "system.seed": seed}
    if max_steps is not None:
        opts["training.max_steps"] = max_steps
    opts.update(overrides or {})
    seconds = run_spacy_train(config, output, opts, LOG_DIR / f"train_{config.stem}.log", extra_log=lines)
    log(f"trained {config.name} in {seconds:.0f} s -> {output / 'model-best'}")
    return output / "model-best"
