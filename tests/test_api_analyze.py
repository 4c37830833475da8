"""POST /api/analyze: input forms, the zitat/1 answer, validation and the resource limits."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator

import httpx
import jsonschema_rs
import pytest
from fastapi.testclient import TestClient

from test_language import ENGLISH, GERMAN
from web_support import SHORT_ARTICLE, BlockingModel, assert_error, settings
from zitat import registry
from zitat.api.result_schema import RESULT_SCHEMA
from zitat.schema import SCHEMA_VERSION, iter_role_spans, result_from_dict
from zitat.server import create_app
from zitat.web.errors import ApiError
from zitat.web.limits import AnalysisGate, BodyLimits

HTML_PAGE = (
    "<html><head><title>Kanzlerin in Berlin</title></head><body><article>"
    "<h1>Kanzlerin in Berlin</h1>"
    "<p>„Wir werden das schaffen“, sagte die Kanzlerin am Montag in Berlin. "
    "Die Opposition widersprach. Sie halte den Plan für falsch, sagte ein Sprecher.</p>"
    "<p>Die Debatte im Bundestag dauerte bis in den späten Abend, und viele Abgeordnete "
    "meldeten sich zu Wort, bevor die Sitzung schließlich vertagt wurde.</p>"
    "</article></body></html>"
)


@pytest.fixture()
def client() -> Iterator[TestClient]:
    with TestClient(create_app(settings()), raise_server_exceptions=False) as test_client:
        yield test_client


def test_analyze_text_returns_the_versioned_result_with_exact_offsets(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": SHORT_ARTICLE})
    assert response.status_code == 200
    payload = response.json()
    jsonschema_rs.validate(RESULT_SCHEMA, payload)
    assert payload["schema"] == SCHEMA_VERSION
    assert payload["document"]["text"] == SHORT_ARTICLE
    result = result_from_dict(payload)
    assert [q.quote.text for q in result.quotations] == ["„Wir werden das schaffen“"]
    for start, end in iter_role_spans(result):
        assert 0 <= start < end <= len(SHORT_ARTICLE)
    for q in result.quotations:
        assert q.quote.text == " ".join(SHORT_ARTICLE[s:e] for s, e in q.quote.spans)


def test_metadata_is_kept_and_ids_are_stable(client: TestClient) -> None:
    given = {"text": SHORT_ARTICLE, "id": "art-7", "title": "Titel", "date": "2024-05-02"}
    document = client.post("/api/analyze", json=given).json()["document"]
    assert document | {"text": None} == {
        "id": "art-7",
        "title": "Titel",
        "date": "2024-05-02",
        "source": None,
        "text": None,
    }
    first = client.post("/api/analyze", json={"text": SHORT_ARTICLE}).json()["document"]["id"]
    second = client.post("/api/analyze", json={"text": SHORT_ARTICLE}).json()["document"]["id"]
    other = client.post("/api/analyze", json={"text": SHORT_ARTICLE + " "}).json()
    assert first == second != other["document"]["id"]


def test_analyze_html_extracts_the_article(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"html": HTML_PAGE})
    assert response.status_code == 200, response.text
    payload = response.json()
    assert "„Wir werden das schaffen“" in payload["document"]["text"]
    assert "<p>" not in payload["document"]["text"]
    assert payload["document"]["title"] == "Kanzlerin in Berlin"
    assert any(q["quote"]["text"] == "„Wir werden das schaffen“" for q in payload["quotations"])


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": "a", "html": "<p>a</p>"},
        {"text": SHORT_ARTICLE, "date": "05.02.2024"},
        {"text": SHORT_ARTICLE, "id": "../etc/passwd"},
        {"text": SHORT_ARTICLE, "unknown": 1},
        {"text": 42},
        {"text": None, "html": "<p>Text</p>"},
        {"text": " \n\t"},
    ],
)
def test_malformed_bodies_get_422(client: TestClient, body: dict[str, object]) -> None:
    assert_error(client.post("/api/analyze", json=body), 422)


def test_unusable_articles_get_400(client: TestClient) -> None:
    message = assert_error(client.post("/api/analyze", json={"html": "<html></html>"}), 400)
    assert "zitat-upload" not in message  # no server paths in messages


def test_not_json_gets_422(client: TestClient) -> None:
    response = client.post(
        "/api/analyze", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert_error(response, 422)


def test_body_size_limit_declared_and_streamed() -> None:
    app = create_app(settings(max_body_bytes=1000))
    big = {"text": "x" * 2000}
    with TestClient(app, raise_server_exceptions=False) as client:
        assert "1000 bytes" in assert_error(client.post("/api/analyze", json=big), 413)

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"text": "'
            for _ in range(20):
                yield b"y" * 100
            yield b'"}'

        response = client.post(
            "/api/analyze", content=chunks(), headers={"content-type": "application/json"}
        )
        assert_error(response, 413)
        assert client.post("/api/analyze", json={"text": SHORT_ARTICLE}).status_code == 200


def test_a_body_trickling_in_gets_408() -> None:
    sent: list[dict[str, object]] = []
    app_called = False

    async def app(scope: object, receive: object, send: object) -> None:
        nonlocal app_called
        app_called = True

    async def slow_receive() -> dict[str, object]:
        await asyncio.sleep(0.05)
        return {"type": "http.request", "body": b"x", "more_body": True}

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    limits = BodyLimits(app, max_bytes=10_000, timeout_s=0.3)
    scope = {"type": "http", "headers": [(b"content-type", b"application/json")]}
    asyncio.run(limits(scope, slow_receive, send))  # type: ignore[arg-type]
    assert not app_called
    assert sent[0]["status"] == 408
    assert b"request_timeout" in sent[1]["body"]  # type: ignore[operator]


@pytest.fixture()
def blocking_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[BlockingModel]]:
    monkeypatch.setitem(registry.QUOTATION_MODELS, "blocking", "web_support:BlockingModel")
    BlockingModel.release.clear()
    yield BlockingModel
    BlockingModel.release.set()


async def until(condition: Callable[[], bool], timeout_s: float = 20.0) -> None:
    """Wait (without blocking the loop) until ``condition()`` holds; fail after the timeout."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.01)


