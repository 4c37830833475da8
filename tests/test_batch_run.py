"""Batch runs on a real local Dask cluster: same results as in-process, resume, killed worker."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cloudpickle
import pyarrow.parquet as pq
import pytest
from distributed import Client

from test_language import ENGLISH
from zitat.batch import (
    BatchConfig,
    PartitionReport,
    PipelineAnalyzer,
    dask_client,
    iter_inputs,
    run_batch,
)
from zitat.batch.output import DONE_DIR, SUCCESS
from zitat.errors import InputError
from zitat.formats.columnar import table_rows
from zitat.formats.tables import TABLE_COLUMNS, article_row, quotation_rows, results_from_tables
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Article, result_to_dict
from zitat.text.language import LangCheck, language_filter

pytestmark = pytest.mark.timeout(180)

# Workers unpickle the test analyzers below without importing this module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

RULES = PipelineConfig(model="rules")
CONFIG = BatchConfig(model="rules", partition_size=3, workers=2)

_SPEAKERS = (
    "Bundeskanzlerin Anna Berg",
    "der Sprecher des Verbands",
    "Bürgermeister Karl Meier",
    "die Ministerin",
    "Professorin Lena Vogt",
)
_VERBS = ("sagte", "erklärte", "betonte", "kritisierte", "teilte mit")
_CLAIMS = (
    "Wir werden das Projekt fortsetzen",
    "Die Lage ist ernst, aber beherrschbar",
    "Niemand hat mit diesem Ergebnis gerechnet",
    "Das Geld reicht nicht für alle Schulen",
    "Wir brauchen mehr Zeit für die Prüfung",
)
_INDIRECT = (
    "die Regierung habe zu spät reagiert",
    "man werde den Vorschlag sorgfältig prüfen",
    "die Zahlen seien noch nicht vollständig",
)
_FILLER = (
    "Die Sitzung dauerte bis zum späten Abend.",
    "Am Dienstag soll weiter beraten werden.",
    "Der Haushalt umfasst rund zwei Milliarden Euro.",
)


def german_articles(count: int, seed: int = 7) -> list[Article]:
    """``count`` short articles with direct and indirect quotations, ids ``a000``, ``a001``, …"""
    rng = random.Random(seed)
    articles = []
    for index in range(count):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            speaker = rng.choice(_SPEAKERS)
            form = rng.randrange(3)
            if form == 0:
                sentences.append(f"„{rng.choice(_CLAIMS)}“, {rng.choice(_VERBS)} {speaker}.")
            elif form == 1:
                sentences.append(
                    f"{speaker[0].upper()}{speaker[1:]} sagte, {rng.choice(_INDIRECT)}."
                )
            sentences.append(rng.choice(_FILLER))
        articles.append(
            Article(
                id=f"a{index:03d}",
                text=" ".join(sentences),
                title=f"Meldung {index}",
                date=f"2024-05-{1 + index % 28:02d}",
            )
        )
    return articles


def write_jsonl(articles: list[Article], path: Path) -> Path:
    lines = (
        json.dumps(
            {"id": a.id, "text": a.text, "title": a.title, "date": a.date}, ensure_ascii=False
        )
        for a in articles
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One local cluster of two single-threaded worker processes for this module."""
    with dask_client(CONFIG) as dask:
        yield dask


def read_table(out: Path, table: str) -> list[dict[str, Any]]:
    rows = table_rows(table, pq.read_table(out / table))
    return sorted(rows, key=lambda row: (row["article_id"], row.get("quotation_id") or ""))


def in_process_tables(articles: Iterable[Article]) -> dict[str, list[dict[str, Any]]]:
    results = list(Pipeline(RULES).analyze_many(articles))
    return {
        "articles": sorted((article_row(r) for r in results), key=lambda row: row["article_id"]),
        "quotations": sorted(
            (row for r in results for row in quotation_rows(r)),
            key=lambda row: (row["article_id"], row["quotation_id"]),
        ),
    }


ZITAT = [sys.executable, "-c", "from zitat.cli import main; main()"]


