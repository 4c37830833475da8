"""Corpus identity in the store: article-local entities, corpus links, corpus entities.

Each article is stored with its own resolution (the ``*_local_*`` columns of ``quotations``
and ``article_entities``). Its entities' corpus ids (``article_links``) are a function of
the set of stored articles, never of the order they came in (see
:func:`zitat.speakers.identity.corpus_link`): a bare surname links to the full-named person
that is the only one of the corpus with that surname. What that function needs of the
corpus is kept as counts, so that a write recomputes only what it can change:

- ``surname_targets``: how many article entities name each full-named person, by surname;
  ``surname_links`` holds, per surname, the one person a bare surname links to (if any);
- ``entity_refs``, ``entity_aliases``: how many speaker/addressee references (and names) each
  corpus entity has, from which ``entities`` and ``entity_fts`` are derived.

When a write changes a surname's link (a second "Clinton" arrives, or leaves), every article
with that bare surname is relinked, in the same transaction. Counts are sums over articles,
so the result equals a from-scratch pass (:meth:`Linker.rebuild`) whatever the order of
writes.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from zitat.schema import AnalysisResult, Entity, EntityKind, EntityRef, Gender, Quotation, Role
from zitat.speakers.identity import (
    CorpusLink,
    Target,
    canonical_name,
    corpus_link,
    surname_key,
    target_key,
)
from zitat.store.curation import SPLIT_PREFIX, Corrections
from zitat.store.text import fold

ROLES = ("speaker", "addressee")

DERIVED_TABLES = (
    "article_links",
    "surname_targets",
    "surname_links",
    "entity_refs",
    "entity_aliases",
    "entity_fts",
    "entities",
)
"""What :meth:`Linker.rebuild` recomputes from the articles' own resolutions."""

RefKey = tuple[str, str, str, str, str]
"""(entity id, name, kind, gender, role or "") of one corpus reference."""


@dataclass(frozen=True, slots=True)
class LocalRef:
    """A speaker or addressee reference as its article resolved it."""

    quotation_rowid: int
    role: str
    mention: str
    ref: EntityRef


def speaker_words(mention: str, ref: EntityRef | None) -> str:
    """What the speaker column of the quotation index holds: the mention and the name."""
    return fold(mention if ref is None else f"{mention} {ref.name}")


def quotation_refs(result: AnalysisResult) -> list[EntityRef]:
    """The speaker and addressee references of an article, in order."""
    return [
        role.entity
        for q in result.quotations
        for role in (q.speaker, q.addressee)
        if role is not None and role.entity is not None
    ]


def linked_quotation(quotation: Quotation, links: Mapping[str, CorpusLink]) -> Quotation:
    """``quotation`` with its speaker and addressee in the corpus view."""

    def linked(role: Role | None) -> Role | None:
        if role is None or role.entity is None:
            return role
        return replace(role, entity=links[role.entity.id].ref(role.entity))

    return replace(
        quotation, speaker=linked(quotation.speaker), addressee=linked(quotation.addressee)
    )


def local_entities(refs: Iterable[EntityRef], entities: Iterable[Entity]) -> dict[str, Entity]:
    """The article's own entities by id: its entity list first, then quotation references."""
    found: dict[str, Entity] = {}
    for entity in entities:
        found.setdefault(entity.id, entity)
    for ref in refs:
        found.setdefault(ref.id, Entity(ref.id, ref.name, ref.kind.value))
    return found


def contributions(
    refs: Iterable[EntityRef], entities: Iterable[Entity], links: Mapping[str, CorpusLink]
) -> tuple[Counter[RefKey], Counter[tuple[str, str]]]:
    """What one article adds to the corpus entities under ``links``: its references, and
    for each referenced entity every name it went by in the article (counted once)."""
    corpus_refs = [links[ref.id].ref(ref) for ref in refs]
    ref_counts = Counter(
        (r.id, r.name, r.kind.value, r.gender.value, r.role or "") for r in corpus_refs
    )
    names: dict[str, set[str]] = {}
    for ref in corpus_refs:
        names.setdefault(ref.id, set()).add(ref.name)
    for entity in entities:
        linked = links[entity.id].entity(entity)
        if linked.id in names:
            names[linked.id].update([linked.name, *linked.aliases])
    aliases = Counter((ident, alias) for ident, found in names.items() for alias in found)
    return ref_counts, Counter({key: n for key, n in aliases.items() if key[1].strip()})


