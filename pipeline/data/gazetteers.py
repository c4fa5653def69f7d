"""Readers for the open gazetteers in the shared data folder.

They are read at run time from ``SVPOL_DATA_DIR`` and never copied into the repo or into a saved
model; every reader returns an empty collection when its file is absent, so the pipeline still
runs (with its own tables only).
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from typing import Any

from ..settings import data_path


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """First names in use in Sweden (SCB), as written (``Ann-Marie``)."""
    names = set(first_name_genders())  # the SCB lists, read once for both readers
    path = data_path("gazetteers/first-names/scb_top100_first_names_2021.txt")
    if path:
        names.update(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())
    return frozenset(n for n in names if n and n[0].isupper())


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, frozenset[str]]:
    """The genders (``f``, ``m``) a first name is given to in the SCB lists (both for ``Kim``)."""
    genders: dict[str, set[str]] = {}
    for rel, gender in (("gazetteers/first-names/swedish_female_names.json", "f"),
                        ("gazetteers/first-names/swedish_male_names.json", "m")):
        path = data_path(rel)
        if path:
            for name in json.loads(path.read_text(encoding="utf-8")):
                genders.setdefault(name, set()).add(gender)
    return {name: frozenset(g) for name, g in genders.items()}


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    path = data_path("gazetteers/first-names/scb_top100_surnames_2021.txt")
    if not path:
        return frozenset()
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip())


@lru_cache(maxsize=1)
def riksdag_person_names() -> frozenset[str]:
    """Full names (two words or more, lower-cased) of Riksdag members and ministers."""
    path = data_path("gazetteers/riksdagen-persons/name.csv")
    if not path:
        return frozenset()
    with open(path, encoding="utf-8", newline="") as f:
        return frozenset(
            " ".join(row["name"].split()).lower()
            for row in csv.DictReader(f)
            if len(row["name"].split()) >= 2
        )


@lru_cache(maxsize=1)
def municipalities() -> frozenset[str]:
    path = data_path("gazetteers/places/municipalities.json")
    if not path:
        return frozenset()
    return frozenset(json.loads(path.read_text(encoding="utf-8")).values())


@lru_cache(maxsize=1)
def city_districts() -> frozenset[str]:
    """Stockholm's stadsdelar, title-cased (the file is in capitals)."""
    path = data_path("gazetteers/places/stadsdelar_117.txt")
    if not path:
        return frozenset()
    return frozenset(
        "-".join(part.capitalize() for part in line.strip().split("-"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


@lru_cache(maxsize=1)
def _authority_register() -> dict[str, Any]:
    """The merged authority register (name -> what each source says of it), read once."""
    path = data_path("gazetteers/authorities/merged.json")
    return json.loads(path.read_text(encoding="utf-8")) if path else {}


@lru_cache(maxsize=1)
def authorities() -> frozenset[str]:
    """Names of Swedish government authorities (``Socialstyrelsen``, ``Länsstyrelsen i Skåne län``)."""
    return frozenset(name[0].upper() + name[1:] for name in _authority_register() if "," not in name and len(name) > 3)


@lru_cache(maxsize=1)
def authority_aliases() -> frozenset[str]:
    """Other names of the authorities as the registers give them: short names and abbreviations
    (``Sida``, ``FMV``, ``SFV``) and former or informal names (``Fastighetsverket``).

    Names in capitals that only repeat a full name (``TULLVERKET``) are left out; the callers filter
    what could be an ordinary word."""
    aliases: set[str] = set()
    for entry in _authority_register().values():
        for source in entry.values():
            if not isinstance(source, dict):
                continue
            names = [source.get("short_name") or ""]
            for key in ("other_names", "old_names"):
                names += source.get(key) or []
            for name in names:
                name = " ".join(str(name).split())
                if len(name) < 3 or "," in name or (name.isupper() and len(name) > 6):
                    continue
                aliases.add(name)
    return frozenset(aliases)
