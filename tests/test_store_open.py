"""Opening stores: new, existing, read-only, and files that are not (this version's) stores."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from test_store_data import make_result
from zitat.errors import StoreError
from zitat.store import Store
from zitat.store.db import APPLICATION_ID, SCHEMA_VERSION


def _pragma(path: Path, name: str) -> object:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_a_new_store_is_versioned_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store.open(path).close()
    assert _pragma(path, "application_id") == APPLICATION_ID
    assert _pragma(path, "user_version") == SCHEMA_VERSION
    assert _pragma(path, "journal_mode") == "wal"


def test_an_existing_store_keeps_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Store.open(path) as store:
        store.add_result(make_result(1))
    with Store.open(path, create=False, readonly=True) as store:
        assert store.get_article("a1") == make_result(1)


def _sqlite_of_another_program(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.close()


def _newer_store(path: Path) -> None:
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("Liebe Grüße\n", encoding="utf-8"), "not an SQLite database"),
        (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200)), "not an SQLite database"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200), "header is damaged"),
        (_sqlite_of_another_program, "not a zitat store"),
        (_newer_store, "newer zitat"),
    ],
)
@pytest.mark.parametrize("readonly", [False, True])
def test_foreign_and_newer_files_are_refused_and_left_untouched(
    tmp_path: Path, make: object, message: str, readonly: bool
) -> None:
    path = tmp_path / "other.db"
    make(path)  # type: ignore[operator]
    before = path.read_bytes()
    with pytest.raises(StoreError, match=message):
        Store.open(path, readonly=readonly)
    assert path.read_bytes() == before
    # A read-only reader of a WAL database may leave SQLite's shared-memory index behind,
    # but never a log with content.
    left = {p.name: p.stat().st_size for p in tmp_path.iterdir() if p.name != "other.db"}
    assert set(left) <= {"other.db-wal", "other.db-shm"}
    assert left.get("other.db-wal", 0) == 0


def test_missing_stores_are_only_created_when_allowed(tmp_path: Path) -> None:
    for kwargs in ({"create": False}, {"readonly": True}):
        with pytest.raises(StoreError, match="no zitat store"):
            Store.open(tmp_path / "missing.db", **kwargs)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "no" / "such" / "folder.db")
    with pytest.raises(StoreError, match="directory"):
        Store.open(tmp_path)


def test_an_empty_file_becomes_a_store_but_not_read_only(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StoreError, match="is an empty file, not a zitat store"):
        Store.open(path, readonly=True)
    with Store.open(path) as store:
        assert len(store) == 0
    assert _pragma(path, "user_version") == SCHEMA_VERSION
