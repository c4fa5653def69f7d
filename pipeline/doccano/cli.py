"""``svpol doccano push|pull|agreement`` (mounted by the main CLI as the ``doccano`` group).

Every command calls one library function; a :class:`DoccanoError` becomes a one-line message on
stderr and exit status 1 (never a traceback, never a credential).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from .client import DoccanoError

app = typer.Typer(help="Annotate in doccano: push documents, pull gold JSONL, measure agreement.",
                  no_args_is_help=True, add_completion=False)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _clean_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DoccanoError as err:
            _fail(str(err))
        except KeyboardInterrupt:
            _fail("interrupted")
        except OSError as err:  # files: unreadable input, unwritable output
            _fail(f"{err.strerror or err}: {err.filename or ''}".rstrip(": "))
        except Exception as err:  # noqa: BLE001 - network errors that escaped the client layer
            import requests

            if isinstance(err, requests.exceptions.RequestException):
                _fail(f"talking to doccano failed: {type(err).__name__} (is the server running? DOCCANO_URL)")
            raise

    return wrapper


@app.command()
@_clean_errors
def push(
    paths: list[Path] = typer.Argument(..., help="JSONL/text files or folders of them"),
    project: str = typer.Option(..., "--project", "-p", help="doccano project name (created if missing)"),
    pre_annotate: bool = typer.Option(False, "--pre-annotate", help="upload the pipeline's predictions"),
    order: str = typer.Option("input", "--order", help="input | uncertainty (least sure first)"),
    model: Path | None = typer.Option(
        None, "--model", help="a built model (default: models/svpol_sv, the rules + trained NER; the rules "
        "built from configs/ where it is absent)"),
    independent: bool | None = typer.Option(
        None, "--independent/--shared",
        help="new project: annotators work separately (for agreement) or share labels (default: shared)"),
) -> None:
    """Upload documents (with pre-annotations) into a doccano project; re-running adds no duplicates."""
    from .push import push as do_push

    r = do_push(paths, project, pre_annotate=pre_annotate, order=order, independent=independent, model=model)
    typer.echo(
        f"project {r.project!r} (id {r.project_id}{', created' if r.created else ''}): "
        f"uploaded {r.uploaded} document(s), skipped {r.skipped} already there"
        + (f", dropped {r.dropped_spans} misaligned/overlapping predicted span(s)" if r.dropped_spans else "")
    )


@app.command()
@_clean_errors
def pull(
    project: str = typer.Option(..., "--project", "-p", help="doccano project name"),
    out: Path | None = typer.Option(None, "-o", "--output", help="gold JSONL to write"),
    approved_only: bool = typer.Option(False, "--approved-only", help="only documents marked as done"),
    per_annotator: Path | None = typer.Option(
        None, "--per-annotator", help="folder for one gold file per annotator (independent projects)"),
    annotator: str | None = typer.Option(
        None, "--annotator",
        help="independent projects: whose labels go to -o (default: the logged-in user)"),
) -> None:
    """Export a project, validate every span against the guidelines and write gold JSONL."""
    from .pull import pull as do_pull

    r = do_pull(project, out, approved_only=approved_only, per_annotator=per_annotator, annotator=annotator)
    if r.out is not None:
        typer.echo(f"wrote {r.documents} document(s) to {r.out}")
    for user, n in sorted(r.per_annotator.items()):
        typer.echo(f"wrote {n} document(s) to {per_annotator / f'{user}.jsonl'}")


@app.command()
@_clean_errors
def agreement(
    folder: Path = typer.Argument(..., help="folder of per-annotator gold files (pull --per-annotator)"),
    json_out: Path | None = typer.Option(None, "--json", help="also write the figures as JSON here"),
    as_json: bool = typer.Option(False, "--print-json", help="print JSON instead of the table"),
) -> None:
    """Inter-annotator agreement: span F1 per label, Cohen's kappa and Krippendorff's alpha for topics."""
    from .agreement import run_agreement

    result, table = run_agreement(folder, json_out)
    typer.echo(json.dumps(result, ensure_ascii=False, indent=2) if as_json else table)


@app.command()
@_clean_errors
def stats(project: str = typer.Option(..., "--project", "-p", help="doccano project name")) -> None:
    """Annotation effort per annotator: documents, spans added/removed/changed against the
    pre-annotations, time between first and last edit."""
    from .stats import effort, format_effort

    typer.echo(format_effort(effort(project)))


@app.command("uncertainty-check")
@_clean_errors
def uncertainty_check(
    split: str = typer.Option("dev", "--split", help="gold split (corpus/gold/splits.json)"),
    model: Path | None = typer.Option(None, "--model", help="a built model (default: models/svpol_sv)"),
    fraction: float = typer.Option(0.1, "--fraction", help="share of documents compared"),
) -> None:
    """Does --order uncertainty find the errors? Span errors in the most uncertain documents vs random."""
    from .uncertainty import measure_split

    r = measure_split(split, model, fraction)
    typer.echo(
        f"{r['split']}: {r['documents']} documents, {r['errors']} span errors (FP+FN), "
        f"{r['mean_errors']:.2f} per document\n"
        f"most uncertain {r['k']} (uncertainty: NER beam + topics): {r['top_uncertain']:.2f} errors/document\n"
        f"most uncertain {r['k']} (topic scores only): {r['top_topic_only']:.2f}\n"
        f"longest {r['k']} documents: {r['top_longest']:.2f}\n"
        f"random {r['k']} (mean of 2000 draws; 95th percentile {r['random_p95']:.2f}): {r['random']:.2f}\n"
        f"distinct values: {r['distinct_values']} (topic scores only: {r['distinct_topic_only']})"
    )


def main() -> None:  # pragma: no cover - python -m pipeline.doccano.cli
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
