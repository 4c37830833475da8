"""``zitat entities rename/merge/split/reject/log``: curating the corpus entities of a store."""

from __future__ import annotations

import getpass
import json
from typing import Annotated, Any

import typer
from rich.table import Table

from zitat.cli import app
from zitat.cli.store import DEFAULT_DB, DbOption, table_console
from zitat.store import Correction, Store

entities = typer.Typer(
    help="Correct the store's speaker entities (every correction is logged and kept).",
    no_args_is_help=True,
)
app.add_typer(entities, name="entities")

AuthorOption = Annotated[
    str,
    typer.Option("--author", help="Who makes the correction (default: the login name)."),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why, for the log.")]
ArticleArgument = Annotated[str, typer.Argument(help="The article's id.")]
QuotationArgument = Annotated[str, typer.Argument(help="The quotation's id in that article.")]


def _author(author: str | None) -> str:
    return author or getpass.getuser()


def _correct(db: Any, action: str, author: str | None, note: str | None, **what: str) -> None:
    with Store.open(db, create=False) as store:
        done = store.correct(action, author=_author(author), note=note, **what)
    typer.echo(_describe(done))


def _describe(c: Correction) -> str:
    """One line saying what a correction did."""
    if c.action == "rename":
        what = f"{c.entity_id} renamed to {c.name!r}"
    elif c.action == "merge":
        what = f"{c.entity_id} merged into {c.target_id}"
    elif c.action == "split":
        what = (
            f"speaker of {c.article_id} [{c.quote_start}:{c.quote_end}] split off as {c.target_id}"
        )
    else:
        what = f"speaker {c.entity_id} of {c.article_id} [{c.quote_start}:{c.quote_end}] rejected"
    return f"#{c.id} {what}"


@entities.command()
def rename(
    entity_id: Annotated[str, typer.Argument(help="The entity, e.g. per:angela-merkel.")],
    name: Annotated[str, typer.Argument(help="Its new name.")],
    db: DbOption = DEFAULT_DB,
    author: AuthorOption = "",
    note: NoteOption = None,
) -> None:
    """Give an entity a new name."""
    _correct(db, "rename", author, note, entity_id=entity_id, name=name)


@entities.command()
def merge(
    entity_id: Annotated[str, typer.Argument(help="The entity that goes away.")],
    target_id: Annotated[str, typer.Argument(help="The entity it becomes part of.")],
    db: DbOption = DEFAULT_DB,
    author: AuthorOption = "",
    note: NoteOption = None,
) -> None:
    """Merge one entity into another: its quotations get the other's id."""
    _correct(db, "merge", author, note, entity_id=entity_id, target_id=target_id)


@entities.command()
def split(
    article_id: ArticleArgument,
    quotation_id: QuotationArgument,
    db: DbOption = DEFAULT_DB,
    author: AuthorOption = "",
    note: NoteOption = None,
) -> None:
    """Split one quotation's speaker off its entity into an entity of its own."""
    _correct(db, "split", author, note, article_id=article_id, quotation_id=quotation_id)


@entities.command()
def reject(
    article_id: ArticleArgument,
    quotation_id: QuotationArgument,
    db: DbOption = DEFAULT_DB,
    author: AuthorOption = "",
    note: NoteOption = None,
) -> None:
    """Mark one quotation's speaker entity as wrong: the quotation keeps no entity."""
    _correct(db, "reject", author, note, article_id=article_id, quotation_id=quotation_id)


@entities.command()
def log(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Every correction of the store: who made it, when, and what it did."""
    with Store.open(db, create=False, readonly=True) as store:
        corrections = store.corrections()
    if as_json:
        for c in corrections:
            typer.echo(json.dumps(c.model_dump(), ensure_ascii=False))
        return
    table = Table("when", "who", "what", "note")
    for c in corrections:
        table.add_row(c.created_at, c.author, _describe(c), c.note or "")
    table_console().print(table if corrections else "no corrections")
