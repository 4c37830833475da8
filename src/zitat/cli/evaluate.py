"""``zitat evaluate`` and ``zitat predict``: the quotation corpus' metric and file format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import track
from rich.table import Table

from zitat.cli import app
from zitat.errors import InputError
from zitat.evaluation import metric
from zitat.evaluation.corpus import predict_documents
from zitat.extras import require
from zitat.formats.corpus_json import iter_corpus, write_document
from zitat.pipeline import Pipeline, PipelineConfig


def _documents(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    docs = list(iter_corpus(folder))
    if not docs:
        raise InputError(f"{folder}: no corpus JSON files (*.json) in this folder")
    return docs


def _prf_row(name: str, prf: metric.PRF) -> list[str]:
    return [name, f"{prf.precision:.4f}", f"{prf.recall:.4f}", f"{prf.f1:.4f}"]


def _table(title: str, columns: tuple[str, ...], rows: list[list[str]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(columns[0])
    for column in columns[1:]:
        table.add_column(column, justify="right")
    for row in rows:
        table.add_row(*row)
    return table


def _print_scores(result: metric.Evaluation, console: Console) -> None:
    prf = ("", "P", "R", "F1")
    headline = [_prf_row(metric.HEADLINE_NAMES[k], v) for k, v in result.headline().items()]
    console.print(_table("Corpus metric", prf, headline))
    per_role = [_prf_row(k, v) for k, v in result.per_role().items()]
    console.print(_table("Per role (macro)", prf, per_role))
    per_type = [
        [kind, *(f"{scores[group].f1:.4f}" for group in ("messages", "roles", "joint"))]
        for kind, scores in result.per_type().items()
    ]
    console.print(_table("Per gold type (F1)", ("type", "Messages", "Roles", "Joint"), per_type))
    console.print(", ".join(f"{k.replace('_', ' ')} {v}" for k, v in result.counts().items()))


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option(help="Folder of gold corpus JSON files.")],
    pred: Annotated[Path, typer.Option(help="Folder of predicted corpus JSON files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score predictions against gold with the corpus' published metric (Messages, Roles,
    Joint macro P/R/F1; Form and STWR micro), documents matched by documentName."""
    require("zitat evaluate", "eval")
    result = metric.evaluate(
        (doc for _, doc in _documents(gold)), (doc for _, doc in iter_corpus(pred))
    )
    if as_json:
        typer.echo(json.dumps(result.as_dict(), indent=2))
        return
    _print_scores(result, Console())
    if result.missing_documents:
        Console(stderr=True).print(
            f"{len(result.missing_documents)} gold documents have no prediction "
            "and count as all false negatives"
        )


@app.command()
def predict(
    dataset: Annotated[Path, typer.Option(help="Folder of corpus JSON files to analyse.")],
    out: Annotated[Path, typer.Option(help="Folder for the predicted files (created).")],
    model: Annotated[str, typer.Option(help="Quotation model.")] = PipelineConfig().model,
) -> None:
    """Write, for every corpus JSON file in DATASET, the same file with predicted annotations
    (in the input's own tokenisation) to OUT, so that any scorer of the corpus can score it."""
    docs = _documents(dataset)
    if out.resolve() == dataset.resolve():
        raise InputError("--out must differ from --dataset: the input files would be overwritten")
    pipeline = Pipeline(PipelineConfig(model=model))
    out.mkdir(parents=True, exist_ok=True)
    predicted = predict_documents(pipeline, [doc for _, doc in docs])
    console = Console(stderr=True)
    for (path, _), doc in track(
        zip(docs, predicted, strict=True),
        total=len(docs),
        description="predicting",
        console=console,
        transient=True,
    ):
        write_document(out / path.name, doc)
    console.print(f"{len(docs)} documents predicted with {pipeline.model_id} -> {out}")