def _most_common(counts: Counter[str], default: str) -> str:
    """The most frequent value, ties broken alphabetically; ``default`` when empty."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0] if counts else default


@dataclass(slots=True)
class Linker:
    """Keeps the corpus identity of one write transaction; ``settle`` finishes it."""

    conn: sqlite3.Connection
    surnames: set[str] = field(default_factory=set)
    """surnames whose full-named persons changed"""
    changed: set[str] = field(default_factory=set)
    """surnames whose link changed"""
    touched: set[str] = field(default_factory=set)
    """corpus entity ids whose references changed"""
    shrunk: set[str] = field(default_factory=set)
    """corpus entity ids some of whose counts went down"""
    corrections: Corrections = field(init=False)
    """the researchers' corrections (zitat.store.curation), applied after linking"""

    def __post_init__(self) -> None:
        self.corrections = Corrections.load(self.conn)

    def _link(self, entity: Entity, article_id: str) -> CorpusLink:
        """The corpus link of one of an article's own entities, corrections applied."""
        if entity.id.startswith(SPLIT_PREFIX):
            return CorpusLink(entity.id)
        target = self._target(entity.name, entity.kind)
        link = corpus_link(entity.id, entity.name, entity.kind, article_id, target)
        return self.corrections.link(link)

    # -- articles ------------------------------------------------------------------------

    def add(
        self, rowid: int, article_id: str, locals_: Mapping[str, Entity]
    ) -> dict[str, CorpusLink]:
        """Record a new article's own entities; returns their corpus links."""
        self._count_targets(locals_.values(), +1)
        self._update_links()
        links = {ident: self._link(e, article_id) for ident, e in locals_.items()}
        self.conn.executemany(
            "INSERT INTO article_links (article_rowid, local_id, name, kind, surname, "
            "entity_id, linked_name) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    ident,
                    e.name,
                    e.kind,
                    surname_key(e.name, e.kind),
                    links[ident].entity_id,
                    links[ident].linked_name,
                )
                for ident, e in locals_.items()
            ],
        )
        return links

    def forget(self, rowid: int) -> None:
        """Take a stored article's share out of the corpus (before its rows are deleted)."""
        links, _ = self._links(rowid)
        refs, entities = self._load(rowid)
        self._count([r.ref for r in refs], entities, links, -1)
        self._count_targets(self._stored_locals(rowid), -1)

    def count(
        self, refs: Iterable[EntityRef], entities: list[Entity], links: Mapping[str, CorpusLink]
    ) -> None:
        """Add a new article's references and names to the corpus entities."""
        self._count(list(refs), entities, links, +1)

    def settle(self, written: int | None = None) -> None:
        """Relink the articles whose surname links changed (all but ``written``, which was
        linked as it was added), then bring the corpus entities up to date."""
        self._update_links()
        articles: set[int] = set()
        for surname in sorted(self.changed):
            articles.update(
                row[0]
                for row in self.conn.execute(
                    "SELECT DISTINCT article_rowid FROM article_links WHERE surname = ?",
                    (surname,),
                )
            )
        if written is not None:
            articles.discard(written)
        for rowid in sorted(articles):
            self.relink(rowid)
        self.changed.clear()
        for ident in sorted(self.touched):
            self._refresh_entity(ident)
            self._rename_references(ident)
        self.touched.clear()
        self.shrunk.clear()

    def relink(self, rowid: int) -> None:
        """Bring one stored article's links, quotation rows and counts up to date."""
        old, article = self._links(rowid)
        new = {e.id: self._link(e, article) for e in self._stored_locals(rowid)}
        moved = {ident for ident, link in new.items() if old[ident] != link}
        if not moved:
            return
        refs, entities = self._load(rowid)
        plain = [r.ref for r in refs]
        self._count(plain, entities, old, -1)
        self._count(plain, entities, new, +1)
        self.conn.executemany(
            "UPDATE article_links SET entity_id = ?, linked_name = ? "
            "WHERE article_rowid = ? AND local_id = ?",
            [(new[i].entity_id, new[i].linked_name, rowid, i) for i in sorted(moved)],
        )
        for local in refs:
            if local.ref.id in moved:
                self._write_ref(local, new[local.ref.id].ref(local.ref))

    def rebuild(self) -> None:
        """Recompute the corpus identity of every stored article from scratch (after a
        migration, or to check the incremental one); the caller owns the transaction."""
        for table in DERIVED_TABLES:
            self.conn.execute(f"DELETE FROM {table}")
        rowids = [row[0] for row in self.conn.execute("SELECT rowid FROM articles")]
        for rowid in rowids:
            refs, entities = self._load(rowid)
            for local in refs:  # first every article as it resolved itself ...
                self._write_ref(local, local.ref)
            plain = [r.ref for r in refs]
            locals_ = local_entities(plain, entities)
            self.conn.executemany(
                "INSERT INTO article_links (article_rowid, local_id, name, kind, surname, "
                "entity_id) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (rowid, ident, e.name, e.kind, surname_key(e.name, e.kind), ident)
                    for ident, e in locals_.items()
                ],
            )
            self._count_targets(locals_.values(), +1)
            self._count(plain, entities, {ident: CorpusLink(ident) for ident in locals_}, +1)
        self._update_links()
        self.changed.clear()
        for rowid in rowids:  # ... then linked to the corpus
            self.relink(rowid)
        self.settle()

    def _write_ref(self, local: LocalRef, ref: EntityRef) -> None:
        """Give one quotation role the corpus reference ``ref``."""
        role = local.role
        self.conn.execute(
            f"UPDATE quotations SET {role}_entity_id = ?, {role}_name = ?, {role}_kind = ? "
            "WHERE rowid = ?",
            (ref.id, ref.name, ref.kind.value, local.quotation_rowid),
        )
        if role == "speaker":
            self.conn.execute(
                "UPDATE quotation_fts SET speaker = ? WHERE rowid = ?",
                (speaker_words(local.mention, ref), local.quotation_rowid),
            )

    # -- reading an article back -----------------------------------------------------------

    def _links(self, rowid: int) -> tuple[dict[str, CorpusLink], str]:
        """An article's current links, and its article id."""
        rows = self.conn.execute(
            "SELECT l.local_id, l.entity_id, l.linked_name, a.article_id "
            "FROM articles a LEFT JOIN article_links l ON l.article_rowid = a.rowid "
            "WHERE a.rowid = ?",
            (rowid,),
        ).fetchall()
        links = {r[0]: CorpusLink(r[1], r[2]) for r in rows if r[0] is not None}
        return links, rows[0][3]

    def _stored_locals(self, rowid: int) -> list[Entity]:
        """An article's own entities as its links recorded them."""
        return [
            Entity(ident, name, kind)
            for ident, name, kind in self.conn.execute(
                "SELECT local_id, name, kind FROM article_links WHERE article_rowid = ?", (rowid,)
            )
        ]

    def _load(self, rowid: int) -> tuple[list[LocalRef], list[Entity]]:
        """An article's own references and entities, as it resolved them."""
        columns = ", ".join(
            f"{r}_text, {r}_local_id, {r}_local_name, {r}_local_kind, {r}_gender, {r}_role"
            for r in ROLES
        )
        refs = []
        for row in self.conn.execute(
            f"SELECT rowid, {columns} FROM quotations WHERE article_rowid = ? ORDER BY position",
            (rowid,),
        ):
            for k, role in enumerate(ROLES):
                text, ident, name, kind, gender, role_name = row[1 + 6 * k : 7 + 6 * k]
                if ident is not None:
                    ref = EntityRef(
                        ident, name, EntityKind(kind), Gender(gender or "unknown"), role_name
                    )
                    refs.append(LocalRef(row[0], role, text or "", ref))
        entities = [
            Entity(ident, name, kind, aliases=list(json.loads(aliases)))
            for ident, name, kind, aliases in self.conn.execute(
                "SELECT entity_id, name, kind, aliases FROM article_entities "
                "WHERE article_rowid = ? ORDER BY position",
                (rowid,),
            )
        ]
        return refs, entities

    # -- counts ------------------------------------------------------------------------------

    def _count(
        self,
        refs: list[EntityRef],
        entities: list[Entity],
        links: Mapping[str, CorpusLink],
        sign: int,
    ) -> None:
        ref_counts, alias_counts = contributions(refs, entities, links)
        self.conn.executemany(
            "INSERT INTO entity_refs (entity_id, name, kind, gender, role, n) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n",
            [(*key, sign * n) for key, n in ref_counts.items()],
        )
        self.conn.executemany(
            "INSERT INTO entity_aliases (entity_id, alias, n) VALUES (?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            [(*key, sign * n) for key, n in alias_counts.items()],
        )
        self.touched.update(key[0] for key in ref_counts)
        if sign < 0:
            self.shrunk.update(key[0] for key in ref_counts)

    def _count_targets(self, entities: Iterable[Entity], sign: int) -> None:
        rows = []
        for entity in entities:
            surname = target_key(entity.name, entity.kind)
            if surname is not None:
                rows.append((surname, entity.id, entity.name, sign))
                self.surnames.add(surname)
        self.conn.executemany(
            "INSERT INTO surname_targets (surname, entity_id, name, n) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET n = n + excluded.n",
            rows,
        )

    # -- derived state ---------------------------------------------------------------------

    def _update_links(self) -> None:
        """Recompute the link of every surname whose full-named persons changed."""
        for surname in sorted(self.surnames):
            self.conn.execute(
                "DELETE FROM surname_targets WHERE surname = ? AND n <= 0", (surname,)
            )
            found = self.conn.execute(
                "SELECT entity_id, name FROM surname_targets WHERE surname = ?", (surname,)
            ).fetchall()
            ids = {row[0] for row in found}
            target = (
                Target(ids.pop(), canonical_name(row[1] for row in found))
                if len(ids) == 1
                else None
            )
            if target != self._stored_target(surname):
                self.conn.execute("DELETE FROM surname_links WHERE surname = ?", (surname,))
                if target is not None:
                    self.conn.execute(
                        "INSERT INTO surname_links (surname, entity_id, name) VALUES (?, ?, ?)",
                        (surname, target.entity_id, target.name),
                    )
                self.changed.add(surname)
        self.surnames.clear()

    def _stored_target(self, surname: str) -> Target | None:
        row = self.conn.execute(
            "SELECT entity_id, name FROM surname_links WHERE surname = ?", (surname,)
        ).fetchone()
        return None if row is None else Target(row[0], row[1])

    def _target(self, name: str, kind: str) -> Target | None:
        surname = surname_key(name, kind)
        return None if surname is None else self._stored_target(surname)

    def _refresh_entity(self, ident: str) -> None:
        """Derive one corpus entity's row, aliases and name index from its counts (rows
        that would not change are left alone: most writes only add to counts)."""
        if ident in self.shrunk:
            self.conn.execute("DELETE FROM entity_refs WHERE entity_id = ? AND n <= 0", (ident,))
            self.conn.execute("DELETE FROM entity_aliases WHERE entity_id = ? AND n <= 0", (ident,))
        refs = self.conn.execute(
            "SELECT name, kind, gender, role, n FROM entity_refs WHERE entity_id = ?", (ident,)
        ).fetchall()
        old = self.conn.execute(
            "SELECT e.rowid, e.name, e.kind, e.gender, e.role, f.names FROM entities e "
            "LEFT JOIN entity_fts f ON f.rowid = e.rowid WHERE e.entity_id = ?",
            (ident,),
        ).fetchone()
        if not refs:
            if old is not None:
                self.conn.execute("DELETE FROM entity_fts WHERE rowid = ?", (old[0],))
                self.conn.execute("DELETE FROM entities WHERE rowid = ?", (old[0],))
            return
        values = _entity_values(refs)
        renamed = self.corrections.names.get(ident)
        if renamed is not None:
            values = (renamed, *values[1:])
        if old is None:
            rowid = self.conn.execute(
                "INSERT INTO entities (entity_id, name, kind, gender, role) "
                "VALUES (?, ?, ?, ?, ?) RETURNING rowid",
                (ident, *values),
            ).fetchone()[0]
        else:
            rowid = old[0]
            if tuple(old[1:5]) != values:
                self.conn.execute(
                    "UPDATE entities SET name = ?, kind = ?, gender = ?, role = ? WHERE rowid = ?",
                    (*values, rowid),
                )
        aliases = [
            row[0]
            for row in self.conn.execute(
                "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias", (ident,)
            )
        ]
        names = fold(" ".join([*aliases, *([renamed] if renamed else [])]))
        if old is None or old[5] != names:
            if old is not None:
                self.conn.execute("DELETE FROM entity_fts WHERE rowid = ?", (rowid,))
            self.conn.execute("INSERT INTO entity_fts (rowid, names) VALUES (?, ?)", (rowid, names))

    def _rename_references(self, ident: str) -> None:
        """Give the quotations of a renamed entity its new name (their counts keep the
        names the articles used, so a rename never changes what linking sees)."""
        renamed = self.corrections.names.get(ident)
        if renamed is None:
            return
        for role in ROLES:
            self.conn.execute(
                f"UPDATE quotations SET {role}_name = ? WHERE {role}_entity_id = ? "
                f"AND {role}_name IS NOT ?",
                (renamed, ident, renamed),
            )


