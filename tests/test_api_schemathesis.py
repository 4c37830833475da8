"""Property-based API test: requests generated from the app's own OpenAPI document.

Every operation is called in-process with examples schemathesis derives from the schema
(valid and invalid); the app must never answer 5xx (503 aside, which is a documented
answer), and each answer must match its documented status, content type and schema.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from web_support import AUTH, fill_store, sample_results
from web_support import settings as api_settings
from zitat.server import create_app

CONFIG = SchemathesisConfig.from_dict(
    # 400 is the documented answer to a well-formed article without usable text
    {"checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", 400, 401, 404, 429]}}}
)
MAX_EXAMPLES = 40
"""Per operation; bounded so the whole test stays within seconds on two cores."""


def _schema(folder: Path) -> Any:
    fill_store(folder / "store.db", sample_results())
    app = create_app(api_settings(folder, max_body_bytes=64 * 1024, analysis_timeout_s=20))
    return schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _schema(tmp_path_factory.mktemp("schemathesis"))


OPERATIONS = (
    ("POST", "/api/analyze"),
    ("POST", "/api/articles"),
    ("GET", "/api/articles/{article_id}"),
    ("GET", "/api/quotations"),
    ("GET", "/api/speakers/{entity_id}"),
    ("GET", "/api/stats"),
    ("POST", "/api/corrections"),
    ("GET", "/api/corrections"),
    ("GET", "/api/health"),
)


def test_openapi_document_is_complete(api_schema: Any) -> None:
    raw = api_schema.raw_schema
    assert raw["openapi"].startswith("3.1")
    operations = {(m.upper(), p) for p, methods in raw["paths"].items() for m in methods}
    assert operations == set(OPERATIONS)
    for path, methods in raw["paths"].items():
        for method, operation in methods.items():
            if path != "/api/health":
                assert "422" in operation["responses"], (method, path)
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")):
                    body = response["content"]["application/json"]["schema"]
                    assert body == {"$ref": "#/components/schemas/ErrorBody"}, (method, path)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_server_error_and_documented_answers(api_schema: Any, method: str, path: str) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        case.call_and_validate(headers=AUTH, additional_checks=[not_a_server_error])

    check()
