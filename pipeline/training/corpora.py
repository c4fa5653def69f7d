"""The open NER corpora in ``../shared/data/ner`` into a spaCy ``DocBin`` with the svpol labels.

Three readers (klintan's token-tag Webbnyheter, UNER Talbanken IOB2, the SUC 3.0 JSONL split) give
(tokens, tags) sentences; ``configs/corpora_labels.json`` maps the tags onto ours and states why
(its ``_choices``). Tokens the corpus cannot speak for are left *missing* (no loss in training)
rather than *outside*: SUC's non-date TME spans, its double tags, and the PARTY/MONEY/DATE/CASE
spans that svpol's own rules find where the corpus has no label.

Nothing of the corpora is written into the repo; the ``.spacy`` output goes to ``corpus/train/``
(git-ignored).
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from ..normalize.party import PartyTable, _fold, default_party_table
from ..settings import CONFIG_DIR, data_dir

LABELS_PATH = CONFIG_DIR / "corpora_labels.json"

Sentence = tuple[list[str], list[str]]

# --- readers -------------------------------------------------------------------------------------


def read_token_tag(path: str | Path) -> Iterator[Sentence]:
    """klintan's format: ``token<tab or spaces>tag`` a line, a blank line between sentences."""
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if tokens:
                    yield tokens, tags
                tokens, tags = [], []
                continue
            if len(parts) == 1:  # a tag with no token: skip the line
                continue
            tokens.append(" ".join(parts[:-1]).replace(" ", "_"))
            tags.append(parts[-1])
    if tokens:
        yield tokens, tags


def read_iob2(path: str | Path) -> Iterator[Sentence]:
    """UNER's CoNLL-like IOB2 (``# comments``; id, token, tag columns)."""
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if tokens:
                    yield tokens, tags
                tokens, tags = [], []
                continue
            cols = line.split("\t")
            tokens.append(cols[1])
            tags.append(cols[2])
    if tokens:
        yield tokens, tags


def read_jsonl_tags(path: str | Path) -> Iterator[Sentence]:
    """SUC's JSONL: ``tokens`` and ``ner_tags`` (no B-/I- prefixes)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                yield list(record["tokens"]), list(record["ner_tags"])


READERS = {"token-tag": read_token_tag, "iob2": read_iob2, "jsonl-tags": read_jsonl_tags}


def tag_spans(tags: list[str], iob: bool) -> list[tuple[int, int, str]]:
    """Token spans ``(start, end, tag)``; without IOB prefixes a run of one tag is one span."""
    spans: list[tuple[int, int, str]] = []
    for i, tag in enumerate(tags):
        if iob:
            prefix, _, name = tag.partition("-")
            if prefix == "O" or not name:
                continue
            if prefix == "I" and spans and spans[-1][1] == i and spans[-1][2] == name:
                spans[-1] = (spans[-1][0], i + 1, name)
            else:
                spans.append((i, i + 1, name))
        else:
            if tag in ("O", "0"):
                continue
            if spans and spans[-1][1] == i and spans[-1][2] == tag:
                spans[-1] = (spans[-1][0], i + 1, tag)
            else:
                spans.append((i, i + 1, tag))
    return spans


# --- the DATE and MONEY filters ------------------------------------------------------------------

_MONTH = (r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
          r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?")
_WEEKDAY = r"(?:mån|tis|ons|tors|fre|lör|sön)dag(?:en)?"
_DATE_SHAPE = re.compile(
    rf"(?:(?:{_WEEKDAY} )?(?:den )?\d{{1,2}}(?::[ae])? {_MONTH}(?: \d{{4}})?"
    rf"|{_MONTH}(?: \d{{4}})?"
    r"|\d{4}(?:-\d{2}(?:-\d{2})?)?"
    r"|(?:\d{2}|\d{4})-talet"
    r"|(?:våren|sommaren|hösten|vintern) \d{4})",
    re.IGNORECASE,
)
_DATE_LEADING = {"den", "år", "i", "under", "på", "sedan", "från", "till", "före"}
_CURRENCY = re.compile(
    r"^(?:kronor|kronors|krona|kr\.?|skr|tkr|mkr|mnkr|mdkr|miljarder kronor|öre|dollar|dollars|euro|euros"
    r"|pund|mark|dkr|nkr|yen|franc|francs|rubel|usd|eur|sek)$", re.IGNORECASE)
_APPROXIMATORS = {"cirka", "ca", "ca.", "c:a", "drygt", "ungefär", "omkring", "nästan", "närmare", "knappt",
                  "runt", "över", "under", "minst", "högst", "bara", "endast", "hela", "uppemot", "kring",
                  "mer", "mindre", "än", "upp", "till", "med", "för", "i", "på"}


def date_span(tokens: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The part of a TME span that is a DATE by our guidelines, or None."""
    while start < end and tokens[start].lower() in _DATE_LEADING:
        start += 1
    if start < end and _DATE_SHAPE.fullmatch(" ".join(tokens[start:end])):
        return start, end
    return None


