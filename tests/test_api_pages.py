"""The explorer pages, their assets and headers, rendered without a browser."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from web_support import (
    AUTH,
    SHORT_ARTICLE,
    XSS_IMG,
    XSS_SCRIPT,
    fill_store,
    malicious_result,
    sample_results,
    settings,
)
from zitat.server import create_app
from zitat.ui import charts


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    fill_store(tmp_path / "store.db", [*sample_results(), malicious_result()])
    with TestClient(create_app(settings(tmp_path)), raise_server_exceptions=False) as test_client:
        yield test_client


OWN_SCRIPTS = {"/static/zitat.js", "/static/curate.js", "/static/apidocs.js"}


class _Scripts(HTMLParser):
    """Collects every script element and every on* event-handler attribute of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.startswith("on")]


def assert_inert(html: str) -> None:
    """Only our own external scripts, no handler attributes, no unescaped payload."""
    parser = _Scripts()
    parser.feed(html)
    assert parser.scripts[0] == {"src": "/static/zitat.js", "defer": None}
    assert all(set(s) == {"src", "defer"} and s["src"] in OWN_SCRIPTS for s in parser.scripts)
    assert parser.handlers == []
    assert XSS_SCRIPT not in html and XSS_IMG not in html


def test_home_page_has_the_paste_and_upload_form(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'id="analyze-form"' in page.text and 'name="file"' in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"


def test_pasted_article_is_highlighted(client: TestClient) -> None:
    page = client.post("/analyze", data={"text": SHORT_ARTICLE, "title": "Berlin"})
    assert page.status_code == 200, page.text
    assert 'data-roles="quote:q1"' in page.text
    assert '<span class="z-quote" data-roles="quote:q1"' in page.text
    assert "„Wir werden das schaffen“</span>" in page.text
    assert 'id="article-title">Berlin</h1>' in page.text
    assert "1 quotation<" in page.text
    assert_inert(page.text)


def test_uploaded_file_is_analysed(client: TestClient) -> None:
    files = {"file": ("bericht.txt", SHORT_ARTICLE.encode("cp1252", "replace"), "text/plain")}
    page = client.post("/analyze", files=files, data={"text": ""})
    assert page.status_code == 200, page.text
    assert "Wir werden das schaffen" in page.text


def test_bad_form_input_shows_an_error_page(client: TestClient) -> None:
    page = client.post("/analyze", data={"text": "   "})
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="error-message">the article text is empty<' in page.text


def test_stored_article_page_links_the_speaker(client: TestClient) -> None:
    page = client.get("/articles/a-1")
    assert page.status_code == 200
    link = '<a class="speaker-label" href="/speakers/per%3Aolaf-scholz">Olaf Scholz</a>'
    assert link in page.text  # the id's colon is escaped in the link
    assert client.get("/articles/missing").status_code == 404


def test_speaker_page_draws_one_point_per_dated_statement(client: TestClient) -> None:
    page = client.get("/speakers/per%3Aolaf-scholz")
    assert page.status_code == 200
    assert 'id="speaker-name">Olaf Scholz<' in page.text
    assert page.text.count('<circle class="statement"') == 3
    for day in ("2024-01-16", "2024-03-05"):  # the axis is labelled with first and last day
        assert f">{day}</text>" in page.text


def test_speaker_page_shows_each_statement_in_context_with_its_article(
    client: TestClient,
) -> None:
    page = client.get("/speakers/per%3Aolaf-scholz").text
    statements = page.split('<li class="statement"')[1:]
    assert len(statements) == 3
    first = statements[0]
    assert "<mark>„Wir halten Kurs“, sagte Scholz</mark> am Dienstag in Berlin." in first
    assert ">Artikel a-1</a>" in first and ">2024-01-16<" in first and ">test<" in first
    assert 'id="curation"' in page and "/static/curate.js" in page
    assert_inert(page)


def test_search_filters_by_outlet_and_the_corrections_page_lists_the_log(
    client: TestClient,
) -> None:
    page = client.get("/search", params={"source": "test"}).text
    assert 'name="source" value="test"' in page and 'id="result-count">5 quotations<' in page
    assert 'id="result-count">0 quotations<' in client.get("/search?source=other").text
    assert 'id="no-corrections"' in client.get("/corrections").text
    body = {"action": "rename", "entity_id": "per:olaf-scholz", "name": "O. S.", "author": "ana"}
    assert client.post("/api/corrections", json=body, headers=AUTH).status_code == 201
    log = client.get("/corrections").text
    assert 'id="correction-log"' in log and "<td>ana</td>" in log and "O. S." in log
    assert_inert(log)


def test_corpus_page_draws_the_charts(client: TestClient) -> None:
    page = client.get("/corpus")
    assert page.status_code == 200
    charts = ("chart-per-month", "chart-top-speakers", "chart-by-kind", "chart-by-gender")
    for chart in (*charts, "chart-by-medium"):
        assert f'id="{chart}"' in page.text
    assert 'id="corpus-undated">0 undated<' in page.text
    per_month = page.text.split('id="chart-per-month"')[1].split("</figure>")[0]
    assert per_month.count("<rect") == 4  # 2024-01 .. 2024-04
    assert_inert(page.text)


def test_search_page_filters_and_escapes(client: TestClient) -> None:
    page = client.get("/search", params={"speaker": "Scholz", "limit": 2})
    assert page.status_code == 200
    assert 'id="result-count">3 quotations<' in page.text
    assert page.text.count('<tr class="hit">') == 2
    assert "offset=2" in page.text  # a link to the next page
    everything = client.get("/search")
    assert_inert(everything.text)
    assert "&lt;img src=x onerror=" in everything.text


def test_search_form_sends_empty_fields(client: TestClient) -> None:
    form = {"speaker": "Scholz", "text": "", "type": "", "speaker_gender": "", "date_from": ""}
    page = client.get("/search", params=form)
    assert page.status_code == 200
    assert 'id="result-count">3 quotations<' in page.text
    wrong = client.get("/search", params={"type": "Quoted", "limit": ""})
    assert wrong.status_code == 422
    assert "type" in wrong.text and wrong.headers["content-type"].startswith("text/html")


def test_malicious_article_is_escaped_on_every_page(client: TestClient) -> None:
    for path in ("/articles/evil-1", "/speakers/per:evil-speaker", "/corpus", "/search"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert_inert(page.text)
    pasted = client.post("/analyze", data={"text": f"{XSS_SCRIPT} „{XSS_IMG}“, sagte er."})
    assert_inert(pasted.text)
    assert "&lt;script&gt;" in pasted.text


def test_docs_page_lists_every_api_operation(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    spec = client.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method in methods:
            assert f"{method.upper()}</span> <code>{path}</code>" in page.text
            assert f'data-method="{method.upper()}" data-path="{path}"' in page.text
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    assert "RenameIn or MergeIn or SpeakerCorrectionIn" in page.text
    assert_inert(page.text)
    script = client.get("/static/apidocs.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "http" not in script.text  # requests go to this server only


@pytest.mark.parametrize(
    "path",
    [
        "/static/../pages.py",
        "/static/..%2Fpages.py",
        "/static/%2e%2e%2fpages.py",
        "/static/__init__.py",
        "/static/..%5Cpages.py",
        "/static/templates/base.html",
        "/static//etc/passwd",
    ],
)
def test_static_files_cannot_leave_the_asset_table(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "import" not in response.text and "root:" not in response.text


def test_static_assets_are_served(client: TestClient) -> None:
    for name, kind in (
        ("zitat.css", "text/css"),
        ("zitat.js", "javascript"),
        ("highlight.css", "css"),
    ):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200
        assert kind in response.headers["content-type"]


def test_chart_geometry() -> None:
    columns = charts.column_chart([("2024-01", 2), ("2024-02", 4)], width=200, height=140)
    assert [b.height for b in columns.bars] == [50.0, 100.0]  # plot height 100
    assert columns.bars[1].y == 0.0 and columns.bars[0].x < columns.bars[1].x
    bars = charts.bar_chart([("a", 1), ("b", 0)], hrefs=["/speakers/a", None])
    assert bars.bars[0].href == "/speakers/a" and bars.bars[1].width == 1.0
    line = charts.timeline(
        [("2024-01-01", "x", None), ("2024-01-11", "y", None), ("2024-01-11", "z", None)],
        width=140,
    )
    xs = [p.x for p in line.points]
    assert xs == [12.0, 128.0, 128.0]
    assert line.points[1].y != line.points[2].y  # same day: stacked
    assert charts.timeline([]).points == ()
    assert [(label, anchor) for _, label, anchor in line.ticks] == [
        ("2024-01-01", "start"),
        ("2024-01-11", "end"),
    ]
