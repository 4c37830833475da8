"""Researchers' corrections of corpus entities: rename, merge, split a mention off, reject.

Corrections are rows of the ``corrections`` table (who, when, what), applied in the order
they were made, after the automatic corpus linking (:mod:`zitat.store.linking`):

- ``split`` and ``reject`` name one quotation's speaker by article id and quote span (so a
  re-analysis that renumbers quotations keeps them). They change the article's own
  resolution as it is stored: a rejected speaker has no entity, a split one gets the entity
  ``split:<quote start>-<quote end>@<article id>`` of its own, which nothing links to.
- ``merge`` maps one corpus entity id onto another, after linking (chains are followed).
- ``rename`` gives a corpus entity its display name, whatever its references call it.

Every correction is re-applied whenever an article is (re-)stored, so they survive
re-ingest and re-analysis, and the result does not depend on the order of the articles.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import BaseModel

from zitat.errors import StoreError
from zitat.formats.tables import spans_from_json
from zitat.schema import AnalysisResult, Span
from zitat.speakers.identity import CorpusLink

SPLIT_PREFIX = "split:"


class Action(StrEnum):
    RENAME = "rename"
    MERGE = "merge"
    SPLIT = "split"
    REJECT = "reject"


ENTITY_ACTIONS = (Action.RENAME, Action.MERGE)
QUOTATION_ACTIONS = (Action.SPLIT, Action.REJECT)


class Correction(BaseModel):
    """One stored correction: what was done, to what, by whom and when."""

    id: int
    action: Action
    entity_id: str | None = None
    """rename, merge: the corpus entity corrected; split, reject: the speaker's entity then"""
    target_id: str | None = None
    """merge: the entity merged into; split: the new entity"""
    name: str | None = None
    """rename: the new name"""
    article_id: str | None = None
    quote_start: int | None = None
    quote_end: int | None = None
    author: str
    created_at: str
    note: str | None = None


class CorrectionError(StoreError):
    """A correction the store refuses: unknown entity or quotation, blank name, a loop."""


class NotFound(CorrectionError):
    """A correction names an entity or quotation the store does not hold."""


QuoteKey = tuple[str, int, int]
"""(article id, quote start, quote end) of one quotation."""


def split_id(key: QuoteKey) -> str:
    article_id, start, end = key
    return f"{SPLIT_PREFIX}{start}-{end}@{article_id}"


def _quote_key(article_id: str, spans: tuple[Span, ...]) -> QuoteKey:
    return (article_id, spans[0][0], spans[-1][1])


@dataclass(slots=True)
class Corrections:
    """The stored corrections, folded into what linking needs."""

    merges: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    speakers: dict[QuoteKey, Action] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Corrections:
        found = cls()
        for action, entity_id, target_id, name, article_id, start, end in conn.execute(
            "SELECT action, entity_id, target_id, name, article_id, quote_start, quote_end "
            "FROM corrections ORDER BY rowid"
        ):
            if action == Action.MERGE:
                found.merges[entity_id] = target_id
            elif action == Action.RENAME:
                found.names[entity_id] = name
            else:
                found.speakers[(article_id, start, end)] = Action(action)
        return found

    def merged(self, entity_id: str) -> str:
        """Where merges take ``entity_id`` (itself when none does)."""
        seen = {entity_id}
        while entity_id in self.merges and self.merges[entity_id] not in seen:
            entity_id = self.merges[entity_id]
            seen.add(entity_id)
        return entity_id

    def link(self, link: CorpusLink) -> CorpusLink:
        """A corpus link with the merges applied."""
        target = self.merged(link.entity_id)
        return link if target == link.entity_id else CorpusLink(target, link.linked_name)

    def result(self, result: AnalysisResult) -> AnalysisResult:
        """An article's own resolution with its speakers split off or rejected."""
        if not self.speakers:
            return result
        article_id = result.document.id
        quotations = []
        for quotation in result.quotations:
            speaker = quotation.speaker
            key = _quote_key(article_id, quotation.quote.spans)
            action = self.speakers.get(key)
            if action is not None and speaker is not None and speaker.entity is not None:
                entity = (
                    None if action == Action.REJECT else replace(speaker.entity, id=split_id(key))
                )
                quotation = replace(quotation, speaker=replace(speaker, entity=entity))
            quotations.append(quotation)
        return replace(result, quotations=quotations)


