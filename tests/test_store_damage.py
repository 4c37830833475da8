"""A damaged store file: every command answers in one line with exit code 4, search never
shows a page with rows missing as if it were whole, and ``zitat check`` finds the damage
(issue 13, item 3)."""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest

from cli_support import Runner, cli_runner
from test_store_cli import assert_one_line_error
from test_store_data import make_result
from zitat.store import Store

N_ARTICLES = 60


@pytest.fixture
def zitat(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Runner:
    return cli_runner(monkeypatch, capsys)


@pytest.fixture(scope="module")
def healthy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("healthy") / "store.db"
    with Store.open(path) as store:
        for number in range(N_ARTICLES):
            store.add_result(make_result(number, n_quotes=3))
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def copy_of(healthy: Path, folder: Path) -> Path:
    path = folder / "store.db"
    shutil.copyfile(healthy, path)
    return path


def scramble_a_page_of(path: Path, table: str) -> None:
    """Overwrite the second half of a leaf page of ``table`` with random bytes, as a bad
    sector or a torn write would leave it."""
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [
            number
            for (number,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
                [table],
            )
        ]
    conn.close()
    start = (pages[len(pages) // 2] - 1) * page_size + page_size // 2
    noise = random.Random(1).randbytes(page_size // 2)
    with path.open("r+b") as handle:  # no connection is open in this process
        handle.seek(start)
        handle.write(noise)


def test_an_undecodable_column_is_one_line_and_exit_4_on_ingest(
    zitat: Runner, healthy: Path, tmp_path: Path
) -> None:
    db = copy_of(healthy, tmp_path)
    with sqlite3.connect(db) as conn:  # what a damaged page made of the stored hash
        conn.execute("UPDATE articles SET content_hash = CAST(x'41ff00fe' AS TEXT)")
    conn.close()
    article = tmp_path / "a1.txt"
    article.write_text(make_result(1).document.text, encoding="utf-8")
    outcome = zitat("ingest", article, "--db", db, "--model", "rules", "--no-progress")
    assert_one_line_error(outcome, 4, f"run zitat check --db {db}")
    assert "Could not decode" in outcome.err


def test_search_never_shows_a_page_with_rows_missing(
    zitat: Runner, healthy: Path, tmp_path: Path
) -> None:
    db = copy_of(healthy, tmp_path)
    scramble_a_page_of(db, "quotations")
    outcome = zitat("search", "--db", db, "--speaker", "Merkel", "--limit", "1000")
    assert_one_line_error(outcome, 4, "the file looks damaged")
    assert outcome.out == ""


@pytest.mark.parametrize(
    ("table", "command"),
    [  # each command on a table it reads (stats counts quotations, not the articles' rows)
        ("articles", "export"),
        ("articles", "export-matching"),
        ("articles", "search"),
        ("quotations", "export"),
        ("quotations", "stats"),
        ("quotations", "search"),
    ],
)
def test_every_command_on_a_damaged_page_is_one_line_and_exit_4(
    zitat: Runner, healthy: Path, tmp_path: Path, table: str, command: str
) -> None:
    db = copy_of(healthy, tmp_path)
    scramble_a_page_of(db, table)
    arguments = {
        "export": ["-o", tmp_path / "out.jsonl"],
        "export-matching": ["-o", tmp_path / "out.jsonl", "--from", "2024-01"],
        "stats": [],
        "search": ["--limit", "1000"],
    }
    outcome = zitat(command.split("-")[0], "--db", db, *arguments[command])
    assert_one_line_error(outcome, 4, str(db))


def test_check_reports_a_healthy_store(zitat: Runner, healthy: Path) -> None:
    outcome = zitat("check", "--db", healthy)
    assert outcome.code == 0, outcome.err
    assert f"{N_ARTICLES} articles, {3 * N_ARTICLES} quotations" in outcome.out
    assert "integrity: ok" in outcome.out


@pytest.mark.parametrize("table", ["articles", "quotations", "quotation_fts_data"])
def test_check_finds_a_damaged_page(
    zitat: Runner, healthy: Path, tmp_path: Path, table: str
) -> None:
    db = copy_of(healthy, tmp_path)
    scramble_a_page_of(db, table)
    outcome = zitat("check", "--db", db)
    assert_one_line_error(outcome, 4, "is damaged")
    assert "integrity: " in outcome.out and "integrity: ok" not in outcome.out
