"""``zitat analyze``: attribute the quotations in files, folders, glob patterns or stdin."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from itertools import chain
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from zitat.cli import app
from zitat.cli.progress import Progress
from zitat.cli.render import print_results
from zitat.errors import InputError, ZitatError
from zitat.formats.readers import DEFAULT_MAX_ARTICLE_BYTES, MEGABYTE, iter_articles
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.registry import QUOTATION_MODELS
from zitat.schema import AnalysisResult, result_to_dict
from zitat.text.language import ArticleFilter, LangCheck, checked_articles, language_filter
from zitat.ui.render import standalone_html

FILE_TABLE_WIDTH = 120
"""Table width when the output is not a terminal (rich would otherwise assume 80)."""
PROGRESS_LINE_EVERY_S = 5.0
"""How often progress is written to stderr when it is not a terminal."""


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


LangCheckOption = Annotated[
    LangCheck,
    typer.Option(
        "--lang-check",
        help="Articles that are not German (20 words or more): warn, skip them, or do not check.",
    ),
]


def language_check(mode: LangCheck) -> ArticleFilter:
    """The ``--lang-check`` filter, warning on stderr."""
    return language_filter(
        mode, lambda warning: typer.secho(f"zitat: warning: {warning}", err=True, fg="yellow")
    )


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


def write_results(results: Iterable[AnalysisResult], fmt: OutputFormat, out: TextIO) -> int:
    """Write results in ``fmt`` and say how many: jsonl writes (and flushes) each result as
    it comes; the others need them all (json is one object for one article, else an array).
    """
    if fmt is OutputFormat.JSONL:
        count = 0
        for result in results:
            out.write(json.dumps(result_to_dict(result), ensure_ascii=False) + "\n")
            out.flush()
            count += 1
        return count
    every = list(results)
    if fmt is OutputFormat.TABLE:
        width = None if out.isatty() else FILE_TABLE_WIDTH
        print_results(every, Console(file=out, width=width, highlight=False))
    elif fmt is OutputFormat.JSON:
        dicts = [result_to_dict(r) for r in every]
        payload = dicts[0] if len(dicts) == 1 else dicts
        out.write(pretty_json(payload) + "\n")
    else:
        first = every[0].document
        name = (first.title or first.id) if len(every) == 1 else f"{len(every)} articles"
        out.write(standalone_html(every, title=f"zitat – {name}"))
    return len(every)


def with_progress(results: Iterable[AnalysisResult]) -> Iterator[AnalysisResult]:
    """``results`` as they come, counted on stderr: a bar on a terminal, else a plain line
    every :data:`PROGRESS_LINE_EVERY_S` seconds (never on stdout)."""
    with Progress("analysing", plain_every_s=PROGRESS_LINE_EVERY_S, transient=True) as bar:
        for result in results:
            yield result
            bar.advance()


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
    lang_check: LangCheckOption = LangCheck.WARN,
) -> None:
    """Find the quotations in articles: who said what, to whom, how.

    Unreadable inputs are reported, one line each, and skipped; the exit code is non-zero.
    With --format jsonl each result is written as soon as it is ready.
    """
    if output is not None:
        _check_writable(output)
    failures: list[ZitatError] = []

    def report(path: Path, exc: ZitatError) -> None:
        typer.secho(f"zitat: error: {exc}", err=True, fg="red")
        failures.append(exc)

    limit = article_bytes(max_article_mb)
    read = iter_articles(files, on_error=report, max_article_bytes=limit)
    articles = checked_articles(read, language_check(lang_check))
    first = next(articles, None)
    if first is not None:
        pipeline = Pipeline(PipelineConfig(model=model))
        results = with_progress(pipeline.analyze_many(chain([first], articles)))
        with _opened(output) as out:
            write_results(results, output_format, out)
    if failures:
        only_error = len(failures) == 1 and first is None
        raise typer.Exit(failures[0].exit_code if only_error else 1)
