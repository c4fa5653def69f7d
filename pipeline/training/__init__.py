"""Training data and training: doccano gold and open NER corpora into spaCy ``DocBin`` files, the
frozen gold splits, ``spacy train`` orchestration, and the combined (trained NER + rules) model."""
