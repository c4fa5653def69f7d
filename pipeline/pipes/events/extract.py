"""The event extractors of ``svpol_events``: plain functions over the text and the entity layer.

Each returns JSON-ready dicts with character offsets into the text, so the component, the writer and
the scorer share one representation. They never raise on odd input: a heading with no body, a vote
table cut off or a list without names yields fewer events, not an error.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ...normalize.party import default_party_table
from .patterns import (
    DECISION_POINT,
    ITEM_HEADING,
    PARAGRAPH_BREAK,
    QUOTED,
    SENTENCE_END,
    SPEECH_HEADER,
    SPEECH_PARTY,
    EventPatterns,
)


@dataclass(frozen=True)
class Ent:
    """One entity of the entity layer, reduced to what events need."""

    start: int
    end: int
    label: str
    text: str
    party: str | None  # PERSON: its party; PARTY: the canonical id


def _name(text: str) -> str:
    return " ".join(text.split())


def _rstrip_end(text: str, start: int, end: int) -> int:
    return max(start, start + len(text[start:end].rstrip()))


def with_parties(ents: list[Ent]) -> list[Ent]:
    """Persons with the party code right after them (``Anna Ek m.fl. (S)``) where merge gave none."""
    out = []
    for i, ent in enumerate(ents):
        if ent.label == "PERSON" and not ent.party and i + 1 < len(ents):
            nxt = ents[i + 1]
            if nxt.label == "PARTY" and nxt.party and nxt.start - ent.end <= 12:
                out.append(Ent(ent.start, ent.end, ent.label, ent.text, nxt.party))
                continue
        out.append(ent)
    return out


def within(ents: list[Ent], start: int, end: int) -> list[Ent]:
    """The entities inside ``[start, end)`` (``ents`` sorted by start)."""
    i = bisect.bisect_left(ents, start, key=lambda e: e.start)
    out = []
    while i < len(ents) and ents[i].start < end:
        if ents[i].end <= end:
            out.append(ents[i])
        i += 1
    return out


def actors(ents: list[Ent], start: int, end: int) -> tuple[list[dict[str, Any]], list[str]]:
    """Persons (with party) and the party set named in ``[start, end)``."""
    persons: list[dict[str, Any]] = []
    parties: list[str] = []
    for ent in within(ents, start, end):
        if ent.label == "PERSON":
            persons.append({"name": _name(ent.text), "party": ent.party})
            if ent.party and ent.party not in parties:
                parties.append(ent.party)
        elif ent.label == "PARTY" and ent.party and ent.party not in parties:
            parties.append(ent.party)
    return persons, parties


# ---------------------------------------------------------------- items and their sections


def quoted_regions(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in QUOTED.finditer(text)]


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in regions)


def items(text: str, ents: list[Ent]) -> list[dict[str, Any]]:
    """Agenda items at ``§ N`` / ``N §`` headings: number, title, case number, span."""
    heads = list(ITEM_HEADING.finditer(text))
    out = []
    for i, m in enumerate(heads):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        end = _rstrip_end(text, start, heads[i + 1].start() if i + 1 < len(heads) else len(text))
        title = m.group(3).strip()
        body_start = m.end()
        if not title:
            nxt = re.search(r"[^\s][^\n]*", text[body_start:end])
            title = nxt.group(0).strip() if nxt else ""
        head_zone = text[start:end].split("\n", 5)
        zone_end = start + len("\n".join(head_zone[:5]))
        case = next((e.text for e in ents if e.label == "CASE" and start <= e.start < zone_end), None)
        out.append({"type": "item", "start": start, "end": end, "number": m.group(1) or m.group(2),
                    "title": title[:200], "case": case, "sections": []})
    return out


def item_sections(text: str, item: dict[str, Any], pats: EventPatterns,
                  quoted: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Sections inside an item at a heading line of the table (``Beslut``, ``Reservationer``)."""
    heads = []
    for m in re.finditer(r"(?m)^[ \t]*([^\n]{1,60}?)[ \t]*:?[ \t]*$", text[item["start"]:item["end"]]):
        pos = item["start"] + m.start(1)
        if m.group(1).strip().casefold() in pats.item_headings and not _inside(pos, quoted):
            heads.append((pos, m.group(1).strip()))
    out = []
    for i, (pos, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else item["end"]
        out.append({"title": title, "start": pos, "end": _rstrip_end(text, pos, end)})
    return out


def decisions(text: str, item: dict[str, Any], pats: EventPatterns) -> list[dict[str, Any]]:
    """The numbered decision list of an item's ``Beslut`` section; one point when unnumbered."""
    out: list[dict[str, Any]] = []
    for section in item["sections"]:
        if section["title"].casefold() not in pats.decision_headings:
            continue
        body_start = text.index("\n", section["start"]) + 1 if "\n" in text[section["start"]:section["end"]] \
            else section["end"]
        points = []
        for m in DECISION_POINT.finditer(text, body_start, section["end"]):
            if int(m.group(1)) == len(points) + 1:
                points.append(m.start() + len(m.group(0)) - len(m.group(0).lstrip()))
        if not points and text[body_start:section["end"]].strip():
            lead = len(text[body_start:section["end"]]) - len(text[body_start:section["end"]].lstrip())
            points = [body_start + lead]
        for i, start in enumerate(points):
            end = _rstrip_end(text, start, points[i + 1] if i + 1 < len(points) else section["end"])
            out.append({"type": "decision", "start": start, "end": end, "item": item["number"],
                        "number": i + 1 if len(points) > 1 or DECISION_POINT.match(text, start) else None})
    return out


# ---------------------------------------------------------------- statements: proposals and the rest


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``[start, end)``: paragraphs split at sentence ends."""
    out = []
    para_starts = [start] + [m.end() for m in PARAGRAPH_BREAK.finditer(text, start, end)]
    for i, p_start in enumerate(para_starts):
        p_end = para_starts[i + 1] if i + 1 < len(para_starts) else end
        cuts = [p_start] + [m.end() for m in SENTENCE_END.finditer(text, p_start, p_end)] + [p_end]
        for a, b in pairwise(cuts):
            lead = len(text[a:b]) - len(text[a:b].lstrip())
            b = _rstrip_end(text, a, b)
            if b > a + lead:
                out.append((a + lead, b))
    return out


def _body_after(text: str, pos: int, limit: int, quoted: list[tuple[int, int]]) -> tuple[int, int]:
    """The own text of a reservation or statement: the quote that follows, else up to ``limit``."""
    rest = text[pos:limit]
    lead = len(rest) - len(rest.lstrip())
    for a, b in quoted:
        if a == pos + lead:
            return a, b
    return pos + lead, _rstrip_end(text, pos + lead, limit)


def statements(text: str, item: dict[str, Any] | None, span: tuple[int, int], ents: list[Ent],
               pats: EventPatterns, quoted: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Proposals, the chair's rulings, reservations, special statements and protocol notes."""
    number = item["number"] if item else None
    section_ends = sorted({s["start"] for s in (item["sections"] if item else [])} | {span[1]})
    out: list[dict[str, Any]] = []
    open_proposals: list[dict[str, Any]] = []
    units = []
    cuts = [span[0]] + [s for s in section_ends if span[0] < s < span[1]] + [span[1]]
    for a, b in pairwise(cuts):
        if a in section_ends:  # a section: its heading line is no sentence
            newline = text.find("\n", a, b)
            a = newline + 1 if newline >= 0 else b
        units += sentences(text, a, b)
    previous: tuple[int, int] | None = None
    current: tuple[int, int] | None = None
    for start, end in units:
        previous, current = current, (start, end)
        if _inside(start, quoted):
            continue
        sentence = text[start:end]
        ruling = pats.ruling.match(sentence)
        if ruling:
            outcome = ruling.group("outcome")
            kinds = pats.kinds_in(outcome)
            admin = bool(pats.administration.search(outcome))
            winners = [p for p in open_proposals
                       if p["kind"] in kinds and (not admin or p.get("administration") or p["kind"] != "bifall")]
            parties: list[str] = []
            for p in winners:
                parties += [x for x in p["parties"] if x not in parties]
            out.append({"type": "ruling", "start": start, "end": end, "item": number,
                        "question": re.sub(r"\s+och$", "", _name(ruling.group("question"))), "outcome": _name(outcome),
                        "winner_kind": winners[0]["kind"] if winners else None, "winner_parties": parties})
            open_proposals = []
            continue
        limit = next((s for s in section_ends if s > end), span[1])
        for kind, pattern in (("reservation", pats.reservation), ("special_statement", pats.statement),
                              ("protocol_note", pats.note)):
            cue = pattern.search(sentence)
            if not cue:
                continue
            persons, parties = actors(ents, start, start + cue.start())
            if not persons and not parties:
                persons, parties = actors(ents, start, end)
            if not persons and not parties:
                continue
            t_start, t_end = _body_after(text, end, limit, quoted)
            after = sentence[cue.end():]
            against = re.search(r"\bmot\s+(.*?)(?:\s+till förmån\b|[.]?$)", after, re.DOTALL)
            favour = re.search(r"\btill förmån för\s+(.*?)[.]?$", after, re.DOTALL)
            event = {"type": kind, "start": start, "end": end, "item": number, "persons": persons,
                     "parties": parties, "against": _name(against.group(1)) if against else None,
                     "in_favour_of": _name(favour.group(1)) if favour else None,
                     "text_start": t_start, "text_end": max(t_start, t_end)}
            out.append(event)
            break
        else:
            verb = pats.proposal_verb.search(sentence)
            if not verb:
                continue
            persons, parties = actors(ents, start, start + verb.start())
            if not persons and not parties and previous and pats.pronoun.search(sentence[:verb.end() + 5]):
                persons, parties = actors(ents, *previous)  # "… motion från A (C) och B (M). I den föreslår de …"
            if not persons and not parties:
                continue
            event = {"type": "proposal", "start": start, "end": end, "item": number, "persons": persons,
                     "parties": parties, "kind": pats.kind_of(sentence),
                     "administration": bool(pats.administration.search(sentence))}
            out.append(event)
            open_proposals.append(event)
    return out


# ---------------------------------------------------------------- votes


def votes(text: str, item: dict[str, Any] | None, span: tuple[int, int], ents: list[Ent],
          pats: EventPatterns) -> list[dict[str, Any]]:
    """Vote results: counts (ja/nej/avstår) and, where a table lists them, members and parties."""
    number = item["number"] if item else None
    zones = [(s["start"], s["end"]) for s in (item["sections"] if item else [])
             if s["title"].casefold() in pats.vote_headings]
    tables = len(zones)
    if not zones:
        zones = [(a, b) for a, b in sentences(text, *span) if pats.vote_context.search(text[a:b])]
    out = []
    for z, (start, end) in enumerate(zones):
        chunk = text[start:end]
        counts: dict[str, int] = {}
        for key, before, after in pats.vote_counts:
            m = before.search(chunk) or after.search(chunk)
            if m:
                counts[key] = int(m.group(1))
        members = []
        for ent in within(ents, start, end) if z < tables else []:  # members only from a vote table
            if ent.label != "PERSON":
                continue
            line_end = text.find("\n", ent.end)
            rest = text[ent.end:line_end if 0 <= line_end < end else end]
            for key, pattern in pats.vote_word.items():
                if pattern.search(rest[:40]):
                    members.append({"name": _name(ent.text), "party": ent.party, "vote": key})
                    break
        if not counts and not members:
            continue
        by_party: dict[str, dict[str, int]] = {}
        for member in members:
            if member["party"]:
                party = by_party.setdefault(member["party"], {"ja": 0, "nej": 0, "avstår": 0})
                party[member["vote"]] += 1
        if not counts and members:
            counts = {k: sum(1 for m in members if m["vote"] == k) for k in ("ja", "nej", "avstår")}
        out.append({"type": "vote", "start": start, "end": _rstrip_end(text, start, end), "item": number,
                    "ja": counts.get("ja"), "nej": counts.get("nej"), "avstår": counts.get("avstår"),
                    "by_party": dict(sorted(by_party.items())), "members": members})
    return out


# ---------------------------------------------------------------- attendance


def _markers(text: str, pats: EventPatterns, limit: int) -> list[tuple[int, str, frozenset[str]]]:
    """Attendance headers and stops in text order. A run of headers with nothing between them is a
    flattened header row (``Beslutande Övriga deltagande Utses att justera Anna …``): its first header
    opens the list (the run's other categories come with it). A capitalised stop right after a
    name's party or a comma (``(MP), Ordförande``) is that person's role, no stop."""
    markers: list[tuple[int, str]] = []
    runs: list[set[str]] = []
    previous_end = -10
    for m in pats.attendance_marker.finditer(text, 0, limit):
        between = text[previous_end:m.start()] if previous_end >= 0 else "x"
        if m.group("header"):
            header = m.group("header").casefold()
            kind = "justerare" if header in pats.justerare_headers else pats.header_category[header]
            if markers and markers[-1][1] not in ("stop", "hard_stop") and not between.strip(" \t\n:"):
                runs[-1].add(kind)
                previous_end = m.end()
                continue
        else:
            if text[:m.start()].rstrip(" \t").endswith((",", ")")):
                continue
            kind = "hard_stop" if m.group("stop").casefold() in pats.hard_stops else "stop"
        markers.append((m.start(), kind))
        runs.append({kind})
        previous_end = m.end()
    return [(pos, kind, frozenset(run)) for (pos, kind), run in zip(markers, runs, strict=True)]


def attendance(text: str, ents: list[Ent], pats: EventPatterns, limit: int) -> list[dict[str, Any]]:
    """Members, serving substitutes (and for whom), deputies and officials of the attendance lists
    before ``limit`` (the first item), with party and role; one record per person. A person another
    one serves for (``Eva Ek (S) ersättare för Per Olsson (S)``) is absent: no record."""
    markers = _markers(text, pats, limit)
    records: dict[str, dict[str, Any]] = {}
    persons = [e for e in ents if e.label == "PERSON" and e.end <= limit]
    role_used_until = -1
    replaced: set[int] = set()
    state, dead, k = None, False, 0
    run: frozenset[str] = frozenset()
    last = 0  # where the list last showed itself (a header or a name)
    for i, ent in enumerate(persons):
        if ent.start - last > pats.list_gap:
            state = None  # running text, not a list any more
        while k < len(markers) and markers[k][0] < ent.start:
            kind, run = markers[k][1], markers[k][2]
            last = markers[k][0]
            if kind == "hard_stop":
                dead, state = True, None
            elif kind == "stop":
                state = None
            elif kind == "justerare":
                state = None if dead else kind
            else:
                dead, state = False, kind
            k += 1
        if state is not None:
            last = ent.end
        if state is None or i in replaced or len(ent.text.split()) < 2:
            continue
        nxt = persons[i + 1].start if i + 1 < len(persons) else min(limit, ent.end + 80)
        after = text[ent.end:min(nxt, ent.end + 80)]
        before = text[max(role_used_until, ent.start - 30, 0):ent.start]
        category = "member" if state == "justerare" else state
        roles = ["justerare"] if state == "justerare" else []
        substitute_for = None
        for cat, pattern in pats.inline_category:
            m = pattern.match(after)
            if m and (m.group("word").islower() or "," in m.group(0)):
                category = cat
                if (m.group("for") or m.group("word").lower() == "ersätter") and i + 1 < len(persons):
                    substitute_for = _name(persons[i + 1].text)
                    replaced.add(i + 1)
                    category = "substitute"
                break
        else:
            if not ent.party and pats.official_title.match(after):
                category = "official"
        if category == "official" and ent.party:  # a politician among "Övriga närvarande": a deputy
            category = "deputy"
        elif "official" in run and not ent.party and category != "official":
            category = "official"  # a flattened header row: the names without party are the staff
        role_m = pats.role_after.match(after)
        if role_m:
            role_used_until = ent.end + role_m.end()
        else:
            role_m = pats.role_before.search(before)
        if role_m:
            word = role_m.group("role")
            role = next((r for r, p in pats.roles if p.fullmatch(word)), None)
            if role and role not in roles:
                roles.append(role)
        name = _name(ent.text)
        record = records.get(name)
        if record is None:
            records[name] = {"type": "attendance", "start": ent.start, "end": ent.end, "name": name,
                             "party": ent.party, "category": category, "roles": roles,
                             "substitute_for": substitute_for}
        else:
            record["party"] = record["party"] or ent.party
            record["roles"] += [r for r in roles if r not in record["roles"]]
            record["substitute_for"] = record["substitute_for"] or substitute_for
    return list(records.values())


# ---------------------------------------------------------------- Riksdag speeches


def speeches(text: str, pats: EventPatterns) -> list[dict[str, Any]]:
    """``Anf. N`` speeches of a Riksdag record: number, speaker, role, party, reply, span."""
    heads = list(SPEECH_HEADER.finditer(text))
    item_starts = [m.start() for m in ITEM_HEADING.finditer(text)]
    table = default_party_table()
    out = []
    for i, m in enumerate(heads):
        start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        end = min([end] + [s for s in item_starts if s > m.end()])
        who = _name(m.group(2))
        party = None
        reply = False
        pm = SPEECH_PARTY.search(who)
        if pm:
            code = pm.group(1).strip()
            party = table.normalize(code) or table.normalize(code.upper()) or code
            reply = bool(pm.group(2))
            who = who[:pm.start()].strip()
        elif who.lower().endswith("replik"):
            reply, who = True, who[:-6].strip()
        role = next((r for r in pats.speech_roles if who.lower().startswith(r.lower())), None)
        speaker = who[len(role):].strip() if role else who
        out.append({"type": "speech", "start": start, "end": _rstrip_end(text, start, end),
                    "number": int(m.group(1)), "speaker": speaker or None, "role": role.lower() if role else None,
                    "party": party, "reply": reply, "header_end": m.end()})
    return out


def extract(text: str, ents: list[Ent], pats: EventPatterns) -> list[dict[str, Any]]:
    """All events of one document, in text order (items before what they contain)."""
    ents = with_parties(sorted(ents, key=lambda e: e.start))
    quoted = quoted_regions(text)
    found_items = items(text, ents)
    events: list[dict[str, Any]] = []
    first_item = found_items[0]["start"] if found_items else len(text)
    events += attendance(text, ents, pats, first_item)
    events += speeches(text, pats)
    for item in found_items:
        item["sections"] = item_sections(text, item, pats, quoted)
        events.append(item)
        events += decisions(text, item, pats)
        events += statements(text, item, (item["start"], item["end"]), ents, pats, quoted)
        events += votes(text, item, (item["start"], item["end"]), ents, pats)
    if first_item > 0:  # before the first § (all of a document without §): flattened minutes keep items there
        events += statements(text, None, (0, first_item), ents, pats, quoted)
        events += votes(text, None, (0, first_item), ents, pats)
    order = {"item": 0, "attendance": 1, "speech": 1, "decision": 2}
    events.sort(key=lambda e: (e["start"], order.get(e["type"], 3), -e["end"]))
    return events
