"""``svpol doccano stats``: annotation effort per annotator, against the pushed pre-annotations.

For every document with a pushed record in svpol's side table (:mod:`.state`) the final spans are
compared with the pushed ones: a final span not pushed is *added*, a pushed span gone is *removed*,
and an added span overlapping a removed one counts once as *changed* (boundary or label fixed).
Topics likewise (added / removed). So a team sees what the pre-annotation saved: the share of pushed
spans kept unchanged.

Attribution: in a shared project doccano records who created each span and category and who marked
a document as done; an added or changed span goes to its creator, a removal (doccano keeps no record
of deletions) to the user who marked the document as done, else to ``(unattributed)``. In an
independent project each annotator's own labels (from the export) are compared with the pushed ones.

Time: the first and the last edit a user made that doccano records with a time (span and category
creation or change, marking as done), in shared projects; doccano does not show other users' labels
through its API in independent projects, so their times are not known there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .client import Connection, session
from .pull import META_ID, download_export
from .state import ProjectState

UNATTRIBUTED = "(unattributed)"

Span = tuple[int, int, str]


@dataclass
class Effort:
    user: str
    documents: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    topics_added: int = 0
    topics_removed: int = 0
    first_edit: str | None = None
    last_edit: str | None = None

    def saw(self, stamp: str | None) -> None:
        if stamp:
            self.first_edit = min(self.first_edit or stamp, stamp)
            self.last_edit = max(self.last_edit or stamp, stamp)

    @property
    def seconds(self) -> float | None:
        if not (self.first_edit and self.last_edit):
            return None
        return (datetime.fromisoformat(self.last_edit.replace("Z", "+00:00"))
                - datetime.fromisoformat(self.first_edit.replace("Z", "+00:00"))).total_seconds()


@dataclass
class EffortReport:
    project: str
    shared: bool
    documents: int  # documents with a pushed record
    pushed_spans: int
    kept_spans: int
    annotators: list[Effort]


def diff_spans(pushed: set[Span], final: set[Span]) -> tuple[list[Span], list[Span], list[tuple[Span, Span]]]:
    """(added, removed, changed pairs (removed, added)) of ``final`` against ``pushed``."""
    added = sorted(final - pushed)
    removed = sorted(pushed - final)
    pairs: list[tuple[Span, Span]] = []
    for a in list(added):
        r = next((r for r in removed if r[0] < a[1] and a[0] < r[1]), None)
        if r is not None:
            pairs.append((r, a))
            removed.remove(r)
            added.remove(a)
    return added, removed, pairs


def _pushed(record: dict[str, Any]) -> tuple[set[Span], set[str]]:
    return ({(int(s), int(e), str(lab)) for s, e, lab in record.get("label") or []},
            {str(c) for c in record.get("cats") or []})


def _shared_effort(conn: Connection, project_id: int, state: ProjectState,
                   efforts: dict[str, Effort]) -> tuple[int, int, int]:
    users = {u["id"]: u["username"] for u in _list(conn.api("GET", "users", "listing doccano users"))}
    span_types = {t.id: t.text for t in conn.call("listing span labels", conn.client.list_label_types,
                                                  project_id, "span")}
    cat_types = {t.id: t.text for t in conn.call("listing topic labels", conn.client.list_label_types,
                                                 project_id, "category")}
    docs = pushed_total = kept = 0
    for ex in conn.iter_examples(project_id):
        record = state.for_example(ex["id"], (ex.get("meta") or {}).get(META_ID))
        if record is None:
            continue
        docs += 1
        base = f"projects/{project_id}/examples/{ex['id']}"
        spans = _list(conn.api("GET", f"{base}/spans", "listing spans"))
        cats = _list(conn.api("GET", f"{base}/categories", "listing topics"))
        states = _list(conn.api("GET", f"{base}/states", "listing document states"))
        owner = {(s["start_offset"], s["end_offset"], span_types.get(s["label"], "?")): s for s in spans}
        pushed, pushed_cats = _pushed(record)
        added, removed, changed = diff_spans(pushed, set(owner))
        pushed_total += len(pushed)
        kept += len(pushed & set(owner))
        confirmers = [users.get(st.get("confirmed_by"), UNATTRIBUTED) for st in states]
        remover = confirmers[0] if len(confirmers) == 1 else UNATTRIBUTED
        touched: set[str] = set()

        def get(name: str, touched: set[str] = touched) -> Effort:
            touched.add(name)
            return efforts.setdefault(name, Effort(name))

        for span in added:
            e = get(users.get(owner[span]["user"], UNATTRIBUTED))
            e.added += 1
            e.saw(owner[span].get("created_at"))
            e.saw(owner[span].get("updated_at"))
        for _old, new in changed:
            e = get(users.get(owner[new]["user"], UNATTRIBUTED))
            e.changed += 1
            e.saw(owner[new].get("created_at"))
            e.saw(owner[new].get("updated_at"))
        if removed:
            get(remover).removed += len(removed)
        final_cats = {cat_types.get(c["label"], "?"): c for c in cats}
        for topic in set(final_cats) - pushed_cats:
            e = get(users.get(final_cats[topic]["user"], UNATTRIBUTED))
            e.topics_added += 1
            e.saw(final_cats[topic].get("created_at"))
        if pushed_cats - set(final_cats):
            get(remover).topics_removed += len(pushed_cats - set(final_cats))
        for st in states:
            get(users.get(st.get("confirmed_by"), UNATTRIBUTED)).saw(st.get("confirmed_at"))
        for name in touched:
            efforts[name].documents += 1
    return docs, pushed_total, kept


def _independent_effort(conn: Connection, project_id: int, state: ProjectState,
                        efforts: dict[str, Effort]) -> tuple[int, int, int]:
    files = download_export(conn, project_id, approved_only=False)
    docs: set[Any] = set()
    pushed_total = kept = 0
    for user, records in files.items():
        for rec in records:
            record = state.for_example(rec.get("id"), rec.get(META_ID))
            if record is None:
                continue
            pushed, pushed_cats = _pushed(record)
            if rec.get("id") not in docs:
                docs.add(rec.get("id"))
                pushed_total += len(pushed)
            final = {(int(s), int(e), str(lab)) for s, e, lab in rec.get("entities") or []}
            cats = {str(c) for c in rec.get("cats") or []}
            added, removed, changed = diff_spans(pushed, final)
            if not (added or removed or changed or cats != pushed_cats):
                continue
            e = efforts.setdefault(user, Effort(user))
            e.documents += 1
            e.added += len(added)
            e.removed += len(removed)
            e.changed += len(changed)
            e.topics_added += len(cats - pushed_cats)
            e.topics_removed += len(pushed_cats - cats)
    return len(docs), pushed_total, kept


def _list(payload: Any) -> list[dict[str, Any]]:
    if isinstance(payload, dict):
        return list(payload.get("results") or [])
    return list(payload or [])


def effort(project: str, conn: Connection | None = None) -> EffortReport:
    """Annotation effort per annotator in ``project`` (see the module docstring)."""
    with session(conn) as conn:
        proj = conn.require_project(project)
        state = ProjectState.load(conn.settings, project, proj.id)
        efforts: dict[str, Effort] = {}
        shared = bool(getattr(proj, "collaborative_annotation", False))
        if shared:
            docs, pushed, kept = _shared_effort(conn, proj.id, state, efforts)
        else:
            docs, pushed, kept = _independent_effort(conn, proj.id, state, efforts)
    annotators = sorted((e for e in efforts.values() if e.documents), key=lambda e: e.user)
    return EffortReport(project, shared, docs, pushed, kept, annotators)


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    minutes = int(round(seconds / 60))
    return f"{minutes // 60}:{minutes % 60:02d}"


def format_effort(report: EffortReport) -> str:
    """The report as a table (one line per annotator)."""
    lines = [f"project {report.project!r} ({'shared' if report.shared else 'independent'}): "
             f"{report.documents} pushed document(s) with {report.pushed_spans} pre-annotated span(s)"]
    if report.shared and report.pushed_spans:
        lines.append(f"pre-annotated spans kept unchanged: {report.kept_spans} "
                     f"({100 * report.kept_spans / report.pushed_spans:.0f}%)")
    head = ("annotator", "docs", "added", "removed", "changed", "topics +", "topics -", "first edit",
            "last edit", "h:mm")
    rows = [head] + [(e.user, str(e.documents), str(e.added), str(e.removed), str(e.changed),
                      str(e.topics_added), str(e.topics_removed), (e.first_edit or "-")[:19],
                      (e.last_edit or "-")[:19], _duration(e.seconds)) for e in report.annotators]
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    if not report.annotators:
        lines.append("(no edits yet)")
    return "\n".join(lines)
