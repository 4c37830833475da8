"""Abuse of the web app beyond the feature tests: raw traversal paths, injection through every
search parameter (fuzzed), hostile HTML and uploads, slow clients, the public-bind rule and
foreign Host headers. The threat model and findings are in docs/security.md."""

from __future__ import annotations

import http.client
import logging
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

import fuzz_support  # noqa: F401  (loads the hypothesis profile)
from web_support import (
    AUTH,
    SHORT_ARTICLE,
    TOKEN,
    fill_store,
    free_port,
    live_server,
    malicious_result,
    sample_results,
    settings,
)
from zitat.cli.serve import build_settings
from zitat.errors import InputError
from zitat.server import create_app
from zitat.store import Store
from zitat.web.settings import TOKEN_ENV

SECRET_FILE_MARKERS = ("root:x:0:0", "def create_app", "[project]", "import ")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill_store(
        tmp_path_factory.mktemp("security") / "store.db", [*sample_results(), malicious_result()]
    )


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    app = create_app(settings(db=store_path))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    with live_server(settings(db=store_path)) as url:
        yield url


def raw_get(base_url: str, raw_path: str) -> tuple[int, str]:
    """GET with the path sent byte for byte (httpx and browsers would normalise it)."""
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.putrequest("GET", raw_path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.mark.parametrize(
    "raw_path",
    [
        "/static/../../../../etc/passwd",
        "/static/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e/%2e%2e/server.py",
        "/static/....//....//pages.py",
        "/static/%252e%252e%252fpages.py",
        "/static/..\\..\\pages.py",
        "/static/zitat.css%00.py",
        "/articles/..%2f..%2f..%2fetc%2fpasswd",
        "/speakers/../../../../etc/passwd",
        "/api/articles/..%2f..%2fpyproject.toml",
        "//etc/passwd",
    ],
)
def test_raw_traversal_paths_reach_no_file(server: str, raw_path: str) -> None:
    status, body = raw_get(server, raw_path)
    assert status in {400, 404, 422}, (status, body[:200])
    assert not any(marker in body for marker in SECRET_FILE_MARKERS)


INJECTIONS = [
    '" OR 1=1 --',
    "' OR '1'='1",
    "x'); DROP TABLE quotations; --",
    "NEAR(Scholz Kurs)",
    "quote:* OR speaker:*",
    '"Scholz" OR "Baerbock"',
    "Scholz*",
    "^Scholz",
    "{speaker quote}: Kurs",
    "\x00Scholz",
    "Scholz\u0000) UNION SELECT text FROM articles --",
]


@pytest.mark.parametrize("payload", INJECTIONS)
@pytest.mark.parametrize("param", ["speaker", "text", "source", "entity_id"])
def test_search_injection_matches_nothing_and_changes_nothing(
    client: TestClient, store_path: Path, param: str, payload: str
) -> None:
    response = client.get("/api/quotations", params={param: payload})
    assert response.status_code == 200, response.text
    # operators and quotes count for nothing: the payload finds what its bare words find
    bare_words = " ".join(re.findall(r"[^\W_]+", payload))
    if param in {"speaker", "text"} and bare_words:
        plain = client.get("/api/quotations", params={param: bare_words}).json()["total"]
    else:
        plain = 0  # source and entity id are compared as whole values
    assert response.json()["total"] == plain
    stats = client.get("/api/stats", params={param: payload})
    assert stats.status_code == 200, stats.text
    with Store.open(store_path, readonly=True) as store:
        assert len(store) == 5 and store.integrity_problems() == []


SEARCH_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        name: st.one_of(st.text(max_size=40), st.sampled_from(INJECTIONS))
        for name in ("speaker", "text", "source", "entity_id", "date_from", "date_to", "type",
                     "medium", "speaker_kind", "speaker_gender", "limit", "offset")
    },
)  # fmt: skip


@given(params=SEARCH_PARAMS)
def test_fuzzed_search_parameters_never_fail_the_server(
    client: TestClient, params: dict[str, str]
) -> None:
    for path in ("/api/quotations", "/api/stats", "/search", "/corpus"):
        response = client.get(path, params=params)
        assert response.status_code in {200, 400, 422}, (path, response.text[:300])
        if path.startswith("/api"):
            assert "error" in response.json() or response.status_code == 200
        else:
            assert "<script>" not in response.text.replace('<script src="/static/zitat.js">', "")


def test_html_with_external_entities_reads_no_local_file(client: TestClient) -> None:
    page = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY leak SYSTEM "file:///etc/passwd">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        "<html><body><article><p>„Wir werden das schaffen“, sagte die Kanzlerin. &leak; &b;"
        " Die Debatte im Bundestag dauerte bis in den späten Abend, viele sprachen.</p>"
        "</article></body></html>"
    )
    response = client.post("/api/analyze", json={"html": page})
    assert response.status_code in {200, 400}, response.text
    assert "root:" not in response.text and "aaaaaaaaaaaaaaaaaaaa" not in response.text


