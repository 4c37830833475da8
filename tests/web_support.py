"""Shared pieces of the web-app tests: hand-built results, settings, a slow model, a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import httpx
import uvicorn

from zitat.schema import (
    AnalysisResult,
    Article,
    EntityKind,
    EntityRef,
    Gender,
    Medium,
    ModelOutput,
    Quotation,
    QuoteType,
    Role,
    TimeAnchor,
)
from zitat.server import create_app
from zitat.store import Store
from zitat.text.document import ParsedText
from zitat.web.settings import ApiSettings

TOKEN = "test-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

SHORT_ARTICLE = "„Wir werden das schaffen“, sagte die Kanzlerin am Montag in Berlin."

XSS_SCRIPT = "<script>window.__xss = 1</script>"
XSS_IMG = '<img src=x onerror="window.__xss = 2">'


def role(text: str, piece: str, entity: EntityRef | None = None) -> Role:
    """The role covering the first occurrence of ``piece`` in ``text``."""
    start = text.index(piece)
    return Role(text=piece, spans=((start, start + len(piece)),), entity=entity)


def speaker_entity(name: str = "Olaf Scholz", entity_id: str = "per:olaf-scholz") -> EntityRef:
    return EntityRef(entity_id, name, EntityKind.PERSON, Gender.MALE, role="Bundeskanzler")


def quoted_result(
    article_id: str,
    day: str,
    *,
    speaker: EntityRef | None = None,
    quote: str = "„Wir halten Kurs“",
    mention: str = "Scholz",
    extra: str = "",
) -> AnalysisResult:
    """An article with one direct quotation by ``speaker`` (hand-built, no model involved)."""
    speaker = speaker or speaker_entity()
    text = f"{quote}, sagte {mention} am Dienstag in Berlin.{extra}"
    quotation = Quotation(
        id="q1",
        type=QuoteType.DIRECT,
        medium=Medium.SPEECH,
        quote=role(text, quote),
        cue=role(text, "sagte"),
        speaker=role(text, mention, speaker),
        when=TimeAnchor(text="am Dienstag", spans=role(text, "am Dienstag").spans, date=day),
    )
    return AnalysisResult(
        Article(id=article_id, text=text, title=f"Artikel {article_id}", date=day, source="test"),
        [quotation],
        model="hand@1",
    )


def malicious_result() -> AnalysisResult:
    """Markup and script in the article text, the title and the speaker's name."""
    evil = EntityRef("per:evil-speaker", f"Evil {XSS_IMG}", EntityKind.PERSON)
    return quoted_result(
        "evil-1",
        "2024-04-01",
        speaker=evil,
        quote=f"„{XSS_SCRIPT} ist harmlos“",
        mention=XSS_IMG,
        extra=f" {XSS_SCRIPT} {XSS_IMG}",
    )


def sample_results() -> list[AnalysisResult]:
    """Three statements of one speaker over three months, and one of another speaker."""
    other = EntityRef(
        "per:annalena-baerbock", "Annalena Baerbock", EntityKind.PERSON, Gender.FEMALE
    )
    return [
        quoted_result("a-1", "2024-01-16"),
        quoted_result("a-2", "2024-02-20", quote="„Die Lage ist ernst“"),
        quoted_result("a-3", "2024-03-05", quote="„Wir bleiben dran“"),
        quoted_result("a-4", "2024-03-07", speaker=other, mention="Baerbock"),
    ]


def fill_store(path: Path, results: Sequence[AnalysisResult]) -> Path:
    with Store.open(path) as store:
        for result in results:
            store.add_result(result)
    return path


def settings(tmp_path: Path | None = None, **overrides: Any) -> ApiSettings:
    """Test settings: the rules model, a token and (with ``tmp_path``) a store."""
    base: dict[str, Any] = {"model": "rules", "token": TOKEN}
    if tmp_path is not None:
        base["db"] = tmp_path / "store.db"
    return ApiSettings(**{**base, **overrides})


class BlockingModel:
    """A quotation model that waits until :attr:`release` is set (to fill the analysis pool)."""

    name = "blocking"
    version = "1"
    release: ClassVar[threading.Event] = threading.Event()

    def predict(self, docs: Sequence[ParsedText]) -> list[ModelOutput]:
        self.release.wait(timeout=30)
        return [ModelOutput(quotations=[]) for _ in docs]


def assert_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert "\n" not in body["error"]["message"]
    message: str = body["error"]["message"]
    return message


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(api_settings: ApiSettings) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port in a thread; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        create_app(api_settings), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
