"""Parts of the doccano workflow that need no server: validation, conversion, agreement, settings."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.doccano import load_labels, load_topics
from pipeline.doccano.agreement import agreement, cohen_kappa, format_table, krippendorff_alpha_nominal
from pipeline.doccano.client import Settings, read_env_file
from pipeline.doccano.pull import GoldValidationError, export_to_gold, span_problems
from pipeline.doccano.push import _pushed_record, _upload_row, read_documents
from pipeline.doccano.state import ProjectState
from pipeline.doccano.uncertainty import uncertainty

LABELS = ["PARTY", "PERSON", "MONEY", "DATE", "ORG", "LOC", "CASE"]
TEXT = "Abit Dundar m.fl. (L) föreslår att Stockholms stad avsätter 35,3 mnkr den 16 maj 2016."


def test_configs_give_the_guidelines_labels_and_topics():
    assert set(LABELS) <= set(load_labels())
    assert {"extremism", "aldreomsorg", "socialtjanst"} <= {t for t, _ in load_topics()}


def test_good_spans_pass():
    spans = [[0, 11, "PERSON"], [19, 20, "PARTY"], [35, 50, "ORG"], [60, 69, "MONEY"], [74, 85, "DATE"]]
    assert [TEXT[s:e] for s, e, _ in spans] == [
        "Abit Dundar", "L", "Stockholms stad", "35,3 mnkr", "16 maj 2016"]
    assert span_problems("d", TEXT, spans, LABELS) == []


@pytest.mark.parametrize(
    ("span", "needle"),
    [
        ([18, 21, "PARTY"], "starts with punctuation"),  # "(L)" -> only the letter is the span
        ([19, 21, "PARTY"], "ends with punctuation"),  # "L)"
        ([0, 12, "PERSON"], "whitespace"),  # "Abit Dundar "
        ([0, 9, "PERSON"], "ends inside a word"),  # "Abit Dund"
        ([2, 11, "PERSON"], "starts inside a word"),  # "it Dundar"
        ([0, 11, "POLITICIAN"], "unknown label"),
        ([80, 200, "DATE"], "outside the text"),
        ([85, 86, "DATE"], "starts with punctuation"),  # "."
    ],
)
def test_bad_spans_are_named(span, needle):
    problems = span_problems("doc-7", TEXT, [span], LABELS)
    assert len(problems) == 1 and problems[0].startswith("doc-7: ") and needle in problems[0]


def test_overlap_is_named():
    problems = span_problems("doc-8", TEXT, [[35, 50, "ORG"], [35, 45, "LOC"]], LABELS)
    assert len(problems) == 1 and "doc-8" in problems[0] and "overlaps" in problems[0]


def _export_record(**kw):
    rec = {"id": 5, "text": TEXT, "doc_id": "doc-9", "entities": [], "cats": [], "Comments": []}
    rec.update(kw)
    return rec


def test_export_to_gold_recomputes_norm_and_keeps_pushed_values():
    pushed = {"label": [[19, 20, "PARTY"]], "norm": [[19, 20, "PUSHED"]], "cats": ["extremism"],
              "extra": {"genre": "minutes"}}
    rec = _export_record(entities=[[74, 85, "DATE"], [19, 20, "PARTY"]], cats=["socialtjanst"],
                         svpol_state=json.dumps(pushed))
    (gold,) = export_to_gold([rec])
    assert gold["id"] == "doc-9" and gold["genre"] == "minutes"
    assert gold["label"] == [[19, 20, "PARTY"], [74, 85, "DATE"]]
    # the unchanged PARTY span keeps its pushed norm; the new DATE span is normalised afresh
    assert gold["norm"] == [[19, 20, "PUSHED"], [74, 85, "2016-05-16"]]
    assert gold["cats"] == ["socialtjanst"]
    assert set(gold) >= {"id", "text", "label", "norm", "cats"}


def test_export_to_gold_rejects_bad_records_naming_the_document():
    recs = [_export_record(entities=[[35, 50, "ORG"], [46, 50, "LOC"]]),
            _export_record(doc_id="doc-10", entities=[[0, 11, "WHO"]], cats=["weather"])]
    with pytest.raises(GoldValidationError) as err:
        export_to_gold(recs)
    text = str(err.value)
    assert "doc-9" in text and "overlaps" in text
    assert "doc-10" in text and "unknown label 'WHO'" in text and "unknown topic 'weather'" in text
    assert len(err.value.problems) == 3


def test_upload_row_round_trips_through_export_format(tmp_path: Path):
    doc = {"id": "doc-1", "text": TEXT, "genre": "minutes", "sha256": "abc"}
    ann = {"label": [[0, 11, "PERSON"], [19, 20, "PARTY"]], "norm": [[19, 20, "L"]], "cats": ["extremism"]}
    row = _upload_row(doc, ann, 0.25)
    # the metadata annotators see holds no suggestions: only the doc id and the uncertainty
    assert set(row) == {"text", "entities", "cats", "doc_id", "uncertainty"}
    state = ProjectState(tmp_path / "p.json", "p", 1, examples={"1": _pushed_record(doc, ann, 0.25)})
    state.save()
    assert (tmp_path / "p.json").stat().st_mode & 0o777 == 0o600
    # what doccano's export gives back for an unedited document: meta flattened, labels as tuples
    exported = {"id": 1, "text": row["text"], "doc_id": row["doc_id"], "uncertainty": 0.25,
                "entities": row["entities"], "cats": row["cats"], "Comments": []}
    (gold,) = export_to_gold([exported], state=state)
    assert gold == {"id": "doc-1", "text": TEXT, "genre": "minutes", "sha256": "abc", **ann}


def test_uncertainty_prefers_scores_near_half():
    import spacy

    nlp = spacy.blank("sv")
    sure, unsure = nlp("a"), nlp("b")
    sure.cats = {"extremism": 0.95, "aldreomsorg": 0.02}
    unsure.cats = {"extremism": 0.55, "aldreomsorg": 0.02}
    assert uncertainty(unsure) > uncertainty(sure)
    assert uncertainty(nlp("c")) == 0.0


def test_read_documents(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "x", "text": "Hej"}) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Text två", encoding="utf-8")
    docs = read_documents([tmp_path])
    assert [(d["id"], d["text"]) for d in docs] == [("x", "Hej"), ("b", "Text två")]


def test_settings_from_env_and_dotenv(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text('# comment\nexport DOCCANO_USERNAME="anna"\nDOCCANO_PASSWORD=s3cret-value\n'
                        "DOCCANO_PORT=8123\n", encoding="utf-8")
    assert read_env_file(env_file)["DOCCANO_USERNAME"] == "anna"
    s = Settings.from_env({"DOCCANO_PASSWORD": "from-env"}, env_file=str(env_file))
    assert (s.url, s.username, s.password) == ("http://127.0.0.1:8123", "anna", "from-env")
    assert "from-env" not in repr(s) and "s3cret" not in repr(s)


def _write(folder: Path, name: str, docs: list[dict]) -> None:
    with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d) + "\n")


def test_agreement_figures(tmp_path: Path):
    text = "x" * 50
    a = [{"id": "1", "text": text, "label": [[0, 2, "PARTY"], [5, 9, "PERSON"]], "cats": ["extremism"]},
         {"id": "2", "text": text, "label": [[0, 3, "DATE"]], "cats": []},
         {"id": "only-a", "text": text, "label": [[0, 1, "LOC"]], "cats": []}]
    b = [{"id": "1", "text": text, "label": [[0, 2, "PARTY"], [5, 8, "PERSON"]], "cats": ["extremism"]},
         {"id": "2", "text": text, "label": [[0, 3, "DATE"]], "cats": ["socialtjanst"]}]
    _write(tmp_path, "anna", a)
    _write(tmp_path, "bo", b)
    res = agreement(tmp_path)
    (pair,) = res["pairs"]
    assert pair["documents"] == 2
    assert pair["span_f1"]["PARTY"]["f1"] == 1.0
    assert pair["span_f1"]["PERSON"]["f1"] == 0.0
    assert pair["span_f1"]["ALL"]["f1"] == pytest.approx(2 * 2 / 6)
    assert pair["topic_kappa"]["extremism"] == 1.0
    assert pair["topic_kappa"]["aldreomsorg"] is None  # nobody used it: undefined
    assert res["topic_alpha"]["extremism"] == 1.0
    table = format_table(res)
    assert "anna vs bo" in table and "PERSON" in table


def test_kappa_and_alpha_reference_values():
    # po = 4/5, pe = (3*2 + 2*3)/25
    assert cohen_kappa([1, 1, 0, 0, 1], [1, 1, 0, 0, 0]) == pytest.approx((0.8 - 0.48) / (1 - 0.48))
    # two coders, four units
    units = [[1, 1], [0, 0], [1, 0], [0, 0]]
    # coincidences: o11=2, o00=4, o10=o01=1; n1=3, n0=5, n=8; De=(3*5*2)/7; Do=2 -> alpha = 1 - 2*7/30
    assert krippendorff_alpha_nominal(units) == pytest.approx(1 - 2 * 7 / 30)
    assert krippendorff_alpha_nominal([[1, 1], [1, 1]]) is None


def test_cli_agreement_prints_table_and_writes_json(tmp_path: Path):
    text = "y" * 20
    _write(tmp_path, "a", [{"id": "1", "text": text, "label": [[0, 2, "ORG"]], "cats": ["extremism"]}])
    _write(tmp_path, "b", [{"id": "1", "text": text, "label": [[0, 2, "ORG"]], "cats": []}])
    out = tmp_path / "agreement.json"
    r = subprocess.run([sys.executable, "-m", "pipeline.doccano.cli", "agreement", str(tmp_path), "--json",
                        str(out)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "a vs b" in r.stdout
    assert json.loads(out.read_text())["pairs"][0]["span_f1"]["ORG"]["f1"] == 1.0


def test_cli_agreement_needs_two_files(tmp_path: Path):
    r = subprocess.run([sys.executable, "-m", "pipeline.doccano.cli", "agreement", str(tmp_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert r.stderr.startswith("error: ") and "Traceback" not in r.stderr


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.doccano.cli", *args], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=120)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("command", ["push", "pull"])
def test_down_server_gives_one_line_error(command: str, tmp_path: Path):
    src = tmp_path / "d.txt"
    src.write_text("Hej Sverige.", encoding="utf-8")
    if command == "push":
        command = ["push", str(src), "--project", "x"]
    else:
        command = ["pull", "--project", "x", "-o", str(tmp_path / "o.jsonl")]
    r = _cli(*command, env={"DOCCANO_URL": f"http://127.0.0.1:{_free_port()}", "DOCCANO_RETRIES": "1"})
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert "cannot reach doccano" in lines[0] and "make doccano-up" in lines[0]


class _FlakyHandler:
    """A local HTTP server: GET /v1/flaky answers 503 twice, then 200; /v1/broken always 500."""

    @staticmethod
    def start():
        import http.server
        import threading

        calls = {"flaky": 0, "broken": 0}

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                name = self.path.rsplit("/", 1)[-1]
                calls[name] = calls.get(name, 0) + 1
                ok = name == "flaky" and calls[name] > 2
                body = b'{"ok": true}' if ok else b'{"detail": "busy"}'
                self.send_response(200 if ok else 503 if name == "flaky" else 500)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # quiet
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server, calls


def test_server_errors_are_retried_then_reported_in_one_line():
    from pipeline.doccano.client import Connection, DoccanoError

    server, calls = _FlakyHandler.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        conn = Connection(Settings(url=url, username="u", password="p", retries=3))
        assert conn.api("GET", "flaky", "reading flaky") == {"ok": True}
        assert calls["flaky"] == 3
        with pytest.raises(DoccanoError) as err:
            conn.api("GET", "broken", "reading broken")
        assert calls["broken"] == 4  # the first try and three retries
        msg = str(err.value)
        assert "\n" not in msg and "HTTP 500" in msg and "server log" in msg
    finally:
        server.shutdown()


def test_push_help_names_the_default_model():
    from typer.testing import CliRunner

    from pipeline.api import DEFAULT_MODEL_DIR
    from pipeline.doccano.cli import app

    result = CliRunner().invoke(app, ["push", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert f"models/{DEFAULT_MODEL_DIR.name}" in " ".join(result.output.split())


@pytest.mark.parametrize("surface", ["Kommunstyrelsen.", "12 mnkr.", "Norra”", "'Sida'", "– Kista", "«Kista»"])
def test_edge_punctuation_is_refused(surface: str):
    text = f"Se {surface} nu"
    problems = span_problems("d", text, [[3, 3 + len(surface), "ORG"]], LABELS)
    assert len(problems) == 1 and "punctuation" in problems[0]


@pytest.mark.parametrize("surface", ["90 kr.", "-15,6 mnkr", "Carl B.", "m.fl."])
def test_abbreviations_and_minus_signs_pass(surface: str):
    text = f"Se {surface} nu"
    assert span_problems("d", text, [[3, 3 + len(surface), "MONEY"]], LABELS) == []
