"""``zitat ingest``, ``search``, ``stats``, ``export``, ``check``: the store on the command line."""

from __future__ import annotations

import csv
import functools
import inspect
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, get_type_hints

import typer
from rich.console import Console
from rich.table import Table

from zitat.cli import app
from zitat.cli.analyze import (
    DEFAULT_MAX_ARTICLE_MB,
    FILE_TABLE_WIDTH,
    LangCheckOption,
    MaxArticleOption,
    article_bytes,
    language_check,
)
from zitat.cli.progress import Progress
from zitat.errors import InputError, StoreError
from zitat.export import FORMATS
from zitat.export import export as export_store
from zitat.extras import require
from zitat.formats.readers import expand_input
from zitat.schema import quotation_to_dict
from zitat.store import CorpusStats, IngestReport, SearchPage, SearchQuery, Store
from zitat.store.stats import share
from zitat.text.language import LangCheck
from zitat.wording import plural

DEFAULT_DB = Path("zitat.db")
DbOption = Annotated[
    Path, typer.Option("--db", help="The store file.", dir_okay=False, envvar="ZITAT_DB")
]
QUOTE_WIDTH = 90


def _filter(name: str, flag: str, help: str) -> inspect.Parameter:
    option = typer.Option(flag, help=help, rich_help_panel="Filters")
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[str | None, option]
    )


