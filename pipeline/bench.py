"""Throughput benchmark: words per second of a pipeline on one process."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language

from .api import load_pipeline
from .data import InputDoc, read_inputs


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
