"""``svpol train …``: splits, conversion, training and the combined model (mounted by ``pipeline.cli``).

Also runnable alone: ``python -m pipeline.training.cli --help``.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

train_app = typer.Typer(help="Training data, the statistical NER and the combined model.", no_args_is_help=True,
                        add_completion=False)


@train_app.command("splits")
def splits_cmd(
    add_part: str | None = typer.Option(None, "--add-test-part", help="freeze a new test part of this name"),
    source: Path | None = typer.Option(None, "--source", help="with --add-test-part: the JSONL of ALL the "
                                       "genre's source documents (annotated or not)"),
    prefix: str = typer.Option("", "--prefix", help="with --add-test-part: the gold id is prefix + source id"),
    size: int = typer.Option(40, "--size", help="with --add-test-part: how many documents"),
) -> None:
    """Write corpus/gold/splits.json if it is absent (frozen once made); print the split sizes.

    With ``--add-test-part``, freeze a test part for a new genre, chosen by sha256 of the ids."""
    from .splits import SPLITS_PATH, add_test_part, ensure_splits, test_ids

    if add_part:
        if source is None:
            raise typer.BadParameter("--add-test-part needs --source")
        with open(source, encoding="utf-8") as f:
            ids = [prefix + str(json.loads(line)["id"]) for line in f if line.strip()]
        rule = f"the first {size} of the {len(ids)} ids {prefix}<id> of {source.name} by sha256('{add_part}:' + id)"
        part = add_test_part(add_part, ids, size, rule)
        typer.echo(f"{SPLITS_PATH}: test part {add_part!r} frozen: {len(part['ids'])} documents")
    splits, created = ensure_splits()
    state = "created" if created else "exists (frozen)"
    sizes = {"train": len(splits["train"]), "dev": len(splits["dev"]), "test": len(test_ids(splits))}
    typer.echo(f"{SPLITS_PATH}: {state}; " + ", ".join(f"{k} {v}" for k, v in sizes.items()))


@train_app.command("convert")
def convert_cmd(
    paths: list[Path] = typer.Argument(..., help="doccano JSONL exports or gold files/folders"),
    output: Path = typer.Option(..., "-o", "--output", help="the .spacy file to write"),
    split: str | None = typer.Option(None, "--split", help="only the documents of this gold split"),
    strict: bool = typer.Option(False, "--strict", help="fail when any span does not align"),
) -> None:
    """doccano JSONL (either export shape) / gold -> DocBin, with the alignment report."""
    from .convert import AlignmentError, convert_gold
    from .splits import split_ids

    try:
        report = convert_gold(paths, output, ids=split_ids(split) if split else None, strict=strict)
    except AlignmentError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(code=1) from err
    for line in report.lines():
        typer.echo(line, err=True)
    typer.echo(f"wrote {output}")


@train_app.command("corpora")
def corpora_cmd(
    output: Path = typer.Option(Path("corpus/train/train/corpora.spacy"), "-o", "--output"),
    max_sentences: int | None = typer.Option(None, "--max-sentences", help="cap per corpus (default: the data file's)"),
    seed: int = typer.Option(42, "--seed"),
    rules: bool = typer.Option(True, "--rules/--no-rules", help="leave rule-found PARTY/MONEY/DATE/CASE missing"),
) -> None:
    """The open corpora in $SVPOL_DATA_DIR/ner -> one DocBin, tags mapped by configs/corpora_labels.json."""
    from .corpora import convert_corpora
    from .train import RULE_LABEL_PIPES

    nlp = None
    if rules:
        from ..api import build_pipeline

        nlp = build_pipeline()
        nlp.select_pipes(enable=RULE_LABEL_PIPES)
    stats = convert_corpora(output, rules=nlp, seed=seed, max_sentences=max_sentences)
    typer.echo(json.dumps(stats, ensure_ascii=False, indent=1))


@train_app.command("prepare")
def prepare_cmd(
    gold_repeat: int = typer.Option(3, "--gold-repeat", min=1),
    corpora: bool = typer.Option(True, "--corpora/--no-corpora"),
    max_sentences: int | None = typer.Option(None, "--max-sentences"),
    seed: int = typer.Option(42, "--seed"),
) -> None:
    """Write corpus/train/ (gold train/dev split, open corpora) for spacy train."""
    from .train import prepare

    prepare(gold_repeat=gold_repeat, corpora=corpora, max_sentences=max_sentences, seed=seed)


@train_app.command("run")
def run_cmd(
    config: Path = typer.Option(Path("configs/train/ner_cpu.cfg"), "--config"),
    output: Path | None = typer.Option(None, "--output", help="default models/<config name>"),
    prepare_data: bool = typer.Option(True, "--prepare/--no-prepare", help="(re)write corpus/train/ first"),
    gold_repeat: int = typer.Option(3, "--gold-repeat", min=1),
    corpora: bool = typer.Option(True, "--corpora/--no-corpora"),
    max_steps: int | None = typer.Option(None, "--max-steps"),
    seed: int = typer.Option(42, "--seed"),
    combine: Path | None = typer.Option(None, "--combine", help="then build the combined model here"),
) -> None:
    """Prepare the data and run `spacy train` (log: logs/train_<config>.log); optionally combine."""
    from .train import train

    best = train(config, output, prepare_data=prepare_data, gold_repeat=gold_repeat, corpora=corpora,
                 max_steps=max_steps, seed=seed)
    if combine:
        from .combine import build_combined

        build_combined(best, combine)


@train_app.command("combine")
def combine_cmd(
    trained: Path | None = typer.Option(None, "--trained", help="the trained pipeline to take tok2vec+ner "
                                        "from (default: models/ner_cpu/model-best, else the existing --output)"),
    output: Path = typer.Option(Path("models/svpol_sv"), "--output"),
    choose: bool = typer.Option(True, "--choose/--no-choose", help="choose model_labels on the dev split"),
    model_labels: str = typer.Option("", "--model-labels", help="with --no-choose: e.g. PERSON,ORG,LOC"),
) -> None:
    """Join the trained NER with the rule components into one pipeline (rules from configs/)."""
    from .combine import build_combined

    if trained is None:
        default = Path("models/ner_cpu/model-best")
        trained = default if default.exists() else output
    if not (trained / "meta.json").exists():
        typer.echo(f"no trained model at {trained}: run `make train` first", err=True)
        raise typer.Exit(code=1)
    labels = [x for x in model_labels.split(",") if x]
    build_combined(trained, output, choose=choose, model_labels=labels)


if __name__ == "__main__":
    train_app()
