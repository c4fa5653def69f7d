"""Connection to a doccano server: settings, login, retries and one-line errors.

Credentials come only from the environment or one ``.env`` file (the environment wins): the file
named by ``SVPOL_ENV_FILE``, else the repository's ``.env`` (the same file scripts/doccano_server.sh
reads, whatever the current directory). They are never printed, logged or put into an error message.

Settings:
    DOCCANO_URL       the server (default ``http://127.0.0.1:$DOCCANO_PORT``, port default 8000)
    DOCCANO_USERNAME  default ``admin``
    DOCCANO_PASSWORD  default ``svpol-local-admin`` (the local server's documented default)
    DOCCANO_TIMEOUT   seconds per HTTP request (default 30)
    DOCCANO_RETRIES   retries for connection errors / 5xx / timeouts on safe requests (default 3)
    DOCCANO_TASK_TIMEOUT  seconds to wait for an import/export task (default 300)
    DOCCANO_DATA      the local server's data folder (default ``<repo>/.doccano``): push/pull remove
                      the uploads and export zips they leave in its ``media/``, and keep their state
                      files in ``svpol-state/``
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PORT = "8000"
DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "svpol-local-admin"  # local development server only; documented in docs/annotation.md

# The project type that carries spans and document categories together.
PROJECT_TYPE = "IntentDetectionAndSlotFilling"
REPO_ROOT = Path(__file__).resolve().parents[2]
ENV_FILE_VAR = "SVPOL_ENV_FILE"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
# Statuses retried for idempotent requests (and for login): transient server trouble.
RETRY_STATUSES = (500, 502, 503, 504)


class DoccanoError(Exception):
    """An error with a one-line message for the user (what failed and what to check)."""


def default_env_file() -> Path:
    """The one ``.env`` file: ``$SVPOL_ENV_FILE``, else the repository's (not the current directory's)."""
    return Path(os.environ.get(ENV_FILE_VAR) or REPO_ROOT / ".env")


def read_env_file(path: str | os.PathLike[str]) -> dict[str, str]:
    """``KEY=VALUE`` lines of a ``.env`` file (``export`` prefix, quotes and ``#`` comments allowed)."""
    values: dict[str, str] = {}
    p = Path(path)
    if not p.is_file():
        return values
    for raw in p.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export "):].lstrip()
        key, sep, value = line.partition("=")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        elif " #" in value:
            value = value.split(" #", 1)[0].rstrip()
        values[key] = value
    return values


@dataclass(frozen=True)
class Settings:
    url: str
    username: str
    password: str = field(repr=False)
    timeout: float = 30.0
    retries: int = 3
    task_timeout: float = 300.0
    data_dir: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None,
                 env_file: str | os.PathLike[str] | None = None) -> Settings:
        """Settings from ``environ`` (default ``os.environ``) over ``env_file`` (default
        :func:`default_env_file`; ``""`` reads none)."""
        env: dict[str, str] = {}
        if env_file is None:
            env_file = (environ or {}).get(ENV_FILE_VAR) or default_env_file()
        if env_file:
            env.update(read_env_file(env_file))
        env.update(os.environ if environ is None else environ)
        port = env.get("DOCCANO_PORT") or DEFAULT_PORT
        url = (env.get("DOCCANO_URL") or f"http://127.0.0.1:{port}").rstrip("/")
        try:
            return cls(
                url=url,
                username=env.get("DOCCANO_USERNAME") or DEFAULT_USERNAME,
                password=env.get("DOCCANO_PASSWORD") or DEFAULT_PASSWORD,
                timeout=float(env.get("DOCCANO_TIMEOUT") or 30),
                retries=int(env.get("DOCCANO_RETRIES") or 3),
                task_timeout=float(env.get("DOCCANO_TASK_TIMEOUT") or 300),
                data_dir=Path(env.get("DOCCANO_DATA") or REPO_ROOT / ".doccano"),
            )
        except ValueError as err:
            raise DoccanoError(
                f"bad doccano setting: {err} (check DOCCANO_TIMEOUT / DOCCANO_RETRIES)") from None

    def with_user(self, username: str, password: str) -> Settings:
        return dataclasses.replace(self, username=username, password=password)

    def local_data(self) -> Path | None:
        """The server's data folder when the server runs on this machine (its media can be cleaned)."""
        from urllib.parse import urlparse

        if urlparse(self.url).hostname not in LOCAL_HOSTS or self.data_dir is None:
            return None
        return self.data_dir if self.data_dir.is_dir() else None


