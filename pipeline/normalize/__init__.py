"""Normalisers: surface text of a span -> the guidelines' ``norm`` value.

Each normaliser reads only the span's own text ("what the span itself says, nothing inferred"),
so the same function serves the rule components, a trained NER and gold conversion.
"""

from __future__ import annotations

from typing import Any

from .dates import normalize_date
from .money import normalize_money
from .party import PartyTable, default_party_table

NORMALISED_LABELS = ("PARTY", "MONEY", "DATE")


def normalize(label: str, text: str, parties: PartyTable | None = None) -> Any:
    """The ``norm`` value for a PARTY, MONEY or DATE span; ``None`` for other labels."""
    if label == "MONEY":
        return normalize_money(text)
    if label == "DATE":
        return normalize_date(text)
    if label == "PARTY":
        return (parties or default_party_table()).normalize(text)
    return None


__all__ = ["NORMALISED_LABELS", "PartyTable", "default_party_table", "normalize", "normalize_date",
           "normalize_money"]
