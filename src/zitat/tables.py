"""Flat tables of analysis results: the columns shared by export, batch output and the store.

Three tables, one row per article, per quotation and per entity. Spans are kept as JSON
strings (``"[[0, 5], [9, 12]]"``) so that CSV, Parquet and SQLite hold the same values.
"""

from __future__ import annotations

import json
from typing import Any

from zitat.schema import AnalysisResult, Role, Span

ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "title",
    "date",
    "source",
    "text",
    "model",
    "n_quotations",
)

QUOTATION_COLUMNS: tuple[str, ...] = (
    "article_id",
    "quotation_id",
    "type",
    "medium",
    "quote_text",
    "quote_spans",
    "cue_text",
    "cue_spans",
    "frame_text",
    "frame_spans",
    "speaker_text",
    "speaker_spans",
    "speaker_entity_id",
    "speaker_name",
    "speaker_kind",
    "speaker_gender",
    "speaker_role",
    "addressee_text",
    "addressee_spans",
    "addressee_entity_id",
    "addressee_name",
    "nested_in",
    "score",
    "when_text",
    "when_date",
    "when_start",
    "when_end",
    "when_from_article_date",
    "article_date",
    "model",
)

ENTITY_COLUMNS: tuple[str, ...] = (
    "article_id",
    "entity_id",
    "name",
    "kind",
    "gender",
    "aliases",
    "n_mentions",
    "mentions",
)


def spans_to_json(spans: tuple[Span, ...] | list[Span]) -> str:
    return json.dumps([[s, e] for s, e in spans])


def spans_from_json(raw: str | None) -> tuple[Span, ...]:
    if not raw:
        return ()
    return tuple((int(s), int(e)) for s, e in json.loads(raw))


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
        row.update(
            {
                "speaker_entity_id": speaker.id if speaker else None,
                "speaker_name": speaker.name if speaker else None,
                "speaker_kind": speaker.kind.value if speaker else None,
                "speaker_gender": speaker.gender.value if speaker else None,
                "speaker_role": speaker.role if speaker else None,
            }
        )
        row.update(_role_columns("addressee", q.addressee))
        row.update(
            {
                "addressee_entity_id": addressee.id if addressee else None,
                "addressee_name": addressee.name if addressee else None,
                "nested_in": q.nested_in,
                "score": q.score,
                "when_text": q.when.text if q.when else None,
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
