"""``zitat analyze``: attribute the quotations in files, folders, glob patterns or stdin."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import track

from zitat.cli import app
from zitat.errors import InputError, ZitatError
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.registry import QUOTATION_MODELS
from zitat.schema import AnalysisResult, result_to_dict
from zitat.text.readers import DEFAULT_MAX_ARTICLE_BYTES, MEGABYTE, iter_articles
from zitat.ui.render import print_results, standalone_html

FILE_TABLE_WIDTH = 120
"""Table width when the output is not a terminal (rich would otherwise assume 80)."""


MaxArticleOption = Annotated[
    float,
    typer.Option(
        "--max-article-mb",
        min=0.001,
        envvar="ZITAT_MAX_ARTICLE_MB",
        help="Refuse (skip) an article whose text is larger (MB of UTF-8).",
    ),
]
DEFAULT_MAX_ARTICLE_MB = DEFAULT_MAX_ARTICLE_BYTES / MEGABYTE


def article_bytes(megabytes: float) -> int:
    """The ``--max-article-mb`` option in bytes."""
    return int(megabytes * MEGABYTE)


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"
    HTML = "html"


# An indented span list spreads each offset over a line. JSON strings never hold a raw line
# break, so these patterns only ever match the structure, never text.
_INDENTED_SPAN_RE = re.compile(r"\[\s+(\d+),\s+(\d+)\s+\]")
_INDENTED_SPAN_LIST_RE = re.compile(r"\[\s+(\[\d+, \d+\](?:,\s+\[\d+, \d+\])*)\s+\]")


def pretty_json(payload: object) -> str:
    """Indented JSON with each span list on one line: ``"spans": [[0, 5], [9, 12]]``."""
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    text = _INDENTED_SPAN_RE.sub(r"[\1, \2]", text)
    return _INDENTED_SPAN_LIST_RE.sub(lambda m: "[" + re.sub(r",\s+", ", ", m[1]) + "]", text)


def write_results(results: Sequence[AnalysisResult], fmt: OutputFormat, out: TextIO) -> None:
    """Write results in ``fmt``: json is one object for one article, else an array."""
    if fmt is OutputFormat.TABLE:
        width = None if out.isatty() else FILE_TABLE_WIDTH
        print_results(results, Console(file=out, width=width, highlight=False))
    elif fmt is OutputFormat.JSONL:
        out.writelines(json.dumps(result_to_dict(r), ensure_ascii=False) + "\n" for r in results)
    elif fmt is OutputFormat.JSON:
        dicts = [result_to_dict(r) for r in results]
        payload = dicts[0] if len(dicts) == 1 else dicts
        out.write(pretty_json(payload) + "\n")
    else:
        first = results[0].document
        name = (first.title or first.id) if len(results) == 1 else f"{len(results)} articles"
        out.write(standalone_html(results, title=f"zitat – {name}"))


def _cannot_write(output: Path, exc: OSError) -> InputError:
    return InputError(f"cannot write {output}: {exc.strerror or exc}")


def _check_writable(output: Path) -> None:
    """Fail before any analysis when ``output`` cannot be written; leave nothing behind."""
    existed = output.exists()
    try:
        with output.open("a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise _cannot_write(output, exc) from None
    if not existed:
        output.unlink()


@contextmanager
def _opened(output: Path | None) -> Iterator[TextIO]:
    if output is None:
        yield sys.stdout
        return
    try:
        with output.open("w", encoding="utf-8") as handle:
            yield handle
    except OSError as exc:
        raise _cannot_write(output, exc) from None


@app.command()
def analyze(
    files: Annotated[
        list[str],
        typer.Argument(help="Text, HTML, JSON or JSONL files, folders or globs; - is stdin."),
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="How to print the results.")
    ] = OutputFormat.TABLE,
    model: Annotated[
        str,
        typer.Option(
            "--model", "-m", help=f"Quotation model: {', '.join(sorted(QUOTATION_MODELS))}."
        ),
    ] = PipelineConfig().model,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write to this file, not stdout."),
    ] = None,
    max_article_mb: MaxArticleOption = DEFAULT_MAX_ARTICLE_MB,
) -> None:
    """Find the quotations in articles: who said what, to whom, how.

    Unreadable inputs are reported, one line each, and skipped; the exit code is non-zero.
    """
    if output is not None:
        _check_writable(output)
    failures: list[ZitatError] = []

    def report(path: Path, exc: ZitatError) -> None:
        typer.secho(f"zitat: error: {exc}", err=True, fg="red")
        failures.append(exc)

    limit = article_bytes(max_article_mb)
    articles = list(iter_articles(files, on_error=report, max_article_bytes=limit))
    if articles:
        pipeline = Pipeline(PipelineConfig(model=model))
        progress = Console(stderr=True)
        results = list(
            track(
                pipeline.analyze_many(articles),
                total=len(articles),
                description="Analysing",
                console=progress,
                transient=True,
                disable=not progress.is_terminal,
            )
        )
        with _opened(output) as out:
            write_results(results, output_format, out)
    if failures:
        only_error = len(failures) == 1 and not articles
        raise typer.Exit(failures[0].exit_code if only_error else 1)