def money_span(tokens: list[str], start: int, end: int) -> tuple[int, int] | None:
    """The part of an MSR span that is MONEY (up to its currency word), or None without one."""
    currency = [i for i in range(start, end) if _CURRENCY.match(tokens[i])]
    if not currency:
        return None
    while start < currency[-1] and tokens[start].lower() in _APPROXIMATORS:
        start += 1
    if start == currency[-1]:  # a currency word alone
        return None
    return start, currency[-1] + 1


# --- sentences to docs ---------------------------------------------------------------------------

_NO_SPACE_BEFORE = set(",.;:!?)]}%»”") | {"...", "'s", ":s"}
_NO_SPACE_AFTER = set("([{«“")


def spaces_for(tokens: list[str]) -> list[bool]:
    """Whitespace after each token, so that ``doc.text`` reads like text (``Westman, tidigare``)."""
    spaces = []
    for i, token in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        spaces.append(nxt is not None and token not in _NO_SPACE_AFTER and nxt not in _NO_SPACE_BEFORE)
    return spaces


@dataclass
class CorpusStats:
    read: int = 0
    kept: int = 0
    labels: Counter = field(default_factory=Counter)
    outside: Counter = field(default_factory=Counter)
    missing: Counter = field(default_factory=Counter)
    unknown_tags: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict[str, Any]:
        return {"sentences_read": self.read, "sentences_kept": self.kept, "spans": dict(self.labels),
                "to_outside": dict(self.outside), "to_missing": dict(self.missing),
                "unknown_tags": dict(self.unknown_tags)}


def is_party(text: str, parties: PartyTable) -> bool:
    return _fold(text) in parties.names or (len(text) > 1 and text in parties.abbreviations)


