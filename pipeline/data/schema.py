"""Validation of output records against ``annotation.schema.json``, plus the offset checks a JSON
Schema cannot express (each entity's ``text`` is ``text[start:end]``)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_PATH = Path(__file__).with_name("annotation.schema.json")


@lru_cache(maxsize=1)
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def validate_record(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` / ``ValueError`` when a record breaks the contract
    (entity texts and order, event offsets inside the text)."""
    _validator().validate(record)
    text = record["text"]
    previous_end = 0
    for ent in record["entities"]:
        if text[ent["start"]:ent["end"]] != ent["text"]:
            raise ValueError(f"{record['id']}: entity text {ent['text']!r} is not text[{ent['start']}:{ent['end']}]")
        if ent["start"] < previous_end:
            raise ValueError(f"{record['id']}: entities overlap or are out of order at {ent['start']}")
        previous_end = ent["end"]
    for event in record.get("events", []):
        for a, b in (("start", "end"), ("text_start", "text_end")):
            if a in event and not 0 <= event[a] <= event[b] <= len(text):
                raise ValueError(f"{record['id']}: {event['type']} event {a}/{b} outside the text")
