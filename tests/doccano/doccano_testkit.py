"""Helpers shared by the doccano tests: a stand-in pipeline and test documents (written for the tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.doccano import NORM_LABELS

# -- a small stand-in pipeline: predictable predictions for pre-annotation tests -----------------------
STANDIN_PATTERNS = [
    ("PARTY", "Moderaterna"), ("PARTY", "Liberalerna"), ("PARTY", "S"),
    ("LOC", "Sverige"), ("LOC", "Stockholm"),
    ("ORG", [{"LOWER": "stockholms"}, {"LOWER": "stad"}]), ("ORG", "kommunstyrelsen"),
    ("PERSON", [{"TEXT": "Anna"}, {"TEXT": "Berg"}]),
    ("MONEY", [{"LIKE_NUM": True}, {"LOWER": "mnkr"}]),
    ("DATE", [{"LIKE_NUM": True}, {"LOWER": "maj"}, {"LIKE_NUM": True}]),
]
TOPIC_WORDS = {"extremism": "extremism", "aldreomsorg": "äldreomsorg", "socialtjanst": "socialtjänst"}


def standin_nlp() -> Any:
    """spaCy ``sv`` with an entity ruler, ``Span._.norm`` and a keyword topic scorer (0.9 / 0.5 / 0.1)."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Span

    if not Language.has_factory("svpol_test_topics"):

        @Language.component("svpol_test_norm")
        def _norm(doc):  # noqa: ANN001
            from pipeline.normalize import normalize

            getter = Span.get_extension("norm")[2]
            for ent in doc.ents:
                value = normalize(ent.label_, ent.text)
                if getter is None:
                    ent._.norm = value
                else:  # the core pipeline's read-only Span._.norm reads the doc's norm table
                    from pipeline.pipes.base import NORMS_KEY

                    doc.user_data.setdefault(NORMS_KEY, {})[f"{ent.start_char}:{ent.end_char}"] = value
            return doc

        @Language.component("svpol_test_topics")
        def _topics(doc):  # noqa: ANN001
            low = doc.text.lower()
            for topic, word in TOPIC_WORDS.items():
                n = low.count(word)
                doc.cats[topic] = 0.9 if n >= 2 else 0.5 if n == 1 else 0.1
            return doc

    if not Span.has_extension("norm"):
        Span.set_extension("norm", default=None)
    nlp = spacy.blank("sv")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": lab, "pattern": pat} for lab, pat in STANDIN_PATTERNS])
    nlp.add_pipe("svpol_test_norm")
    nlp.add_pipe("svpol_test_topics")
    return nlp


def standin_doc_to_gold(doc: Any, doc_id: str) -> dict[str, Any]:
    from pipeline.normalize import normalize

    label = [[e.start_char, e.end_char, e.label_] for e in doc.ents]
    norm = [[s, e, normalize(lab, doc.text[s:e])] for s, e, lab in label if lab in NORM_LABELS]
    cats = [t for t, score in doc.cats.items() if score >= 0.5]
    return {"id": doc_id, "text": doc.text, "label": label, "norm": norm, "cats": cats}


def example_docs() -> list[dict[str, Any]]:
    """Documents written for these tests (no shared data)."""
    return [
        {"id": "t-1", "genre": "minutes",
         "text": "Moderaterna och Liberalerna vill att Stockholms stad satsar 35,3 mnkr på äldreomsorg. "
                 "Äldreomsorgen i Stockholm behöver mer personal."},
        {"id": "t-2", "genre": "minutes",
         "text": "Kommunstyrelsen beslutade den 16 maj 2016 om socialtjänst. Anna Berg (S) reserverade sig."},
        {"id": "t-3", "genre": "riksdag",
         "text": "Regeringen ska motverka våldsbejakande extremism i Sverige, extremism är ett hot."},
    ]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    """Lines split at a newline only: U+2028 or U+0085 inside a text is no line end."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
