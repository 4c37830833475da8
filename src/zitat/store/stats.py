"""Corpus statistics: who is quoted, how often, in which form, and when."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from zitat.schema import EntityKind, Gender
from zitat.store.search import ALL

NO_SPEAKER = "no speaker"
UNRESOLVED = "unresolved"
"""Kind buckets besides the entity kinds: no speaker found, or a speaker without an entity."""


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """A speaker and how often it is quoted; ``entity_id`` is None for an unresolved mention."""

    entity_id: str | None
    name: str
    kind: str | None
    gender: str | None
    quotations: int


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """Counts over a set of quotations. Each ``by_*`` maps a value to its count.

    ``by_kind`` covers every quotation (with the buckets ``no speaker`` and
    ``unresolved``); ``by_gender`` only those whose speaker is a person.
    """

    n_articles: int
    n_quotations: int
    n_undated: int = 0
    """quotations without a date (left out of ``per_month``)"""
    top_speakers: list[SpeakerCount] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)
    by_gender: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    by_medium: dict[str, int] = field(default_factory=dict)
    per_month: dict[str, int] = field(default_factory=dict)

    @property
    def anonymous(self) -> int:
        """Quotations attributed to an anonymous source."""
        return self.by_kind.get(EntityKind.ANONYMOUS.value, 0)

    @property
    def anonymous_share(self) -> float:
        return share(self.anonymous, self.n_quotations)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "anonymous": self.anonymous}


def share(part: int, whole: int) -> float:
    """``part / whole``, 0.0 for an empty whole."""
    return part / whole if whole else 0.0


def _counts(conn: sqlite3.Connection, key: str, where: str, params: list[Any]) -> dict[str, int]:
    rows = conn.execute(
        f"SELECT {key} AS k, count(*) AS n FROM quotations q WHERE {where} "
        "GROUP BY k HAVING k IS NOT NULL ORDER BY n DESC, k",
        params,
    ).fetchall()
    return {row["k"]: row["n"] for row in rows}


def compute_stats(
    conn: sqlite3.Connection, where: str, params: list[Any], *, top: int = 20
) -> CorpusStats:
    """Statistics over ``quotations q WHERE <where>``."""
    totals = conn.execute(
        "SELECT count(*), count(DISTINCT q.article_rowid), count(q.quotation_date) "
        f"FROM quotations q WHERE {where}",
        params,
    ).fetchone()
    n_articles = totals[1]
    if where == ALL:  # no filter: count articles without quotations too
        n_articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    speakers = conn.execute(
        "SELECT q.speaker_entity_id AS entity_id, "
        "coalesce(e.name, max(q.speaker_name), max(q.speaker_text)) AS name, "
        "coalesce(e.kind, max(q.speaker_kind)) AS kind, "
        "coalesce(e.gender, max(q.speaker_gender)) AS gender, count(*) AS n "
        f"FROM quotations q LEFT JOIN entities e ON e.entity_id = q.speaker_entity_id "
        f"WHERE {where} AND q.speaker_text IS NOT NULL "
        "GROUP BY coalesce(q.speaker_entity_id, q.speaker_text) ORDER BY n DESC, name LIMIT ?",
        [*params, top],
    ).fetchall()
    kind = (
        f"CASE WHEN q.speaker_text IS NULL THEN '{NO_SPEAKER}' "
        f"ELSE coalesce(q.speaker_kind, '{UNRESOLVED}') END"
    )
    person_only = f"{where} AND q.speaker_kind = '{EntityKind.PERSON.value}'"
    return CorpusStats(
        n_articles=n_articles,
        n_quotations=totals[0],
        n_undated=totals[0] - totals[2],
        top_speakers=[
            SpeakerCount(row["entity_id"], row["name"], row["kind"], row["gender"], row["n"])
            for row in speakers
        ],
        by_kind=_counts(conn, kind, where, params),
        by_gender=_counts(
            conn, f"coalesce(q.speaker_gender, '{Gender.UNKNOWN.value}')", person_only, params
        ),
        by_type=_counts(conn, "q.type", where, params),
        by_medium=_counts(conn, "q.medium", where, params),
        per_month=dict(
            sorted(_counts(conn, "substr(q.quotation_date, 1, 7)", where, params).items())
        ),
    )
