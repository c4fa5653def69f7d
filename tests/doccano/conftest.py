"""Fixtures for the doccano workflow tests.

Tests marked ``@pytest.mark.doccano`` talk to a real doccano server (``make doccano-up``). When the
server does not answer they are skipped with the reason, unless ``SVPOL_REQUIRE_DOCCANO=1`` (CI),
which makes them fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from doccano_testkit import standin_doc_to_gold

from pipeline.doccano.client import Connection, Settings
from pipeline.doccano.state import state_path

ANNOTATOR_PASSWORD = "Kx7-granska-Qm29"  # test users on the local test server only

_server_state: dict[str, Any] = {}


def _server_answers(settings: Settings) -> bool:
    import requests

    try:
        requests.get(f"{settings.url}/v1/me", timeout=5)
    except requests.exceptions.RequestException:
        return False
    return True


@pytest.fixture(autouse=True)
def _require_doccano(request: pytest.FixtureRequest) -> None:
    if request.node.get_closest_marker("doccano") is None:
        return
    if "up" not in _server_state:
        settings = Settings.from_env()
        _server_state["url"] = settings.url
        _server_state["up"] = _server_answers(settings)
    if not _server_state["up"]:
        reason = f"doccano server not answering at {_server_state['url']} (start it with: make doccano-up)"
        if os.environ.get("SVPOL_REQUIRE_DOCCANO") == "1":
            pytest.fail(reason + "; SVPOL_REQUIRE_DOCCANO=1 requires it")
        pytest.skip(reason)


@pytest.fixture
def settings() -> Settings:
    return Settings.from_env()


@pytest.fixture
def admin(settings: Settings) -> Iterator[Connection]:
    conn = Connection(settings).login()
    yield conn
    conn.logout()  # no session left open on the server


@pytest.fixture
def project_name(admin: Connection) -> Iterator[str]:
    """A fresh project name; the project is deleted after the test."""
    name = f"svpol-test-{uuid.uuid4().hex[:10]}"
    yield name
    project = admin.find_project(name)
    if project is not None:
        admin.call("deleting the test project", admin.client.delete_project, project.id)
        state_path(admin.settings, project.id).unlink(missing_ok=True)


@pytest.fixture
def make_annotator(admin: Connection, settings: Settings):
    """make_annotator(project_id, name) -> a logged-in Connection of a project annotator."""

    made: list[Connection] = []

    def make(project_id: int, name: str) -> Connection:
        admin.ensure_user(name, ANNOTATOR_PASSWORD)
        admin.ensure_member(project_id, name, "annotator")
        made.append(Connection(settings.with_user(name, ANNOTATOR_PASSWORD)).login())
        return made[-1]

    yield make
    for conn in made:
        conn.logout()


@pytest.fixture
def doc_to_gold(monkeypatch: pytest.MonkeyPatch):
    """The core ``pipeline.data.doc_to_gold`` when it exists, else the stand-in (installed there)."""
    import importlib

    try:
        data = importlib.import_module("pipeline.data")
    except ImportError:  # pragma: no cover
        pytest.skip("pipeline.data is missing")
    if not hasattr(data, "doc_to_gold"):
        monkeypatch.setattr(data, "doc_to_gold", standin_doc_to_gold, raising=False)
    return data.doc_to_gold
