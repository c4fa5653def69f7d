"""Patterns for person names: name words, initials, particles, and the cues around them."""

import re

from ..base import PARAGRAPH_ID

UPPER = "A-ZÅÄÖÉÜØÆÁÀÍÓÚÇŠŽČĆĐŁŚŻŹ"
LOWER = "a-zåäöéèüøæáàíóúçñßšžıčćđňřťďěůýłńśźżąęőűâêîôûãõëïÿ'’"
# "Ann-Marie", "Hjelm-Wallén", "Hjelm-\nWallén", "O'Brien"
# "Forslund- Mustaniemi", "Eva- Lena": a hyphen and a space (a line broken at the hyphen), capital after it;
# "McKie", "MacDonald"
TITLE_WORD = (rf"(?:Ma?c(?=[{UPPER}]))?[{UPPER}][{LOWER}]+"
              rf"(?:-\n?[{UPPER}{LOWER}][{LOWER}]+|-[ ][{UPPER}][{LOWER}]+)*")
CAPS_WORD = rf"[{UPPER}]{{2,}}(?:-[{UPPER}]{{2,}})*"
INITIAL = rf"[{UPPER}]\."
# A middle initial without its period: "Lena N Andersson" (the factory checks its place in the name)
BARE_INITIAL = rf"[{UPPER}](?![\w{LOWER}{UPPER}.'’-])"
ROMAN = r"(?:I{1,3}|IV|V|VI{1,3}|IX|X|XI{1,3}|XIV|XV|XVI)"
WORD = rf"(?:{TITLE_WORD}|{CAPS_WORD}|{INITIAL})"
# A run of name-like words on one line (a single line break is allowed after the first word).
# Words are separated by one space (or no-break space) or one line break: a wider gap is a column boundary.
NAME_RUN = re.compile(rf"(?<![\w{LOWER}{UPPER}-]){WORD}"
                      rf"(?:(?:[ \u00a0]|[ ]?\n[ ]?)(?:{WORD}|{BARE_INITIAL}|[a-z]{{1,3}}))*")
WORD_RE = re.compile(rf"{WORD}|{BARE_INITIAL}|[a-z]{{1,3}}")
# What follows a person in minutes and records: "m.fl. (L)", "(s):", ", S"
PARTY_AFTER = re.compile(rf"[ \t]*(?:m\.\s?fl\.?\s*)?\(\s*(?P<code>[{UPPER}a-zåäö]{{1,6}})\s*\)")
# "Larsson, Thorsten (c)", "Bengtson, Torsten, förste vice talman (c)"
INVERTED_NAME = re.compile(
    rf"(?<![\w{LOWER}{UPPER}-])(?P<name>{TITLE_WORD},[ ](?P<first>{TITLE_WORD}))"
    rf"(?=[ ]?\([a-zA-ZåäöÅÄÖ]{{1,5}}\)|,[ ][{LOWER}])"
)
# A name broken by a Riksdag record's paragraph id: "Lars\n[i-2ggBvfkHRn3s8FvFEPLxjs] Stjernkvist"
NAME_ACROSS_ID = re.compile(
    rf"(?<![\w{LOWER}{UPPER}-])(?P<first>{TITLE_WORD})[ \t]*\n{PARAGRAPH_ID}[ \t]+"
    rf"(?P<last>{TITLE_WORD}(?:[ ]{TITLE_WORD})?)(?![\w{LOWER}{UPPER}-])"
)
