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

from zitat.errors import StoreError, first_line
from zitat.formats.tables import TABLE_SCHEMAS, ColumnKind

APPLICATION_ID = 0x7A697461  # "zita"
FTS_TOKENIZER = "unicode61 remove_diacritics 2"
CACHE_KIB = 64 * 1024  # page cache per connection; SQLite's default of 2 MiB is small for search

_SQL_TYPES = {ColumnKind.REAL: "REAL", ColumnKind.INTEGER: "INTEGER", ColumnKind.FLAG: "INTEGER"}


def _column_defs(table: str, skip: set[str]) -> str:
    """SQL column definitions for the shared flat-table columns (see zitat.formats.tables)."""
    return ",\n    ".join(
        f"{name} {_SQL_TYPES.get(kind, 'TEXT')}"
        for name, kind in TABLE_SCHEMAS[table].items()
        if name not in skip
    )


# Version 1. Articles and quotations reuse the column names of zitat.formats.tables so that
# export, batch output and the store hold the same values.
_V1 = f"""
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    {_column_defs("articles", {"article_id"})},
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_source ON articles(source COLLATE NOCASE);

CREATE TABLE quotations (
    rowid INTEGER PRIMARY KEY,
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    quotation_date TEXT,
    {_column_defs("quotations", set())},
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

# Version 3: researchers' corrections of corpus entities (zitat.store.curation), with who
# made them and when; applied after linking on every write.
_V3 = """
CREATE TABLE corrections (
    rowid INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('rename', 'merge', 'split', 'reject')),
    entity_id TEXT,
    target_id TEXT,
    name TEXT,
    article_id TEXT,
    quote_start INTEGER,
    quote_end INTEGER,
    author TEXT NOT NULL,
    created_at TEXT NOT NULL,
    note TEXT
);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3)
"""Migration ``i`` takes a store from schema version ``i`` to ``i + 1``; append, never edit."""

SCHEMA_VERSION = len(MIGRATIONS)


_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})


def damage_error(path: Path, symptom: str, action: str = "read") -> StoreError:
    """The one-line error for a store file that looks damaged, pointing to ``zitat check``."""
    return StoreError(
        f"cannot {action} {path}: {symptom}; the file looks damaged: run zitat check --db {path}"
    )


def database_error(action: str, path: Path, exc: sqlite3.Error) -> StoreError:
    """The one-line error for an SQLite error while ``action`` ("read", "write to") ``path``."""
    code = getattr(exc, "sqlite_errorcode", None)  # absent where Python's module raised it
    if code in _DAMAGE_CODES or str(exc).startswith("Could not decode"):
        return damage_error(path, first_line(exc), action)
    return StoreError(f"cannot {action} {path}: {first_line(exc)}")


def _wal_file(path: Path, suffix: str) -> Path:
    return path.with_name(f"{path.name}-{suffix}")


def _writable_folder(path: Path) -> bool:
    """Whether the store's folder can be written: SQLite keeps its log and index there."""
    return os.access(path.parent, os.W_OK)


def _refuse_unwritable_folder(path: Path) -> None:
    if not _writable_folder(path):
        raise StoreError(
            f"cannot open {path} for writing: its folder {path.parent} is not writable "
            "(a read-only medium or missing permissions); it can still be opened read-only"
        )


def _read_only_medium_options(path: Path) -> str:
    """URI options for reading a store whose folder nobody can write to (a read-only medium).

    Without a log (-wal) beside it, SQLite reads the file as immutable: it could not create
    the shared-memory index (-shm) it would otherwise need. A log left by a writer that was
    killed holds commits not yet in the file; with its index beside it, SQLite reads it
    (keeping the index in private memory), and without one the store is refused rather than
    shown without those commits.
    """
    if _writable_folder(path):
        return ""
    wal = _wal_file(path, "wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return "&immutable=1"
    if _wal_file(path, "shm").exists():
        return ""
    raise StoreError(
        f"{wal} holds commits that are not yet in {path.name}, and SQLite cannot read them in "
        f"the read-only folder {path.parent} without {path.name}-shm; copy {path.name} and "
        f"{wal.name} to a writable folder and open the copy"
    )


def connect(path: str | Path, *, create: bool = True, readonly: bool = False) -> sqlite3.Connection:
    """Open (and, if allowed, create or migrate) the store at ``path``.

    The file is never opened outside SQLite: closing any descriptor of it would drop the
    POSIX locks this process's other connections hold, and another process could then
    delete the log (-wal) they still use and lose their commits.
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a zitat store")
    if not path.exists():
        if readonly or not create:
            raise StoreError(f"no zitat store at {path}")
        if not path.parent.is_dir():
            raise StoreError(
                f"cannot create a store at {path}: folder {path.parent} does not exist"
            )
    options = _read_only_medium_options(path) if readonly else ""
    if not readonly:
        _refuse_unwritable_folder(path)
    uri = f"file:{quote(str(path.resolve()))}?mode={'ro' if readonly else 'rwc'}{options}"
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
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_NOTADB:
            raise StoreError(
                f"{path} is not a zitat store (not an SQLite database, or its header is damaged)"
            ) from exc
        raise StoreError(f"{path} is not a usable zitat store: {first_line(exc)}") from exc
    except StoreError:
        conn.close()
        raise
    conn.row_factory = sqlite3.Row
    return conn


FULL_TEXT_TABLES = ("quotation_fts", "entity_fts")


def full_text_problems(path: Path) -> list[str] | None:
    """FTS5's own check of each full-text index against its rows; None when it cannot run.

    ``PRAGMA integrity_check`` of this SQLite does not look inside FTS5 indexes. Their
    check is an INSERT command, so it needs a connection that may write (and is refused on
    a read-only medium); it writes nothing, and its transaction is rolled back.
    """
    if not _writable_folder(path) or not os.access(path, os.W_OK):
        return None
    uri = f"file:{quote(str(path.resolve()))}?mode=rw"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        return [f"full-text indexes not checked: {first_line(exc)}"]
    problems = []
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("BEGIN IMMEDIATE")
        for table in FULL_TEXT_TABLES:
            try:
                conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            except sqlite3.Error as exc:
                problems.append(f"full-text index {table}: {first_line(exc)}")
    except sqlite3.Error as exc:
        return [f"full-text indexes not checked: {first_line(exc)}"]
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()
    return problems


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
    if readonly and is_fresh:
        raise StoreError(f"{path} is an empty file, not a zitat store (zitat ingest makes one)")
    if readonly:
        raise StoreError(
            f"{path} has the old store schema {version}; open it once without read-only "
            "(e.g. zitat ingest) to upgrade it"
        )
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
