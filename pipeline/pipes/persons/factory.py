"""``svpol_persons``: PERSON candidates from name shapes, first-name and Riksdag-person lists, and
context cues (a party code after the name, a title before it, a speaker line).

The lists are read from the shared data folder at run time and never saved with the model; our own
cue words (titles, words that are never names) come from ``configs/persons.json``.
"""


import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...data import gazetteers
from ..base import Occupied, SwedishWords, TableComponent, add_candidates, candidates, match_text
from . import patterns as p

Word = tuple[int, int, str]


class PersonMatcher(TableComponent):
    filename = "persons.json"

    def set_table(self, table: Any) -> None:
        super().set_table(table)
        self.titles = {t.lower() for t in table["titles"]}
        self.minister_suffixes = tuple(table["minister_suffixes"])
        self.not_names = set(table["not_names"])
        self.not_surnames = set(table.get("not_surnames", []))
        self.not_surname_suffixes = tuple(table.get("not_surname_suffixes", []))
        self.capitalised_titles = set(table.get("capitalised_titles", []))
        self.particles = set(table["name_particles"])
        self.furniture = set(table.get("page_furniture", []))
        self.closing_suffixes = tuple(table.get("name_closing_suffixes", []))
        self.closing_lexicon_length = table.get("closing_lexicon_length", 0)

    def __init__(self, nlp: Language, name: str, table_path: str | None = None, use_gazetteers: bool = True,
                 lemmatizer: str = "lemmatizer") -> None:
        self.swedish_words = SwedishWords(nlp, lemmatizer)
        super().__init__(nlp, name, table_path, use_gazetteers)

    @property
    def first_names(self) -> frozenset[str]:
        return gazetteers.first_names() if self.use_gazetteers else frozenset()

    @property
    def known_full_names(self) -> frozenset[str]:
        return gazetteers.riksdag_person_names() if self.use_gazetteers else frozenset()

    def is_first_name(self, word: str) -> bool:
        if word in self.not_names or word.endswith("."):
            return False
        word = re.sub(r"-\s+", "-", word)  # "Eva- Lena"
        form = word if not word.isupper() else "-".join(w.capitalize() for w in word.split("-"))
        if form in self.first_names:
            return True
        return "-" in form and all(part in self.first_names for part in form.split("-"))

    def is_title(self, word: str) -> bool:
        w = word.lower()
        return w in self.titles or w.endswith(self.minister_suffixes)

    @property
    def places(self) -> frozenset[str]:
        return gazetteers.municipalities() if self.use_gazetteers else frozenset()

    @property
    def surnames(self) -> frozenset[str]:
        return gazetteers.surnames() if self.use_gazetteers else frozenset()

    def is_closer(self, word: str) -> bool:
        """A word that never starts or ends a name and closes a run of name words: page furniture
        (``Justeringens``, ``Paragrafer``), a title, role or unit word (``Planeringschef``,
        ``Stadsledningskontoret``), or a long ordinary Swedish word that is no known name."""
        form = word.capitalize() if word.isupper() else word
        low = form.lower()
        if form in self.furniture or self.is_title(form) or low.endswith(self.closing_suffixes):
            return True
        return (0 < self.closing_lexicon_length <= len(form) and form in self.swedish_words
                and not self.is_first_name(form) and form not in self.surnames)

    def __call__(self, doc: Doc) -> Doc:
        self.require_table()
        text = match_text(doc)
        # Where svpol_parties found a party code: a name right before one is a person's.
        self._party_starts = {c.start for c in candidates(doc) if c.label == "PARTY"}
        found: list[tuple[int, int]] = []
        for run in p.NAME_RUN.finditer(text):
            words = [(run.start() + m.start(), run.start() + m.end(), m.group())
                     for m in p.WORD_RE.finditer(run.group())]
            found.extend(self._persons_in_run(text, words))
        inverted = self._inverted(text)
        inverted_cover = Occupied(inverted)
        found = [f for f in found if f[0] not in inverted_cover]
        found_cover = Occupied(found)
        found += [i for i in inverted if i[0] not in found_cover]
        found.extend(self._after_titles(text, found))
        found.extend(self._across_ids(text, found))
        found.extend(self._surname_mentions(text, found))
        add_candidates(doc, [(s, e, "PERSON") for s, e in found], self.name)
        return doc

    # -- the pieces -------------------------------------------------------------------------
    def _is_name_word(self, word: str) -> bool:
        return bool(re.fullmatch(p.WORD, word))

    def _persons_in_run(self, text: str, words: list[Word]) -> list[tuple[int, int]]:
        # a party code inside the run ("Kristoffer Park S John Norberg") closes the name before it
        cut = next((k for k, w in enumerate(words) if w[0] in self._party_starts), None)
        if cut is not None:
            return self._persons_in_run(text, words[:cut]) + self._persons_in_run(text, words[cut + 1:])
        if not words:
            return []
        persons = []
        n = len(words)
        after = p.PARTY_AFTER.match(text, words[-1][1]) if words else None
        party_follows = bool(after) and after.start("code") in self._party_starts
        role_follows = bool(words) and not party_follows and self._cue_after(text, words[-1][1])
        i = 0
        while i < n:
            length = self._name_length(text, words, i, party_follows, role_follows)
            if length:
                persons.append((words[i][0], words[i + length - 1][1]))
                i += length
            else:
                i += 1
        return persons

    def _name_length(self, text: str, words: list[Word], i: int, party_follows: bool,
                     role_follows: bool = False) -> int:
        n = len(words)
        word = words[i][2]
        if not word[0].isupper() or word.endswith(".") or self.is_closer(word):
            return 0
        known = 0
        for k in (4, 3, 2):  # a known full name
            if i + k <= n and " ".join(w[2] for w in words[i:i + k]).lower() in self.known_full_names:
                known = k
                break
        return max(known, self._shape_length(text, words, i, party_follows, role_follows))

    def _cue_after(self, text: str, end: int) -> bool:
        """A party code in an attendance column (``Kristoffer Park S``) or a role after a comma
        (``Shujaat Noormohamed, förvaltningschef``) right after a run of name words."""
        m = re.match(rf"[ \t]*,?[ \t]+(?:(?P<role>[{p.LOWER}]+)(?![{p.LOWER}{p.UPPER}\w-]))?", text[end:end + 60])
        if not m:
            return False
        if m.group("role"):
            role = m.group("role")
            return "," in m.group(0) and (self.is_title(role) or role.endswith(self.closing_suffixes))
        return end + m.end() in self._party_starts

    def _shape_length(self, text: str, words: list[Word], i: int, party_follows: bool,
                      role_follows: bool = False) -> int:
        """Length of a name by its shape: a known first name (or a party cue) and surname words."""
        n = len(words)
        word = words[i][2]
        caps = word.isupper()
        known_first = self.is_first_name(word)
        # With a party code right after the run, its trailing name words are a person.
        cue = (party_follows and all(self._is_name_word(w[2]) or w[2] in self.particles for w in words[i:])
               and not any(self.is_first_name(w[2]) for w in words[i + 1:]))
        # a role or a column code after the run: its last two name words, neither an ordinary word nor a place
        places = self.places
        cue = cue or (role_follows and i == len(words) - 2 and not caps
                      and all(self._is_name_word(w[2]) and w[2] not in self.swedish_words and w[2] not in places
                              and not self._not_surname(w[2]) for w in words[i:]))
        if not (known_first or cue):
            return 0
        j = i + 1
        while j < n and j - i < 5:
            prev_end, (start, _, w) = words[j - 1][1], words[j]
            if "\n" in text[prev_end:start] and j - i >= 2:
                break
            if re.fullmatch(p.BARE_INITIAL, w):  # a middle initial, or a party letter or numeral after a name
                if self._middle_initial(words, i, j):
                    j += 1
                    continue
                break
            if w in self.particles or re.fullmatch(p.INITIAL, w) or re.fullmatch(p.ROMAN, w):
                j += 1
                continue
            if self._not_surname(w) and not ((party_follows or role_follows) and j == n - 1):
                if j - i >= 2 and not words[j - 1][2].endswith("s"):
                    break  # "Kjell Kaså Nämnd": the name is complete; an organisation word follows
                return 0  # "Mora Folkets Hus", "Sara Kulturhus": the run names a building or a body, not a person
            if not self._is_name_word(w) or w.isupper() != caps or self.is_closer(w):
                break
            if (w in self.swedish_words or w in self.places) and self._unit_word_follows(text, words[j][1]):
                break  # "Cecilia Hettström Tekniska nämndens kansli": the word begins a body's name
            if j - i >= 2 and self._starts_name(words, i, j, caps):
                break  # "Anna Berg Per Lind": a known first name after a full name starts the next name
            j += 1
        while j > i + 1 and (words[j - 1][2] in self.particles or words[j - 1][2].endswith(".")):
            j -= 1
        if j - i >= 2:
            if caps and not (party_follows or self._set_apart(text, words[i][0], words[j - 1][1])):
                return 0  # capitals in running text are headings or OCR noise, not names
            return j - i
        if (cue and not known_first and j - i == 1 and i == n - 1 and len(word) > 2 and not caps
                and not (i > 0 and words[i - 1][2] == "i")):
            return 1  # "Dundar (L)": a surname with its party; not "ERIKSSON i Stockholm (nyd)"
        return 0

    def _unit_word_follows(self, text: str, end: int) -> bool:
        """Whether a lower-case unit word (``nämndens``, ``förvaltningen``) follows ``end``."""
        m = re.match(rf"[ ]([{p.LOWER}]+)", text[end:end + 40])
        return bool(m) and (m.group(1).endswith(self.closing_suffixes)
                            or m.group(1)[:-1].endswith(self.closing_suffixes))

    def _middle_initial(self, words: list[Word], i: int, j: int) -> bool:
        """A bare capital after the first name(s) and before a surname: ``Lena N Andersson`` (not the
        party letter of an attendance column, ``Anna Berg S Per Lind``)."""
        if j + 1 >= len(words) or not all(self.is_first_name(w[2]) for w in words[i:j]):
            return False
        nxt = words[j + 1][2]
        return (bool(re.fullmatch(p.TITLE_WORD, nxt)) and not self.is_first_name(nxt)
                and not self.is_closer(nxt))

    def _starts_name(self, words: list[Word], i: int, j: int, caps: bool) -> bool:
        """Whether word ``j`` of a run is a first name followed by a further name word (a new name);
        not where only first names came before and only first names and one surname end the run
        (``Bengt Sven Åke Johansson``)."""
        if j + 1 >= len(words) or not self.is_first_name(words[j][2]):
            return False
        nxt = words[j + 1][2]
        if not (self._is_name_word(nxt) and nxt.isupper() == caps and not self.is_closer(nxt)):
            return False
        if all(self.is_first_name(w[2]) for w in words[i:j]):
            k = j
            while k < len(words) and self.is_first_name(words[k][2]):
                k += 1
            if (k < len(words) and (k + 1 == len(words) or not self.is_first_name(words[k + 1][2]))
                    and self._one_gender([w[2] for w in words[i:k]])):
                return False
        return True

    def _one_gender(self, names: list[str]) -> bool:
        """Whether first names can be one person's: given to one gender (``Bengt Sven Åke``, not
        ``Ali Hassan Maria``); a name of unknown gender fits either."""
        genders = gazetteers.first_name_genders() if self.use_gazetteers else {}
        common = {"f", "m"}
        for name in names:
            for part in name.split("-"):
                common &= genders.get(part.capitalize() if part.isupper() else part, {"f", "m"})
        return bool(common)

    def _not_surname(self, word: str) -> bool:
        return (word in self.not_surnames or word.capitalize() in self.not_surnames
                or word.lower().endswith(self.not_surname_suffixes))

    @staticmethod
    def _set_apart(text: str, start: int, end: int) -> bool:
        """A name on a line (or in a column) of its own, as in signatures and speaker lines."""
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        before = text[line_start:start]
        after = text[end:len(text) if line_end == -1 else line_end]
        gap = ("  ", "\t")
        before_ok = not before.strip() or before.endswith(gap)
        after_ok = not after.strip() or after.startswith(gap) or after.lstrip()[:1] in (",", "(", ":")
        return before_ok and after_ok

    def _inverted(self, text: str) -> list[tuple[int, int]]:
        """``Larsson, Thorsten (c)`` in the speaker indexes of old records."""
        return [m.span("name") for m in p.INVERTED_NAME.finditer(text)
                if self.is_first_name(m.group("first")) and m.group("name").split(",")[0] not in self.not_surnames]

    def _across_ids(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A first name and surname split by a record's paragraph id are two PERSON spans."""
        result = []
        found_set, cover = set(found), Occupied(found)
        for m in p.NAME_ACROSS_ID.finditer(text):
            if not self.is_first_name(m.group("first")):
                continue
            if m.span("first") in found_set and m.start("last") not in cover:
                result.append(m.span("last"))  # "ordförande Agne / [i-…] Hansson": the first name came from its title
                continue
            if m.start() in cover:
                continue
            last = m.group("last").split()
            if len(last) == 2 and not self.is_first_name(last[0]):
                continue  # "Stjernkvist Anser": only the surname
            result += [m.span("first"), m.span("last")]
        return result

    def _after_titles(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A name word right after a title: ``statsrådet Kinberg``, ``ordförande Svensson``."""
        taken = Occupied(found)
        result = []
        for m in re.finditer(rf"(?<![\w])([{p.UPPER}]?[{p.LOWER}]+)[ \t]+({p.TITLE_WORD}(?:[ \t]+{p.TITLE_WORD})?)",
                             text):
            title = m.group(1)
            if not self.is_title(title) or (title[0].isupper() and title.lower() not in self.capitalised_titles):
                continue
            start, end = m.span(2)
            if start in taken:
                continue
            words = m.group(2).split()
            if (any(w in self.not_names or self._not_surname(w) for w in words) or self.is_closer(words[0])
                    or self._unit_word_follows(text, end)):
                continue  # "ledamot Övriga närvarande", "ordförande Justerare Kia Hjelte", "ordförande X nämnd"
            if len(words) == 2 and self.is_closer(words[1]):
                words = words[:1]
                end = start + len(words[0])
            if len(words) == 2 and not (self.is_first_name(words[0]) or self.is_first_name(words[1])):
                end = start + len(words[0])
            result.append((start, end))
        return result

    def _surname_mentions(self, text: str, found: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A surname alone that refers to a person named in full elsewhere in the document."""
        surnames = set()
        places = self.places
        for s, e in found:
            parts = text[s:e].split()
            if len(parts) == 2 and self.is_first_name(parts[1]) and not self.is_first_name(parts[0]):
                parts.reverse()  # "Karlsson Anders, omsorgskontoret": a list in surname order
            if len(parts) >= 2 and len(parts[-1]) > 2 and parts[-1] not in self.not_names and parts[-1] not in places:
                surname = parts[-1].replace("\n", "").rstrip(",")
                surnames.add(surname[:-1] if surname.endswith("s") and len(surname) > 4 else surname)
        if not surnames:
            return []
        alternatives = "|".join(re.escape(s) for s in sorted(surnames, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})s?(?![\w-])")
        taken = Occupied(found)
        result = []
        for m in pattern.finditer(text):
            if m.start() not in taken:
                result.append(m.span())
        return result


@Language.factory("svpol_persons",
                  default_config={"table_path": None, "use_gazetteers": True, "lemmatizer": "lemmatizer"})
def create_component(nlp: Language, name: str, table_path: str | None, use_gazetteers: bool,
                     lemmatizer: str) -> PersonMatcher:
    return PersonMatcher(nlp, name, table_path, use_gazetteers, lemmatizer)