def _status_hint(status: int, settings: Settings) -> str:
    if status == 401:
        return "not logged in or wrong credentials: check DOCCANO_USERNAME / DOCCANO_PASSWORD"
    if status == 403:
        return f"user {settings.username!r} lacks permission: check the user's role in the doccano project"
    if status == 404:
        return "not found: check the project name and DOCCANO_URL"
    if status >= 500:
        return f"doccano server error: see the server log (.doccano/logs/web.log) at {settings.url}"
    return "check the request"


def _short_detail(response: Any) -> str:
    try:
        detail = response.json()
    except Exception:  # noqa: BLE001 - any body that is not JSON
        return ""
    text = str(detail.get("detail", detail) if isinstance(detail, dict) else detail)
    return text if len(text) <= 200 else text[:197] + "..."


@contextlib.contextmanager
def translate_errors(what: str, settings: Settings) -> Iterator[None]:
    """Turn requests/doccano-client exceptions into a one-line :class:`DoccanoError`."""
    import requests

    try:
        yield
    except DoccanoError:
        raise
    except requests.exceptions.HTTPError as err:
        resp = err.response
        status = resp.status_code if resp is not None else 0
        detail = _short_detail(resp) if resp is not None and status < 500 else ""
        msg = f"{what} failed: HTTP {status}: {_status_hint(status, settings)}"
        if detail:
            msg += f" ({detail})"
        raise DoccanoError(msg) from None
    except requests.exceptions.Timeout:
        raise DoccanoError(
            f"{what} failed: doccano at {settings.url} did not answer within {settings.timeout:g}s "
            "(check that the server is not overloaded; DOCCANO_TIMEOUT)"
        ) from None
    except requests.exceptions.ConnectionError:
        raise DoccanoError(
            f"{what} failed: cannot reach doccano at {settings.url}: is the server running? "
            "(make doccano-up; check DOCCANO_URL / DOCCANO_PORT)"
        ) from None
    except requests.exceptions.RequestException as err:
        raise DoccanoError(f"{what} failed: {type(err).__name__} talking to {settings.url}") from None


def _make_retry(settings: Settings) -> Any:
    from urllib3.util.retry import Retry

    kwargs: dict[str, Any] = dict(
        total=settings.retries,
        connect=settings.retries,
        read=settings.retries,
        status=settings.retries,
        backoff_factor=0.5,
        status_forcelist=RETRY_STATUSES,
        raise_on_status=False,
        respect_retry_after_header=True,
    )
    # only idempotent methods are retried after the request may have reached the server
    methods = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
    try:
        return Retry(allowed_methods=methods, **kwargs)
    except TypeError:  # urllib3 < 1.26
        return Retry(method_whitelist=methods, **kwargs)


def _configure_session(session: Any, settings: Settings) -> None:
    """Retries with backoff on safe requests, and a default timeout on every request."""
    from requests.adapters import HTTPAdapter

    adapter = HTTPAdapter(max_retries=_make_retry(settings))
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    original = session.request

    def request(method: str, url: str, **kwargs: Any) -> Any:
        kwargs.setdefault("timeout", settings.timeout)
        return original(method, url, **kwargs)

    session.request = request  # type: ignore[method-assign]


