"""Django settings for svpol's local doccano server: doccano's production settings, locked down.

doccano 1.8.4 allows any ``Host`` header (``ALLOWED_HOSTS = ["*"]``), which with a known local password
lets a DNS-rebinding page reach the API; and its task worker logs task results and exception reprs,
which hold document text (a failed import's ``UnicodeDecodeError`` carries the whole file); and it
keeps every export zip and uploaded file in ``MEDIA_ROOT`` for good. svpol's client removes the ones
it leaves, and the task worker sweeps the rest: at the start of every task, export zips and stored
uploads older than ``DOCCANO_MEDIA_TTL`` seconds (default 600; they are only read right after they
are made) are deleted. Used by scripts/doccano_server.sh through
``DJANGO_SETTINGS_MODULE=svpol_doccano_settings``.
"""

import logging
import os
import re
import shutil
import time

from config.settings.production import *  # noqa: F401,F403

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DOCCANO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
                 if h.strip()]
_port = os.environ.get("DOCCANO_PORT", "8000")
CSRF_TRUSTED_ORIGINS = [f"http://{h}:{_port}" for h in ALLOWED_HOSTS]
SESSION_COOKIE_HTTPONLY = True
# celery must not replace the logging set up below (it would drop the redacting filter)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_REDIRECT_STDOUTS = False

_MAX_MESSAGE = 300
_REDACTED_KEYS = ("return_value", "exc", "args", "kwargs", "traceback")


class RedactFilter(logging.Filter):
    """Keep document text out of the logs: no task results, no exception reprs or tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            record.args = {k: ("<not logged>" if k in _REDACTED_KEYS else v) for k, v in record.args.items()}
        if record.exc_info:
            exc_type = record.exc_info[0]
            name = getattr(exc_type, "__name__", "exception")
            record.msg = f"{record.getMessage()} [{name}; details not logged]"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        message = record.getMessage()
        if len(message) > _MAX_MESSAGE:
            record.msg = message[:_MAX_MESSAGE] + " [cut]"
            record.args = None
        return True


LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "svpol_doccano_settings.RedactFilter"}},
    "formatters": {"standard": {"format": "[%(asctime)s] [%(process)d] [%(levelname)s] [%(name)s] %(message)s"}},
    "handlers": {"console": {"level": "INFO", "class": "logging.StreamHandler", "formatter": "standard",
                             "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django": {"handlers": [], "level": "INFO", "propagate": True}},
}


MEDIA_TTL = float(os.environ.get("DOCCANO_MEDIA_TTL", "600"))
_EXPORT = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.zip$")
_UPLOAD = re.compile(r"^[0-9A-Za-z]{22}$")  # django-drf-filepond's stored-upload folders


def sweep_media(media_root: str = MEDIA_ROOT, ttl: float = MEDIA_TTL) -> int:  # noqa: F405
    """Delete export zips and stored uploads older than ``ttl`` seconds; the number deleted."""
    removed = 0
    cutoff = time.time() - ttl
    try:
        entries = list(os.scandir(media_root))
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.stat().st_mtime > cutoff:
                continue
            if entry.is_file() and _EXPORT.match(entry.name):
                os.unlink(entry.path)
            elif entry.is_dir() and _UPLOAD.match(entry.name):
                shutil.rmtree(entry.path)
            else:
                continue
            removed += 1
        except OSError:
            continue
    return removed


def _sweep_before_task(**_kwargs: object) -> None:
    sweep_media()


try:  # only the task worker runs tasks; the web app imports this too and connects harmlessly
    from celery.signals import task_prerun

    task_prerun.connect(_sweep_before_task, weak=False)
except ImportError:  # pragma: no cover - celery is part of doccano
    pass
