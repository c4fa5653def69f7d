"""``svpol doccano push``: documents (with pre-annotations) into a doccano project.

Inputs (PATH may be a file or a folder of such files):
* ``*.jsonl`` - one document a line: ``{"id", "text", ...}``; gold records (``label``/``norm``/``cats``)
  bring their own annotations; stand-off records without ``text`` are resolved with
  :func:`pipeline.data.read_gold`;
* ``*.txt`` - one document per file, id = the file name without ``.txt``.

The project is created on first use (type ``IntentDetectionAndSlotFilling``: spans and document
categories together), with the span labels of ``configs/labels.json`` and the topics of
``configs/topics.json``; a later push reuses it. Documents are keyed by their id, kept in the
example's metadata (``doc_id``): a document already in the project is never uploaded again.

Pre-annotations: with ``--pre-annotate`` the pipeline's predictions (``doc_to_gold``); without it a
gold record's own ``label``/``cats``. They are uploaded as the pushing user's labels.

``--order uncertainty`` uploads the documents the model is least sure of first (doccano shows
documents in upload order): the expected number of errors in the document, from the NER beam's
span probabilities and the topic-score margins (:mod:`.uncertainty`). Ties keep the input order.
The value is shown to annotators in the metadata as ``uncertainty``; the pushed annotations are
kept in svpol's side table (:mod:`.state`), not in the metadata.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import load_labels, load_topics
from .client import PROJECT_TYPE, Connection, DoccanoError, session
from .pull import META_ID, GoldValidationError, cat_problems, jsonl_line, span_problems
from .state import ProjectState, text_sha256
from .uncertainty import score_docs

ORDERS = ("input", "uncertainty")
UPLOAD_ENCODING = "utf_8"  # stated on every import: doccano's guess stored "€" as "â‚¬"
_GOLD_KEYS = ("id", "text", "label", "norm", "cats")
# colours and keyboard keys for the guidelines' labels in the annotation screen
_SPAN_STYLE = {
    "PARTY": ("#1f77b4", "p"), "PERSON": ("#ff7f0e", "n"), "MONEY": ("#2ca02c", "m"),
    "DATE": ("#d62728", "d"), "ORG": ("#9467bd", "o"), "LOC": ("#8c564b", "l"), "CASE": ("#e377c2", "c"),
}
_EXTRA_COLOURS = ("#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5")
_CAT_COLOURS = ("#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363", "#6baed6", "#fd8d3c", "#74c476",
                "#9e9ac8", "#969696", "#9ecae1", "#fdae6b", "#a1d99b", "#bcbddc", "#bdbdbd")

GUIDELINE = """svpol annotation (spans + topics).
Follow the project's annotation guidelines (labels PARTY PERSON MONEY DATE ORG LOC CASE; topic ids).
Spans never overlap and carry no surrounding whitespace or punctuation. Correct the pre-annotations:
delete wrong spans, add missed ones, set the document's topics, then mark the document as done
(the check mark) so that `svpol doccano pull --approved-only` exports it.
See docs/annotation.md in the svpol repository."""


@dataclass
class PushReport:
    project: str
    project_id: int
    created: bool
    uploaded: int
    skipped: int
    dropped_spans: int


# -- reading documents ----------------------------------------------------------------------------
def _is_standoff(path: Path) -> bool:
    """A gold file whose lines name their text (``source``) instead of holding it."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                try:
                    record = json.loads(line)
                except ValueError:
                    return False
                return isinstance(record, dict) and "text" not in record and "source" in record
    return False


