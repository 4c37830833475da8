"""Search queries over the store: the filter every search, statistic and export shares."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from zitat.errors import InputError
from zitat.formats.tables import quotation_from_row
from zitat.schema import EntityKind, EntityRef, Gender, Medium, Quotation, QuoteType
from zitat.store.context import InContext
from zitat.store.text import match_expression

MAX_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Which quotations to find. Every field left at None is no constraint.

    ``speaker`` matches the words of a speaker's mention, resolved name or aliases;
    ``text`` the words of the quotation (German-aware: case, umlauts and ß are folded).
    ``date_from``/``date_to`` are inclusive and take ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
    a quotation's date is the date its time anchor resolved, else the article's date.
    """

    speaker: str | None = None
    entity_id: str | None = None
    text: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    type: str | None = None
    medium: str | None = None
    speaker_kind: str | None = None
    speaker_gender: str | None = None
    source: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, slots=True)
class QuotationHit:
    """One quotation found, with the article it comes from."""

    article_id: str
    title: str | None
    source: str | None
    date: str | None
    quotation: Quotation
    article_date: str | None = None
    context: InContext | None = None
    """the sentences around it (speaker pages only)"""

    @property
    def speaker_label(self) -> str | None:
        """The resolved speaker's name, else the speaker mention as written."""
        speaker = self.quotation.speaker
        if speaker is None:
            return None
        return speaker.entity.name if speaker.entity is not None else speaker.text


@dataclass(frozen=True, slots=True)
class SearchPage:
    total: int
    hits: list[QuotationHit] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """A corpus-wide speaker: the entity, every name it went by, its quotations by date."""

    entity: EntityRef
    aliases: list[str]
    quotations: list[QuotationHit]


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
PERIOD_FORMAT = "expected YYYY, YYYY-MM or YYYY-MM-DD"


def _period(value: str, name: str) -> tuple[str, str]:
    """The first day of ``value``'s period and the first day after it, as ISO dates."""
    found = _DATE.fullmatch(value.strip())
    if found is None:
        raise InputError(f"{name} {value!r} is not a date: {PERIOD_FORMAT}")
    year, month, day = found.groups()
    try:
        first = date(int(year), int(month or 1), int(day or 1))
        if day:
            after = date.fromordinal(first.toordinal() + 1)
        elif month:
            after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        else:
            after = date(first.year + 1, 1, 1)
    except ValueError as exc:
        raise InputError(f"{name} {value!r} is not a date: {PERIOD_FORMAT} ({exc})") from exc
    return first.isoformat(), after.isoformat()


def _choice(value: str, enum: type[StrEnum], name: str) -> str:
    """``value`` as one of the enum's values, matched case-insensitively."""
    for member in enum:
        if member.value.casefold() == value.strip().casefold():
            return member.value
    choices = ", ".join(m.value for m in enum)
    raise InputError(f"unknown {name} {value!r}; choose one of: {choices}")


ALL = "1"
"""The condition of a query without filters."""

_SPEAKER_ROWS = (
    "SELECT rowid FROM quotation_fts WHERE quotation_fts MATCH ? "
    "UNION SELECT q2.rowid FROM quotations q2 JOIN entities e "
    "ON e.entity_id = q2.speaker_entity_id "
    "WHERE e.rowid IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?)"
)
_TEXT_ROWS = "SELECT rowid FROM quotation_fts WHERE quotation_fts MATCH ?"

Clause = tuple[str, list[Any]]


@dataclass(frozen=True, slots=True)
class Filter:
    """A query as SQL over ``quotations q``: full-text row-id sets and column conditions.

    Every user value is a bound parameter; full-text words are quoted FTS5 terms.
    """

    row_sets: list[Clause] = field(default_factory=list)
    conditions: list[Clause] = field(default_factory=list)
    impossible: bool = False  # words were given, but none that can match

    def where(self) -> Clause:
        if self.impossible:
            return "0", []
        parts = [(f"q.rowid IN ({sql})", params) for sql, params in self.row_sets]
        parts += self.conditions
        return " AND ".join(sql for sql, _ in parts) or ALL, [v for _, p in parts for v in p]

    def count(self) -> Clause:
        """SQL counting the matches; full-text matches alone are counted without reading rows."""
        if self.row_sets and not self.conditions and not self.impossible:
            sets = " INTERSECT ".join(sql for sql, _ in self.row_sets)
            return f"SELECT count(*) FROM ({sets})", [v for _, p in self.row_sets for v in p]
        where, params = self.where()
        return f"SELECT count(*) FROM quotations q WHERE {where}", params


