"""``zitat ingest/search/stats/export`` end to end: outputs, summaries, exit codes, errors."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import fields
from pathlib import Path

import pytest

from cli_support import Outcome, Runner, cli_runner
from test_language import ENGLISH, GERMAN
from test_store_data import as_stored, make_result
from zitat.batch.output import BatchOutput, PartitionReport
from zitat.schema import AnalysisResult, result_from_dict
from zitat.store import Store

TEXTS = {
    "rede.txt": "Die Ministerin sagte am Montag: „Wir bauen die Straße aus.“",
    "interview.txt": "„Das ist ein großer Erfolg“, sagte der Bürgermeister. Er lachte.",
}


@pytest.fixture
def zitat(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Runner:
    return cli_runner(monkeypatch, capsys)


def assert_one_line_error(outcome: Outcome, code: int, fragment: str) -> None:
    assert outcome.code == code
    lines = outcome.err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], outcome.err
    assert "Traceback" not in outcome.err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.db"
    with Store.open(path) as store:
        store.add_results(make_result(n) for n in range(6))
    return path


def test_ingest_analyses_files_reports_skips_and_then_adds_nothing(
    zitat: Runner, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, text in TEXTS.items():
        (inputs / name).write_text(text, encoding="utf-8")
    (inputs / "leer.txt").write_text("", encoding="utf-8")
    db = tmp_path / "c.db"

    first = zitat("ingest", inputs, "--db", db, "--model", "rules", "--no-progress")
    assert first.code == 1  # one input was skipped, the rest is stored
    assert "2 articles: 2 added, 0 replaced, 0 unchanged" in first.err
    assert "1 input skipped" in first.err and "leer.txt" in first.err
    with Store.open(db, readonly=True) as store:
        assert len(store) == 2
        stored = store.stats().n_quotations

    (inputs / "leer.txt").unlink()
    again = zitat("ingest", inputs, "--db", db, "--model", "rules", "--no-progress")
    assert again.code == 0
    assert "2 articles: 0 added, 0 replaced, 2 unchanged" in again.err
    stats = json.loads(zitat("stats", "--db", db, "--json").out)
    assert stats["n_quotations"] == stored


def test_ingest_shows_a_progress_bar_with_rate_and_eta(zitat: Runner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXTS["rede.txt"], encoding="utf-8")
    outcome = zitat("ingest", tmp_path / "a.txt", "--db", tmp_path / "c.db", "--model", "rules")
    assert outcome.code == 0
    assert "ingesting" in outcome.err and "1/1" in outcome.err and "ETA" in outcome.err


def test_ingest_loads_completed_batch_partitions(zitat: Runner, tmp_path: Path) -> None:
    results = [make_result(n) for n in range(5)]
    output = BatchOutput(tmp_path / "batch")
    output.prepare({"model": "test@1"})
    output.write_tables("p0", results[:3])
    figures = dict.fromkeys((f.name for f in fields(PartitionReport)), 0)
    output.mark_done(PartitionReport(**{**figures, "name": "p0", "digest": "d", "worker": "w"}))
    output.write_tables("p1", results[3:])  # no marker: an interrupted partition
    db = tmp_path / "c.db"

    outcome = zitat("ingest", "--from-parquet", tmp_path / "batch", "--db", db, "--no-progress")
    assert outcome.code == 0, outcome.err
    with Store.open(db, readonly=True) as store:
        assert store.article_ids() == ["a0", "a1", "a2"]
        for result in results[:3]:  # raw NER mentions are not part of the batch tables
            expected = as_stored(
                AnalysisResult(result.document, result.quotations, result.entities, result.model)
            )
            assert store.get_article(result.document.id) == expected


def test_search_prints_a_table_json_or_csv_page(zitat: Runner, db: Path) -> None:
    table = zitat("search", "--db", db, "--speaker", "Merkel")
    assert table.code == 0
    assert "Angela Merkel" in table.out and "quotations" in table.out

    page = json.loads(zitat("search", "--db", db, "--limit", "2", "--page", "2", "-f", "json").out)
    assert (page["total"], page["offset"], len(page["hits"])) == (12, 2, 2)
    first = page["hits"][0]
    assert (
        first["quotation"]["quote"]["text"]
        in make_result(int(first["article_id"][1:])).document.text
    )

    rows = list(
        csv.DictReader(
            io.StringIO(zitat("search", "--db", db, "--text", "STRASSE", "-f", "csv").out)
        )
    )
    assert rows and all("Straße" in row["quote"] for row in rows)


def test_search_for_an_unknown_speaker_says_so(zitat: Runner, db: Path) -> None:
    outcome = zitat("search", "--db", db, "--speaker", 'Niemand" OR 1=1 --')
    assert outcome.code == 0
    assert "no quotations found" in outcome.out


def test_stats_print_tables_and_draw_charts(zitat: Runner, db: Path, tmp_path: Path) -> None:
    chart = tmp_path / "stats.svg"
    outcome = zitat("stats", "--db", db, "--plot", chart, "--kind", "person")
    assert outcome.code == 0
    assert "Most quoted" in outcome.out and "Angela Merkel" in outcome.out
    assert b"<svg" in chart.read_bytes()


def test_export_writes_the_requested_format(zitat: Runner, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "merkel.jsonl"
    outcome = zitat("export", "--db", db, "-f", "jsonl", "-o", out, "--speaker", "Merkel")
    assert outcome.code == 0 and "articles written" in outcome.err
    results = [result_from_dict(json.loads(line)) for line in out.read_text().splitlines()]
    assert results and all(
        q.speaker is not None
        and q.speaker.entity is not None
        and q.speaker.entity.name == "Angela Merkel"
        for r in results
        for q in r.quotations
    )


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (("search", "--type", "Zitat"), 2, "unknown type"),
        (("search", "--from", "gestern"), 2, "not a date"),
        (("search", "--from", "2024-13"), 2, "start date '2024-13' is not a date: expected YYYY"),
        (("stats", "--to", "2024-02-30"), 2, "end date '2024-02-30' is not a date: expected"),
        (("stats", "--plot", "chart.pdf"), 2, ".png or .svg"),
        (("export", "-f", "xml", "-o", "x.xml"), 2, "unknown export format"),
    ],
)
def test_bad_arguments_are_one_line_errors(
    zitat: Runner, db: Path, args: tuple[str, ...], code: int, fragment: str
) -> None:
    assert_one_line_error(zitat(*args, "--db", db), code, fragment)


def test_files_that_are_not_stores_are_one_line_errors(zitat: Runner, tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("meine Notizen", encoding="utf-8")
    for command in ("search", "stats"):
        assert_one_line_error(zitat(command, "--db", notes), 4, "not a zitat store")
    assert notes.read_text(encoding="utf-8") == "meine Notizen"
    assert_one_line_error(zitat("search", "--db", tmp_path / "none.db"), 4, "no zitat store")
    assert not (tmp_path / "none.db").exists()
    assert_one_line_error(zitat("ingest", "--db", tmp_path / "x.db"), 2, "nothing to ingest")
    empty = tmp_path / "empty.txt"
    empty.touch()
    assert_one_line_error(zitat("stats", "--db", empty), 4, "empty file, not a zitat store")


def test_ingest_of_nothing_readable_says_so_once_and_creates_no_store(
    zitat: Runner, tmp_path: Path
) -> None:
    db = tmp_path / "c.db"
    missing = tmp_path / "missing.txt"
    outcome = zitat("ingest", missing, "--db", db, "--model", "rules")
    assert_one_line_error(outcome, 2, f"nothing to ingest: {missing}: no such file or folder")
    assert outcome.err.count(str(missing)) == 1
    assert not db.exists()
    (tmp_path / "rede.txt").write_text(TEXTS["rede.txt"], encoding="utf-8")
    some = zitat("ingest", missing, tmp_path / "rede.txt", "--db", db, "--model", "rules")
    assert some.code == 1 and "1 input skipped" in some.err
    assert some.err.count(str(missing)) == 1


def test_ingest_lang_check_skip_leaves_non_german_articles_out(
    zitat: Runner, tmp_path: Path
) -> None:
    (tmp_path / "rede.txt").write_text(GERMAN, encoding="utf-8")
    (tmp_path / "speech.txt").write_text(ENGLISH, encoding="utf-8")
    db = tmp_path / "c.db"
    args = ("--db", db, "--model", "rules", "--no-progress", "--lang-check", "skip")
    outcome = zitat("ingest", tmp_path / "rede.txt", tmp_path / "speech.txt", *args)
    assert outcome.code == 0
    assert "article 'speech' looks English (en), not German" in outcome.err
    assert "1 article: 1 added" in outcome.err
    with Store.open(db, readonly=True) as store:
        assert store.article_ids() == ["rede"]