@pytest.mark.parametrize(
    "filename", ["../../../../tmp/zitat-escaped.txt", "..\\..\\zitat-escaped.txt", "/etc/passwd"]
)
def test_upload_names_cannot_place_files(client: TestClient, filename: str) -> None:
    escaped = Path("/tmp/zitat-escaped.txt")
    escaped.unlink(missing_ok=True)
    response = client.post(
        "/analyze", files={"file": (filename, SHORT_ARTICLE.encode("utf-8"), "text/plain")}
    )
    assert response.status_code == 200, response.text[:300]
    assert not escaped.exists()
    assert "/etc/passwd" not in response.text and "/tmp/" not in response.text


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_body_is_refused(client: TestClient, depth: int) -> None:
    body = '{"text": ' + "[" * depth + "]" * depth + "}"
    response = client.post(
        "/api/analyze", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code in {400, 422}, response.text[:300]


def test_slow_header_clients_do_not_starve_others(server: str) -> None:
    """200 connections that never finish their headers; a normal request is still answered."""
    host, port = server.removeprefix("http://").split(":")
    stalled = []
    try:
        for _ in range(200):
            sock = socket.create_connection((host, int(port)), timeout=5)
            sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
            stalled.append(sock)
        started = time.monotonic()
        assert httpx.get(f"{server}/api/health", timeout=10).status_code == 200
        assert time.monotonic() - started < 5
    finally:
        for sock in stalled:
            sock.close()


def test_tokens_stay_out_of_the_access_log(
    store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """uvicorn's access log and every app log, at debug level, never hold a presented token."""
    caplog.set_level(logging.DEBUG)
    wrong = "wrong-token-that-must-not-be-logged"
    port = free_port()
    config = uvicorn.Config(
        create_app(settings(db=store_path)),
        host="127.0.0.1",
        port=port,
        log_config=None,  # leave uvicorn's records to propagate to caplog
        log_level="debug",
        access_log=True,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        url = f"http://127.0.0.1:{port}/api/articles"
        accepted = httpx.post(url, json={"text": SHORT_ARTICLE}, headers=AUTH, timeout=30)
        refused = httpx.post(
            url, json={"text": SHORT_ARTICLE}, headers={"Authorization": f"Bearer {wrong}"}
        )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert accepted.status_code in {200, 201} and refused.status_code == 401
    assert wrong not in refused.text
    assert '"POST /api/articles HTTP/1.1" 401' in caplog.text  # the access log was captured
    assert TOKEN not in caplog.text and wrong not in caplog.text


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "zitat.example.org"])
def test_a_public_bind_needs_a_token(host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    with pytest.raises(InputError, match="without an API token"):
        build_settings(host=host, **SERVE_DEFAULTS)
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    assert build_settings(host=host, **SERVE_DEFAULTS).open_reads is False  # reads need it too


SERVE_DEFAULTS: dict[str, Any] = {
    "db": None,
    "model": "rules",
    "token_file": None,
    "open_reads": None,
    "max_body_mb": 1.0,
    "analysis_timeout": 5.0,
    "max_analyses": 1,
}


def test_serve_command_refuses_a_public_bind_in_one_line() -> None:
    zitat = str(Path(sys.executable).with_name("zitat"))
    env = {k: v for k, v in os.environ.items() if k != TOKEN_ENV}
    done = subprocess.run(
        [zitat, "serve", "--host", "0.0.0.0", "--model", "rules"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "without an API token" in done.stderr and "Traceback" not in done.stderr


def test_foreign_host_header_is_refused_on_loopback(store_path: Path) -> None:
    """Finding S1 (DNS rebinding): a loopback server answers loopback host names only."""
    served = build_settings(host="127.0.0.1", **{**SERVE_DEFAULTS, "db": store_path})
    assert served.allowed_hosts is not None and "localhost" in served.allowed_hosts
    app = create_app(served)
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/quotations").status_code == 200
        foreign = local.get("/api/quotations", headers={"Host": "attacker.example:8000"})
        assert foreign.status_code == 400


def test_answers_made_outside_the_app_carry_the_security_headers(store_path: Path) -> None:
    """The 400 of a foreign Host and the 413 of a large body come from middleware in front of
    the app; they carry the same Content-Security-Policy and nosniff as every page."""
    served = build_settings(host="127.0.0.1", **{**SERVE_DEFAULTS, "db": store_path})
    app = create_app(replace(served, max_body_bytes=100))
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        answers = [
            client.get("/api/quotations", headers={"Host": "attacker.example"}),
            client.post("/api/analyze", content=b"x" * 200),
        ]
    assert [answer.status_code for answer in answers] == [400, 413]
    for answer in answers:
        assert "default-src 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["x-content-type-options"] == "nosniff"
