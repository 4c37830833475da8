"""The JSON API under ``/api``: thin typed endpoints over the pipeline and the store."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from starlette.concurrency import run_in_threadpool

from zitat.api.auth import check_bearer
from zitat.api.errors import ApiError, error_responses, validation_message
from zitat.api.inputs import build_article, with_metadata
from zitat.api.result_schema import result_response
from zitat.api.services import Services
from zitat.schema import (
    AnalysisResult,
    Article,
    EntityKind,
    Gender,
    Medium,
    QuoteType,
    result_to_dict,
)
from zitat.store import CorpusStats, Correction, SearchPage, SearchQuery, SpeakerProfile
from zitat.store.curation import CorrectionError, NotFound
from zitat.store.search import PERIOD_FORMAT
from zitat.text.language import LANGUAGE_WARNING, language_warning

MAX_TEXT_CHARS = 1_000_000
MAX_OFFSET = 1_000_000
NOT_BLANK = r"\S"
PERIOD_PATTERN = r"^[12]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
_PERIOD = "YYYY, YYYY-MM or YYYY-MM-DD (inclusive)"
_PERIOD_SCHEMA: dict[str, JsonValue] = {"pattern": PERIOD_PATTERN}
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$"

router = APIRouter(prefix="/api")


def services(request: Request) -> Services:
    svc: Services = request.app.state.services
    return svc


ServicesDep = Annotated[Services, Depends(services)]


def require_write(request: Request, svc: ServicesDep) -> None:
    check_bearer(request, svc.settings)


def require_read(request: Request, svc: ServicesDep) -> None:
    if not svc.settings.open_reads:
        check_bearer(request, svc.settings)


ArticleBody = Annotated[
    str | None,
    StringConstraints(min_length=1, max_length=MAX_TEXT_CHARS, pattern=NOT_BLANK),
    WithJsonSchema(
        {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_CHARS, "pattern": NOT_BLANK}
    ),
]
"""Article text or HTML: present, a string, not blank (None only when the field is absent)."""


class ArticleIn(BaseModel):
    """An article to analyse: its text or an HTML page (exactly one), with optional metadata."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"oneOf": [{"required": ["text"]}, {"required": ["html"]}]},
    )

    text: ArticleBody = Field(None, description="plain article text")
    html: ArticleBody = Field(None, description="an HTML page")
    id: str | None = Field(None, pattern=ID_PATTERN, description="default: a content hash")
    title: str | None = Field(None, max_length=1000)
    date: dt.date | None = Field(None, description="publication date, YYYY-MM-DD")
    source: str | None = Field(None, max_length=200)

    @field_validator("text", "html", mode="before")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:  # absent is fine, an explicit null is not
            raise ValueError("must be a string")
        return value

    @model_validator(mode="after")
    def _one_body(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html'")
        return self


async def _analysis(body: ArticleIn, svc: Services) -> AnalysisResult:
    def read() -> Article:
        return with_metadata(
            build_article(text=body.text, html=body.html),
            article_id=body.id,
            title=body.title,
            when=body.date,
            source=body.source,
        )

    return await svc.analyze(read)


async def _with_warnings(result: AnalysisResult) -> dict[str, object]:
    """The zitat/1 result, with ``warnings`` when something about the input is doubtful."""
    payload = result_to_dict(result)
    if warning := await run_in_threadpool(language_warning, result.document):
        payload["warnings"] = [{"kind": LANGUAGE_WARNING, "message": warning}]
    return payload


_ANALYSIS_ERRORS = (400, 413, 422, 429, 503)
_READ_ERRORS = (401, 404, 422, 503)
_SEARCH_ERRORS = (400, *_READ_ERRORS)  # 400: a date the pattern admits but the calendar not


@router.post(
    "/analyze",
    summary="Analyse one article and return its quotations (nothing is stored)",
    response_class=JSONResponse,
    responses={200: result_response("The zitat/1 analysis"), **error_responses(*_ANALYSIS_ERRORS)},
)
async def analyze(body: ArticleIn, svc: ServicesDep) -> JSONResponse:
    return JSONResponse(await _with_warnings(await _analysis(body, svc)))


@router.post(
    "/articles",
    summary="Analyse one article and store it (needs the bearer token)",
    status_code=201,
    response_class=JSONResponse,
    dependencies=[Depends(require_write)],
    responses={
        200: result_response("Stored before with the same content; nothing changed"),
        201: result_response("Analysed and stored"),
        **error_responses(401, *_ANALYSIS_ERRORS),
    },
)
async def store_article(body: ArticleIn, svc: ServicesDep) -> JSONResponse:
    svc.require_store()  # before the costly analysis
    result = await _analysis(body, svc)
    changed, stored = await run_in_threadpool(svc.write, result)
    return JSONResponse(
        await _with_warnings(stored),
        status_code=201 if changed else 200,
        headers={"Location": f"/api/articles/{result.document.id}"},
    )


@router.get(
    "/articles/{article_id}",
    summary="One stored article with its quotations",
    response_class=JSONResponse,
    dependencies=[Depends(require_read)],
    responses={
        200: result_response("The stored zitat/1 analysis"),
        **error_responses(*_READ_ERRORS),
    },
)
def get_article(article_id: Annotated[str, Path(max_length=300)], svc: ServicesDep) -> JSONResponse:
    result = svc.read(lambda store: store.get_article(article_id))
    if result is None:
        raise ApiError(404, "no stored article with this id")
    return JSONResponse(result_to_dict(result))


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


@router.get(
    "/quotations",
    summary="Search stored quotations (paged)",
    response_model=SearchPage,
    dependencies=[Depends(require_read)],
    responses=error_responses(*_SEARCH_ERRORS),
)
def search(query: SearchDep, svc: ServicesDep) -> SearchPage:
    return svc.read(lambda store: store.search(query))


@router.get(
    "/speakers/{entity_id}",
    summary="A speaker: entity, aliases and quotations by date",
    response_model=SpeakerProfile,
    dependencies=[Depends(require_read)],
    responses=error_responses(*_READ_ERRORS),
)
def speaker(entity_id: Annotated[str, Path(max_length=200)], svc: ServicesDep) -> SpeakerProfile:
    profile = svc.read(lambda store: store.speaker(entity_id))
    if profile is None:
        raise ApiError(404, "no speaker with this id")
    return profile


@router.get(
    "/stats",
    summary="Corpus statistics, optionally for the quotations matching the filters",
    response_model=CorpusStats,
    dependencies=[Depends(require_read)],
    responses=error_responses(*_SEARCH_ERRORS),
)
def stats(query: SearchDep, svc: ServicesDep) -> CorpusStats:
    return svc.read(lambda store: store.stats(query))


class _CorrectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    author: str = Field(min_length=1, max_length=100, pattern=NOT_BLANK, description="who")
    note: str | None = Field(None, max_length=1000, description="why, for the log")


class RenameIn(_CorrectionIn):
    """Give a corpus entity a new name."""

    action: Literal["rename"]
    entity_id: str = Field(max_length=200)
    name: str = Field(min_length=1, max_length=200, pattern=NOT_BLANK)


class MergeIn(_CorrectionIn):
    """Merge entity ``entity_id`` into ``target_id``."""

    action: Literal["merge"]
    entity_id: str = Field(max_length=200)
    target_id: str = Field(max_length=200)


class SpeakerCorrectionIn(_CorrectionIn):
    """Split one quotation's speaker off into an entity of its own, or reject it."""

    action: Literal["split", "reject"]
    article_id: str = Field(max_length=300)
    quotation_id: str = Field(max_length=100)


CorrectionIn = Annotated[RenameIn | MergeIn | SpeakerCorrectionIn, Field(discriminator="action")]


@router.post(
    "/corrections",
    summary="Correct the corpus entities: rename, merge, split, reject (needs the bearer token)",
    status_code=201,
    response_model=Correction,
    dependencies=[Depends(require_write)],
    responses=error_responses(400, 401, 404, 422, 503),
)
def correct(body: CorrectionIn, svc: ServicesDep) -> Correction:
    what = body.model_dump(exclude={"action", "author", "note"})
    try:
        return svc.change(
            lambda store: store.correct(body.action, author=body.author, note=body.note, **what)
        )
    except NotFound as exc:
        raise ApiError(404, str(exc)) from None
    except CorrectionError as exc:
        raise ApiError(400, str(exc)) from None


@router.get(
    "/corrections",
    summary="Every correction of the corpus entities, oldest first: who, when, what",
    response_model=list[Correction],
    dependencies=[Depends(require_read)],
    responses=error_responses(*_READ_ERRORS),
)
def corrections(svc: ServicesDep) -> list[Correction]:
    return svc.read(lambda store: store.corrections())


class Health(BaseModel):
    status: str
    model: str
    store: bool


@router.get("/health", summary="Liveness and configuration", response_model=Health)
def health(svc: ServicesDep) -> Health:
    return Health(status="ok", model=svc.settings.model, store=svc.has_store)
