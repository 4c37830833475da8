"""The store endpoints: storing (with the token), articles, quotation search, speakers, stats."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from web_support import (
    AUTH,
    SHORT_ARTICLE,
    TOKEN,
    assert_error,
    fill_store,
    quoted_result,
    sample_results,
    settings,
)
from zitat.errors import InputError
from zitat.schema import result_from_dict, result_to_dict
from zitat.server import create_app
from zitat.web.auth import token_matches
from zitat.web.settings import ApiSettings, read_token


def client_for(api_settings: ApiSettings) -> TestClient:
    return TestClient(create_app(api_settings), raise_server_exceptions=False)


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    fill_store(tmp_path / "store.db", sample_results())
    with client_for(settings(tmp_path)) as test_client:
        yield test_client


def test_storing_needs_the_bearer_token(client: TestClient) -> None:
    body = {"text": SHORT_ARTICLE, "id": "new-1"}
    assert "missing" in assert_error(client.post("/api/articles", json=body), 401)
    wrong = {"Authorization": "Bearer " + "x" * len(TOKEN)}
    response = client.post("/api/articles", json=body, headers=wrong)
    assert "invalid" in assert_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    basic = {"Authorization": f"Basic {TOKEN}"}
    assert_error(client.post("/api/articles", json=body, headers=basic), 401)
    assert_error(client.get("/api/articles/new-1"), 404)  # nothing was stored


def test_store_then_read_back(client: TestClient) -> None:
    body = {"text": SHORT_ARTICLE, "id": "new-1", "date": "2024-06-01"}
    created = client.post("/api/articles", json=body, headers=AUTH)
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "/api/articles/new-1"
    again = client.post("/api/articles", json=body, headers=AUTH)
    assert again.status_code == 200  # same content: unchanged
    stored = client.get("/api/articles/new-1")
    assert stored.status_code == 200
    assert result_from_dict(stored.json()) == result_from_dict(created.json())


def test_writing_is_disabled_without_a_configured_token(tmp_path: Path) -> None:
    with client_for(settings(tmp_path, token=None)) as client:
        response = client.post("/api/articles", json={"text": SHORT_ARTICLE}, headers=AUTH)
        assert "no API token" in assert_error(response, 401)


def test_without_a_store_reads_and_writes_answer_503() -> None:
    with client_for(settings()) as client:
        for path in ("/api/quotations", "/api/stats", "/api/articles/a-1", "/api/speakers/x"):
            assert "--db" in assert_error(client.get(path), 503)
        response = client.post("/api/articles", json={"text": SHORT_ARTICLE}, headers=AUTH)
        assert_error(response, 503)
        assert client.post("/api/analyze", json={"text": SHORT_ARTICLE}).status_code == 200


def test_get_article_matches_what_was_stored(client: TestClient) -> None:
    expected = next(r for r in sample_results() if r.document.id == "a-2")
    response = client.get("/api/articles/a-2")
    assert response.status_code == 200
    assert response.json() == result_to_dict(expected)
    assert_error(client.get("/api/articles/nope"), 404)


def test_ids_from_file_names_can_be_read_back(tmp_path: Path) -> None:
    fill_store(tmp_path / "store.db", [quoted_result("11059 - Titel (2005)", "2005-08-20")])
    with client_for(settings(tmp_path)) as client:
        response = client.get("/api/articles/11059 - Titel (2005)")
        assert response.status_code == 200
        assert response.json()["document"]["date"] == "2005-08-20"


def test_quotation_search_filters_and_pages(client: TestClient) -> None:
    page = client.get("/api/quotations", params={"speaker": "Scholz"}).json()
    assert page["total"] == 3
    assert {hit["article_id"] for hit in page["hits"]} == {"a-1", "a-2", "a-3"}
    hit = page["hits"][0]
    assert hit["quotation"]["speaker"]["entity"]["id"] == "per:olaf-scholz"
    assert hit["quotation"]["type"] == "Direct"

    dated = client.get("/api/quotations", params={"date_from": "2024-03", "limit": 1})
    assert dated.json()["total"] == 2 and len(dated.json()["hits"]) == 1
    words = client.get("/api/quotations", params={"text": "Lage ernst"}).json()
    assert [h["article_id"] for h in words["hits"]] == ["a-2"]
    female = client.get("/api/quotations", params={"speaker_gender": "female"}).json()
    assert [h["article_id"] for h in female["hits"]] == ["a-4"]
    second = client.get("/api/quotations", params={"offset": 3}).json()
    assert second["total"] == 4 and len(second["hits"]) == 1


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 201},
        {"offset": -1},
        {"date_from": "März"},
        {"type": "Quoted"},
        {"speaker_gender": "x"},
        {"text": "x" * 501},
    ],
)
def test_bad_search_parameters_get_422(client: TestClient, params: dict[str, object]) -> None:
    assert_error(client.get("/api/quotations", params=params), 422)


@pytest.mark.parametrize("value", ["2024-13", "März", "2024-1"])
def test_a_malformed_date_says_which_forms_are_expected(client: TestClient, value: str) -> None:
    message = assert_error(client.get("/api/quotations", params={"date_to": value}), 422)
    assert message == "date_to: expected YYYY, YYYY-MM or YYYY-MM-DD"


def test_a_date_not_in_the_calendar_gets_400_naming_the_forms(client: TestClient) -> None:
    message = assert_error(client.get("/api/quotations", params={"date_from": "2024-02-30"}), 400)
    assert "'2024-02-30' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD" in message


@pytest.mark.parametrize("text", ['" OR 1=1 --', "NEAR(a b)", "*", "'; DROP TABLE articles; --"])
def test_search_text_is_literal(client: TestClient, text: str) -> None:
    response = client.get("/api/quotations", params={"text": text})
    assert response.status_code == 200
    assert response.json()["total"] == 0
    assert client.get("/api/stats").json()["n_articles"] == 4


def test_speaker_profile_lists_statements_by_date(client: TestClient) -> None:
    profile = client.get("/api/speakers/per:olaf-scholz").json()
    assert profile["entity"]["name"] == "Olaf Scholz"
    assert "Olaf Scholz" in profile["aliases"]
    dates = [hit["quotation"]["when"]["date"] for hit in profile["quotations"]]
    assert sorted(dates) == ["2024-01-16", "2024-02-20", "2024-03-05"]
    assert_error(client.get("/api/speakers/nobody"), 404)


def test_stats_count_the_corpus(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["n_articles"] == 4 and stats["n_quotations"] == 4
    assert stats["per_month"] == {"2024-01": 1, "2024-02": 1, "2024-03": 2}
    assert stats["by_gender"] == {"male": 3, "female": 1}
    assert stats["top_speakers"][0]["entity_id"] == "per:olaf-scholz"
    filtered = client.get("/api/stats", params={"speaker_gender": "female"}).json()
    assert filtered["n_quotations"] == 1


def test_protected_reads_need_the_token(tmp_path: Path) -> None:
    fill_store(tmp_path / "store.db", sample_results())
    with client_for(settings(tmp_path, open_reads=False)) as client:
        assert_error(client.get("/api/quotations"), 401)
        assert client.get("/api/quotations", headers=AUTH).status_code == 200
        assert client.get("/search").status_code == 401
        assert client.get("/api/health").status_code == 200


def test_the_token_never_reaches_logs_or_reprs(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    client.post("/api/articles", json={"text": SHORT_ARTICLE}, headers=AUTH)
    client.post("/api/articles", json={"text": SHORT_ARTICLE}, headers={"Authorization": "x"})
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(settings())


def test_token_comparison_and_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert token_matches(TOKEN, TOKEN)
    assert not token_matches(TOKEN[:-1] + "X", TOKEN)
    assert not token_matches("ä", TOKEN)
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    monkeypatch.setenv("ZITAT_API_TOKEN", "from-the-environment-0123")
    assert read_token(token_file) == TOKEN
    assert read_token(None) == "from-the-environment-0123"
    token_file.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_token(token_file)
    with pytest.raises(InputError, match="at least"):
        ApiSettings(token="short")


def test_corrections_need_the_token_and_are_logged(client: TestClient) -> None:
    merge = {
        "action": "merge",
        "entity_id": "per:annalena-baerbock",
        "target_id": "per:olaf-scholz",
        "author": "ana",
    }
    assert "missing" in assert_error(client.post("/api/corrections", json=merge), 401)
    assert client.get("/api/corrections").json() == []  # nothing was stored
    done = client.post("/api/corrections", json=merge, headers=AUTH)
    assert done.status_code == 201, done.text
    assert done.json()["author"] == "ana" and done.json()["id"] == 1
    rename = {"action": "rename", "entity_id": "per:olaf-scholz", "name": "Die Ampel"}
    renamed = client.post("/api/corrections", json={**rename, "author": "ben"}, headers=AUTH)
    assert renamed.status_code == 201, renamed.text
    speaker = client.get("/api/speakers/per:olaf-scholz").json()
    assert speaker["entity"]["name"] == "Die Ampel" and len(speaker["quotations"]) == 4
    assert_error(client.get("/api/speakers/per:annalena-baerbock"), 404)
    reject = {"action": "reject", "article_id": "a-1", "quotation_id": "q1", "author": "ana"}
    assert client.post("/api/corrections", json=reject, headers=AUTH).status_code == 201
    stored = client.get("/api/articles/a-1").json()
    assert stored["quotations"][0]["speaker"].get("entity") is None
    split = {"action": "split", "article_id": "a-2", "quotation_id": "q1", "author": "ana"}
    own = client.post("/api/corrections", json=split, headers=AUTH).json()["target_id"]
    alone = client.get(f"/api/speakers/{own}").json()
    assert [hit["article_id"] for hit in alone["quotations"]] == ["a-2"]
    log = client.get("/api/corrections").json()
    assert [(c["action"], c["author"]) for c in log] == [
        ("merge", "ana"),
        ("rename", "ben"),
        ("reject", "ana"),
        ("split", "ana"),
    ]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"action": "rename", "entity_id": "per:nobody", "name": "X"}, 404),
        ({"action": "split", "article_id": "a-1", "quotation_id": "q9"}, 404),
        ({"action": "merge", "entity_id": "per:olaf-scholz", "target_id": "per:olaf-scholz"}, 400),
        ({"action": "rename", "entity_id": "per:olaf-scholz", "name": "  "}, 422),
        ({"action": "undo", "entity_id": "per:olaf-scholz"}, 422),
    ],
)
def test_bad_corrections_get_one_clear_error(
    client: TestClient, body: dict[str, str], status: int
) -> None:
    response = client.post("/api/corrections", json={**body, "author": "ana"}, headers=AUTH)
    assert assert_error(response, status)
    assert client.get("/api/corrections").json() == []
