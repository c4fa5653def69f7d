"""The ``svpol`` command line: thin wrappers, one library function per command."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import typer

from .doccano.cli import app as doccano_app
from .training.cli import train_app

app = typer.Typer(help="svpol: annotate Swedish political text with spaCy.", no_args_is_help=True,
                  add_completion=False)
model_app = typer.Typer(help="Build the pipeline model.", no_args_is_help=True)
app.add_typer(model_app, name="model")
app.add_typer(doccano_app, name="doccano", help="The doccano annotation loop: push, pull, agreement.")
app.add_typer(train_app, name="train", help="Gold splits, NER training and the combined model.")


@app.command("annotate")
def annotate_cmd(
    paths: list[Path] = typer.Argument(..., help="text files (.txt, .text, .md), folders (recursive) or JSONL "
                                       "files (.jsonl, .ndjson) with 'text'"),
    output: str = typer.Option(..., "-o", "--output", help="output JSONL (resumed if it exists); - for stdout"),
    model: Path | None = typer.Option(None, "--model", help="a built model folder (default: models/svpol_sv, "
                                      "else the rules built from configs/)"),
    n_process: int = typer.Option(1, "--n-process", min=1, help="worker processes"),
    batch_size: int = typer.Option(32, "--batch-size", min=1),
    progress: bool = typer.Option(True, "--progress/--no-progress"),
    overwrite: bool = typer.Option(False, "--overwrite", help="replace an existing output instead of resuming"),
    force: bool = typer.Option(False, "--force", help="annotate afresh when the output was written by "
                               "another model (else that is refused)"),
) -> None:
    """Annotate documents into one JSON line each; ends with a summary, non-zero exit on failures."""
    import signal

    from .annotate import AnnotateInterrupted, annotate
    from .data import OutputError

    def terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, terminate)  # SIGTERM ends the run as Ctrl-C does: whole lines, one line said
    logging.basicConfig(level=logging.WARNING, format="svpol: %(message)s")
    try:
        summary = annotate(paths, output, model=model, n_process=n_process, batch_size=batch_size,
                           show_progress=progress, overwrite=overwrite, force=force)
    except AnnotateInterrupted as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(code=130) from None
    except (OutputError, FileNotFoundError) as err:
        typer.echo(f"svpol annotate: {err}", err=True)
        raise typer.Exit(code=2) from None
    for line in summary.lines():
        typer.echo(line, err=True)
    if not summary.ok:
        raise typer.Exit(code=1)


@app.command("evaluate")
def evaluate_cmd(
    gold: list[Path] = typer.Argument(..., help="gold JSONL files or folders"),
    model: Path | None = typer.Option(None, "--model", help="the model to score; with --system: the combined "
                                      "model folder (default models/svpol_sv)"),
    output: Path | None = typer.Option(None, "--output", help="write metrics.json here (single pipeline)"),
    split: str | None = typer.Option(None, "--split", help="only the documents of this split (train, dev, test) "
                                     "in the splits file"),
    splits_file: Path | None = typer.Option(None, "--splits", help="splits file (default corpus/gold/splits.json)"),
    system: list[str] | None = typer.Option(None, "--system", help="write a report for these systems side by "
                                            "side: rules, model, combined (repeatable)"),
    rules_model: Path | None = typer.Option(None, "--rules-model", help="the rule pipeline folder for "
                                            "--system rules (default: built from configs/)"),
    report_dir: Path | None = typer.Option(None, "--report-dir", help="report folder (default "
                                           "reports/<model name>); implies a report"),
    fail_on_regression: bool = typer.Option(False, "--fail-on-regression",
                                            help="exit 3 when a score dropped against the previous report"),
) -> None:
    """Exact-match P/R/F per label, normalised-value accuracy and topic F on gold files.

    With --system or --report-dir: reports/<model>/metrics.json, report.md and report.html comparing
    rules-only, model-only and combined, and the previous report in that folder.
    """
    from .data import GoldError
    from .evaluate import SplitError, evaluate, format_table
    from .settings import data_dir

    try:
        if system or report_dir:
            from .reports import ReportError, report, summary_lines

            try:
                metrics, folder = report(gold, systems=system or ["rules"], model=model, rules_model=rules_model,
                                         split=split, splits_file=splits_file, output_dir=report_dir)
            except ReportError as err:
                typer.echo(f"svpol evaluate: {err}", err=True)
                raise typer.Exit(code=2) from err
            for line in summary_lines(metrics):
                typer.echo(line)
            typer.echo(f"wrote {folder}/metrics.json, report.md, report.html")
            if fail_on_regression and metrics["comparison"]["regressions"]:
                raise typer.Exit(code=3)
            return
        result = evaluate(gold, model=model, split=split, splits_file=splits_file)
    except FileNotFoundError as err:
        typer.echo(f"svpol evaluate: not found: {err} [SVPOL_DATA_DIR={data_dir()}]", err=True)
        raise typer.Exit(code=2) from err
    except (GoldError, SplitError) as err:
        typer.echo(f"svpol evaluate: {err}", err=True)
        raise typer.Exit(code=2) from err
    typer.echo(format_table(result))
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@app.command("events")
def events_cmd(
    paths: list[Path] = typer.Argument(..., help=".txt files, folders or JSONL files with 'text'"),
    output: Path = typer.Option(..., "-o", "--output", help="folder for the CSV tables"),
    model: Path | None = typer.Option(None, "--model", help="a built model folder (default: models/svpol_sv)"),
) -> None:
    """CSV tables of proposals, reservations, votes, attendance and speeches: one row per party per event."""
    from .events_tables import event_tables

    logging.basicConfig(level=logging.WARNING, format="svpol: %(message)s")
    counts = event_tables(paths, output, model=model)
    for name, n in counts.items():
        typer.echo(f"{output / (name + '.csv')}: {n} rows", err=True)


@app.command("evaluate-events")
def evaluate_events_cmd(
    split: str = typer.Option("test", "--split", help="test (the frozen entity test ids), dev, or all"),
    model: Path | None = typer.Option(None, "--model", help="a built model folder (default: models/svpol_sv)"),
) -> None:
    """Per-element P/R/F of the minutes events on corpus/events."""
    from .events_eval import evaluate_events, format_events_table

    typer.echo(format_events_table(evaluate_events(None if split == "all" else split, model=model)))


@app.command("bench")
def bench_cmd(
    paths: list[Path] = typer.Argument(..., help="texts to time the pipeline on"),
    model: Path | None = typer.Option(None, "--model"),
    max_words: int = typer.Option(200_000, "--max-words"),
    long: bool = typer.Option(False, "--long", help="instead: seconds per MB of single documents of 10k, 100k "
                              "and 1M characters made from the texts"),
) -> None:
    """Words per second of the pipeline on one process (or, with --long, seconds per MB by length)."""
    from .bench import bench, bench_long

    result = bench_long(paths, model=model) if long else bench(paths, model=model, max_words=max_words)
    typer.echo(json.dumps(result, indent=1))
    if not result.get("ok", True):
        typer.echo(f"svpol bench: over {result['max_seconds_per_mb']} seconds per MB", err=True)
        raise typer.Exit(code=1)


@model_app.command("build")
def model_build_cmd(
    config: Path = typer.Option(Path("configs/pipeline.cfg"), "--config"),
    output: Path = typer.Option(Path("models/svpol_sv_rules"), "--output"),
) -> None:
    """Build the rule pipeline from a config and save it (loadable with spacy.load)."""
    from .api import build_pipeline, save_pipeline

    save_pipeline(build_pipeline(config), output)
    typer.echo(f"saved {output}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
