"""``svpol doccano pull``: export a doccano project, validate it against the guidelines, write gold JSONL.

The export is doccano's own (JSONL, zipped, made by its task worker). Every record becomes one gold
line ``{"id", "text", "label", "norm", "cats", ...}`` in the guidelines' format:

* ``id`` is the document id that ``push`` stored in the example's metadata (``doc_id``); what was
  pushed (annotations, the record's other fields, the text's sha256) comes from svpol's side table
  (:mod:`.state`), not from doccano, so annotators never see it;
* ``label`` holds the spans sorted by offset; ``cats`` the topic ids;
* ``norm`` is recomputed with :func:`pipeline.normalize.normalize` for PARTY/MONEY/DATE spans, except
  that a span which is unchanged since the push keeps the pushed value (so a round trip is lossless);
* other fields of the pushed record (``genre``, ``source``, ``sha256``...) come back as they were.

Validation (all problems are collected, nothing is written if there is one): offsets inside the
text, no surrounding whitespace or punctuation (quotes, dashes and a final full stop included), no
span starting or ending inside a word, no overlaps, only labels from ``configs/labels.json`` and
topics from ``configs/topics.json``, and a text unchanged since the push. Each problem names the
document id and doccano's example id with its annotation page (doccano's search cannot find a doc id).
"""

from __future__ import annotations

import functools
import io
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.writers import escape_line_breaks
from . import NORM_LABELS, load_labels, load_topics
from .client import Connection, DoccanoError, session
from .state import ProjectState, text_sha256

META_ID = "doc_id"  # the document id in an example's metadata
META_STATE = "svpol_state"  # legacy (pushes before the side table): the pushed state in the metadata

# Punctuation the guidelines keep out of a span: quotes of every kind, dashes, brackets, and a
# sentence's final full stop (``Kommunstyrelsen.``, ``12 mnkr.``); a closing bracket is allowed at
# the end only when the span opened it.
_QUOTES = "\"'«»“”„‘’‚‹›"
_DASHES = "-‐‑‒–—―"
_BAD_START = set(",;:!?.([{)]}/" + _QUOTES + _DASHES)
_BAD_END = set(",;:!?([{/" + _QUOTES + _DASHES)
# a final "." is fine only after an abbreviation-like token (one letter: "A.", or inside "m.fl.")
_MAX_SHOWN = 20


class GoldValidationError(DoccanoError):
    """Spans or topics that break the guidelines; ``problems`` lists them, each naming its document."""

    def __init__(self, problems: list[str], source: str = "export"):
        self.problems = problems
        shown = problems[:_MAX_SHOWN]
        more = f"\n... and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        super().__init__(
            f"{len(problems)} annotation problem(s) in the {source}, nothing written:\n"
            + "\n".join(shown) + more
        )


def span_problems(doc_id: str, text: str, spans: Iterable[Any], labels: Iterable[str]) -> list[str]:
    """Guideline problems of ``[start, end, label]`` spans in ``text`` (empty list: all fine)."""
    known = set(labels)
    problems: list[str] = []
    ok: list[tuple[int, int, str]] = []
    for span in spans:
        try:
            start, end, label = int(span[0]), int(span[1]), str(span[2])
        except (TypeError, ValueError, IndexError):
            problems.append(f"{doc_id}: malformed span {span!r}")
            continue
        where = f"{doc_id}: span [{start}, {end}) {label}"
        if label not in known:
            problems.append(f"{where}: unknown label {label!r} (known: {', '.join(sorted(known))})")
            continue
        if not 0 <= start < end <= len(text):
            problems.append(f"{where}: offsets outside the text (length {len(text)})")
            continue
        surface = text[start:end]
        where += f" {surface!r}"
        if surface != surface.strip():
            problems.append(f"{where}: misaligned, surrounding whitespace")
            continue
        if _bad_start(surface):
            problems.append(f"{where}: misaligned, starts with punctuation")
            continue
        if (surface[-1] in _BAD_END or (surface[-1] in ")]}" and not any(c in surface for c in "([{"))
                or (surface[-1] == "." and not _abbreviation_end(surface))):
            problems.append(f"{where}: misaligned, ends with punctuation")
            continue
        if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            problems.append(f"{where}: misaligned, starts inside a word")
            continue
        if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            problems.append(f"{where}: misaligned, ends inside a word")
            continue
        ok.append((start, end, label))
    ok.sort()
    for (s1, e1, l1), (s2, e2, l2) in zip(ok, ok[1:], strict=False):
        if s2 < e1:
            problems.append(
                f"{doc_id}: span [{s2}, {e2}) {l2} {text[s2:e2]!r} overlaps [{s1}, {e1}) {l1} {text[s1:e1]!r}"
            )
    return problems


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from . import config_dir

    path = config_dir() / "span_edges.json"
    if not path.is_file():
        return frozenset()
    return frozenset(a.lower() for a in json.loads(path.read_text(encoding="utf-8")).get("abbreviations", []))