_FILTERS = (
    _filter("speaker", "--speaker", "Words of the speaker's mention, name or alias."),
    _filter("entity_id", "--entity", "Speaker entity id, e.g. per:angela-merkel."),
    _filter("text", "--text", "Words in the quotation (case, umlauts and ß folded)."),
    _filter("date_from", "--from", "First date: YYYY, YYYY-MM or YYYY-MM-DD."),
    _filter("date_to", "--to", "Last date (inclusive): YYYY, YYYY-MM or YYYY-MM-DD."),
    _filter("type", "--type", "Form: Direct, Indirect, FreeIndirect, ..., Reported."),
    _filter("medium", "--medium", "Speech, Writing, Thought, SW, ST, TW or none."),
    _filter("speaker_kind", "--kind", "Speaker kind: person, organisation, anonymous, ..."),
    _filter("speaker_gender", "--gender", "Speaker gender: female, male or unknown."),
    _filter("source", "--source", "Source outlet of the article."),
)


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the search filter options; it receives them as ``query``."""
    hints = get_type_hints(command, include_extras=True)
    own = [
        parameter.replace(annotation=hints[parameter.name])
        for parameter in inspect.signature(command).parameters.values()
        if parameter.name != "query"
    ]

    @functools.wraps(command)
    def wrapper(**options: Any) -> None:
        filters = {p.name: options.pop(p.name) for p in _FILTERS}
        command(query=SearchQuery(**filters), **options)

    del wrapper.__wrapped__  # typer must see the new signature, not the wrapped one
    wrapper.__signature__ = inspect.Signature([*own, *_FILTERS])  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in [*own, *_FILTERS]}
    return wrapper


def _print_report(report: IngestReport) -> None:
    err = Console(stderr=True, highlight=False)
    err.print(
        f"{plural(report.seen, 'article')}: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged"
    )
    if report.duplicate_ids:
        shown = ", ".join(report.duplicate_ids[:5])
        err.print(
            f"[yellow]{plural(len(report.duplicate_ids), 'id')} seen more than once[/] "
            f"(last kept): {shown}"
        )
    if report.failed:
        err.print(f"[red]{plural(len(report.failed), 'input')} skipped:[/]")
        for path, reason in report.failed:
            err.print(f"  {reason}" if path in reason else f"  {path}: {reason}", markup=False)


def _check_some_input(paths: list[str]) -> None:
    """Fail, before a store file is created, when no argument names a file to read."""
    problems = []
    for raw in paths:
        try:
            expand_input(raw)
        except InputError as exc:
            problems.append(exc)
    if len(problems) == len(paths):
        more = f" (and {plural(len(problems) - 1, 'other input')})" if len(problems) > 1 else ""
        raise InputError(f"nothing to ingest: {problems[0]}{more}")


@app.command()
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (recursive), globs: text, HTML, JSON(L), corpus JSON."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    model: Annotated[
        str, typer.Option("--model", "-m", help="Quotation model: learned, tagger or rules.")
    ] = "learned",
    from_parquet: Annotated[
        Path | None,
        typer.Option(
            "--from-parquet", file_okay=False, help="Load the output folder of zitat batch."
        ),
    ] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    max_article_mb: MaxArticleOption = DEFAULT_MAX_ARTICLE_MB,
    lang_check: LangCheckOption = LangCheck.WARN,
) -> None:
    """Analyse articles and keep them in the store; unchanged articles are skipped."""
    if not paths and from_parquet is None:
        raise InputError("nothing to ingest: give files or folders, or --from-parquet DIR")
    if paths and from_parquet is None:
        _check_some_input(paths)
    with Store.open(db) as store:
        report = IngestReport()
        if from_parquet is not None:
            require("zitat ingest --from-parquet", "parquet")
            from zitat.batch.results import iter_batch_results

            with Progress("storing", enabled=progress) as bar:
                report = store.add_results(bar.track(iter_batch_results(from_parquet)))
        if paths:
            from zitat.ingest import ingest as ingest_articles
            from zitat.pipeline import Pipeline, PipelineConfig

            pipeline = Pipeline(PipelineConfig(model=model))
            limit = article_bytes(max_article_mb)
            report.merge(
                ingest_articles(
                    store,
                    paths,
                    pipeline=pipeline,
                    progress=(lambda total: Progress("ingesting", total=total))
                    if progress
                    else None,
                    max_article_bytes=limit,
                    admit=language_check(lang_check),
                )
            )
    _print_report(report)
    if report.failed:
        raise typer.Exit(1)


class SearchFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


HIT_CSV_COLUMNS = (
    "article_id",
    "title",
    "source",
    "date",
    "quotation_id",
    "type",
    "medium",
    "speaker",
    "speaker_entity_id",
    "cue",
    "addressee",
    "quote",
)


def table_console() -> Console:
    """Stdout, as wide as the terminal, or as a table in a file is (not 80 columns)."""
    return Console(highlight=False, width=None if sys.stdout.isatty() else FILE_TABLE_WIDTH)


def _short(text: str | None, width: int = QUOTE_WIDTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_page(page: SearchPage, query: SearchQuery, output_format: SearchFormat) -> None:
    if output_format is SearchFormat.JSON:
        payload = {
            "total": page.total,
            "offset": query.offset,
            "limit": query.limit,
            "hits": [
                {
                    "article_id": hit.article_id,
                    "title": hit.title,
                    "source": hit.source,
                    "date": hit.date,
                    "quotation": quotation_to_dict(hit.quotation),
                }
                for hit in page.hits
            ],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    if output_format is SearchFormat.CSV:
        writer = csv.writer(sys.stdout)
        writer.writerow(HIT_CSV_COLUMNS)
        for hit in page.hits:
            q = hit.quotation
            writer.writerow(
                [hit.article_id, hit.title, hit.source, hit.date, q.id, q.type.value]
                + [q.medium.value, hit.speaker_label]
                + [q.speaker.entity.id if q.speaker and q.speaker.entity else None]
                + [role.text if role else None for role in (q.cue, q.addressee, q.quote)]
            )
        return
    console = table_console()
    if not page.total:
        console.print("no quotations found")
        return
    first = query.offset + 1
    shown = f"{first}–{query.offset + len(page.hits)}" if page.hits else "none"
    table = Table(title=f"{plural(page.total, 'quotation')} ({shown} shown)", title_justify="left")
    for column in ("date", "speaker", "form", "medium"):
        table.add_column(column, no_wrap=column in ("date", "medium"))
    table.add_column("quotation", min_width=30, ratio=1)
    table.add_column("article", max_width=30, overflow="ellipsis")
    for hit in page.hits:
        q = hit.quotation
        table.add_row(
            hit.date or "",
            hit.speaker_label or "–",
            q.type.value,
            q.medium.value,
            _short(q.quote.text),
            _short(hit.title or hit.article_id, 40),
        )
    console.print(table)


@app.command()
@with_filters
def search(
    query: SearchQuery,
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Hits per page.", min=1, max=1000)] = 20,
    page: Annotated[int, typer.Option(help="Page number, from 1.", min=1)] = 1,
    output_format: Annotated[
        SearchFormat, typer.Option("--format", "-f", help="How to print the hits.")
    ] = SearchFormat.TABLE,
) -> None:
    """Find quotations by speaker, words, date, form, medium, speaker kind/gender, source."""
    paged = replace(query, limit=limit, offset=(page - 1) * limit)
    with Store.open(db, create=False, readonly=True) as store:
        _print_page(store.search(paged), paged, output_format)


def _count_table(title: str, counts: dict[str, int], whole: int) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(title.split(" by ")[-1])
    table.add_column("quotations", justify="right")
    table.add_column("share", justify="right")
    for key, count in counts.items():
        table.add_row(key, str(count), f"{share(count, whole):.1%}")
    return table


def _print_stats(stats: CorpusStats) -> None:
    console = table_console()
    n = stats.n_quotations
    console.print(
        f"{plural(n, 'quotation')} in {plural(stats.n_articles, 'article')}; "
        f"anonymous sources: {stats.anonymous} ({stats.anonymous_share:.1%}); "
        f"undated: {stats.n_undated}"
    )
    speakers = Table(title="Most quoted", title_justify="left")
    for column in ("speaker", "entity", "kind", "gender", "quotations", "share"):
        speakers.add_column(
            column, justify="right" if column in ("quotations", "share") else "left"
        )
    for s in stats.top_speakers:
        speakers.add_row(
            s.name,
            s.entity_id or "–",
            s.kind or "–",
            s.gender or "–",
            str(s.quotations),
            f"{share(s.quotations, n):.1%}",
        )
    console.print(speakers)
    persons = sum(stats.by_gender.values())
    console.print(_count_table("Quotations by speaker kind", stats.by_kind, n))
    console.print(_count_table("Person quotations by gender", stats.by_gender, persons))
    console.print(_count_table("Quotations by form", stats.by_type, n))
    console.print(_count_table("Quotations by medium", stats.by_medium, n))
    dated = n - stats.n_undated
    console.print(_count_table("Dated quotations by month", stats.per_month, dated))


@app.command()
@with_filters
def stats(
    query: SearchQuery,
    db: DbOption = DEFAULT_DB,
    top: Annotated[int, typer.Option(help="How many speakers to list.", min=1)] = 20,
    plot: Annotated[
        Path | None,
        typer.Option(help="Also draw charts into this .png or .svg file.", dir_okay=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Who is quoted most; shares by speaker kind, gender, form; anonymous sources; per month."""
    with Store.open(db, create=False, readonly=True) as store:
        result = store.stats(query, top=top)
    if as_json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_stats(result)
    if plot is not None:
        require("zitat stats --plot", "plot")
        from zitat.cli.plots import plot_stats

        plot_stats(result, plot)
        Console(stderr=True).print(f"charts written to {plot}")


