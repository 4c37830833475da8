"""The store under faults: full disk, read-only file or medium, a second writer holding the lock.

Each fault must give a one-line StoreError and leave the store as it was before the failing
write: no partial article, integrity intact, and working again once the fault is gone.
Mounting needs root (tests run as root here); the tests skip with the reason otherwise.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_store_data import make_result
from web_support import quoted_result
from zitat.errors import StoreError
from zitat.schema import AnalysisResult, result_to_dict
from zitat.store import SearchQuery, Store

PADDING = " Der Bundestag debattierte lange über den Haushalt." * 400  # ~20 kB per article


def article(number: int) -> AnalysisResult:
    return quoted_result(f"art-{number}", "2024-05-02", extra=PADDING)


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture()
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs mounted for this test alone."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = run("mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(disk))
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield disk
    finally:
        run("umount", "-l", str(disk))


def assert_one_line(error: StoreError, path: Path) -> None:
    assert "\n" not in str(error) and str(path) in str(error)


def assert_holds_exactly(path: Path, results: list[AnalysisResult]) -> None:
    """The store is intact and holds these results, unchanged, and nothing else."""
    with Store.open(path, create=False) as store:
        assert store.integrity_problems() == []
        assert store.article_ids() == [r.document.id for r in results]
        for result in results:
            stored = store.get_article(result.document.id)
            assert stored is not None and result_to_dict(stored) == result_to_dict(result)


def fill_until_full(store: Store, first: int = 0) -> tuple[list[AnalysisResult], int]:
    """Add articles until the disk is full; the ones stored and the number of the refused one."""
    stored = []
    for number in range(first, first + 200):
        try:
            store.add_result(article(number))
        except StoreError as exc:
            assert_one_line(exc, store.path)
            assert "full" in str(exc)
            return stored, number
        stored.append(article(number))
    raise AssertionError("the 1 MiB disk never filled up")


def test_full_disk_refuses_the_article_and_keeps_the_rest(small_disk: Path) -> None:
    path = small_disk / "store.db"
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * 300_000)
    with Store.open(path) as store:
        stored, refused = fill_until_full(store)
        assert stored, "not even one article fitted"
        assert store.get_article(f"art-{refused}") is None
        filler.unlink()  # space comes back: the same store object writes again
        store.add_result(article(refused))
        stored.append(article(refused))
    assert_holds_exactly(path, stored)


def test_store_cannot_be_created_on_a_full_disk(small_disk: Path) -> None:
    filler = small_disk / "filler"
    with filler.open("wb") as handle, pytest.raises(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    with pytest.raises(StoreError) as exc:
        Store.open(small_disk / "store.db")
    assert "\n" not in str(exc.value)
    filler.unlink()
    with Store.open(small_disk / "store.db") as store:  # a clean start once there is room
        assert store.integrity_problems() == [] and len(store) == 0


def test_ingest_command_on_a_full_disk_is_one_line_and_exit_4(
    small_disk: Path, tmp_path: Path
) -> None:
    inputs = tmp_path / "articles"
    inputs.mkdir()
    for number in range(60):
        (inputs / f"a{number}.txt").write_text(
            f"„Wir halten Kurs“, sagte Scholz am Dienstag.{PADDING}", encoding="utf-8"
        )
    path = small_disk / "store.db"
    zitat = str(Path(sys.executable).with_name("zitat"))
    done = run(zitat, "ingest", "--db", str(path), "--model", "rules", "--no-progress", str(inputs))
    assert done.returncode == StoreError.exit_code, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") == 0
    with Store.open(path, create=False) as store:
        assert store.integrity_problems() == []
        assert 0 < len(store) < 60


@pytest.fixture()
def stored_one(tmp_path: Path) -> tuple[Path, AnalysisResult]:
    path = tmp_path / "store.db"
    with Store.open(path) as store:
        store.add_result(article(1))
    return path, article(1)


@pytest.fixture()
def read_only_file(stored_one: tuple[Path, AnalysisResult]) -> Iterator[Path]:
    """The store file made unwritable: immutable for root (chattr +i), else mode 0444."""
    path = stored_one[0]
    if os.geteuid() == 0:
        made = run("chattr", "+i", str(path))
        if made.returncode != 0:
            pytest.skip(f"cannot make the file immutable: {made.stderr.strip()}")
        yield path
        run("chattr", "-i", str(path))
    else:
        path.chmod(0o444)
        yield path
        path.chmod(0o644)


def test_read_only_database_file_refuses_writes_and_still_reads(
    read_only_file: Path, stored_one: tuple[Path, AnalysisResult]
) -> None:
    with pytest.raises(StoreError) as exc, Store.open(read_only_file) as store:
        store.add_result(article(2))
    assert_one_line(exc.value, read_only_file)
    with Store.open(read_only_file, readonly=True) as store:
        assert store.article_ids() == ["art-1"]
        assert store.search(SearchQuery(speaker="Scholz")).total == 1


def test_read_only_medium_refuses_writes(small_disk: Path) -> None:
    path = small_disk / "store.db"
    with Store.open(path) as store:
        store.add_result(article(1))
    remounted = run("mount", "-o", "remount,ro", str(small_disk))
    assert remounted.returncode == 0, remounted.stderr
    with pytest.raises(StoreError, match=r"folder .* is not writable") as exc:
        Store.open(path)
    assert_one_line(exc.value, path)
    # reading from the read-only medium still works (opened as immutable: finding R1)
    with Store.open(path, readonly=True) as store:
        assert store.get_article(article(1).document.id) is not None
    assert run("mount", "-o", "remount,rw", str(small_disk)).returncode == 0
    assert_holds_exactly(path, [article(1)])


class LockHolder:
    """A second connection holding SQLite's write lock (BEGIN IMMEDIATE) for a while."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.locked = threading.Event()
        self._thread = threading.Thread(target=self._hold, args=(path, seconds), daemon=True)

    def _hold(self, path: Path, seconds: float) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        self.locked.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    def __enter__(self) -> LockHolder:
        self._thread.start()
        assert self.locked.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self._thread.join()


