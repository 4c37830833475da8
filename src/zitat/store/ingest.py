"""Writing analysis results into the store: one article, one transaction.

An article is identified by its id and versioned by a content hash over its text, metadata
and the model that analysed it. Writing the same content again changes nothing; different
content replaces every row of the old version in the same transaction, so a crash at any
moment leaves either the old or the new version, never a mix.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

from zitat.schema import AnalysisResult, Article, EntityRef
from zitat.store.text import fold
from zitat.tables import article_row, entity_rows, quotation_rows


class Analyzer(Protocol):
    """What ingest needs of a pipeline (zitat.pipeline.Pipeline is one)."""

    @property
    def model_id(self) -> str: ...

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[AnalysisResult]: ...


class WriteOutcome(StrEnum):
    ADDED = "added"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"


@dataclass(slots=True)
class IngestReport:
    """What an ingest did; ``failed`` lists (input, reason) of inputs that were skipped."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.replaced + self.unchanged

    def merge(self, other: IngestReport) -> None:
        self.added += other.added
        self.replaced += other.replaced
        self.unchanged += other.unchanged
        self.failed.extend(other.failed)
        self.duplicate_ids.extend(other.duplicate_ids)

    def count(self, outcome: WriteOutcome) -> None:
        if outcome is WriteOutcome.ADDED:
            self.added += 1
        elif outcome is WriteOutcome.REPLACED:
            self.replaced += 1
        else:
            self.unchanged += 1


def content_hash(article: Article, model: str) -> str:
    """Fingerprint of what an article's rows depend on: its text, metadata and the model."""
    payload = [article.id, article.title, article.date, article.source, article.text, model]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8")).hexdigest()


_ISO_DAY = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def quotation_date(row: dict[str, Any]) -> str | None:
    """The date a quotation is filed under: its resolved time anchor, else the article date."""
    for value in (row.get("when_date"), row.get("article_date")):
        found = _ISO_DAY.match(value or "")
        if found:
            return found.group()
    return None


def stored_hash(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute(
        "SELECT content_hash FROM articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return None if row is None else str(row[0])


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    columns = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" for _ in row)
    cursor = conn.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values()))
    return int(cursor.lastrowid or 0)


def write_result(conn: sqlite3.Connection, result: AnalysisResult, digest: str) -> WriteOutcome:
    """Store ``result`` unless the same content is stored; the caller owns the transaction."""
    old = conn.execute(
        "SELECT rowid, content_hash FROM articles WHERE article_id = ?", (result.document.id,)
    ).fetchone()
    if old is not None and old["content_hash"] == digest:
        return WriteOutcome.UNCHANGED
    if old is not None:
        delete_article(conn, old["rowid"])
    article = article_row(result)
    article.update(content_hash=digest, ingested_at=datetime.now(UTC).isoformat())
    article_rowid = _insert(conn, "articles", article)
    for position, (quotation, row) in enumerate(
        zip(result.quotations, quotation_rows(result), strict=True)
    ):
        row.update(
            article_rowid=article_rowid, position=position, quotation_date=quotation_date(row)
        )
        rowid = _insert(conn, "quotations", row)
        speaker = quotation.speaker
        speaker_words = "" if speaker is None else speaker.text
        if speaker is not None and speaker.entity is not None:
            speaker_words += " " + speaker.entity.name
        conn.execute(
            "INSERT INTO quotation_fts (rowid, quote, speaker) VALUES (?, ?, ?)",
            (rowid, fold(quotation.quote.text), fold(speaker_words)),
        )
    for position, entity in enumerate(entity_rows(result)):
        del entity["article_id"]
        entity.update(article_rowid=article_rowid, position=position)
        _insert(conn, "article_entities", entity)
    for position, mention in enumerate(result.mentions):
        conn.execute(
            'INSERT INTO mentions (article_rowid, position, start, "end", label, text) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            (article_rowid, position, mention.start, mention.end, mention.label, mention.text),
        )
    _register_entities(conn, result)
    return WriteOutcome.ADDED if old is None else WriteOutcome.REPLACED


def _register_entities(conn: sqlite3.Connection, result: AnalysisResult) -> None:
    """Upsert the corpus-wide speaker/addressee entities and every name they went by."""
    refs: dict[str, EntityRef] = {}
    for q in result.quotations:
        for role in (q.speaker, q.addressee):
            if role is not None and role.entity is not None:
                refs[role.entity.id] = role.entity
    names: dict[str, set[str]] = {entity_id: {ref.name} for entity_id, ref in refs.items()}
    for entity in result.entities:
        if entity.id in names:
            names[entity.id].update([entity.name, *entity.aliases])
    for entity_id, ref in refs.items():
        conn.execute(
            "INSERT INTO entities (entity_id, name, kind, gender, role) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (entity_id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
            "gender = excluded.gender, role = excluded.role",
            (entity_id, ref.name, ref.kind.value, ref.gender.value, ref.role),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)",
            [(entity_id, name) for name in sorted(names[entity_id]) if name.strip()],
        )
        _index_entity_names(conn, entity_id)


def _index_entity_names(conn: sqlite3.Connection, entity_id: str) -> None:
    rowid = conn.execute("SELECT rowid FROM entities WHERE entity_id = ?", (entity_id,)).fetchone()[
        0
    ]
    aliases = [
        row[0]
        for row in conn.execute(
            "SELECT alias FROM entity_aliases WHERE entity_id = ?", (entity_id,)
        )
    ]
    conn.execute("DELETE FROM entity_fts WHERE rowid = ?", (rowid,))
    conn.execute(
        "INSERT INTO entity_fts (rowid, names) VALUES (?, ?)", (rowid, fold(" ".join(aliases)))
    )


def delete_article(conn: sqlite3.Connection, article_rowid: int) -> None:
    """Remove an article with every row derived from it, and entities nobody refers to now."""
    referenced = {
        entity_id
        for row in conn.execute(
            "SELECT speaker_entity_id, addressee_entity_id FROM quotations WHERE article_rowid = ?",
            (article_rowid,),
        )
        for entity_id in row
        if entity_id is not None
    }
    conn.execute(
        "DELETE FROM quotation_fts WHERE rowid IN "
        "(SELECT rowid FROM quotations WHERE article_rowid = ?)",
        (article_rowid,),
    )
    conn.execute("DELETE FROM articles WHERE rowid = ?", (article_rowid,))
    for entity_id in referenced:
        still_used = conn.execute(
            "SELECT 1 FROM quotations WHERE speaker_entity_id = ?1 "
            "UNION ALL SELECT 1 FROM quotations WHERE addressee_entity_id = ?1 LIMIT 1",
            (entity_id,),
        ).fetchone()
        if still_used is None:
            conn.execute(
                "DELETE FROM entity_fts WHERE rowid = "
                "(SELECT rowid FROM entities WHERE entity_id = ?)",
                (entity_id,),
            )
            conn.execute("DELETE FROM entities WHERE entity_id = ?", (entity_id,))