@app.command()
@with_filters
def export(
    query: SearchQuery,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="File to write (a folder for corpus).")
    ],
    db: DbOption = DEFAULT_DB,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")
    ] = "jsonl",
) -> None:
    """Export the store, or the quotations the filters match, as JSONL, CSV, Parquet or corpus."""
    if output_format == "parquet":
        require("zitat export --format parquet", "parquet")
    with Store.open(db, create=False, readonly=True) as store:
        written = export_store(store, output, output_format, query)
    unit = "quotation" if output_format in ("csv", "parquet") else "article"
    Console(stderr=True).print(f"{plural(written, unit)} written to {output}")


SHOWN_PROBLEMS = 20


@app.command()
def check(db: DbOption = DEFAULT_DB) -> None:
    """Check a store: SQLite's integrity check, the store's own invariants, what it holds.

    Exit code 0 when all is well, 4 when the store is damaged (see docs/store.md, recovery).
    """
    out = Console(highlight=False, soft_wrap=True)
    with Store.open(db, create=False, readonly=True) as store:
        try:
            counts = store.counts()
            out.print(f"{db}: " + ", ".join(f"{n} {table}" for table, n in counts.items()))
        except StoreError as exc:
            out.print(f"{db}: cannot count what it holds ({exc.__cause__})", markup=False)
        problems = store.integrity_problems()
    if not problems:
        out.print("integrity: ok")
        return
    out.print(f"integrity: {plural(len(problems), 'problem')}")
    for problem in problems[:SHOWN_PROBLEMS]:
        out.print(f"  {problem}", markup=False)
    if len(problems) > SHOWN_PROBLEMS:
        out.print(f"  … and {len(problems) - SHOWN_PROBLEMS} more")
    raise StoreError(f"{db} is damaged; see docs/store.md (recovering a damaged store)")
