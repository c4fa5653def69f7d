"""Regular expressions of ``svpol_events``, built from the cue words and heading variants of
``configs/events.json`` (so a new heading variant is a data change, not a code change)."""

from __future__ import annotations

import re
from typing import Any

# An agenda item's heading at a line start: "§ 4", "4 §", "§ 12 Motion om …" (as svpol_sections)
ITEM_HEADING = re.compile(r"(?m)^[ \t]*(?:§[ \t]*(\d+[a-z]?)|(\d+[a-z]?)[ \t]*§)(?![\d])[ \t]*([^\n]*)$")
# A Riksdag speech header: "Anf. 12 Statsrådet BO KÖNBERG (fp) replik:"
SPEECH_HEADER = re.compile(r"(?m)^[ \t]*Anf\.[ \t]*(\d+)[ \t]+([^\n:]{1,160}?)[ \t]*:")
SPEECH_PARTY = re.compile(r"\(([^()]{1,12})\)\s*(replik)?\s*$")
# Numbered decision points: "1. Nämnden godkänner …", "2) …"
DECISION_POINT = re.compile(r"(?m)^[ \t]*(\d{1,2})[.)][ \t]+\S")
# A long quoted passage (a reservation's own text); headings and cues inside it are not the minutes'
QUOTED = re.compile(r"[\"”“]([^\"”“]{200,})[\"”“]")
# Sentence ends inside a paragraph: a full stop before white space and a capital or quote
SENTENCE_END = re.compile(r"(?<=[.!?])[ \t\n]+(?=[A-ZÅÄÖ\"”])")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def alternation(words: list[str]) -> str:
    """Longest first, so that "Tjänstgörande ersättare" wins over "Ersättare"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def cue_pattern(words: list[str]) -> re.Pattern[str]:
    """Cues at a word beginning, any case: ``återremi`` finds "återremitteras" and "återremiss"."""
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})", re.IGNORECASE)


def word_pattern(words: list[str], ignore_case: bool = True) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{alternation(words)})(?![\w-])", re.IGNORECASE if ignore_case else 0)


class EventPatterns:
    """All patterns of one events table."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.item_headings = {h.casefold() for h in table["item_headings"]}
        self.decision_headings = {h.casefold() for h in table["decision_headings"]}
        self.vote_headings = {h.casefold() for h in table["vote_headings"]}
        self.proposal_verb = word_pattern(table["proposal_verbs"])
        self.kinds = [(k["kind"], cue_pattern(k["cues"])) for k in table["proposal_kinds"]]
        self.administration = cue_pattern(table["administration_cues"])
        self.pronoun = word_pattern(table["proposer_pronouns"])
        chair = alternation(table["chair_words"])
        put = alternation(table["ruling_put_verbs"])
        found = alternation(table["ruling_found_verbs"])
        self.ruling = re.compile(rf"^\s*(?:{chair})\b.*?\b(?:{put})\b(?P<question>.*?)\b(?:{found})\s+att\s+"
                                 rf"(?P<outcome>.*)$", re.DOTALL)
        self.reservation = cue_pattern(table["reservation_cues"])
        self.statement = cue_pattern(table["statement_cues"])
        self.note = cue_pattern(table["note_cues"])
        self.statement_headings = {h.casefold() for h in table["statement_cues"]}
        self.note_headings = {h.casefold() for h in table["note_cues"]}
        votes = table["vote_words"]
        self.vote_counts = [
            (key, re.compile(rf"(\d+)\s+(?:röster\s+för\s+)?(?:{alternation(words)})(?![\w-])", re.IGNORECASE),
             re.compile(rf"(?<![\w-])(?:{alternation(words)})\s*[:=–-]?\s*(\d+)(?!\d)", re.IGNORECASE))
            for key, words in votes.items()
        ]
        self.vote_word = {key: word_pattern(words) for key, words in votes.items()}
        self.vote_context = re.compile(r"omröstning|votering|röster|röstade", re.IGNORECASE)
        headers = table["attendance_headers"]
        self.header_category = {h.casefold(): cat for cat, hs in headers.items() for h in hs}
        self.justerare_headers = {h.casefold() for h in table["justerare_headers"]}
        all_headers = [h for hs in headers.values() for h in hs] + table["justerare_headers"]
        self.attendance_marker = re.compile(
            rf"(?<![\w-])(?P<header>{alternation(all_headers)})(?![\w-])\s*:?"
            rf"|(?<![\w-])(?P<stop>{alternation(table['attendance_stops'])})(?![\w-])")
        self.hard_stops = {"underskrifter", "underskrift", "anslag/bevis", "anslag", "utdragsbestyrkande"}
        self.roles = [(role, word_pattern(words)) for role, words in table["roles"].items()]
        role_words = [w for words in table["roles"].values() for w in words]
        self.role_after = re.compile(rf"^[ \t]*(?:\([^()\n]{{1,12}}\))?[ \t]*,?[ \t]*\(?"
                                     rf"(?P<role>{alternation(role_words)})(?![\w-])", re.IGNORECASE)
        self.role_before = re.compile(rf"(?<![\w-])(?P<role>{alternation(role_words)})[ \t]*:?[ \t]*$",
                                      re.IGNORECASE)
        inline = table["attendance_categories_inline"]
        self.inline_category = [
            (cat, re.compile(rf"^[ \t]*(?:\([^()\n]{{1,12}}\))?[ \t]*,?[ \t]*(?P<word>{alternation(words)})(?![\w-])"
                             rf"(?P<for>[ \t]+för\b)?", re.IGNORECASE))
            for cat, words in inline.items()
        ]
        # "Mats Ek, kommundirektör": a name without party and a lower-case title after a comma
        self.official_title = re.compile(r"^[ \t]*,[ \t]*(?!ej\b)[a-zåäö]")
        self.list_gap = int(table["attendance_list_gap"])
        self.speech_roles = sorted(table["speech_roles"], key=len, reverse=True)

    def kind_of(self, text: str) -> str:
        """The proposal kind whose cue comes first in the table's order (återremiss before bifall)."""
        for kind, pattern in self.kinds:
            if pattern.search(text):
                return kind
        return "övrigt"

    def kinds_in(self, text: str) -> set[str]:
        return {kind for kind, pattern in self.kinds if pattern.search(text)}
