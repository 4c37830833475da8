"""Request dependencies that the JSON API and the web pages share: the services, the
read and write checks, the search filters and the size of an article."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field, JsonValue, ValidationError, field_validator

from zitat.schema import EntityKind, Gender, Medium, QuoteType
from zitat.store import SearchQuery
from zitat.store.search import PERIOD_FORMAT
from zitat.web.auth import check_bearer
from zitat.web.errors import ApiError, validation_message
from zitat.web.services import Services

MAX_TEXT_CHARS = 1_000_000
MAX_OFFSET = 1_000_000
PERIOD_PATTERN = r"^[12]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_PERIOD = "YYYY, YYYY-MM or YYYY-MM-DD (inclusive)"
_PERIOD_SCHEMA: dict[str, JsonValue] = {"pattern": PERIOD_PATTERN}


def services(request: Request) -> Services:
    svc: Services = request.app.state.services
    return svc


ServicesDep = Annotated[Services, Depends(services)]


def require_write(request: Request, svc: ServicesDep) -> None:
    check_bearer(request, svc.settings)


def require_read(request: Request, svc: ServicesDep) -> None:
    if not svc.settings.open_reads:
        check_bearer(request, svc.settings)


class SearchParams(BaseModel):
    """The filters of ``zitat search`` as query parameters (shared by API and pages)."""

    speaker: str | None = Field(None, max_length=200, description="speaker name or alias")
    entity_id: str | None = Field(None, max_length=200)
    text: str | None = Field(None, max_length=500, description="words in the quotation")
    date_from: str | None = Field(None, description=_PERIOD, json_schema_extra=_PERIOD_SCHEMA)
    date_to: str | None = Field(None, description=_PERIOD, json_schema_extra=_PERIOD_SCHEMA)
    type: QuoteType | None = None
    medium: Medium | None = None
    speaker_kind: EntityKind | None = None
    speaker_gender: Gender | None = None
    source: str | None = Field(None, max_length=200)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)

    @field_validator("date_from", "date_to")
    @classmethod
    def _period(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(PERIOD_PATTERN, value):
            raise ValueError(PERIOD_FORMAT)  # not the pattern: a regular expression says little
        return value

    def query(self) -> SearchQuery:
        return SearchQuery(**{name: getattr(self, name) for name in type(self).model_fields})

    @classmethod
    def from_form(cls, params: Mapping[str, str]) -> SearchParams:
        """From a browser's form, which sends every field, left empty or not."""
        try:
            return cls.model_validate({name: value for name, value in params.items() if value})
        except ValidationError as exc:
            raise ApiError(422, validation_message(exc.errors())) from None


def search_query(params: Annotated[SearchParams, Query()]) -> SearchQuery:
    return params.query()


SearchDep = Annotated[SearchQuery, Depends(search_query)]
