"""Batch annotation of a corpus into JSONL: streamed, resumable, and loud about every problem."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from tqdm import tqdm

from .api import load_pipeline
from .data import InputDoc, InputProblem, JsonlWriter, doc_to_record, read_inputs

log = logging.getLogger("svpol.annotate")


@dataclass
class AnnotateSummary:
    written: int = 0
    already_done: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    repaired_output: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed

    def lines(self) -> list[str]:
        out = [f"documents written: {self.written}", f"already in output (resumed): {self.already_done}",
               f"skipped: {len(self.skipped)}", f"failed: {len(self.failed)}"]
        out += [f"  skipped {s}" for s in self.skipped] + [f"  FAILED {f}" for f in self.failed]
        if self.repaired_output:
            out.append("  the output's partial last line (an interrupted run) was removed")
        return out


def _documents(paths: Iterable[str | Path], summary: AnnotateSummary, done: set[str],
               progress: tqdm) -> Iterator[tuple[str, InputDoc]]:
    seen: dict[str, str] = {}
    for item in read_inputs(paths):
        if isinstance(item, InputProblem):
            (summary.skipped if item.skipped else summary.failed).append(f"{item.source}: {item.message}")
            log.warning("%s: %s", item.source, item.message)
            progress.update(1)
            continue
        for warning in item.warnings:
            summary.warnings.append(f"{item.source}: {warning}")
            log.warning("%s: %s", item.source, warning)
        if item.id in seen:
            summary.failed.append(f"{item.source}: duplicate id {item.id!r} (also {seen[item.id]})")
            progress.update(1)
            continue
        seen[item.id] = item.source
        if item.id in done:
            summary.already_done += 1
            progress.update(1)
            continue
        yield item.text, item


def annotate(paths: Iterable[str | Path], output: str | Path, model: str | Path | None = None,
             nlp: Language | None = None, n_process: int = 1, batch_size: int = 32,
             show_progress: bool | None = None) -> AnnotateSummary:
    """Annotate every document under ``paths`` into ``output`` (JSONL), resuming a previous run."""
    nlp = nlp or load_pipeline(model)
    summary = AnnotateSummary()
    show = sys.stderr.isatty() if show_progress is None else show_progress
    with JsonlWriter(output) as writer, tqdm(unit="doc", disable=not show, desc="annotate") as progress:
        summary.repaired_output = writer.repaired
        stream = _documents(paths, summary, set(writer.existing_ids), progress)
        for doc, item in nlp.pipe(stream, as_tuples=True, n_process=n_process, batch_size=batch_size):
            writer.write(doc_to_record(doc, item.id, item.source, item.meta))
            summary.written += 1
            progress.update(1)
            if summary.written % batch_size == 0:
                writer.flush()
    return summary
