"""The SQLite file behind a store: opening it safely, its schema, and ordered migrations.

A zitat store is recognised by ``PRAGMA application_id`` and versioned by
``PRAGMA user_version`` (= the number of migrations applied). Any other file is refused
before anything is written to it, so opening the wrong file never changes it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from zitat.errors import StoreError
from zitat.tables import ARTICLE_COLUMNS, QUOTATION_COLUMNS

APPLICATION_ID = 0x7A697461  # "zita"
SQLITE_MAGIC = b"SQLite format 3\x00"
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
CACHE_KIB = 64 * 1024  # page cache per connection; SQLite's default of 2 MiB is small for search

_REAL_COLUMNS = {"score"}
_INTEGER_COLUMNS = {"n_quotations", "when_from_article_date"}


def _column_defs(columns: tuple[str, ...], skip: set[str]) -> str:
    """SQL column definitions for the shared flat-table columns (see zitat.tables)."""

    def sql_type(name: str) -> str:
        if name in _REAL_COLUMNS:
            return "REAL"
        return "INTEGER" if name in _INTEGER_COLUMNS else "TEXT"

    return ",\n    ".join(f"{name} {sql_type(name)}" for name in columns if name not in skip)


# Version 1. Articles and quotations reuse the column names of zitat.tables so that
# export, batch output and the store hold the same values.
_V1 = f"""
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    {_column_defs(ARTICLE_COLUMNS, {"article_id"})},
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_source ON articles(source COLLATE NOCASE);

CREATE TABLE quotations (
    rowid INTEGER PRIMARY KEY,
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    quotation_date TEXT,
    {_column_defs(QUOTATION_COLUMNS, set())},
    UNIQUE (article_rowid, position)
);
CREATE INDEX quotations_speaker ON quotations(speaker_entity_id, quotation_date);
CREATE INDEX quotations_addressee ON quotations(addressee_entity_id);
CREATE INDEX quotations_date ON quotations(quotation_date);

CREATE TABLE entities (
    rowid INTEGER PRIMARY KEY,
    entity_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    gender TEXT NOT NULL,
    role TEXT
);
CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities(entity_id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

CREATE TABLE article_entities (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    gender TEXT NOT NULL,
    aliases TEXT NOT NULL,
    n_mentions INTEGER NOT NULL,
    mentions TEXT NOT NULL,
    PRIMARY KEY (article_rowid, position)
);

CREATE TABLE mentions (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (article_rowid, position)
);

CREATE VIRTUAL TABLE quotation_fts USING fts5(quote, speaker, tokenize='{FTS_TOKENIZER}');
CREATE VIRTUAL TABLE entity_fts USING fts5(names, tokenize='{FTS_TOKENIZER}');
"""

# Version 2: order-independent corpus identity (zitat.store.linking). Quotations keep the
# article's own speaker/addressee entity next to the corpus one; counts from which corpus
# entities are derived. Existing stores are relinked from scratch on their next writable
# open (store_meta 'relink'), taking their stored entities as the articles' own.
_V2 = """
ALTER TABLE quotations ADD COLUMN speaker_local_id TEXT;
ALTER TABLE quotations ADD COLUMN speaker_local_name TEXT;
ALTER TABLE quotations ADD COLUMN speaker_local_kind TEXT;
ALTER TABLE quotations ADD COLUMN addressee_local_id TEXT;
ALTER TABLE quotations ADD COLUMN addressee_local_name TEXT;
ALTER TABLE quotations ADD COLUMN addressee_local_kind TEXT;
UPDATE quotations SET
    speaker_local_id = speaker_entity_id, speaker_local_name = speaker_name,
    speaker_local_kind = speaker_kind, addressee_local_id = addressee_entity_id,
    addressee_local_name = addressee_name, addressee_local_kind = addressee_kind;

DROP TABLE entity_aliases;
CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL,
    alias TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE TABLE entity_refs (
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    gender TEXT NOT NULL,
    role TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (entity_id, name, kind, gender, role)
) WITHOUT ROWID;

CREATE TABLE article_links (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    surname TEXT,
    entity_id TEXT NOT NULL,
    linked_name TEXT,
    PRIMARY KEY (article_rowid, local_id)
) WITHOUT ROWID;
CREATE INDEX article_links_surname ON article_links(surname, article_rowid)
    WHERE surname IS NOT NULL;
CREATE TABLE surname_targets (
    surname TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (surname, entity_id, name)
) WITHOUT ROWID;
CREATE TABLE surname_links (
    surname TEXT PRIMARY KEY,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO store_meta (key, value)
    SELECT 'relink', 'pending' WHERE EXISTS (SELECT 1 FROM articles);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2)
"""Migration ``i`` takes a store from schema version ``i`` to ``i + 1``; append, never edit."""

SCHEMA_VERSION = len(MIGRATIONS)


def _refuse_foreign_file(path: Path) -> None:
    """Refuse a non-empty file that is not SQLite, before SQLite touches it."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path} is not a zitat store (not an SQLite database)")


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """Open (and, if allowed, create or migrate) the store at ``path``."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a zitat store")
    if path.exists():
        _refuse_foreign_file(path)
    elif readonly or not create:
        raise StoreError(f"no zitat store at {path}")
    elif not path.parent.is_dir():
        raise StoreError(f"cannot create a store at {path}: folder {path.parent} does not exist")
    mode = "ro" if readonly else "rwc"
    uri = f"file:{quote(str(path.resolve()))}?mode={mode}"
    if readonly and not os.access(path.parent, os.W_OK):
        # a read-only medium: nobody can write, and WAL readers could not create their -shm
        # file there, so SQLite reads the file as immutable
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    try:
        _check_and_migrate(conn, path, readonly=readonly)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL never corrupts the database on a crash; at worst the last
            # commits are lost on power failure, and a re-run of the ingest adds them again.
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a usable zitat store: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn


def _check_and_migrate(conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    n_objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    is_fresh = application_id == 0 and version == 0 and n_objects == 0
    if not is_fresh and application_id != APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite database but not a zitat store")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer zitat (store schema {version}, this version "
            f"reads up to {SCHEMA_VERSION}); upgrade zitat to open it"
        )
    if version == SCHEMA_VERSION:
        return
    if readonly:
        state = "is empty" if is_fresh else f"has the old schema {version}"
        raise StoreError(f"{path} {state}; open it once without read-only to set it up")
    for target, script in enumerate(MIGRATIONS[version:], start=version + 1):
        _apply(conn, script, target)


def _apply(conn: sqlite3.Connection, script: str, target: int) -> None:
    """Run one migration and bump the version in the same transaction."""
    try:
        conn.executescript(
            f"BEGIN IMMEDIATE;\n{script}\n"
            f"PRAGMA application_id = {APPLICATION_ID};\nPRAGMA user_version = {target};\nCOMMIT;"
        )
    except sqlite3.Error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
