"""SIGKILL an ingest at random moments; the store must stay consistent and a re-run complete it."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zitat.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

N_ARTICLES = 240
TESTS = Path(__file__).resolve().parent
INGEST = """
import sys
from test_store_data import QuotePipeline
from zitat.ingest import ingest
from zitat.store import Store

with Store.open(sys.argv[1]) as store:
    ingest(store, [sys.argv[2]], pipeline=QuotePipeline(delay=0.005))
"""


def _write_inputs(folder: Path) -> dict[str, int]:
    """JSONL and text files; returns article id -> number of quotes in it."""
    folder.mkdir()
    expected: dict[str, int] = {}
    for part in range(4):
        lines = []
        for i in range(N_ARTICLES // 4):
            article_id = f"p{part}-{i}"
            n_quotes = (part + i) % 4
            text = " ".join(f"Sie sagte: „Satz {k} von {article_id}.“" for k in range(n_quotes))
            lines.append(json.dumps({"id": article_id, "text": text + " Ende."}))
            expected[article_id] = n_quotes
        (folder / f"part{part}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected


def _stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def _start(db: Path, inputs: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, str(db), str(inputs)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _assert_consistent(db: Path) -> None:
    with Store.open(db) as store:
        assert store.integrity_problems() == []
        ids = store.article_ids()
        assert len(ids) == len(set(ids))


def test_sigkill_at_random_points_never_corrupts_and_rerun_completes(tmp_path: Path) -> None:
    rng = random.Random(20240805)
    expected = _write_inputs(tmp_path / "in")
    db = tmp_path / "corpus.db"
    interrupted = []
    for attempt in range(6):
        child = _start(db, tmp_path / "in")
        if attempt == 0:  # anywhere from start-up through creating the schema
            time.sleep(rng.uniform(0.05, 0.6))
        else:  # once this run is writing, at a random moment
            before, deadline = _stored_count(db), time.monotonic() + 60
            while _stored_count(db) == before and child.poll() is None:
                assert time.monotonic() < deadline, "ingest made no progress"
                time.sleep(0.01)
            time.sleep(rng.uniform(0.0, 0.3))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        count = _stored_count(db)
        interrupted.append(child.returncode == -signal.SIGKILL and count < N_ARTICLES)
        _assert_consistent(db)
    assert sum(interrupted) >= 3, "the kills should land while the ingest is running"

    final = _start(db, tmp_path / "in")
    _, stderr = final.communicate(timeout=120)
    assert final.returncode == 0, stderr.decode()
    _assert_consistent(db)
    with Store.open(db, readonly=True) as store:
        assert sorted(store.article_ids()) == sorted(expected)
        for article_id, n_quotes in expected.items():
            result = store.get_article(article_id)
            assert result is not None and len(result.quotations) == n_quotes
        assert store.stats().n_quotations == sum(expected.values())
