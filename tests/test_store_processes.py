"""A store shared by processes: the server must never confirm a write that another process
then loses (issue 13, item 1).

Closing any file descriptor of the database file drops all of a process's POSIX locks on
it, so a server that opened the file outside SQLite let another process believe it was the
last user and delete the server's -wal and -shm files.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from web_support import AUTH, SHORT_ARTICLE, TOKEN, free_port
from zitat.store import Store

ZITAT = str(Path(sys.executable).with_name("zitat"))


def start_server(db: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [ZITAT, "serve", f"--db={db}", f"--port={port}", "--model=rules"],
            env={**os.environ, "ZITAT_API_TOKEN": TOKEN},
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/health").status_code == 200:
                return server, base
        except httpx.TransportError:
            assert time.monotonic() < deadline and server.poll() is None, log.read_text()
            time.sleep(0.2)


def post_article(base: str, article_id: str) -> int:
    body = {"text": SHORT_ARTICLE, "id": article_id}
    return httpx.post(base + "/api/articles", json=body, headers=AUTH, timeout=30).status_code


def ingest_in_another_process(db: Path, folder: Path, article_id: str) -> None:
    article = folder / f"{article_id}.txt"
    article.write_text(SHORT_ARTICLE, encoding="utf-8")
    done = subprocess.run(
        [ZITAT, "ingest", str(article), f"--db={db}", "--model=rules", "--no-progress"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_writes_confirmed_by_the_server_survive_a_writer_in_another_process(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.db"
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    confirmed: list[str] = []
    server, base = start_server(db, tmp_path / "server.log")
    try:
        for round_ in range(3):
            api_id = f"api-{round_}"
            assert post_article(base, api_id) == 201
            confirmed.append(api_id)
            # reads open this thread's read-only store; then another process writes and closes
            for _ in range(4):
                assert httpx.get(f"{base}/api/articles/{api_id}").status_code == 200
                assert httpx.get(f"{base}/api/quotations").status_code == 200
            ingest_in_another_process(db, inputs, f"cli-{round_}")
            confirmed.append(f"cli-{round_}")
            after_id = f"api-after-{round_}"
            assert post_article(base, after_id) == 201
            confirmed.append(after_id)
    finally:
        server.terminate()
        server.wait(timeout=20)
    # a fresh process (not this one, which never opened the file) sees every confirmed write
    probe = (
        "import sys; from zitat.store import Store; "
        "s = Store.open(sys.argv[1], create=False, readonly=True); "
        "print(' '.join(sorted(s.article_ids()))); print(s.integrity_problems())"
    )
    seen = subprocess.run(
        [sys.executable, "-c", probe, str(db)], capture_output=True, text=True, check=True
    )
    ids, problems = seen.stdout.splitlines()
    assert ids.split() == sorted(confirmed)
    assert problems == "[]"
    with Store.open(db, create=False, readonly=True) as store:
        assert sorted(store.article_ids()) == sorted(confirmed)
