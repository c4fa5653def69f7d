"""PARTY normalisation through the party table in ``configs/parties.json``.

The table is ours (facts: names, historical forms, abbreviations); predecessors map to their
successor's id as the guidelines require (``fp`` -> ``L``, ``vpk`` -> ``V``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..settings import CONFIG_DIR

_LOCAL_ABBREVIATION = re.compile(r"^[A-ZÅÄÖa-zåäö]{1,6}$")


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split()).lower()


class PartyTable:
    """Lookup of party names (any case, with genitive ``-s``) and abbreviations (exact case)."""

    def __init__(self, parties: list[dict[str, Any]]) -> None:
        self.parties = parties
        self.by_id = {p["id"]: p for p in parties}
        self.names: dict[str, str] = {}
        self.abbreviations: dict[str, str] = {}
        for party in parties:
            for name in [*party.get("names", []), party.get("name", "")]:
                if not name:
                    continue
                for form in self.inflections(name):
                    self.names.setdefault(_fold(form), party["id"])
            for abbr in party.get("abbreviations", []):
                self.abbreviations.setdefault(abbr, party["id"])

    @staticmethod
    def inflections(name: str) -> list[str]:
        """Base form and genitive (``Liberalerna`` -> ``Liberalernas``; ``SD`` -> ``SD:s``)."""
        if name.endswith(("s", "x", "z")):
            return [name]
        return [name, name + "s"]

    @classmethod
    def from_file(cls, path: str | Path) -> PartyTable:
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f)["parties"])

    def name_forms(self) -> list[str]:
        """Every name form the matcher should look for (as written in the table + genitives)."""
        forms: list[str] = []
        for party in self.parties:
            for name in [*party.get("names", []), party.get("name", "")]:
                if name:
                    forms.extend(self.inflections(name))
        return sorted(set(forms), key=len, reverse=True)

    def members(self, party_id: str) -> list[str]:
        return list(self.by_id.get(party_id, {}).get("members", []))

    def normalize(self, text: str) -> str | None:
        """Canonical id for a party mention; a local party's abbreviation in capitals."""
        s = text.strip().strip("()").strip()
        if s.endswith(":s"):
            s = s[:-2]
        if s in self.abbreviations:
            return self.abbreviations[s]
        folded = _fold(s)
        if folded in self.names:
            return self.names[folded]
        for abbr, pid in self.abbreviations.items():
            if abbr.lower() == folded and len(abbr) > 1:
                return pid
        if _LOCAL_ABBREVIATION.match(s) and (s.isupper() or s.islower() or len(s) <= 3):
            return s.upper()
        return None


@lru_cache(maxsize=4)
def _load(path: str) -> PartyTable:
    return PartyTable.from_file(path)


def default_party_table() -> PartyTable:
    """The table in the project's ``configs/parties.json``."""
    return _load(str(CONFIG_DIR / "parties.json"))