def test_write_waits_for_a_briefly_locked_database(stored_one: tuple[Path, AnalysisResult]) -> None:
    path, first = stored_one
    with Store.open(path) as store, LockHolder(path, seconds=1.0):
        started = time.monotonic()
        assert store.add_result(article(2))
        assert time.monotonic() - started >= 0.5  # it waited for the lock, then wrote
    assert_holds_exactly(path, [first, article(2)])


def test_reads_go_on_while_another_writer_holds_the_lock(
    stored_one: tuple[Path, AnalysisResult],
) -> None:
    path, _ = stored_one
    with Store.open(path, readonly=True) as store, LockHolder(path, seconds=2.0):
        started = time.monotonic()
        assert store.search(SearchQuery(text="Kurs")).total == 1
        assert time.monotonic() - started < 1.0


@pytest.mark.slow
def test_write_gives_up_on_a_database_locked_too_long(
    stored_one: tuple[Path, AnalysisResult],
) -> None:
    """The busy timeout is 10 s; a writer holding the lock longer makes the write fail clearly."""
    path, first = stored_one
    with Store.open(path) as store, LockHolder(path, seconds=12.0):
        with pytest.raises(StoreError, match="locked") as exc:
            store.add_result(article(2))
        assert_one_line(exc.value, path)
    assert_holds_exactly(path, [first])


def crash_snapshot(folder: Path, target: Path, n_articles: int) -> list[str]:
    """The files a writer killed after ``n_articles`` commits leaves in ``target``: the store
    and its log (-wal), which still holds the commits, and the log's index (-shm)."""
    with Store.open(folder / "store.db") as store:
        for number in range(n_articles):
            store.add_result(make_result(number))
        for name in ("store.db", "store.db-wal", "store.db-shm"):
            shutil.copyfile(folder / name, target / name)
        return store.article_ids()


def test_read_only_medium_shows_the_commits_still_in_the_log(
    small_disk: Path, tmp_path: Path
) -> None:
    committed = crash_snapshot(tmp_path, small_disk, 4)
    assert (small_disk / "store.db-wal").stat().st_size > 0
    assert run("mount", "-o", "remount,ro", str(small_disk)).returncode == 0
    with Store.open(small_disk / "store.db", readonly=True) as store:
        assert store.article_ids() == committed
        assert store.search(SearchQuery()).total == 2 * len(committed)


def test_read_only_medium_with_a_log_it_cannot_read_is_refused(
    small_disk: Path, tmp_path: Path
) -> None:
    crash_snapshot(tmp_path, small_disk, 3)
    (small_disk / "store.db-shm").unlink()
    assert run("mount", "-o", "remount,ro", str(small_disk)).returncode == 0
    with pytest.raises(StoreError, match=r"holds commits that are not yet in store\.db") as exc:
        Store.open(small_disk / "store.db", readonly=True)
    assert "copy store.db and store.db-wal to a writable folder" in str(exc.value)
    assert_one_line(exc.value, small_disk)