class Connection:
    """A logged-in doccano-client with the project helpers svpol needs."""

    def __init__(self, settings: Settings):
        from doccano_client import DoccanoClient

        self.settings = settings
        self.client = DoccanoClient(settings.url)
        self.session = self.client._base_repository._session
        _configure_session(self.session, settings)

    # -- login ------------------------------------------------------------------------------------
    def login(self) -> Connection:
        """Log in; a refused login is final, a server error (e.g. still starting) gets retries.

        Connection errors are already retried by the session's adapter (with backoff).
        """
        import requests

        s = self.settings
        what = f"login to doccano as {s.username!r}"
        for attempt in range(s.retries + 1):
            with translate_errors(what, s):
                try:
                    self.client.login(s.username, s.password)
                    return self
                except requests.exceptions.HTTPError as err:
                    status = err.response.status_code if err.response is not None else 0
                    if status in (400, 401, 403):
                        raise DoccanoError(
                            f"login to doccano at {s.url} as {s.username!r} was refused (HTTP {status}): "
                            "check DOCCANO_USERNAME / DOCCANO_PASSWORD (environment or .env)"
                        ) from None
                    if status < 500 or attempt == s.retries:
                        raise
            time.sleep(0.5 * 2**attempt)
        raise DoccanoError(f"{what} failed")  # pragma: no cover - the loop returns or raises

    def logout(self) -> None:
        """End the server session (a login left open keeps a live session key in doccano's db)."""
        with contextlib.suppress(Exception):
            self.client.logout()

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.logout()

    def remove_media(self, path: str) -> bool:
        """Delete a file or folder the server left in its local ``media/`` (an upload, an export zip);
        False when the server is not local or ``path`` is not inside its media folder."""
        data = self.settings.local_data()
        if data is None or not path:
            return False
        media = (data / "media").resolve()
        target = (media / path).resolve()
        if media not in target.parents:
            return False
        if target.is_dir():
            shutil.rmtree(target, ignore_errors=True)
        elif target.exists():
            target.unlink()
        else:
            return False
        return True

    def call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        with translate_errors(what, self.settings):
            return fn(*args, **kwargs)

    # -- raw API helpers --------------------------------------------------------------------------
    def api(self, method: str, resource: str, what: str, **kwargs: Any) -> Any:
        """A call to ``/v1/<resource>`` that returns the decoded JSON (or None)."""
        url = f"{self.settings.url}/v1/{resource.lstrip('/')}"
        with translate_errors(what, self.settings):
            resp = self.session.request(method, url, **kwargs)
            resp.raise_for_status()
            if not resp.content:
                return None
            try:
                return resp.json()
            except ValueError:
                return resp.content

    # -- projects ---------------------------------------------------------------------------------
    def find_project(self, name: str) -> Any | None:
        projects = self.call("listing doccano projects", lambda: list(self.client.list_projects()))
        for project in projects:
            if project.name == name:
                return project
        return None

    def require_project(self, name: str) -> Any:
        project = self.find_project(name)
        if project is None:
            raise DoccanoError(
                f"no doccano project named {name!r} visible to user {self.settings.username!r} "
                "(check --project, or push first)"
            )
        return project

    def wait_task(self, task_id: str, what: str) -> Any:
        """Wait for a celery task (import/export); a stuck task means the worker is not running."""
        deadline = time.monotonic() + self.settings.task_timeout
        delay = 0.2
        while True:
            status = self.api("GET", f"tasks/status/{task_id}", f"{what} (task status)")
            if status.get("ready"):
                if status.get("error"):
                    text = str((status.get("error") or {}).get("text", status.get("error")))[:200]
                    raise DoccanoError(f"{what} failed on the server: {text} (see .doccano/logs/task.log)")
                return status.get("result")
            if time.monotonic() > deadline:
                raise DoccanoError(
                    f"{what} did not finish within {self.settings.task_timeout:g}s: is doccano's task worker "
                    "running? (make doccano-up starts it; see .doccano/logs/task.log; DOCCANO_TASK_TIMEOUT)"
                )
            time.sleep(delay)
            delay = min(delay * 1.5, 2.0)

    def iter_examples(self, project_id: int, page_size: int = 500) -> Iterator[dict[str, Any]]:
        """All examples of a project as raw dicts, in doccano's order (its default pages hold 5)."""
        offset = 0
        while True:
            page = self.api("GET", f"projects/{project_id}/examples", "listing the project's documents",
                            params={"limit": page_size, "offset": offset})
            results = page.get("results") or []
            yield from results
            if not page.get("next") or not results:
                return
            offset += len(results)

    # -- users and members (admin helpers, used by tests and scripts) -----------------------------
    def ensure_user(self, username: str, password: str) -> None:
        users = self.api("GET", "users", "listing doccano users", params={"search": username})
        if any(u.get("username") == username for u in users or []):
            return
        self.api(
            "POST", "users/create", f"creating doccano user {username!r}",
            json={"username": username, "password1": password, "password2": password},
        )

    def ensure_member(self, project_id: int, username: str, role: str = "annotator") -> None:
        members = self.call("listing project members", self.client.list_members, project_id)
        if any(m.username == username for m in members):
            return
        self.call(f"adding {username!r} to the project", self.client.add_member, project_id, username, role)


def connect(settings: Settings | None = None) -> Connection:
    """A logged-in connection (settings default to the environment / ``.env``); use it as a context
    manager, or call ``logout()``, so that the server session ends."""
    return Connection(settings or Settings.from_env()).login()


@contextlib.contextmanager
def session(conn: Connection | None) -> Iterator[Connection]:
    """``conn`` as given (the caller's to close), or a new connection logged out at the end."""
    if conn is not None:
        yield conn
        return
    with connect() as new:
        yield new
