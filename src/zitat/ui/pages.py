"""The web explorer: server-rendered pages over the same services as the JSON API.

Templates autoescape everything; the one piece of pre-built HTML, the highlighted article,
comes from :func:`zitat.ui.render.highlight_html`, which escapes the article text itself.
Static assets are read from the package once and served by name from that fixed table, so
no request path ever reaches the file system.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, Path, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from zitat.schema import AnalysisResult, Article, EntityKind, Gender, Medium, Quotation, QuoteType
from zitat.store import CorpusStats, SearchQuery
from zitat.ui import charts
from zitat.ui.render import HIGHLIGHT_CSS, highlight_html, speaker_name
from zitat.web.deps import MAX_TEXT_CHARS, SearchParams, ServicesDep, require_read
from zitat.web.errors import ApiError
from zitat.web.inputs import build_article, read_upload, with_metadata

router = APIRouter(include_in_schema=False)

templates = Environment(
    loader=PackageLoader("zitat.ui", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def path_quote(value: str) -> str:
    """``value`` as one URL path segment (slashes and all escaped)."""
    return quote(value, safe="")


def speaker_href(quotation: Quotation) -> str | None:
    speaker = quotation.speaker
    if speaker is None or speaker.entity is None:
        return None
    return f"/speakers/{path_quote(speaker.entity.id)}"


templates.filters["path_quote"] = path_quote
templates.globals.update(speaker_href=speaker_href, speaker_label=speaker_name)


def _load_static() -> dict[str, tuple[bytes, str]]:
    assets = {"highlight.css": (HIGHLIGHT_CSS.encode("utf-8"), "text/css")}
    for entry in files("zitat.ui").joinpath("static").iterdir():
        if entry.is_file() and not entry.name.startswith("."):
            media_type = mimetypes.guess_type(entry.name)[0] or "application/octet-stream"
            assets[entry.name] = (entry.read_bytes(), media_type)
    return assets


STATIC = _load_static()
"""Asset name -> (bytes, media type): everything the pages load, read once at import."""


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(templates.get_template(name).render(**context), status_code=status)


def page_error(request: Request, status: int, message: str) -> Response:
    return render("error.html", status=status, status_code=status, message=message)


@router.get("/static/{name}")
def static(name: str) -> Response:
    asset = STATIC.get(name)
    if asset is None:
        raise ApiError(404, "no such asset")
    content, media_type = asset
    return Response(content, media_type=media_type, headers={"Cache-Control": "max-age=3600"})


def _article_page(result: AnalysisResult, *, stored: bool) -> HTMLResponse:
    return render(
        "article.html",
        result=result,
        highlighted=Markup(highlight_html(result)),  # highlight_html escapes the text itself
        stored=stored,
    )


@router.get("/", response_class=HTMLResponse)
def home(svc: ServicesDep) -> HTMLResponse:
    return render("analyze.html", model=svc.settings.model, max_chars=MAX_TEXT_CHARS)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(
    svc: ServicesDep,
    text: Annotated[str, Form(max_length=MAX_TEXT_CHARS)] = "",
    title: Annotated[str, Form(max_length=1000)] = "",
    date: Annotated[dt.date | str, Form()] = "",
    file: Annotated[UploadFile | str, File()] = "",
) -> HTMLResponse:
    # browsers send empty strings for untouched date and file inputs
    upload = None if isinstance(file, str) or not file.filename else file
    data = await upload.read() if upload is not None else b""
    when = date if isinstance(date, dt.date) else None

    def read() -> Article:
        if upload is not None:
            article = read_upload(data, upload.filename or "upload")[0]
        else:
            article = build_article(text=text, html=None)
        return with_metadata(article, title=title or None, when=when)

    return _article_page(await svc.analyze(read), stored=False)


ReadDep = Depends(require_read)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse, dependencies=[ReadDep])
def article_page(article_id: Annotated[str, Path(max_length=300)], svc: ServicesDep) -> Response:
    result = svc.read(lambda store: store.get_article(article_id))
    if result is None:
        raise ApiError(404, "no stored article with this id")
    return _article_page(result, stored=True)


_CHOICES: tuple[tuple[str, tuple[str, ...]], ...] = tuple(
    (name, tuple(member.value for member in enum))
    for name, enum in (
        ("type", QuoteType),
        ("medium", Medium),
        ("speaker_kind", EntityKind),
        ("speaker_gender", Gender),
    )
)


def _page_link(query: SearchQuery, offset: int) -> str:
    params = {
        name: value
        for name in SearchQuery.__dataclass_fields__
        if (value := getattr(query, name)) not in (None, "") and name not in ("offset", "limit")
    }
    return "/search?" + urlencode({**params, "offset": offset})


@router.get("/search", response_class=HTMLResponse, dependencies=[ReadDep])
def search_page(request: Request, svc: ServicesDep) -> Response:
    query = SearchParams.from_form(request.query_params).query()
    page = svc.read(lambda store: store.search(query))
    following = query.offset + query.limit
    return render(
        "search.html",
        query=query,
        page=page,
        choices=_CHOICES,
        previous=_page_link(query, max(0, query.offset - query.limit)) if query.offset else None,
        next=_page_link(query, following) if following < page.total else None,
    )


@router.get("/speakers/{entity_id:path}", response_class=HTMLResponse, dependencies=[ReadDep])
def speaker_page(entity_id: Annotated[str, Path(max_length=300)], svc: ServicesDep) -> Response:
    profile = svc.read(lambda store: store.speaker(entity_id))
    if profile is None:
        raise ApiError(404, "no speaker with this id")
    events = [
        (
            day,
            hit.quotation.quote.text[:120],
            f"/articles/{path_quote(hit.article_id)}",
        )
        for hit in profile.quotations
        if (day := (hit.quotation.when and hit.quotation.when.date) or hit.date)
        and _is_iso_date(day)
    ]
    return render("speaker.html", profile=profile, chart=charts.timeline(events))


def _is_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


def _corpus_charts(stats: CorpusStats) -> dict[str, charts.BarChart]:
    top = stats.top_speakers
    return {
        "per_month": charts.column_chart(list(stats.per_month.items())),
        "by_kind": charts.bar_chart(list(stats.by_kind.items())),
        "by_gender": charts.bar_chart(list(stats.by_gender.items())),
        "by_type": charts.bar_chart(list(stats.by_type.items())),
        "by_medium": charts.bar_chart(list(stats.by_medium.items())),
        "top_speakers": charts.bar_chart(
            [(s.name, s.quotations) for s in top],
            hrefs=[f"/speakers/{path_quote(s.entity_id)}" if s.entity_id else None for s in top],
        ),
    }


@router.get("/corpus", response_class=HTMLResponse, dependencies=[ReadDep])
def corpus_page(request: Request, svc: ServicesDep) -> Response:
    query = SearchParams.from_form(request.query_params).query()
    stats = svc.read(lambda store: store.stats(query))
    return render("corpus.html", stats=stats, charts=_corpus_charts(stats))


@router.get("/corrections", response_class=HTMLResponse, dependencies=[ReadDep])
def corrections_page(svc: ServicesDep) -> Response:
    return render("corrections.html", corrections=svc.read(lambda store: store.corrections()))


_BODY_EXAMPLES = {
    "/api/analyze": {"text": "„Wir bauen die Straße aus“, sagte die Ministerin."},
    "/api/articles": {"text": "„Wir bauen die Straße aus“, sagte die Ministerin.", "id": "a-1"},
    "/api/corrections": {
        "action": "rename",
        "entity_id": "per:angela-merkel",
        "name": "Angela Dorothea Merkel",
        "author": "your name",
    },
}
"""What the body fields of the API page start with (each is a valid request)."""


def _schema_names(schema: dict[str, Any]) -> list[str]:
    """The names of the schemas a request body refers to (one, or the choices of a union)."""
    refs = [schema, *schema.get("oneOf", []), *schema.get("anyOf", [])]
    return [ref["$ref"].rsplit("/", 1)[-1] for ref in refs if "$ref" in ref] or ["an object"]


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> Response:
    examples = {
        path: json.dumps(body, ensure_ascii=False, indent=2)
        for path, body in _BODY_EXAMPLES.items()
    }
    return render(
        "docs.html",
        spec=request.app.openapi(),
        body_examples=examples,
        schema_names=_schema_names,
    )
