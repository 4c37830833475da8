"""The JSON API under ``/api``: thin typed endpoints over the pipeline and the store."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path
from fastapi.responses import JSONResponse
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from starlette.concurrency import run_in_threadpool

from zitat.api.result_schema import result_response
from zitat.schema import AnalysisResult, Article, result_to_dict
from zitat.store import CorpusStats, Correction, SearchPage, SpeakerProfile
from zitat.store.curation import CorrectionError, NotFound
from zitat.text.language import LANGUAGE_WARNING, language_warning
from zitat.web.deps import MAX_TEXT_CHARS, SearchDep, ServicesDep, require_read, require_write
from zitat.web.errors import ApiError, error_responses
from zitat.web.inputs import build_article, with_metadata
from zitat.web.services import Services

NOT_BLANK = r"\S"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$"

router = APIRouter(prefix="/api")


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