def map_sentence(tokens: list[str], tags: list[str], spec: dict[str, Any], iob: bool, parties: PartyTable,
                 relabel: dict[str, str] | None, stats: CorpusStats
                 ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """(entity spans in our labels, missing token ranges) for one sentence."""
    ents: list[tuple[int, int, str]] = []
    missing: list[tuple[int, int]] = []
    mapping = spec["tags"]
    for start, end, tag in tag_spans(tags, iob):
        if tag in spec.get("missing", []):
            missing.append((start, end))
            stats.missing[tag] += 1
            continue
        if tag not in mapping:
            stats.unknown_tags[tag] += 1
            missing.append((start, end))
            continue
        label = mapping[tag]
        if label is None:
            stats.outside[tag] += 1
            continue
        if label == "DATE":
            part = date_span(tokens, start, end)
            if part is None:
                missing.append((start, end))
                stats.missing[f"{tag} (not a date shape)"] += 1
                continue
            start, end = part
        elif label == "MONEY":
            part = money_span(tokens, start, end)
            if part is None:
                stats.outside[f"{tag} (no currency word)"] += 1
                continue
            start, end = part
        if relabel and label == relabel["from"] and is_party(" ".join(tokens[start:end]), parties):
            label = relabel["to"]
        ents.append((start, end, label))
        stats.labels[label] += 1
    return ents, missing


def make_doc(vocab: Vocab, tokens: list[str], ents: list[tuple[int, int, str]],
             missing: list[tuple[int, int]]) -> Doc:
    doc = Doc(vocab, words=tokens, spaces=spaces_for(tokens))
    taken = {i for s, e, _ in ents for i in range(s, e)}
    unknown = sorted({i for s, e in missing for i in range(s, e)} - taken)
    ranges: list[list[int]] = []
    for i in unknown:
        if ranges and ranges[-1][1] == i:
            ranges[-1][1] = i + 1
        else:
            ranges.append([i, i + 1])
    doc.set_ents([Span(doc, s, e, label=lab) for s, e, lab in ents],
                 missing=[Span(doc, s, e) for s, e in ranges], default="outside")
    return doc


def rule_missing(doc: Doc, rule_doc: Doc, labels: set[str]) -> list[tuple[int, int]]:
    """Token ranges of rule spans (``labels``) that no corpus entity covers: to be left missing."""
    taken = [(e.start, e.end) for e in doc.ents]
    out = []
    for ent in rule_doc.ents:
        if ent.label_ not in labels:
            continue
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
        if span is None or any(span.start < e and s < span.end for s, e in taken):
            continue
        out.append((span.start, span.end))
    return out


def load_label_config(path: str | Path = LABELS_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_corpus(spec: dict[str, Any], root: Path) -> Iterator[Sentence]:
    reader = READERS[spec["format"]]
    for relative in spec["files"]:
        yield from reader(root / relative)


def sample(sentences: list[tuple[Sentence, bool]], spec: dict[str, Any], seed: int,
           max_sentences: int | None) -> list[Sentence]:
    """Every sentence with an entity, ``empty_share`` of the others, at most ``max_sentences``."""
    rng = random.Random(seed)
    share = spec.get("empty_share", 1.0)
    kept = [s for s, has_ent in sentences if has_ent or rng.random() < share]
    limit = max_sentences if max_sentences is not None else spec.get("max_sentences")
    if limit is not None and len(kept) > limit:
        kept = rng.sample(kept, limit)
    return kept


def convert_corpora(output: str | Path, rules: Language | None = None, names: Iterable[str] | None = None,
                    config: dict[str, Any] | None = None, root: str | Path | None = None, seed: int = 0,
                    max_sentences: int | None = None, vocab: Vocab | None = None) -> dict[str, Any]:
    """Convert the open corpora into one ``DocBin`` at ``output``; returns statistics per corpus.

    ``rules``: a pipeline whose ``doc.ents`` are the rule spans used for the missing marking (the
    svpol rule pipeline); ``None`` skips that step. ``max_sentences`` overrides each corpus's cap.
    """
    config = config or load_label_config()
    root = Path(root) if root else data_dir()
    vocab = vocab or Vocab()
    parties = default_party_table()
    relabel = config.get("party_relabel")
    rule_labels = set(config.get("rule_labels_missing", []))
    docbin = DocBin(store_user_data=True)
    report: dict[str, Any] = {}
    for name, spec in config["corpora"].items():
        if names is not None and name not in names:
            continue
        stats = CorpusStats()
        iob = spec["format"] == "iob2"
        mapped = []
        for tokens, tags in read_corpus(spec, root):
            stats.read += 1
            probe = CorpusStats()
            ents, _ = map_sentence(tokens, tags, spec, iob, parties, relabel, probe)
            mapped.append(((tokens, tags), bool(ents)))
        chosen = sample(mapped, spec, seed, max_sentences)
        docs = []
        for tokens, tags in chosen:
            ents, missing = map_sentence(tokens, tags, spec, iob, parties, relabel, stats)
            docs.append((tokens, ents, missing))
        built = [make_doc(vocab, t, e, m) for t, e, m in docs]
        if rules is not None and rule_labels:
            for i, rule_doc in enumerate(rules.pipe((d.text for d in built), batch_size=256)):
                extra = rule_missing(built[i], rule_doc, rule_labels)
                if extra:
                    tokens, ents, missing = docs[i]
                    stats.missing["rule span"] += len(extra)
                    built[i] = make_doc(vocab, tokens, ents, missing + extra)
        for doc in built:
            doc.user_data["svpol_corpus"] = name
            docbin.add(doc)
        stats.kept = len(built)
        report[name] = stats.to_dict()
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(output)
    return report
