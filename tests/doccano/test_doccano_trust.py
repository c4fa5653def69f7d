"""Issue #16 against the real server: no silent corruption, blind studies, idempotent pushes under
timeouts, a locked-down server, one .env, and the smaller defects (each test failed before the fix)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from doccano_testkit import example_docs, read_jsonl, standin_nlp, write_jsonl

from pipeline.doccano.client import Connection, DoccanoError, Settings
from pipeline.doccano.pull import pull
from pipeline.doccano.push import push

pytestmark = pytest.mark.doccano

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "doccano_server.sh"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

# texts that doccano's encoding guess corrupted or refused; each span comes after the hard character
UNICODE_GOLD = [
    {"id": "u-euro", "text": "Budgeten är 12 €/invånare och Moderaterna vill ha 35,3 mnkr.",
     "label": [[30, 41, "PARTY"], [50, 59, "MONEY"]], "norm": [[30, 41, "M"], [50, 59, {"amount": 35300000,
                                                                                          "currency": "SEK"}]],
     "cats": []},
    {"id": "u-emoji", "text": "Kul 🎉👍🏽 sa Liberalerna i Stockholm.",
     "label": [[11, 22, "PARTY"], [25, 34, "LOC"]], "norm": [[11, 22, "L"]], "cats": []},
    {"id": "u-nbsp", "text": "Kista\u00a0stadsdelsförvaltning och Sverige\u00a0i dag.",
     "label": [[0, 26, "ORG"], [31, 38, "LOC"]], "norm": [], "cats": []},
    {"id": "u-shy", "text": "Kommun\u00adstyrelsen i Norra Järva beslutade.",
     "label": [[0, 16, "ORG"], [19, 30, "LOC"]], "norm": [], "cats": []},
    {"id": "u-combining", "text": "Socialnämnden i Ma\u0308rsta och Jo\u0308nko\u0308ping.",
     "label": [[16, 23, "LOC"], [28, 39, "LOC"]], "norm": [], "cats": ["socialtjanst"]},
    {"id": "u-separators", "text": "Rad ett\u2028Sverige\u0085och Kista\r\nslut.",
     "label": [[8, 15, "LOC"], [20, 25, "LOC"]], "norm": [], "cats": []},
]




def _cli(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
         clean_env: bool = False) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not (clean_env and k.startswith("DOCCANO_"))}
    full_env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "pipeline.doccano.cli", *args], capture_output=True, text=True,
                          env=full_env, timeout=300, cwd=cwd)


def _data_dir(settings: Settings) -> Path:
    data = settings.local_data()
    if data is None or not (data / "db.sqlite3").is_file():
        pytest.skip(f"the server's data folder is not on this machine ({settings.data_dir}; DOCCANO_DATA)")
    return data


# -- 1. encoding ----------------------------------------------------------------------------------------
def test_unicode_texts_round_trip_exactly(tmp_path: Path, admin: Connection, project_name: str):
    for g in UNICODE_GOLD:  # the test data itself: spans sit after the hard characters
        assert all(g["text"][s:e].strip() == g["text"][s:e] for s, e, _ in g["label"])
    src = write_jsonl(tmp_path / "gold.jsonl", UNICODE_GOLD)
    report = push([src], project_name, conn=admin)
    assert report.uploaded == len(UNICODE_GOLD)
    project = admin.require_project(project_name)
    stored = {e["meta"]["doc_id"]: e["text"] for e in admin.iter_examples(project.id)}
    assert {k: text_sha256(v) for k, v in stored.items()} == {g["id"]: text_sha256(g["text"]) for g in UNICODE_GOLD}
    out = tmp_path / "pulled.jsonl"
    pull(project_name, out, conn=admin)
    assert read_jsonl(out) == UNICODE_GOLD


def test_a_text_stored_differently_is_named_and_removed(tmp_path: Path, admin: Connection, project_name: str,
                                                        monkeypatch: pytest.MonkeyPatch):
    import pipeline.doccano.push as push_module

    monkeypatch.setattr(push_module, "UPLOAD_ENCODING", "cp1252")  # what doccano's guess did
    src = write_jsonl(tmp_path / "gold.jsonl", UNICODE_GOLD[:1])
    with pytest.raises(DoccanoError, match="different text than pushed.*u-euro"):
        push([src], project_name, conn=admin)
    project = admin.require_project(project_name)
    assert admin.client.count_examples(project.id) == 0  # the corrupted copy is gone: a re-push retries
    monkeypatch.setattr(push_module, "UPLOAD_ENCODING", "utf_8")
    assert push([src], project_name, conn=admin).uploaded == 1


# -- 2. blind projects ------------------------------------------------------------------------------------
@pytest.mark.parametrize("independent", [True, False])
def test_metadata_shows_no_suggestions(tmp_path: Path, admin: Connection, project_name: str, doc_to_gold,
                                       independent: bool):
    src = write_jsonl(tmp_path / "docs.jsonl", example_docs())
    push([src], project_name, pre_annotate=True, order="uncertainty", independent=independent, conn=admin,
         nlp=standin_nlp())
    project = admin.require_project(project_name)
    for ex in admin.iter_examples(project.id):
        assert set(ex["meta"]) <= {"doc_id", "uncertainty"}, ex["meta"]
        assert len(json.dumps(ex["meta"])) < 80
    out = tmp_path / "pulled.jsonl"
    pull(project_name, out, conn=admin)
    assert any(g["label"] for g in read_jsonl(out))  # the suggestions came back from the side table


# -- 3. idempotent pushes under timeouts -----------------------------------------------------------------
def test_push_timeout_never_queues_an_import_twice(tmp_path: Path, admin: Connection, project_name: str,
                                                   settings: Settings):
    pid_file = _data_dir(settings) / "task.pid"
    pid = int(pid_file.read_text().strip())
    src = write_jsonl(tmp_path / "gold.jsonl", [{"id": f"q-{i}", "text": f"Dokument {i} om Sverige."}
                                                 for i in range(3)])
    impatient = Connection(Settings(settings.url, settings.username, settings.password, task_timeout=1.0,
                                    data_dir=settings.data_dir)).login()
    os.kill(pid, signal.SIGSTOP)  # the task worker is down: imports stay queued
    try:
        with pytest.raises(DoccanoError, match="stays queued"):
            push([src], project_name, conn=impatient)
        with pytest.raises(DoccanoError, match="earlier push's import"):
            push([src], project_name, conn=impatient)  # awaited again, not queued again
    finally:
        os.kill(pid, signal.SIGCONT)
        impatient.logout()
    report = push([src], project_name, conn=admin)
    assert (report.uploaded, report.skipped) == (0, 3)
    project = admin.require_project(project_name)
    assert admin.client.count_examples(project.id) == 3
    out = tmp_path / "pulled.jsonl"
    pull(project_name, out, conn=admin)
    assert sorted(g["id"] for g in read_jsonl(out)) == ["q-0", "q-1", "q-2"]


# -- 4. the server is locked down ------------------------------------------------------------------------
def test_foreign_host_header_is_refused(settings: Settings):
    import requests

    assert requests.get(f"{settings.url}/v1/me", headers={"Host": "evil.example"}, timeout=10).status_code == 400
    port = settings.url.rsplit(":", 1)[-1]
    assert requests.get(f"{settings.url}/v1/me", headers={"Host": f"localhost:{port}"},
                        timeout=10).status_code in (401, 403)


def test_data_files_are_private(settings: Settings):
    data = _data_dir(settings)
    files = [data / "db.sqlite3", data / "secret_key", *(data / "logs").glob("*.log")]
    modes = {p.name: oct(p.stat().st_mode & 0o777) for p in files if p.exists()}
    assert modes and all(m == "0o600" for m in modes.values()), modes


def test_no_document_text_in_the_task_log(tmp_path: Path, admin: Connection, project_name: str,
                                          settings: Settings):
    from doccano_client.repositories.data_upload import DataUploadRepository

    log = _data_dir(settings) / "logs" / "task.log"
    marker = "Hemligt-protokoll-Qx81 om äldreomsorg"
    push([write_jsonl(tmp_path / "one.jsonl", [{"id": "h-0", "text": "Ett dokument."}])], project_name,
         conn=admin)
    project = admin.require_project(project_name)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": marker}, ensure_ascii=False) + "\n", encoding="utf-8")
    repo = DataUploadRepository(admin.client._base_repository)
    upload_id = repo.upload(str(bad))
    # an import that fails in the worker (a wrong encoding stated on purpose): its error carries the file
    task_id = repo.ingest(project.id, [upload_id], "IntentDetectionAndSlotFilling", "JSONL", encoding="ascii")
    with pytest.raises(DoccanoError):
        admin.wait_task(task_id, "the failing import")
    text = log.read_text(encoding="utf-8", errors="replace")
    assert task_id in text  # the failure was logged ...
    assert "Hemligt-protokoll-Qx81" not in text  # ... without the document


def test_exports_and_uploads_leave_no_files_and_sessions_end(tmp_path: Path, project_name: str,
                                                             settings: Settings):
    data = _data_dir(settings)
    media = data / "media"
    before = set(os.listdir(media))
    src = write_jsonl(tmp_path / "docs.jsonl", example_docs())

    def sessions() -> int:
        with sqlite3.connect(f"file:{data / 'db.sqlite3'}?mode=ro", uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM django_session WHERE expire_date > datetime('now')").fetchone()[0]

    n_sessions = sessions()
    r = _cli("push", str(src), "--project", project_name)
    assert r.returncode == 0, r.stderr
    r = _cli("pull", "--project", project_name, "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 0, r.stderr
    assert set(os.listdir(media)) - before == set()  # no upload, no export zip left behind
    assert sessions() <= n_sessions  # both CLI calls logged out


# -- 5. one .env, a changed password applied by doccano-up ---------------------------------------------------
def test_cli_reads_the_one_env_file_not_the_current_directory(tmp_path: Path, project_name: str,
                                                             settings: Settings):
    env_file = tmp_path / "svpol.env"
    env_file.write_text(f"DOCCANO_URL={settings.url}\nDOCCANO_USERNAME={settings.username}\n"
                        f"DOCCANO_PASSWORD={settings.password}\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".env").write_text("DOCCANO_PASSWORD=a-wrong-password-7\n", encoding="utf-8")
    src = write_jsonl(tmp_path / "docs.jsonl", example_docs()[:1])
    r = _cli("push", str(src), "--project", project_name, cwd=elsewhere, clean_env=True,
             env={"SVPOL_ENV_FILE": str(env_file)})
    assert r.returncode == 0, r.stderr


def test_doccano_up_applies_a_changed_password(tmp_path: Path, settings: Settings):
    _data_dir(settings)
    new = "Ny-lösen-för-test-8842"
    env_file = tmp_path / "changed.env"
    env_file.write_text(f"DOCCANO_USERNAME={settings.username}\nDOCCANO_PASSWORD={new}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("DOCCANO_PASSWORD", "DOCCANO_USERNAME")}
    try:
        r = subprocess.run(["bash", str(SCRIPT), "up"], env={**env, "SVPOL_ENV_FILE": str(env_file)},
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        assert new not in r.stdout + r.stderr
        Connection(settings.with_user(settings.username, new)).login().logout()
        with pytest.raises(DoccanoError, match="refused"):
            Connection(settings).login()
    finally:
        subprocess.run(["bash", str(SCRIPT), "up"], env={**env, "DOCCANO_USERNAME": settings.username,
                                                         "DOCCANO_PASSWORD": settings.password},
                       capture_output=True, text=True, timeout=300, check=True)
    Connection(settings).login().logout()


# -- 6. edge punctuation, 8. errors that name the example --------------------------------------------------------
def test_pull_refuses_edge_punctuation_naming_the_example(tmp_path: Path, admin: Connection,
                                                          project_name: str):
    doc = {"id": "p-1", "text": "Beslut av Kommunstyrelsen. Budget 12 mnkr. I ”Norra” och 'Sida' – Kista."}
    push([write_jsonl(tmp_path / "d.jsonl", [doc])], project_name, conn=admin)
    project = admin.require_project(project_name)
    (ex,) = list(admin.iter_examples(project.id))
    types = {t.text: t.id for t in admin.client.list_label_types(project.id, "span")}
    text = ex["text"]
    for surface, label in [("Kommunstyrelsen.", "ORG"), ("12 mnkr.", "MONEY"), ("Norra”", "LOC"),
                           ("'Sida'", "ORG"), ("– Kista", "LOC")]:
        start = text.index(surface)
        admin.client.create_span(project.id, ex["id"], start, start + len(surface), types[label])
    r = _cli("pull", "--project", project_name, "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    problems = [line for line in r.stderr.splitlines() if line.startswith("p-1")]
    assert len(problems) == 5, r.stderr
    assert all(f"doccano example {ex['id']}" in p and f"/projects/{project.id}/" in p for p in problems)


# -- 8. smaller defects -------------------------------------------------------------------------------------------
def test_pull_with_nothing_approved_keeps_the_output_file(tmp_path: Path, admin: Connection, project_name: str):
    push([write_jsonl(tmp_path / "d.jsonl", example_docs())], project_name, conn=admin)
    out = tmp_path / "gold.jsonl"
    out.write_text('{"id": "kept"}\n', encoding="utf-8")
    r = _cli("pull", "--project", project_name, "-o", str(out), "--approved-only")
    assert r.returncode == 1 and "no approved" in r.stderr and "Traceback" not in r.stderr
    assert out.read_text(encoding="utf-8") == '{"id": "kept"}\n'


def test_mode_mismatch_message_reads_well(tmp_path: Path, admin: Connection, project_name: str):
    src = write_jsonl(tmp_path / "d.jsonl", example_docs()[:1])
    push([src], project_name, independent=True, conn=admin)
    r = _cli("push", str(src), "--project", project_name, "--shared")
    assert r.returncode == 1 and "as an independent project" in r.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_failed_doccano_up_leaves_nothing_running(tmp_path: Path, settings: Settings):
    _data_dir(settings)
    data = tmp_path / "data"
    env = {**os.environ, "DOCCANO_DATA": str(data), "DOCCANO_PORT": str(_free_port()), "DOCCANO_UP_TIMEOUT": "0"}
    r = subprocess.run(["bash", str(SCRIPT), "up"], env=env, capture_output=True, text=True, timeout=300)
    try:
        assert r.returncode == 1 and "did not answer" in r.stderr
        assert "stopped web app" in r.stderr and "stopped task worker" in r.stderr, r.stderr
        assert not (data / "task.pid").exists() and not (data / "web.pid").exists()
    finally:  # before the fix the processes stayed: stop them by their recorded pids
        for name in ("web.pid", "task.pid"):
            pid_file = data / name
            if pid_file.exists():
                try:
                    os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
                except (ProcessLookupError, ValueError):
                    pass


def test_the_worker_sweeps_old_exports_and_uploads(tmp_path: Path, admin: Connection, project_name: str,
                                                   settings: Settings):
    """Files an older client (or doccano's web page) left in media/ do not stay there."""
    import time
    import uuid

    media = _data_dir(settings) / "media"
    old_zip = media / f"{uuid.uuid4()}.zip"
    old_zip.write_bytes(b"PK")
    old_upload = media / "Svpol0sweep0test0Abc12"
    old_upload.mkdir()
    (old_upload / "push.jsonl").write_text("{}\n", encoding="utf-8")
    fresh_zip = media / f"{uuid.uuid4()}.zip"
    fresh_zip.write_bytes(b"PK")
    an_hour_ago = time.time() - 3600
    for path in (old_zip, old_upload):
        os.utime(path, (an_hour_ago, an_hour_ago))
    try:
        push([write_jsonl(tmp_path / "d.jsonl", example_docs()[:1])], project_name, conn=admin)  # a task runs
        assert not old_zip.exists() and not old_upload.exists()
        assert fresh_zip.exists()  # a new export stays until it is downloaded
    finally:
        fresh_zip.unlink(missing_ok=True)