def record(conn: sqlite3.Connection, correction: dict[str, object]) -> Correction:
    """Validate one correction against the store and insert it; the caller owns the
    transaction and relinks afterwards."""
    try:
        action = Action(str(correction["action"]))
    except ValueError:
        choices = ", ".join(a.value for a in Action)
        raise CorrectionError(
            f"unknown correction {correction['action']!r}; choose {choices}"
        ) from None
    needed = {
        Action.RENAME: ("entity_id", "name"),
        Action.MERGE: ("entity_id", "target_id"),
        Action.SPLIT: ("article_id", "quotation_id"),
        Action.REJECT: ("article_id", "quotation_id"),
    }[action]
    missing = [name for name in needed if correction.get(name) is None]
    if missing:
        raise CorrectionError(f"a {action} needs {' and '.join(missing)}")
    if action in ENTITY_ACTIONS:
        _require_entity(conn, str(correction["entity_id"]))
    if action == Action.MERGE:
        target = str(correction["target_id"])
        _require_entity(conn, target)
        if Corrections.load(conn).merged(target) == correction["entity_id"]:
            raise CorrectionError(f"cannot merge {correction['entity_id']} into itself")
    if action == Action.RENAME and not str(correction.get("name") or "").strip():
        raise CorrectionError("a new name must not be blank")
    if action in QUOTATION_ACTIONS:
        correction.update(_speaker_of(conn, correction))
        if action == Action.SPLIT:
            correction["target_id"] = split_id(
                (
                    str(correction["article_id"]),
                    int(str(correction["quote_start"])),
                    int(str(correction["quote_end"])),
                )
            )
    correction["created_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    columns = [name for name in Correction.model_fields if name != "id" and name in correction]
    rowid = conn.execute(
        f"INSERT INTO corrections ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)}) RETURNING rowid",
        [correction[name] for name in columns],
    ).fetchone()[0]
    _apply_to_stored_speaker(conn, action, correction)
    return Correction.model_validate({"id": rowid, **{name: correction[name] for name in columns}})


def history(conn: sqlite3.Connection) -> list[Correction]:
    """Every correction, oldest first."""
    return [
        Correction(**dict(zip(row.keys(), row, strict=True)))
        for row in conn.execute(
            f"SELECT rowid AS id, {', '.join(list(Correction.model_fields)[1:])} "
            "FROM corrections ORDER BY rowid"
        )
    ]


def _require_entity(conn: sqlite3.Connection, entity_id: str) -> None:
    if conn.execute("SELECT 1 FROM entities WHERE entity_id = ?", (entity_id,)).fetchone() is None:
        raise NotFound(f"no entity {entity_id!r} in the store")


def _speaker_of(conn: sqlite3.Connection, correction: dict[str, object]) -> dict[str, object]:
    row = conn.execute(
        "SELECT q.rowid, q.quote_spans, q.speaker_entity_id FROM quotations q "
        "JOIN articles a ON a.rowid = q.article_rowid "
        "WHERE a.article_id = ? AND q.quotation_id = ?",
        (correction["article_id"], correction.pop("quotation_id")),
    ).fetchone()
    if row is None:
        raise NotFound("no such quotation in the store")
    if row[2] is None:
        raise CorrectionError("this quotation has no speaker entity")
    _, start, end = _quote_key(str(correction["article_id"]), spans_from_json(row[1]))
    return {"quote_start": start, "quote_end": end, "entity_id": row[2], "rowid": row[0]}


def _apply_to_stored_speaker(
    conn: sqlite3.Connection, action: Action, correction: dict[str, object]
) -> None:
    """Give a stored quotation's own resolution a split or rejected speaker."""
    if action not in QUOTATION_ACTIONS:
        return
    rowid = correction.pop("rowid")
    if action == Action.REJECT:
        conn.execute(
            "UPDATE quotations SET speaker_local_id = NULL, speaker_local_name = NULL, "
            "speaker_local_kind = NULL, speaker_entity_id = NULL, speaker_name = NULL, "
            "speaker_kind = NULL WHERE rowid = ?",
            (rowid,),
        )
    else:
        conn.execute(
            "UPDATE quotations SET speaker_local_id = ? WHERE rowid = ?",
            (correction["target_id"], rowid),
        )