def _abbreviation_end(surface: str) -> bool:
    """A span ending in "." keeps it only for an abbreviation: a one-letter or dotted last word
    ("Carl B.", "m.fl.") or one listed in ``configs/span_edges.json`` ("90 kr.")."""
    words = surface.split()
    last = words[-1] if words else ""
    stem = last[:-1]
    return (len(stem) == 1 and stem.isalpha()) or "." in stem or last.lower() in _abbreviations()


def _bad_start(surface: str) -> bool:
    """Punctuation at the start; a minus before a digit ("-15,6 mnkr") is part of the amount."""
    if surface[0] in "-−" and surface[1:2].isdigit():
        return False
    return surface[0] in _BAD_START


def cat_problems(doc_id: str, cats: Iterable[Any], topics: Iterable[str]) -> list[str]:
    known = set(topics)
    return [
        f"{doc_id}: unknown topic {cat!r} (known: {', '.join(sorted(known))})"
        for cat in cats if cat not in known
    ]


def _normalizer() -> Callable[[str, str], Any]:
    try:
        from pipeline.normalize import normalize
    except ImportError as err:  # pragma: no cover - the core package provides it
        raise DoccanoError(f"cannot compute norm values: pipeline.normalize is missing ({err})") from None
    return normalize


@dataclass
class _Pushed:
    label: list[list[Any]] = field(default_factory=list)
    norm: list[list[Any]] = field(default_factory=list)
    cats: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def _pushed_state(record: dict[str, Any], side: dict[str, Any] | None = None) -> _Pushed:
    """What was pushed: the side-table record, else (older pushes) the ``svpol_state`` metadata."""
    raw = side if side is not None else record.get(META_STATE)
    if not raw:
        return _Pushed()
    try:
        state = json.loads(raw) if isinstance(raw, str) else dict(raw)
    except (TypeError, ValueError):
        return _Pushed()
    return _Pushed(
        label=[list(x) for x in state.get("label") or []],
        norm=[list(x) for x in state.get("norm") or []],
        cats=list(state.get("cats") or []),
        extra=dict(state.get("extra") or {}),
    )


