"""``zitat batch``: analyse a corpus on Dask workers into Parquet tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from zitat.batch import BatchConfig, PartitionReport, run_batch
from zitat.cli import app
from zitat.cli.analyze import LangCheckOption, language_check
from zitat.errors import InputError, ZitatError
from zitat.extras import require
from zitat.text.language import LangCheck
from zitat.wording import plural

_DEFAULTS = BatchConfig()


@app.command()
def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Files, folders or globs of articles; JSONL and Parquet streamed."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (created; resumable).")],
    scheduler: Annotated[
        str | None,
        typer.Option(help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1, help="Local worker processes, one thread each [default: one per CPU core]."
        ),
    ] = None,
    partition_size: Annotated[
        int, typer.Option(min=1, help="Articles per partition (the unit of work and resume).")
    ] = _DEFAULTS.partition_size,
    model: Annotated[str, typer.Option(help="Quotation model.")] = _DEFAULTS.model,
    retries: Annotated[
        int, typer.Option(min=0, help="Extra attempts for a partition whose analysis fails.")
    ] = _DEFAULTS.retries,
    lang_check: LangCheckOption = LangCheck.WARN,
) -> None:
    """Analyse a corpus on a Dask cluster and write articles/, quotations/ and entities/
    Parquet tables under OUT. Run it again to resume: written partitions are skipped."""
    require("zitat batch", "batch")
    if scheduler is not None and workers is not None:
        raise InputError("give either --scheduler or --workers, not both")
    config = BatchConfig(
        model=model,
        partition_size=partition_size,
        workers=workers or _DEFAULTS.workers,
        scheduler=scheduler,
        retries=retries,
    )
    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[articles]:,} articles · {task.fields[rate]:,.0f} words/s"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("partitions", total=None, articles=0, rate=0.0)
        words = 0

        def advance(report: PartitionReport, skipped: bool) -> None:
            nonlocal words
            words += 0 if skipped else report.words
            elapsed = max(progress.tasks[task].elapsed or 0.0, 1e-9)
            done = progress.tasks[task].fields["articles"] + report.articles
            progress.update(task, advance=1, articles=done, rate=words / elapsed)

        summary = run_batch(
            inputs, out, config, on_partition=advance, admit=language_check(lang_check)
        )
    console.print(
        f"{plural(summary.written, 'partition')} written, {summary.skipped} already done: "
        f"{plural(summary.articles, 'article')}, {plural(summary.quotations, 'quotation')}, "
        f"{plural(summary.entities, 'entity', 'entities')} in {summary.seconds:.1f} s "
        f"({summary.words_analysed / max(summary.seconds, 1e-9):,.0f} words/s) -> {out}",
        soft_wrap=True,
    )
    if summary.input_errors:
        console.print(
            f"skipped {plural(summary.input_errors, 'unreadable input')}, e.g. "
            f"{summary.input_error_examples[0]}",
            soft_wrap=True,
        )
    if summary.failed:
        name, error = next(iter(summary.failed.items()))
        raise ZitatError(
            f"{plural(len(summary.failed), 'partition')} failed after retries "
            f"(first: {name}: {error}); run the same command again to retry them"
        )