async def _post_all(app: object, bodies: list[dict[str, str]]) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:

        async def post(body: dict[str, str], delay: float) -> httpx.Response:
            await asyncio.sleep(delay)
            return await client.post("/api/analyze", json=body)

        return await asyncio.gather(*(post(b, 0.2 * i) for i, b in enumerate(bodies)))


def test_saturated_analysis_pool_answers_429(blocking_model: type[BlockingModel]) -> None:
    app = create_app(settings(model="blocking", max_concurrent_analyses=1, max_waiting_analyses=0))

    gate: AnalysisGate = app.state.services.gate

    async def scenario() -> list[httpx.Response]:
        first = asyncio.ensure_future(_post_all(app, [{"text": "eins"}]))
        await until(lambda: gate.in_flight == 1)
        [second] = await _post_all(app, [{"text": "zwei"}])
        blocking_model.release.set()
        return [*(await first), second]

    first, second = asyncio.run(scenario())
    assert first.status_code == 200
    assert_error(second, 429)
    assert second.headers["retry-after"] == "1"


def test_slow_analysis_answers_503_and_frees_its_slot(blocking_model: type[BlockingModel]) -> None:
    app = create_app(settings(model="blocking", analysis_timeout_s=0.3))
    with TestClient(app, raise_server_exceptions=False) as client:
        assert "0.3 s" in assert_error(client.post("/api/analyze", json={"text": "a"}), 503)
        gate: AnalysisGate = app.state.services.gate
        assert gate.in_flight == 1  # the timed-out analysis still holds its slot ...
        blocking_model.release.set()
        asyncio.run(until(lambda: gate.in_flight == 0))  # ... until its thread really finishes
        assert client.post("/api/analyze", json={"text": "b"}).status_code == 200


def test_gate_bounds_running_plus_waiting() -> None:
    gate = AnalysisGate(max_running=1, max_waiting=1, timeout_s=5)
    release = asyncio.Event()

    async def scenario() -> list[object]:
        loop = asyncio.get_running_loop()

        def work() -> str:
            asyncio.run_coroutine_threadsafe(release.wait(), loop).result()
            return "done"

        running = asyncio.ensure_future(gate.run(work))
        waiting = asyncio.ensure_future(gate.run(lambda: "queued"))
        await until(lambda: gate.in_flight == 2)
        with pytest.raises(ApiError) as refused:
            await gate.run(lambda: "refused")
        release.set()
        return [await running, await waiting, refused.value.status]

    try:
        assert asyncio.run(scenario()) == ["done", "queued", 429]
    finally:
        gate.close()


def test_gate_refuses_at_once_what_it_could_not_serve_in_time() -> None:
    """A full queue sheds load with a fast 429 instead of holding clients until 503."""
    gate = AnalysisGate(max_running=1, max_waiting=64, timeout_s=1.2)
    release = asyncio.Event()

    async def scenario() -> list[object]:
        loop = asyncio.get_running_loop()
        await gate.run(lambda: time.sleep(0.45))  # the pace: at least 0.45 s per analysis

        def blocked() -> str:
            asyncio.run_coroutine_threadsafe(release.wait(), loop).result()
            return "done"

        running = asyncio.ensure_future(gate.run(blocked))
        await until(lambda: gate.in_flight == 1)
        queued = asyncio.ensure_future(gate.run(lambda: "queued"))  # done after about 0.9 s
        await until(lambda: gate.in_flight == 2)
        with pytest.raises(ApiError) as refused:  # the third in line would need about 1.35 s
            await gate.run(lambda: "refused")
        release.set()
        return [await running, await queued, refused.value.status]

    try:
        assert asyncio.run(scenario()) == ["done", "queued", 429]
    finally:
        gate.close()


def test_html_without_article_text_gets_400(client: TestClient) -> None:
    menu = "<html><body><nav><a href='/'>Menü</a> <a href='/s'>Start</a></nav></body></html>"
    message = assert_error(client.post("/api/analyze", json={"html": menu}), 400)
    assert "no article text found in the HTML page" in message


def test_non_german_text_is_analysed_with_a_typed_warning(client: TestClient) -> None:
    english = client.post("/api/analyze", json={"text": ENGLISH})
    assert english.status_code == 200
    payload = english.json()
    jsonschema_rs.validate(RESULT_SCHEMA, payload)
    [warning] = payload["warnings"]
    assert warning["kind"] == "language" and "looks English (en)" in warning["message"]
    german = client.post("/api/analyze", json={"text": GERMAN}).json()
    assert "warnings" not in german