def export_record_to_gold(
    record: dict[str, Any],
    labels: list[str],
    topics: list[str],
    normalize: Callable[[str, str], Any],
    problems: list[str],
    side: dict[str, Any] | None = None,
    where: str | None = None,
) -> dict[str, Any]:
    """One doccano export record -> one gold record; guideline problems are appended to ``problems``.

    ``side`` is the pushed record from the side table; ``where`` names the document in problems
    (default: its id and doccano example id)."""
    doc_id = str(record.get(META_ID) or f"doccano-{record.get('id')}")
    where = where or f"{doc_id} (doccano example {record.get('id')})"
    text = record.get("text") or ""
    pushed = _pushed_state(record, side)
    if side is not None and side.get("sha256") and side["sha256"] != text_sha256(text):
        problems.append(f"{where}: the text differs from the pushed one (sha256)")

    raw_spans = record.get("entities") or record.get("label") or []
    spans: list[tuple[int, int, str]] = []
    seen: set[tuple[int, int, str]] = set()
    found = span_problems(where, text, raw_spans, labels)
    problems.extend(found)
    if not found:
        for s in raw_spans:
            key = (int(s[0]), int(s[1]), str(s[2]))
            if key not in seen:  # two users adding the same span in a shared project
                seen.add(key)
                spans.append(key)
    spans.sort()

    cats_in = [str(c) for c in record.get("cats") or []]
    problems.extend(cat_problems(where, cats_in, topics))
    cat_set = set(cats_in)

    pushed_spans = [(int(s[0]), int(s[1]), str(s[2])) for s in pushed.label]
    pushed_norm = {(int(n[0]), int(n[1])): n[2] for n in pushed.norm if len(n) >= 3}
    unchanged = set(pushed_spans)
    if set(spans) == unchanged and len(spans) == len(pushed_spans):
        spans = pushed_spans  # keep the pushed order for an unedited document
    norm = []
    for start, end, label in spans:
        if label not in NORM_LABELS:
            continue
        if (start, end, label) in unchanged and (start, end) in pushed_norm:
            value = pushed_norm[(start, end)]
        else:
            value = normalize(label, text[start:end])
        norm.append([start, end, value])

    if cat_set == set(pushed.cats):
        cats = list(pushed.cats)
    else:
        cats = [t for t in topics if t in cat_set] + sorted(cat_set - set(topics))

    gold: dict[str, Any] = {"id": doc_id, "text": text}
    gold.update({k: v for k, v in pushed.extra.items() if k not in ("id", "text", "label", "norm", "cats")})
    gold["label"] = [[s, e, lab] for s, e, lab in spans]
    gold["norm"] = norm
    gold["cats"] = cats
    return gold


def export_to_gold(
    records: Iterable[dict[str, Any]],
    source: str = "export",
    state: Any = None,
    where: Callable[[dict[str, Any]], str] | None = None,
) -> list[dict[str, Any]]:
    """Doccano export records -> validated gold records (raises :class:`GoldValidationError`).

    ``state`` is the project's :class:`~.state.ProjectState` (the pushed records); ``where(record)``
    names a record's document in problems."""
    labels = load_labels()
    topics = [t for t, _ in load_topics()]
    normalize = _normalizer()
    problems: list[str] = []
    out = []
    for r in records:
        side = state.for_example(r.get("id"), r.get(META_ID)) if state is not None else None
        out.append(export_record_to_gold(r, labels, topics, normalize, problems, side,
                                         where(r) if where else None))
    ids = [g["id"] for g in out]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    problems.extend(f"{d}: document id occurs more than once" for d in dupes)
    if problems:
        raise GoldValidationError(problems, source)
    return out


def jsonl_line(row: dict[str, Any]) -> str:
    """One UTF-8 JSONL line; the separators that a reader might split lines on (U+2028, U+2029,
    U+0085: ``str.splitlines`` does) are escaped."""
    return escape_line_breaks(json.dumps(row, ensure_ascii=False)) + "\n"


