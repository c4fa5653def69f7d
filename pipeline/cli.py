"""The ``svpol`` command line: thin wrappers, one library function per command."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import typer

app = typer.Typer(help="svpol: annotate Swedish political text with spaCy.", no_args_is_help=True,
                  add_completion=False)
model_app = typer.Typer(help="Build the pipeline model.", no_args_is_help=True)
app.add_typer(model_app, name="model")


@app.command("annotate")
def annotate_cmd(
    paths: list[Path] = typer.Argument(..., help=".txt files, folders (recursive) or JSONL files with 'text'"),
    output: Path = typer.Option(..., "-o", "--output", help="output JSONL (resumed if it exists)"),
    model: Path | None = typer.Option(None, "--model", help="a built model folder (default: build from configs/)"),
    n_process: int = typer.Option(1, "--n-process", min=1, help="worker processes"),
    batch_size: int = typer.Option(32, "--batch-size", min=1),
    progress: bool = typer.Option(True, "--progress/--no-progress"),
) -> None:
    """Annotate documents into one JSON line each; ends with a summary, non-zero exit on failures."""
    from .annotate import annotate

    logging.basicConfig(level=logging.WARNING, format="svpol: %(message)s")
    summary = annotate(paths, output, model=model, n_process=n_process, batch_size=batch_size,
                       show_progress=progress)
    for line in summary.lines():
        typer.echo(line, err=True)
    if not summary.ok:
        raise typer.Exit(code=1)


@app.command("evaluate")
def evaluate_cmd(
    gold: list[Path] = typer.Argument(..., help="gold JSONL files or folders"),
    model: Path | None = typer.Option(None, "--model"),
    output: Path | None = typer.Option(None, "--output", help="write metrics.json here"),
) -> None:
    """Exact-match P/R/F per label, normalised-value accuracy and topic F on gold files."""
    from .evaluate import evaluate, format_table

    result = evaluate(gold, model=model)
    typer.echo(format_table(result))
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@app.command("bench")
def bench_cmd(
    paths: list[Path] = typer.Argument(..., help="texts to time the pipeline on"),
    model: Path | None = typer.Option(None, "--model"),
    max_words: int = typer.Option(200_000, "--max-words"),
) -> None:
    """Words per second of the pipeline on one process."""
    from .bench import bench

    typer.echo(json.dumps(bench(paths, model=model, max_words=max_words), indent=1))


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
