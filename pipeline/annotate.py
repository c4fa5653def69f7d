"""Batch annotation of a corpus into JSONL: streamed, resumable, and loud about every problem.

One bad document never stops a run: long texts are annotated in pieces (``pieces``), bad bytes and
ids are reported by the reader, and a document on which the pipeline itself fails is reported by
file and line (or id) while the others are written. Workers (``n_process`` > 1) are this module's
own child processes that die with the parent (SIGKILL, SIGTERM, SIGINT) and ignore Ctrl-C, so an
interrupted run leaves no orphans, prints one line, and resumes on the next run.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language
from tqdm import tqdm

from .api import load_pipeline, model_id
from .data import InputDoc, InputProblem, JsonlWriter, OutputError, check_output, doc_to_record, dumps, read_inputs
from .pieces import annotate_texts

log = logging.getLogger("svpol.annotate")
PR_SET_PDEATHSIG = 1


class AnnotateInterrupted(Exception):
    """Ctrl-C or SIGTERM: the output holds whole lines only and resumes on the next run."""

    def __init__(self, written: int) -> None:
        super().__init__(f"interrupted after {written} documents; rerun the same command to resume")
        self.written = written


@dataclass
class AnnotateSummary:
    written: int = 0
    already_done: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    repaired_output: bool = False
    restarted: str | None = None

    @property
    def ok(self) -> bool:
        return not self.failed

    def lines(self) -> list[str]:
        out = [f"documents written: {self.written}", f"already in output (resumed): {self.already_done}",
               f"skipped: {len(self.skipped)}", f"failed: {len(self.failed)}"]
        out += [f"  skipped {s}" for s in self.skipped] + [f"  FAILED {f}" for f in self.failed]
        if self.repaired_output:
            out.append("  the output's partial last line (an interrupted run) was removed")
        if self.restarted:
            out.append(f"  the existing output was replaced ({self.restarted})")
        return out


def _documents(paths: Iterable[str | Path], summary: AnnotateSummary, done: set[str | int],
               progress: tqdm) -> Iterator[InputDoc]:
    seen: dict[str | int, str] = {}
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
        yield item


# A batch result: per document its output line, or the one-line reason it failed.
Result = list[tuple[str | None, str | None]]


def annotate_batch(nlp: Language, batch: list[InputDoc], model: str | None = None) -> Result:
    """Output lines for a batch; when the batch fails, each document alone, so that only the
    document that breaks the pipeline is lost (and named)."""
    try:
        docs = annotate_texts(nlp, [item.text for item in batch], batch_size=len(batch))
        return [(dumps(doc_to_record(doc, item.id, item.source, item.meta, model)), None)
                for doc, item in zip(docs, batch, strict=True)]
    except Exception:  # noqa: BLE001 - retried one by one below, each failure reported
        if len(batch) == 1:
            raise
    result: Result = []
    for item in batch:
        try:
            result += annotate_batch(nlp, [item], model)
        except Exception as err:  # noqa: BLE001 - a document the pipeline fails on is reported, not fatal
            message = str(err).strip().splitlines()[0][:200] if str(err).strip() else ""
            result.append((None, f"annotation failed: {type(err).__name__}" + (f": {message}" if message else "")))
    return result


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker when its parent dies (Linux), and watch the parent
    elsewhere, so that no worker outlives a killed run."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _worker(nlp: Language, model: str | None, tasks: Any, results: Any, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent)
    while True:
        job = tasks.get()
        if job is None:
            return
        index, batch = job
        try:
            results.put((index, annotate_batch(nlp, batch, model)))
        except Exception as err:  # noqa: BLE001 - reported for the whole batch by the parent
            results.put((index, [(None, f"annotation failed: {type(err).__name__}")] * len(batch)))


class _Pool:
    """``n`` worker processes fed with numbered batches; results come back in input order."""

    def __init__(self, nlp: Language, model: str | None, n: int) -> None:
        methods = mp.get_all_start_methods()
        ctx = mp.get_context("fork" if "fork" in methods else None)
        self.tasks = ctx.Queue(maxsize=2 * n)
        self.results = ctx.Queue()
        self.workers = [ctx.Process(target=_worker, args=(nlp, model, self.tasks, self.results, os.getpid()),
                                    daemon=True, name=f"svpol-annotate-{i}") for i in range(n)]
        for worker in self.workers:
            worker.start()
        self.pending: dict[int, list[InputDoc]] = {}
        self.done: dict[int, Result] = {}
        self.next_out = 0
        self.n = n

    def submit(self, index: int, batch: list[InputDoc]) -> None:
        self.pending[index] = batch
        self.tasks.put((index, batch))

    def ready(self, block: bool) -> Iterator[tuple[list[InputDoc], Result]]:
        """Finished batches in input order; with ``block``, wait until the oldest one is done."""
        while True:
            while self.next_out in self.done:
                yield self.pending.pop(self.next_out), self.done.pop(self.next_out)
                self.next_out += 1
            if not block or not self.pending:
                return
            try:
                index, result = self.results.get(timeout=1.0)
            except queue.Empty:
                dead = [w for w in self.workers if not w.is_alive()]
                if dead:
                    raise OutputError(f"a worker process ended unexpectedly (exit code {dead[0].exitcode}); "
                                      "rerun the same command to resume") from None
                continue
            self.done[index] = result

    def close(self, kill: bool = False) -> None:
        if not kill:
            for _ in self.workers:
                self.tasks.put(None)
        for worker in self.workers:
            if kill:
                worker.kill()
            worker.join(timeout=None if not kill else 5)
        for q in (self.tasks, self.results):
            q.cancel_join_thread()
            q.close()


def _batches(items: Iterator[InputDoc], size: int) -> Iterator[list[InputDoc]]:
    while batch := list(islice(items, size)):
        yield batch


def annotate(paths: Iterable[str | Path], output: str | Path, model: str | Path | None = None,
             nlp: Language | None = None, n_process: int = 1, batch_size: int = 32,
             show_progress: bool | None = None, overwrite: bool = False,
             force: bool = False) -> AnnotateSummary:
    """Annotate every document under ``paths`` into ``output`` (JSONL, ``-`` for stdout), resuming a
    previous run of the same model. Raises ``OutputError`` (one line) for an output it must not
    write, ``AnnotateInterrupted`` on Ctrl-C / SIGTERM."""
    paths = list(paths)
    check_output(output, paths)
    try:
        nlp = nlp or load_pipeline(model)
    except KeyboardInterrupt:
        raise AnnotateInterrupted(0) from None
    model_name = model_id(nlp)
    summary = AnnotateSummary()
    show = sys.stderr.isatty() if show_progress is None else show_progress
    pool: _Pool | None = None
    try:
        writer = JsonlWriter(output, model=model_name, overwrite=overwrite, force=force)
        summary.repaired_output, summary.restarted = writer.repaired, writer.restarted
        with writer, tqdm(unit="doc", disable=not show, desc="annotate", leave=False) as progress:
            stream = _batches(_documents(paths, summary, set(writer.existing_ids), progress), batch_size)

            def write(batch: list[InputDoc], result: Result) -> None:
                for item, (line, error) in zip(batch, result, strict=True):
                    if line is None:
                        summary.failed.append(f"{item.source}: {error}")
                        log.warning("%s: %s", item.source, error)
                    else:
                        writer.write_line(line, item.id)
                        summary.written += 1
                    progress.update(1)
                writer.flush()

            if n_process <= 1:
                for batch in stream:
                    write(batch, annotate_batch(nlp, batch, model_name))
            else:
                pool = _Pool(nlp, model_name, n_process)
                for index, batch in enumerate(stream):
                    pool.submit(index, batch)
                    for done in pool.ready(block=len(pool.pending) >= 2 * n_process):
                        write(*done)
                for done in pool.ready(block=True):
                    write(*done)
                pool.close()
                pool = None
    except KeyboardInterrupt:
        raise AnnotateInterrupted(summary.written) from None
    except OSError as err:
        raise OutputError(f"cannot write {output}: {err.strerror or err}") from None
    finally:
        if pool is not None:
            pool.close(kill=True)
    return summary