def write_gold(path: Path, records: Iterable[dict[str, Any]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(jsonl_line(rec))
            n += 1
    tmp.replace(path)
    return n


def download_export(
    conn: Connection, project_id: int, approved_only: bool
) -> dict[str, list[dict[str, Any]]]:
    """Run doccano's JSONL export and return ``{file stem: records}`` from the zip it makes."""
    what = "exporting the doccano project"
    started = conn.api(
        "POST", f"projects/{project_id}/download", what,
        json={"format": "JSONL", "exportApproved": approved_only},
    )
    task_id = started["task_id"]
    zip_path = conn.wait_task(task_id, what)
    url = f"{conn.settings.url}/v1/projects/{project_id}/download"
    from .client import translate_errors

    with translate_errors(f"{what} (download)", conn.settings):
        resp = conn.session.get(url, params={"taskId": task_id})
        resp.raise_for_status()
        payload = resp.content
    files: dict[str, list[dict[str, Any]]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(payload)) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".jsonl"):
                    continue
                # split on "\n" only: str.splitlines() also splits inside texts (U+2028, U+0085)
                lines = zf.read(name).decode("utf-8").split("\n")
                files[Path(name).stem] = [json.loads(line) for line in lines if line.strip()]
    except (zipfile.BadZipFile, ValueError) as err:
        raise DoccanoError(f"{what}: the server's export is not a readable JSONL zip ({err})") from None
    finally:
        # the zip holds every text and label: it does not stay in the server's media folder
        if isinstance(zip_path, str):
            conn.remove_media(Path(zip_path).name)
    return files


@dataclass
class PullReport:
    project: str
    out: Path | None
    documents: int
    per_annotator: dict[str, int]


def pull(
    project: str,
    out: Path | None,
    approved_only: bool = False,
    per_annotator: Path | None = None,
    annotator: str | None = None,
    conn: Connection | None = None,
) -> PullReport:
    """Export ``project`` and write gold JSONL to ``out`` and/or one file per annotator to ``per_annotator``.

    In a shared project (the default of ``push``) ``out`` gets everyone's labels together. In a project
    pushed with ``--independent`` each annotator's labels are separate: ``out`` gets those of
    ``annotator`` (default: the logged-in user) and ``per_annotator`` gets ``<username>.jsonl`` for every
    member who has documents in the export.
    """
    if out is None and per_annotator is None:
        raise DoccanoError("nothing to write: give -o OUT.jsonl and/or --per-annotator DIR")
    with session(conn) as conn:
        proj = conn.require_project(project)
        state = ProjectState.load(conn.settings, project, proj.id)
        files = download_export(conn, proj.id, approved_only)
        position = {e["id"]: n for n, e in enumerate(conn.iter_examples(proj.id), start=1)}
        who = annotator or conn.settings.username
    collaborative = bool(getattr(proj, "collaborative_annotation", False))
    base = conn.settings.url

    def where(record: dict[str, Any]) -> str:
        """The doc id, doccano's example id and its annotation page (doccano's search cannot find
        a doc id)."""
        doc_id = str(record.get(META_ID) or f"doccano-{record.get('id')}")
        page = position.get(record.get("id"))
        url = f"{base}/projects/{proj.id}/intent-detection-and-slot-filling?page={page}" if page else ""
        return f"{doc_id} (doccano example {record.get('id')}{', ' + url if url else ''})"

    written: dict[str, int] = {}
    main: list[dict[str, Any]] | None = None
    if collaborative:
        if per_annotator is not None:
            raise DoccanoError(
                f"project {project!r} is shared (annotators see each other's labels), so it has no "
                "per-annotator export: push to a new project with --independent for an agreement study"
            )
        main = export_to_gold(files.get("all", []), f"export of {project!r}", state, where)
    else:
        gold_by_user = {
            user: export_to_gold(records, f"export of {project!r} for {user!r}", state, where)
            for user, records in files.items()
        }
        if out is not None:
            if who not in gold_by_user:
                raise DoccanoError(
                    f"project {project!r} has no export for annotator {who!r} "
                    f"(members: {', '.join(sorted(gold_by_user)) or 'none'}; use --annotator)"
                )
            main = gold_by_user[who]
        if per_annotator is not None:
            per_annotator.mkdir(parents=True, exist_ok=True)
            for user, gold in gold_by_user.items():
                if gold:
                    written[user] = write_gold(per_annotator / f"{user}.jsonl", gold)

    if out is not None and main is not None and not main:
        which = "approved (marked as done) " if approved_only else ""
        raise DoccanoError(f"project {project!r} has no {which}documents to export: {out} left as it was")
    n = write_gold(out, main) if out is not None and main is not None else 0
    return PullReport(project=project, out=out, documents=n, per_annotator=written)


def read_export_dir(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Records of an unzipped or zipped doccano export on disk (for offline checks)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf, tempfile.TemporaryDirectory() as tmp:
            zf.extractall(tmp)
            return read_export_dir(Path(tmp))
    return {
        p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").split("\n") if line.strip()]
        for p in sorted(path.glob("*.jsonl"))
    }
