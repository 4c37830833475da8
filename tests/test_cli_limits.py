"""Limits the command line checks before it analyses anything: the size of one article and
whether ``--output`` can be written (issue 13, item 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import Runner, cli_runner
from zitat.errors import InputError
from zitat.formats.readers import DEFAULT_MAX_ARTICLE_BYTES, read_path

ARTICLE = "„Wir werden das schaffen“, sagte die Kanzlerin am Montag in Berlin.\n"


class NoAnalysis:
    """Stands in for the pipeline: these commands must stop before any analysis."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("the analysis started")


@pytest.fixture
def zitat(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Runner:
    monkeypatch.setattr("zitat.cli.analyze.Pipeline", NoAnalysis)
    return cli_runner(monkeypatch, capsys)


def assert_one_line(err: str, fragment: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], err


def test_an_article_over_the_default_limit_is_refused_before_it_is_read(
    zitat: Runner, tmp_path: Path
) -> None:
    big = tmp_path / "gross.txt"
    big.write_text(ARTICLE * (DEFAULT_MAX_ARTICLE_BYTES // len(ARTICLE.encode()) + 1))
    outcome = zitat("analyze", big)
    assert outcome.code == 2
    assert_one_line(outcome.err, "over the limit of 5 MB per article (raise it with --max-")


def test_the_limit_is_configurable_and_applies_to_each_article_of_a_jsonl_file(
    tmp_path: Path,
) -> None:
    lines = [{"id": "kurz", "text": ARTICLE}, {"id": "lang", "text": ARTICLE * 40}]
    path = tmp_path / "artikel.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert len(read_path(path, max_article_bytes=len(ARTICLE.encode()) * 40)) == 2
    size = len(lines[1]["text"].encode())
    with pytest.raises(
        InputError, match=f"article 'lang' is {size:,} bytes, over the limit of 2,0"
    ):
        read_path(path, max_article_bytes=2000)


def test_ingest_skips_an_article_over_the_limit_and_names_it(zitat: Runner, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE * 40, encoding="utf-8")
    db = tmp_path / "store.db"
    outcome = zitat(
        "ingest", article, "--db", db, "-m", "rules", "--max-article-mb", "0.001", "--no-progress"
    )
    assert outcome.code == 1
    assert "over the limit of 1,048 bytes per article" in outcome.err


def test_an_unwritable_output_stops_before_any_analysis(zitat: Runner, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    outcome = zitat("analyze", article, "-o", tmp_path / "fehlt" / "out.json")
    assert outcome.code == 2
    assert_one_line(outcome.err, "cannot write")
    assert not (tmp_path / "fehlt").exists()


def test_a_large_sniffed_file_of_small_articles_is_read(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": ARTICLE}) for i in range(40)]
    path = tmp_path / "feed.dat"  # no extension that names the format: sniffed as JSONL
    path.write_text("\n".join(lines), encoding="utf-8")
    assert path.stat().st_size > 2000
    assert len(read_path(path, max_article_bytes=2000)) == 40
