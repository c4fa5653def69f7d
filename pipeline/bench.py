"""Throughput benchmark: words per second of a pipeline on one process, and seconds per MB of
single long documents (10k, 100k, 1M characters), where time must grow linearly with length."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from .api import load_pipeline
from .data import InputDoc, read_inputs
from .pieces import annotate_long


def bench(paths: Iterable[str | Path], model: str | Path | None = None, nlp: Language | None = None,
          max_words: int = 200_000, batch_size: int = 32) -> dict[str, Any]:
    """Annotate up to ``max_words`` words from ``paths`` and time it (after one warm-up doc)."""
    texts: list[str] = []
    words = 0
    for item in read_inputs(paths):
        if isinstance(item, InputDoc):
            texts.append(item.text)
            words += len(item.text.split())
            if words >= max_words:
                break
    if not texts:
        raise ValueError("no documents to benchmark")
    nlp = nlp or load_pipeline(model)
    nlp(texts[0])
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - start
    return {"documents": len(texts), "words": words, "seconds": round(seconds, 3),
            "words_per_second": round(words / seconds, 1), "n_process": 1}


LONG_SIZES = (10_000, 100_000, 1_000_000)


# A generous bound on seconds per MB of one long document (measured: about 40-55 on a loaded 2-core
# machine; before linear time, a 950k-character document took 21 minutes, about 1,350 s/MB).
MAX_SECONDS_PER_MB = 300.0


def bench_long(paths: Iterable[str | Path], model: str | Path | None = None, nlp: Language | None = None,
               sizes: Iterable[int] = LONG_SIZES, max_seconds_per_mb: float = MAX_SECONDS_PER_MB) -> dict[str, Any]:
    """Seconds (and seconds per MB of text) to annotate one document of each size, made of the
    input texts joined at blank lines; linear time gives about the same seconds per MB at every
    size. The peak memory of the process is reported after each size; ``ok`` says whether every
    size stayed under ``max_seconds_per_mb``."""
    texts: list[str] = []
    total = 0
    biggest = max(sizes)
    for item in read_inputs(paths):
        if isinstance(item, InputDoc):
            texts.append(item.text)
            total += len(item.text) + 2
            if total >= biggest:
                break
    if not texts:
        raise ValueError("no documents to benchmark")
    source = "\n\n".join(texts)
    while len(source) < biggest:
        source = source + "\n\n" + source
    nlp = nlp or load_pipeline(model)
    nlp(texts[0][:5000])
    rows = []
    for size in sizes:
        text = source[:size]
        start = time.perf_counter()
        doc = annotate_long(nlp, text)
        seconds = time.perf_counter() - start
        rows.append({"characters": size, "entities": len(doc.ents), "seconds": round(seconds, 2),
                     "seconds_per_mb": round(seconds / (len(text.encode("utf-8")) / 1e6), 1),
                     "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)})
        del doc
    return {"long_documents": rows, "max_seconds_per_mb": max_seconds_per_mb, "n_process": 1,
            "ok": all(row["seconds_per_mb"] <= max_seconds_per_mb for row in rows)}