def test_cli_batch_with_two_workers_matches_the_in_process_pipeline(tmp_path: Path) -> None:
    corpus = write_jsonl(german_articles(14), tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    options = ["--out", str(out), "--workers", "2", "--partition-size", "4", "--model", "rules"]
    done = subprocess.run(
        [*ZITAT, "batch", str(corpus), *options], capture_output=True, text=True, timeout=150
    )
    assert done.returncode == 0, done.stderr
    assert "4 partitions written" in done.stderr

    expected = in_process_tables(iter_inputs([corpus]))
    assert expected["quotations"], "the generated articles should hold quotations"
    assert read_table(out, "quotations") == expected["quotations"]
    assert read_table(out, "articles") == expected["articles"]
    assert (out / SUCCESS).is_file()


def test_batch_output_reads_back_as_zitat_analyze_prints_it(tmp_path: Path, client: Client) -> None:
    corpus = write_jsonl(german_articles(8), tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    run_batch([corpus], out, CONFIG, client=client)
    analyzed = subprocess.run(
        [*ZITAT, "analyze", "--format", "jsonl", "--model", "rules", str(corpus)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    printed = [json.loads(line) for line in analyzed.stdout.splitlines() if line.strip()]
    tables = {table: table_rows(table, pq.read_table(out / table)) for table in TABLE_COLUMNS}
    from_batch = results_from_tables(tables["articles"], tables["quotations"], tables["entities"])
    assert [result_to_dict(r) for r in from_batch] == printed


def test_cli_rejects_scheduler_and_workers_together(tmp_path: Path) -> None:
    options = ["--out", str(tmp_path), "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"]
    done = subprocess.run(
        [*ZITAT, "batch", "x.jsonl", *options], capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "either --scheduler or --workers" in done.stderr
    assert "Traceback" not in done.stderr


def test_resume_skips_written_partitions_and_redoes_unfinished_ones(
    tmp_path: Path, client: Client
) -> None:
    corpus = write_jsonl(german_articles(9), tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    first = run_batch([corpus], out, CONFIG, client=client)
    assert (first.written, first.skipped, first.articles) == (3, 0, 9)
    before = read_table(out, "quotations")

    # as if a worker had died after writing part 1's tables but before its marker
    (out / DONE_DIR / "part-000001.json").unlink()
    kept = out / "quotations" / "part-000000.parquet"
    kept_mtime = kept.stat().st_mtime_ns
    seen: list[tuple[str, bool]] = []
    second = run_batch(
        [corpus], out, CONFIG, client=client, on_partition=lambda r, s: seen.append((r.name, s))
    )
    assert (second.written, second.skipped, second.articles) == (1, 2, 9)
    assert sorted(seen) == [("part-000000", True), ("part-000001", False), ("part-000002", True)]
    assert kept.stat().st_mtime_ns == kept_mtime
    assert read_table(out, "quotations") == before


def test_resume_refuses_changed_input_or_settings(tmp_path: Path, client: Client) -> None:
    articles = german_articles(6)
    corpus = write_jsonl(articles, tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    run_batch([corpus], out, CONFIG, client=client)
    with pytest.raises(InputError, match="partition_size"):
        run_batch([corpus], out, BatchConfig(model="rules", partition_size=2), client=client)
    changed = [*articles[:4], Article("a004", "Ganz anderer Text."), articles[5]]
    write_jsonl(changed, corpus)
    with pytest.raises(InputError, match="input changed"):
        run_batch([corpus], out, CONFIG, client=client)


@dataclass(frozen=True)
class KillsItsWorkerOnce:
    """Analyses like ``inner``, but the first time it meets article ``victim`` it kills its
    own worker process mid-partition (a marker file remembers that it already did)."""

    inner: PipelineAnalyzer
    victim: str
    marker: str

    def __call__(self, articles: Sequence[Article]) -> Iterator[AnalysisResult]:
        for result in self.inner(articles):
            if result.document.id == self.victim and not os.path.exists(self.marker):
                Path(self.marker).write_text(str(os.getpid()))
                os._exit(1)
            yield result


def test_a_killed_worker_loses_and_duplicates_no_article(tmp_path: Path, client: Client) -> None:
    articles = german_articles(15)
    corpus = write_jsonl(articles, tmp_path / "corpus.jsonl")
    out = tmp_path / "out"
    marker = tmp_path / "killed"
    analyzer = KillsItsWorkerOnce(PipelineAnalyzer(RULES), victim="a007", marker=str(marker))

    summary = run_batch([corpus], out, CONFIG, client=client, analyzer=analyzer)

    assert marker.is_file(), "the worker should have been killed once"
    assert not summary.failed
    assert (summary.written, summary.articles) == (5, 15)
    ids = [row["article_id"] for row in read_table(out, "articles")]
    assert ids == sorted(a.id for a in articles)  # each article exactly once
    assert read_table(out, "quotations") == in_process_tables(articles)["quotations"]
    leftovers = [p for table in TABLE_COLUMNS for p in (out / table).iterdir() if p.name[0] == "."]
    assert leftovers == []


@dataclass(frozen=True)
class FailsFirstAttempt:
    """Raises on the first attempt at each partition (a marker file per partition remembers
    it), then analyses like ``inner``."""

    inner: PipelineAnalyzer
    markers: str

    def __call__(self, articles: Sequence[Article]) -> Iterable[AnalysisResult]:
        marker = Path(self.markers) / articles[0].id
        if not marker.exists():
            marker.touch()
            raise RuntimeError("transient failure")
        return self.inner(articles)


def test_a_failing_partition_is_retried(tmp_path: Path, client: Client) -> None:
    corpus = write_jsonl(german_articles(6), tmp_path / "corpus.jsonl")
    analyzer = FailsFirstAttempt(PipelineAnalyzer(RULES), markers=str(tmp_path))
    summary = run_batch([corpus], tmp_path / "out", CONFIG, client=client, analyzer=analyzer)
    assert sorted(p.name for p in tmp_path.glob("a0*")) == ["a000", "a003"]  # both failed once
    assert not summary.failed
    assert (summary.written, summary.articles) == (2, 6)


def test_a_partition_failing_every_retry_is_reported(tmp_path: Path, client: Client) -> None:
    def always_fails(articles: Sequence[Article]) -> list[AnalysisResult]:
        raise RuntimeError("broken analyzer")

    corpus = write_jsonl(german_articles(4), tmp_path / "corpus.jsonl")
    config = BatchConfig(model="rules", partition_size=2, retries=1)
    summary = run_batch([corpus], tmp_path / "out", config, client=client, analyzer=always_fails)
    assert sorted(summary.failed) == ["part-000000", "part-000001"]
    assert "broken analyzer" in summary.failed["part-000000"]
    assert not (tmp_path / "out" / SUCCESS).exists()


def test_input_is_streamed_with_bounded_work_in_flight(
    tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = german_articles(40)
    pulled = 0

    def counting_inputs(paths: object, on_error: object = None) -> Iterator[Article]:
        nonlocal pulled
        for article in articles:
            pulled += 1
            yield article

    monkeypatch.setattr("zitat.batch.runner.iter_inputs", counting_inputs)
    config = BatchConfig(model="rules", partition_size=2, max_in_flight=2)
    ahead: list[int] = []
    finished = 0

    def check(report: PartitionReport, skipped: bool) -> None:
        nonlocal finished
        finished += report.articles
        ahead.append(pulled - finished)

    summary = run_batch(["-"], tmp_path / "out", config, client=client, on_partition=check)
    assert summary.articles == 40
    # never more than the in-flight partitions plus the one being cut were read ahead
    assert max(ahead) <= (config.max_in_flight + 1) * config.partition_size


def test_a_running_scheduler_is_used_by_address(tmp_path: Path, client: Client) -> None:
    corpus = write_jsonl(german_articles(5), tmp_path / "corpus.jsonl")
    address = client.scheduler.address
    config = BatchConfig(model="rules", partition_size=3, scheduler=address)
    summary = run_batch([corpus], tmp_path / "out", config)
    assert (summary.written, summary.articles) == (2, 5)
    workers = {name.rsplit(":", 1)[-1] for name in summary.peak_rss_bytes}
    cluster_pids = set(map(str, client.run(os.getpid).values()))
    assert workers <= cluster_pids  # analysed by that cluster's workers


def test_lang_check_skip_leaves_non_german_articles_out_of_the_tables(
    tmp_path: Path, client: Client
) -> None:
    articles = [*german_articles(3), Article(id="en", text=ENGLISH)]
    corpus = write_jsonl(articles, tmp_path / "corpus.jsonl")
    warnings: list[str] = []
    admit = language_filter(LangCheck.SKIP, warnings.append)
    summary = run_batch([corpus], tmp_path / "out", CONFIG, client=client, admit=admit)
    assert summary.articles == 3
    assert [row["article_id"] for row in read_table(tmp_path / "out", "articles")] == [
        "a000",
        "a001",
        "a002",
    ]
    assert len(warnings) == 1 and "'en' looks English" in warnings[0]