def _entity_values(refs: list[tuple[str, str, str, str, int]]) -> tuple[str, str, str, str | None]:
    """Name, kind, gender and role of a corpus entity from the counts of its references:
    the longest name; the most frequent kind, known gender and role (ties alphabetically)."""
    kinds: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for _, kind, gender, role, n in refs:
        kinds[kind] += n
        if gender != Gender.UNKNOWN:
            genders[gender] += n
        if role:
            roles[role] += n
    return (
        canonical_name(row[0] for row in refs),
        _most_common(kinds, EntityKind.PERSON.value),
        _most_common(genders, Gender.UNKNOWN.value),
        _most_common(roles, "") or None,
    )


def identity_problems(conn: sqlite3.Connection) -> list[str]:
    """Quotations whose entity is not their article's link, or has no entity row."""
    if conn.execute("SELECT 1 FROM store_meta WHERE key = 'relink'").fetchone():
        return []  # a migrated store, relinked when it is next opened for writing
    problems = []
    for role in ROLES:
        unlinked = conn.execute(
            f"SELECT count(*) FROM quotations q LEFT JOIN article_links l "
            f"ON l.article_rowid = q.article_rowid AND l.local_id = q.{role}_local_id "
            f"WHERE q.{role}_local_id IS NOT NULL AND q.{role}_entity_id IS NOT l.entity_id"
        ).fetchone()[0]
        if unlinked:
            problems.append(f"{unlinked} quotations whose {role} is not linked as its article's")
        missing = conn.execute(
            f"SELECT count(*) FROM quotations q WHERE q.{role}_entity_id IS NOT NULL AND NOT "
            f"EXISTS (SELECT 1 FROM entities e WHERE e.entity_id = q.{role}_entity_id)"
        ).fetchone()[0]
        if missing:
            problems.append(f"{missing} quotations whose {role} entity is missing")
    return problems
