"""Replay corrected gold as an annotator's edits in a pushed doccano project, then compare a pull.

The real-minutes gold was corrected from the pipeline's pre-annotations; this brings a batch of it
through the project's own doccano loop end to end, as issue #10 asks: ``svpol doccano push
--pre-annotate`` puts the texts and the model's suggestions on the server; this script logs in as an
annotator and, per document, deletes the suggestions the gold does not have, creates the spans it
lacks, sets the topics and marks the document done, all through doccano's API, exactly as the
annotation page would; ``svpol doccano pull --approved-only`` then brings the gold back, and
``compare`` checks it equals the gold file span for span.

    python scripts/doccano_replay.py apply --project P --gold GOLD.jsonl [--annotator NAME]
    python scripts/doccano_replay.py compare PULLED.jsonl GOLD.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.data import read_gold
from pipeline.doccano.client import Connection, Settings, connect

ANNOTATOR_PASSWORD = "Gold-7-corrections-kept"  # a local test user on the local server only


def apply(project_name: str, gold_path: Path, annotator: str) -> dict[str, int]:
    """Edit every pushed document of ``project_name`` that ``gold_path`` holds into its gold."""
    gold = {r["id"]: r for r in read_gold(gold_path)}
    counts = {"documents": 0, "deleted": 0, "created": 0}
    with connect() as admin:
        project = admin.require_project(project_name)
        admin.ensure_user(annotator, ANNOTATOR_PASSWORD)
        admin.ensure_member(project.id, annotator, "annotator")
    with Connection(Settings.from_env().with_user(annotator, ANNOTATOR_PASSWORD)).login() as conn:
        client = conn.client
        span_types = {t.text: t.id for t in client.list_label_types(project.id, "span")}
        cat_types = {t.text: t.id for t in client.list_label_types(project.id, "category")}
        for example in client.list_examples(project.id):
            record = gold.get(str(example.meta.get("doc_id")))
            if record is None:
                continue
            if example.text != record["text"]:
                raise SystemExit(f"{record['id']}: the pushed text differs from the gold's")
            want = {(s, e, label) for s, e, label in record["label"]}
            have = {}
            for span in client.list_spans(project.id, example.id):
                label = next(k for k, v in span_types.items() if v == span.label)
                have[(span.start_offset, span.end_offset, label)] = span.id
            for key, span_id in have.items():
                if key not in want:
                    client.delete_span(project.id, example.id, span_id)
                    counts["deleted"] += 1
            for start, end, label in sorted(want - set(have)):
                client.create_span(project.id, example.id, start, end, span_types[label])
                counts["created"] += 1
            for cat in client.list_categories(project.id, example.id):
                client.delete_category(project.id, example.id, cat.id)
            for topic in record["cats"]:
                client.create_category(project.id, example.id, cat_types[topic])
            client.update_example_state(project.id, example.id)
            counts["documents"] += 1
    return counts


def compare(pulled_path: Path, gold_path: Path) -> list[str]:
    """Differences between a pulled file and the gold (text, spans, norms, topics), per document."""
    gold = {r["id"]: r for r in read_gold(gold_path)}
    problems = []
    pulled = [json.loads(line) for line in pulled_path.read_text(encoding="utf-8").splitlines() if line]
    for r in pulled:
        g = gold.get(r["id"])
        if g is None:
            problems.append(f"{r['id']}: not in the gold")
            continue
        for key in ("text", "label", "norm", "cats"):
            a = sorted(map(tuple, r[key])) if key in ("label", "norm") else r[key]
            b = sorted(map(tuple, g[key])) if key in ("label", "norm") else g[key]
            if key == "norm":
                a, b = [json.dumps(x, sort_keys=True) for x in a], [json.dumps(x, sort_keys=True) for x in b]
            if a != b:
                problems.append(f"{r['id']}: {key} differs")
    missing = set(gold) - {r["id"] for r in pulled}
    problems += [f"{i}: not pulled" for i in sorted(missing)]
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("apply")
    a.add_argument("--project", required=True)
    a.add_argument("--gold", type=Path, required=True)
    a.add_argument("--annotator", default="svpol-replay")
    c = sub.add_parser("compare")
    c.add_argument("pulled", type=Path)
    c.add_argument("gold", type=Path)
    args = parser.parse_args()
    if args.cmd == "apply":
        print(json.dumps(apply(args.project, args.gold, args.annotator)))
        return
    problems = compare(args.pulled, args.gold)
    print("\n".join(problems) or "pulled = gold: every text, span, norm and topic")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
