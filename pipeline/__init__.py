"""svpol: an annotation pipeline for Swedish political text, built on spaCy."""

__version__ = "0.1.0"
