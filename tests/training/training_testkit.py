"""Helpers shared by the training tests."""

import spacy
from spacy.tokens import Doc


def annotated_docs(sentences: list[tuple[str, list[tuple[int, int, str]]]]) -> list[Doc]:
    """Docs of a blank Swedish pipeline with the given entity offsets."""
    nlp = spacy.blank("sv")
    docs = []
    for text, ents in sentences:
        doc = nlp.make_doc(text)
        doc.ents = [doc.char_span(s, e, label=lab) for s, e, lab in ents]
        docs.append(doc)
    return docs
