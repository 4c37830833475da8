"""`zitat serve`: settings from options, the public-bind guard, and a real server process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from web_support import AUTH, SHORT_ARTICLE, TOKEN, free_port
from zitat.cli.serve import build_settings
from zitat.errors import InputError
from zitat.web.settings import ApiSettings, is_loopback

ZITAT = str(Path(sys.executable).with_name("zitat"))


def serve_settings(
    host: str = "127.0.0.1", token_file: Path | None = None, max_analyses: int | None = None
) -> ApiSettings:
    return build_settings(
        host=host,
        db=None,
        model="rules",
        token_file=token_file,
        open_reads=None,
        max_body_mb=1.0,
        analysis_timeout=5.0,
        max_analyses=max_analyses,
    )


def env_without_token() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "ZITAT_API_TOKEN"}


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False), ("::", False)],
)
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_public_bind_needs_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZITAT_API_TOKEN", raising=False)
    with pytest.raises(InputError, match=r"refusing to listen on 0\.0\.0\.0 without"):
        serve_settings("0.0.0.0")
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN, encoding="utf-8")
    public = serve_settings("0.0.0.0", token_file=token_file)
    assert public.token == TOKEN and public.open_reads is False
    local = serve_settings(max_analyses=3)
    assert local.token is None and local.open_reads is True
    assert local.max_concurrent_analyses == 3 and local.max_body_bytes == 1024 * 1024


def test_cli_refuses_a_public_bind_in_one_line() -> None:
    done = subprocess.run(
        [ZITAT, "serve", "--host", "0.0.0.0", "--model", "rules"],
        capture_output=True,
        text=True,
        env=env_without_token(),
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "without an API token" in done.stderr


def test_cli_refuses_an_unknown_model_in_one_line() -> None:
    done = subprocess.run(
        [ZITAT, "serve", "--model", "no-such-model", "--port", str(free_port())],
        capture_output=True,
        text=True,
        env=env_without_token(),
        timeout=120,
    )
    assert done.returncode == 3
    assert done.stderr.count("\n") == 1 and "no-such-model" in done.stderr


@pytest.mark.slow
def test_served_app_answers_and_never_logs_the_token(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [ZITAT, "serve", f"--db={tmp_path / 'store.db'}", f"--port={port}", "--model=rules"],
            env={**env_without_token(), "ZITAT_API_TOKEN": TOKEN},
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/health").status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, log.read_text()
                time.sleep(0.2)
        body = {"text": SHORT_ARTICLE, "id": "served-1"}
        stored = httpx.post(base + "/api/articles", json=body, headers=AUTH, timeout=30)
        assert stored.status_code == 201
        refused = httpx.post(base + "/api/articles", json=body, timeout=30)
        assert refused.status_code == 401
        assert httpx.get(base + "/api/articles/served-1").json()["document"]["id"] == "served-1"
    finally:
        server.terminate()
        server.wait(timeout=20)
    logged = log.read_text(encoding="utf-8")
    assert "POST /api/articles" in logged  # the access log is there ...
    assert TOKEN not in logged  # ... without the token


def test_the_cli_loads_the_web_stack_only_when_serving() -> None:
    probe = "import sys, zitat.cli.serve, zitat.web.settings; print('fastapi' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "False", done.stderr
    from zitat.server import ApiSettings as Exported
    from zitat.server import create_app

    assert Exported is ApiSettings and create_app(serve_settings()).title == "zitat"