def query_filter(query: SearchQuery) -> Filter:
    """Validate ``query`` and turn it into SQL; bad values raise :class:`InputError`."""
    found = Filter()

    def add(condition: str, value: Any) -> None:
        found.conditions.append((condition, [value]))

    if query.entity_id is not None:
        add("q.speaker_entity_id = ?", query.entity_id)
    if query.date_from is not None:
        add("q.quotation_date >= ?", _period(query.date_from, "start date")[0])
    if query.date_to is not None:
        add("q.quotation_date < ?", _period(query.date_to, "end date")[1])
    if query.type is not None:
        add("q.type = ?", _choice(query.type, QuoteType, "type"))
    if query.medium is not None:
        add("q.medium = ?", _choice(query.medium, Medium, "medium"))
    if query.speaker_kind is not None:
        add("q.speaker_kind = ?", _choice(query.speaker_kind, EntityKind, "speaker kind"))
    if query.speaker_gender is not None:
        add("q.speaker_gender = ?", _choice(query.speaker_gender, Gender, "speaker gender"))
    if query.source is not None:
        add(
            "q.article_rowid IN (SELECT rowid FROM articles WHERE source = ? COLLATE NOCASE)",
            query.source.strip(),
        )
    if query.speaker is not None and query.speaker.strip():
        mention = match_expression("speaker", query.speaker)
        names = match_expression("names", query.speaker)
        if mention is None or names is None:
            return Filter(impossible=True)
        found.row_sets.append((_SPEAKER_ROWS, [mention, names]))
    if query.text is not None and query.text.strip():
        expression = match_expression("quote", query.text)
        if expression is None:
            return Filter(impossible=True)
        found.row_sets.append((_TEXT_ROWS, [expression]))
    return found


def where_clause(query: SearchQuery) -> Clause:
    """SQL condition over ``quotations q`` and its parameters."""
    return query_filter(query).where()


def check_paging(query: SearchQuery) -> None:
    if not 1 <= query.limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, got {query.limit}")
    if query.offset < 0:
        raise InputError(f"offset must not be negative, got {query.offset}")


NEWEST_FIRST = "ORDER BY q.quotation_date DESC, q.rowid"  # undated last
OLDEST_FIRST = "ORDER BY q.quotation_date ASC NULLS LAST, q.rowid"


def hits_sql(where: str, order: str, *, paged: bool = False) -> str:
    """Quotations matching ``where`` with their article's title and source, in ``order``.

    A page is cut from the sorted row ids first, so that only its rows are read in full.
    """
    select = (
        "SELECT q.*, a.title AS title, a.source AS source "
        "FROM quotations q JOIN articles a ON a.rowid = q.article_rowid WHERE "
    )
    if paged:
        page = f"SELECT q.rowid FROM quotations q WHERE {where} {order} LIMIT ? OFFSET ?"
        return f"{select} q.rowid IN ({page}) {order}"
    return f"{select} {where} {order}"


def row_dict(row: sqlite3.Row) -> dict[str, Any]:
    """A row as a dict; ``dict(row)`` would look every column up by name, which is slow."""
    return dict(zip(row.keys(), row, strict=True))


def hit_from_row(row: sqlite3.Row) -> QuotationHit:
    values = row_dict(row)
    return QuotationHit(
        article_id=values["article_id"],
        title=values["title"],
        source=values["source"],
        date=values["quotation_date"],
        quotation=quotation_from_row(values),
        article_date=values["article_date"],
    )
