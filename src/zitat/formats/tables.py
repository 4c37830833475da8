"""Flat tables of analysis results: the columns shared by export, batch output and the store.

Three tables, one row per article, per quotation and per entity (:data:`TABLE_SCHEMAS`).
Rows keep spans as JSON strings (``"[[0, 5], [9, 12]]"``) so that CSV and SQLite hold the
same values; Parquet and DataFrames hold them natively (:mod:`zitat.formats.columnar`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import Any

from zitat.errors import InputError
from zitat.schema import (
    AnalysisResult,
    Article,
    Entity,
    EntityKind,
    EntityRef,
    Gender,
    Medium,
    Mention,
    Quotation,
    QuoteType,
    Role,
    Span,
    TimeAnchor,
)


class ColumnKind(StrEnum):
    """What a column holds; its type in SQLite, CSV and Arrow/Parquet follows from this.

    In rows (the dicts of :func:`article_row` and friends, as stored in SQLite and CSV)
    spans, aliases and mentions are JSON strings and dates ISO strings; in Arrow they are
    native types (see :mod:`zitat.formats.columnar`).
    """

    TEXT = "text"
    CATEGORY = "category"
    """One of a small closed set of strings (a form, medium, kind or gender)."""
    DATE = "date"
    """``YYYY-MM-DD``."""
    SPANS = "spans"
    """``[[start, end], ...]``: character offsets into the article text, end exclusive."""
    INTEGER = "integer"
    REAL = "real"
    FLAG = "flag"
    TEXTS = "texts"
    """A list of strings."""
    MENTIONS = "mentions"
    """A list of ``{"text": ..., "spans": [[start, end], ...]}``."""


def _role_kinds(prefix: str) -> dict[str, ColumnKind]:
    return {f"{prefix}_text": ColumnKind.TEXT, f"{prefix}_spans": ColumnKind.SPANS}


def _entity_kinds(prefix: str) -> dict[str, ColumnKind]:
    return {
        f"{prefix}_entity_id": ColumnKind.TEXT,
        f"{prefix}_name": ColumnKind.TEXT,
        f"{prefix}_kind": ColumnKind.CATEGORY,
        f"{prefix}_gender": ColumnKind.CATEGORY,
        f"{prefix}_role": ColumnKind.TEXT,
    }


TABLE_SCHEMAS: dict[str, dict[str, ColumnKind]] = {
    "articles": {
        "article_id": ColumnKind.TEXT,
        "title": ColumnKind.TEXT,
        "date": ColumnKind.DATE,
        "source": ColumnKind.TEXT,
        "text": ColumnKind.TEXT,
        "model": ColumnKind.TEXT,
        "n_quotations": ColumnKind.INTEGER,
    },
    "quotations": {
        "article_id": ColumnKind.TEXT,
        "quotation_id": ColumnKind.TEXT,
        "type": ColumnKind.CATEGORY,
        "medium": ColumnKind.CATEGORY,
        **_role_kinds("quote"),
        **_role_kinds("cue"),
        **_role_kinds("frame"),
        **_role_kinds("speaker"),
        **_entity_kinds("speaker"),
        **_role_kinds("addressee"),
        **_entity_kinds("addressee"),
        "nested_in": ColumnKind.TEXT,
        "score": ColumnKind.REAL,
        **_role_kinds("when"),
        "when_date": ColumnKind.DATE,
        "when_start": ColumnKind.DATE,
        "when_end": ColumnKind.DATE,
        "when_from_article_date": ColumnKind.FLAG,
        "article_date": ColumnKind.DATE,
        "model": ColumnKind.TEXT,
    },
    "entities": {
        "article_id": ColumnKind.TEXT,
        "entity_id": ColumnKind.TEXT,
        "name": ColumnKind.TEXT,
        "kind": ColumnKind.CATEGORY,
        "gender": ColumnKind.CATEGORY,
        "aliases": ColumnKind.TEXTS,
        "n_mentions": ColumnKind.INTEGER,
        "mentions": ColumnKind.MENTIONS,
    },
}
"""The three tables (one row per article, per quotation, per entity; also the names of the
batch output folders): every column and what it holds. The one definition of the columns
that export, batch output, the store and DataFrames share."""

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(columns) for table, columns in TABLE_SCHEMAS.items()
}
ARTICLE_COLUMNS = TABLE_COLUMNS["articles"]
QUOTATION_COLUMNS = TABLE_COLUMNS["quotations"]
ENTITY_COLUMNS = TABLE_COLUMNS["entities"]


def check_table(table: str) -> None:
    if table not in TABLE_SCHEMAS:
        raise ValueError(f"unknown table {table!r}; choose one of: {', '.join(TABLE_SCHEMAS)}")


def spans_to_json(spans: tuple[Span, ...] | list[Span]) -> str:
    return json.dumps([[s, e] for s, e in spans])


def spans_from_json(raw: str | None) -> tuple[Span, ...]:
    if not raw:
        return ()
    return tuple((int(s), int(e)) for s, e in json.loads(raw))


def _entity_columns(role: str, ref: EntityRef | None) -> dict[str, Any]:
    """The entity columns of a speaker or addressee (all None without an entity)."""
    return {
        f"{role}_entity_id": ref.id if ref else None,
        f"{role}_name": ref.name if ref else None,
        f"{role}_kind": ref.kind.value if ref else None,
        f"{role}_gender": ref.gender.value if ref else None,
        f"{role}_role": ref.role if ref else None,
    }


def _role_columns(prefix: str, role: Role | None) -> dict[str, Any]:
    if role is None:
        return {f"{prefix}_text": None, f"{prefix}_spans": None}
    return {f"{prefix}_text": role.text, f"{prefix}_spans": spans_to_json(role.spans)}


def article_row(result: AnalysisResult) -> dict[str, Any]:
    doc = result.document
    return {
        "article_id": doc.id,
        "title": doc.title,
        "date": doc.date,
        "source": doc.source,
        "text": doc.text,
        "model": result.model,
        "n_quotations": len(result.quotations),
    }


def quotation_rows(result: AnalysisResult) -> list[dict[str, Any]]:
    rows = []
    for q in result.quotations:
        speaker = q.speaker.entity if q.speaker is not None else None
        addressee = q.addressee.entity if q.addressee is not None else None
        row: dict[str, Any] = {
            "article_id": result.document.id,
            "quotation_id": q.id,
            "type": q.type.value,
            "medium": q.medium.value,
        }
        for name in ("quote", "cue", "frame", "speaker"):
            row.update(_role_columns(name, getattr(q, name)))
        row.update(_entity_columns("speaker", speaker))
        row.update(_role_columns("addressee", q.addressee))
        row.update(_entity_columns("addressee", addressee))
        row.update(
            {
                "nested_in": q.nested_in,
                "score": q.score,
                "when_text": q.when.text if q.when else None,
                "when_spans": spans_to_json(q.when.spans) if q.when else None,
                "when_date": q.when.date if q.when else None,
                "when_start": q.when.start if q.when else None,
                "when_end": q.when.end if q.when else None,
                "when_from_article_date": q.when.from_article_date if q.when else None,
                "article_date": result.document.date,
                "model": result.model,
            }
        )
        rows.append(row)
    return rows


def entity_rows(result: AnalysisResult) -> list[dict[str, Any]]:
    return [
        {
            "article_id": result.document.id,
            "entity_id": e.id,
            "name": e.name,
            "kind": e.kind,
            "gender": e.gender.value,
            "aliases": json.dumps(e.aliases, ensure_ascii=False),
            "n_mentions": len(e.mentions),
            "mentions": json.dumps(
                [{"text": m.text, "spans": [[s, t] for s, t in m.spans]} for m in e.mentions],
                ensure_ascii=False,
            ),
        }
        for e in result.entities
    ]


def rows_by_table(results: Iterable[AnalysisResult]) -> dict[str, list[dict[str, Any]]]:
    """The rows of ``results`` in each of the three tables."""
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in TABLE_SCHEMAS}
    for result in results:
        rows["articles"].append(article_row(result))
        rows["quotations"].extend(quotation_rows(result))
        rows["entities"].extend(entity_rows(result))
    return rows


# ---------------------------------------------------------------------------
# The way back from rows to results
# ---------------------------------------------------------------------------


def _entity_ref(row: Mapping[str, Any], prefix: str) -> EntityRef | None:
    if row.get(f"{prefix}_entity_id") is None:
        return None
    return EntityRef(
        id=row[f"{prefix}_entity_id"],
        name=row[f"{prefix}_name"],
        kind=EntityKind(row[f"{prefix}_kind"]),
        gender=Gender(row.get(f"{prefix}_gender") or Gender.UNKNOWN),
        role=row.get(f"{prefix}_role"),
    )


def _role(row: Mapping[str, Any], prefix: str) -> Role | None:
    spans = row.get(f"{prefix}_spans")
    if spans is None:
        return None
    entity = _entity_ref(row, prefix) if prefix in ("speaker", "addressee") else None
    return Role(text=row[f"{prefix}_text"] or "", spans=spans_from_json(spans), entity=entity)


def quotation_from_row(row: Mapping[str, Any]) -> Quotation:
    """Inverse of one row of :func:`quotation_rows`."""
    quote = _role(row, "quote")
    if quote is None:
        raise InputError(f"quotation {row.get('quotation_id')!r} has no quote spans")
    when = None
    if row.get("when_from_article_date") is not None:
        when = TimeAnchor(
            text=row.get("when_text"),
            spans=spans_from_json(row.get("when_spans")),
            date=row.get("when_date"),
            start=row.get("when_start"),
            end=row.get("when_end"),
            from_article_date=bool(row["when_from_article_date"]),
        )
    return Quotation(
        id=row["quotation_id"],
        type=QuoteType(row["type"]),
        medium=Medium(row["medium"]),
        quote=quote,
        cue=_role(row, "cue"),
        frame=_role(row, "frame"),
        speaker=_role(row, "speaker"),
        addressee=_role(row, "addressee"),
        nested_in=row.get("nested_in"),
        score=float(row["score"]) if row.get("score") is not None else 1.0,
        when=when,
    )


def entity_from_row(row: Mapping[str, Any]) -> Entity:
    """Inverse of one row of :func:`entity_rows`."""
    mentions = [
        Mention(m["text"], tuple((int(s), int(e)) for s, e in m["spans"]))
        for m in json.loads(row.get("mentions") or "[]")
    ]
    return Entity(
        id=row["entity_id"],
        name=row["name"],
        kind=row["kind"],
        mentions=mentions,
        gender=Gender(row.get("gender") or Gender.UNKNOWN),
        aliases=list(json.loads(row.get("aliases") or "[]")),
    )


def _by_article(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    grouped: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["article_id"]].append(row)
    return grouped


def results_from_tables(
    article_rows: Iterable[Mapping[str, Any]],
    quotation_rows: Iterable[Mapping[str, Any]],
    entity_rows: Iterable[Mapping[str, Any]],
) -> Iterator[AnalysisResult]:
    """Rebuild results from the three tables (inverse of the row functions above).

    Results come in the order of ``article_rows``. Quotation and entity rows are grouped
    in memory, so call this once per Parquet partition, not once per corpus. Rows of an
    article missing from ``article_rows`` raise :class:`InputError`.
    """
    quotations = _by_article(quotation_rows)
    entities = _by_article(entity_rows)
    for row in article_rows:
        article_id = row["article_id"]
        document = Article(
            id=article_id,
            text=row["text"],
            title=row.get("title"),
            date=row.get("date"),
            source=row.get("source"),
        )
        yield AnalysisResult(
            document=document,
            quotations=[quotation_from_row(q) for q in quotations.pop(article_id, [])],
            entities=[entity_from_row(e) for e in entities.pop(article_id, [])],
            model=row.get("model") or "",
        )
    orphans = sorted(set(quotations) | set(entities))
    if orphans:
        raise InputError(
            f"{len(orphans)} article(s) have quotation or entity rows but no article row, "
            f"e.g. {orphans[0]!r}"
        )