def read_documents(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Documents ``{"id", "text", ...}`` from text files, folders and JSONL files (through the
    project's one input reader, texts kept exactly as the source, not NFC-normalised, since gold
    offsets refer to the source; stand-off gold through ``read_gold``), in input order."""
    from pipeline.data import InputProblem, read_gold, read_inputs

    docs: list[dict[str, Any]] = []
    for path in map(Path, paths):
        if not path.exists():
            raise DoccanoError(f"no such file or folder: {path}")
        if path.is_file() and path.suffix in (".jsonl", ".json") and _is_standoff(path):
            docs.extend(dict(r) for r in read_gold(path))
            continue
        for item in read_inputs([path], nfc=False):
            if isinstance(item, InputProblem):
                raise DoccanoError(f"{item.source}: {item.message}")
            docs.append({"id": item.id, "text": item.text, **item.meta})
    seen: set[str] = set()
    for i, doc in enumerate(docs):
        if not doc.get("id"):
            raise DoccanoError(f"document #{i + 1} has no id")
        doc["id"] = str(doc["id"])
        if not isinstance(doc.get("text"), str) or not doc["text"].strip():
            raise DoccanoError(f"{doc['id']}: empty or missing text")
        if doc["id"] in seen:
            raise DoccanoError(f"{doc['id']}: document id given twice")
        seen.add(doc["id"])
    return docs


# -- predictions and uncertainty ------------------------------------------------------------------
def predict(
    docs: list[dict[str, Any]], nlp: Any = None, model: str | Path | None = None
) -> list[tuple[dict[str, Any], float]]:
    """(gold-format prediction, uncertainty) for each document, with ``nlp`` or ``load_pipeline(model)``."""
    try:
        from pipeline.data import doc_to_gold
    except ImportError as err:
        raise DoccanoError(f"pre-annotation needs pipeline.data.doc_to_gold ({err})") from None
    if nlp is None:
        try:
            from pipeline.api import load_pipeline
        except ImportError as err:
            raise DoccanoError(f"pre-annotation needs pipeline.api.load_pipeline ({err})") from None
        nlp = load_pipeline(model)
    processed = list(nlp.pipe(d["text"] for d in docs))
    scores = score_docs(nlp, processed)
    return [(doc_to_gold(doc, rec["id"]), u) for rec, doc, u in zip(docs, processed, scores, strict=True)]


# -- project setup --------------------------------------------------------------------------------
def ensure_project(conn: Connection, name: str, independent: bool | None) -> tuple[Any, bool]:
    project = conn.find_project(name)
    if project is not None:
        ptype = getattr(project.project_type, "value", project.project_type)
        if ptype != PROJECT_TYPE:
            raise DoccanoError(
                f"doccano project {name!r} exists with type {ptype}, not {PROJECT_TYPE}: "
                "choose another --project"
            )
        if independent is not None and bool(project.collaborative_annotation) == bool(independent):
            mode = "a shared" if project.collaborative_annotation else "an independent"
            raise DoccanoError(f"doccano project {name!r} already exists as {mode} project: "
                               "drop the option or choose another --project")
        return project, False
    project = conn.call(
        f"creating doccano project {name!r}",
        conn.client.create_project,
        name=name,
        project_type=PROJECT_TYPE,
        description=f"svpol: spans and topics ({'independent' if independent else 'shared'} annotation)",
        guideline=GUIDELINE,
        collaborative_annotation=not independent,
        allow_overlapping=False,
        single_class_classification=False,
        random_order=False,
    )
    return project, True


def ensure_label_types(
    conn: Connection, project_id: int, labels: list[str], topics: list[tuple[str, str]]
) -> None:
    existing = conn.call("listing span labels", conn.client.list_label_types, project_id, "span")
    have = {t.text for t in existing}
    used_keys = {t.suffix_key for t in existing if getattr(t, "suffix_key", None)}
    extra = iter(_EXTRA_COLOURS * 4)
    for label in labels:
        if label in have:
            continue
        colour, key = _SPAN_STYLE.get(label, (next(extra), None))
        if key in used_keys:
            key = None
        conn.call(f"creating span label {label}", conn.client.create_label_type, project_id, "span", label,
                  suffix_key=key, color=colour)
        used_keys.add(key)
    existing = conn.call("listing topic labels", conn.client.list_label_types, project_id, "category")
    have = {t.text for t in existing}
    for i, (topic_id, _name) in enumerate(topics):
        if topic_id not in have:
            conn.call(f"creating topic label {topic_id}", conn.client.create_label_type, project_id,
                      "category",
                      topic_id, color=_CAT_COLOURS[i % len(_CAT_COLOURS)])


def example_ids_by_doc(conn: Connection, project_id: int) -> dict[str, list[dict[str, Any]]]:
    """The project's examples grouped by the document id in their metadata."""
    out: dict[str, list[dict[str, Any]]] = {}
    for e in conn.iter_examples(project_id):
        meta = e.get("meta") if isinstance(e.get("meta"), dict) else {}
        if meta.get(META_ID) is not None:
            out.setdefault(str(meta[META_ID]), []).append(e)
    return out


def existing_doc_ids(conn: Connection, project_id: int) -> set[str]:
    return set(example_ids_by_doc(conn, project_id))


# -- upload ---------------------------------------------------------------------------------------
def _pushed_record(doc: dict[str, Any], ann: dict[str, Any], u: float | None) -> dict[str, Any]:
    """What svpol keeps of a pushed document (side table, never shown to annotators)."""
    record = {
        "doc_id": doc["id"],
        "sha256": text_sha256(doc["text"]),
        "label": ann.get("label") or [],
        "norm": ann.get("norm") or [],
        "cats": ann.get("cats") or [],
        "extra": {k: v for k, v in doc.items() if k not in _GOLD_KEYS},
    }
    if u is not None:
        record["uncertainty"] = u
    return record


def _upload_row(doc: dict[str, Any], ann: dict[str, Any], u: float | None) -> dict[str, Any]:
    """The JSONL line doccano imports: text, suggestions, and only short metadata (shown in the
    annotation page's sidebar: the document id, and the uncertainty when ordered by it)."""
    row = {
        "text": doc["text"],
        "entities": [[int(s), int(e), str(lab)] for s, e, lab in ann.get("label") or []],
        "cats": [str(c) for c in ann.get("cats") or []],
        META_ID: doc["id"],
    }
    if u is not None:
        row["uncertainty"] = round(u, 3)
    return row


def settle_import(conn: Connection, project_id: int, state: ProjectState, task_id: str) -> int:
    """Match a finished import's documents to their examples, check each text against its source
    (sha256), record them in the side table and remove the upload from the server's media.

    A document whose stored text differs is deleted from the project again (a re-push retries it)
    and named in the error; so is one that is missing after the import.
    """
    entry = state.pending[task_id]
    docs: dict[str, dict[str, Any]] = entry["docs"]
    by_doc = example_ids_by_doc(conn, project_id)
    bad: list[str] = []
    missing: list[str] = []
    for doc_id, record in docs.items():
        examples = by_doc.get(doc_id) or []
        if not examples:
            missing.append(doc_id)
            continue
        for ex in examples:
            if text_sha256(ex.get("text") or "") == record["sha256"]:
                state.examples[str(ex["id"])] = record
            else:
                bad.append(f"{doc_id} (example {ex['id']})")
                conn.api("DELETE", f"projects/{project_id}/examples/{ex['id']}",
                         f"removing the corrupted copy of {doc_id}")
    del state.pending[task_id]
    state.save()
    if entry.get("upload_id"):
        conn.remove_media(str(entry["upload_id"]))
    if bad:
        raise DoccanoError(
            f"{len(bad)} document(s) were stored with a different text than pushed (encoding?) and were "
            f"removed again: {', '.join(bad[:5])}{' ...' if len(bad) > 5 else ''}")
    if missing:
        raise DoccanoError(f"{len(missing)} pushed document(s) are missing after the import: "
                           f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}")
    return len(docs)


def _raise_import_errors(result: Any, what: str) -> None:
    errors = result.get("error") if isinstance(result, dict) else None
    if errors:
        first = errors[0]
        detail = first.get("message", first) if isinstance(first, dict) else first
        raise DoccanoError(f"{what}: the server rejected {len(errors)} line(s), first: {detail}")


def await_pending(conn: Connection, project_id: int, state: ProjectState) -> int:
    """Wait for imports an earlier push queued but did not see finish; never queue them again."""
    settled = 0
    present = existing_doc_ids(conn, project_id) if state.pending else set()  # one listing for all
    for task_id in list(state.pending):
        docs = state.pending[task_id]["docs"]
        if not set(docs) <= present:  # all there: it finished, settle it
            what = f"an earlier push's import of {len(docs)} document(s) (task {task_id}, still queued)"
            try:
                result = conn.wait_task(task_id, what) or {}
            except DoccanoError as err:
                raise DoccanoError(f"{err}; to give that import up, delete {state.path}") from None
            _raise_import_errors(result, what)
        settled += settle_import(conn, project_id, state, task_id)
    return settled


def upload_rows(conn: Connection, project_id: int, rows: list[dict[str, Any]],
                records: list[dict[str, Any]] | None = None, state: ProjectState | None = None) -> None:
    """Upload rows as UTF-8 JSONL (the encoding stated, never guessed by doccano), await the import
    and check the stored texts; the queued import is recorded first, so a timeout is recovered by
    the next push instead of importing the documents twice."""
    from doccano_client.repositories.data_upload import DataUploadRepository

    what = f"uploading {len(rows)} document(s) to doccano"
    repo = DataUploadRepository(conn.client._base_repository)
    with tempfile.TemporaryDirectory(prefix="svpol-doccano-") as tmp:
        path = Path(tmp) / "svpol-push.jsonl"
        with path.open("w", encoding="utf-8", newline="\n") as f:
            for row in rows:
                f.write(jsonl_line(row))
        upload_id = conn.call(what, repo.upload, str(path))
        task_id = conn.call(what, repo.ingest, project_id, [upload_id], PROJECT_TYPE, "JSONL",
                            encoding=UPLOAD_ENCODING)
    if state is not None:
        docs = {r[META_ID]: rec for r, rec in zip(rows, records or [], strict=True)}
        state.pending[task_id] = {"upload_id": upload_id, "docs": docs}
        state.save()
    try:
        result = conn.wait_task(task_id, what) or {}
    except DoccanoError as err:
        if state is None:
            raise
        raise DoccanoError(f"{err}; the import stays queued: push again to await it "
                           "(it is not queued twice)") from None
    _raise_import_errors(result, what)
    if state is not None:
        settle_import(conn, project_id, state, task_id)


def push(
    paths: Iterable[Path],
    project: str,
    pre_annotate: bool = False,
    order: str = "input",
    independent: bool | None = None,
    conn: Connection | None = None,
    nlp: Any = None,
    model: str | Path | None = None,
) -> PushReport:
    """Create or reuse ``project`` and upload the documents of ``paths`` that it does not hold yet."""
    if order not in ORDERS:
        raise DoccanoError(f"unknown --order {order!r} (choose from {', '.join(ORDERS)})")
    docs = read_documents(paths)
    labels = load_labels()
    topics = load_topics()
    topic_ids = [t for t, _ in topics]

    with session(conn) as conn:
        proj, created = ensure_project(conn, project, independent)
        ensure_label_types(conn, proj.id, labels, topics)
        state = ProjectState.load(conn.settings, project, proj.id)
        await_pending(conn, proj.id, state)
        known = existing_doc_ids(conn, proj.id) if not created else set()
        new_docs = [d for d in docs if d["id"] not in known]

        predictions: list[tuple[dict[str, Any], float]] | None = None
        if new_docs and (pre_annotate or order == "uncertainty"):
            predictions = predict(new_docs, nlp, model)

        problems: list[str] = []
        dropped = 0
        rows = []
        for i, doc in enumerate(new_docs):
            if pre_annotate and predictions is not None:
                ann = dict(predictions[i][0])
                spans = ann.get("label") or []
                # a model's misfit spans are dropped (left for the annotator), not fatal
                keep = [sp for sp in spans if not span_problems(doc["id"], doc["text"], [sp], labels)]
                keep = _drop_overlaps(keep)
                if len(keep) != len(spans):
                    dropped += len(spans) - len(keep)
                    kept = {(sp[0], sp[1]) for sp in keep}
                    ann["label"] = keep
                    ann["norm"] = [n for n in ann.get("norm") or [] if (n[0], n[1]) in kept]
                ann["cats"] = [c for c in ann.get("cats") or [] if c in topic_ids]
            else:
                ann = {k: doc.get(k) or [] for k in ("label", "norm", "cats")}
                problems.extend(span_problems(doc["id"], doc["text"], ann["label"], labels))
                problems.extend(cat_problems(doc["id"], ann["cats"], topic_ids))
            u = predictions[i][1] if predictions is not None and order == "uncertainty" else None
            rows.append((i, u, _upload_row(doc, ann, u), _pushed_record(doc, ann, u)))
        if problems:
            raise GoldValidationError(problems, "input")
        if order == "uncertainty":
            rows.sort(key=lambda r: (-(r[1] or 0.0), r[0]))
        if rows:
            upload_rows(conn, proj.id, [r[2] for r in rows], [r[3] for r in rows], state)
    return PushReport(project=project, project_id=proj.id, created=created, uploaded=len(rows),
                      skipped=len(docs) - len(new_docs), dropped_spans=dropped)


def _drop_overlaps(spans: list[list[Any]]) -> list[list[Any]]:
    """Keep the first (then longest) of overlapping spans."""
    out: list[list[Any]] = []
    for s in sorted(spans, key=lambda x: (x[0], -(x[1] - x[0]))):
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out
