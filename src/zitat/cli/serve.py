"""``zitat serve``: the JSON API and the web explorer in one local web server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zitat.cli import app
from zitat.errors import InputError
from zitat.extras import require
from zitat.web.settings import (
    DB_ENV,
    LOOPBACK_HOSTS,
    MODEL_ENV,
    ApiSettings,
    is_loopback,
    read_token,
)

KEEP_ALIVE_S = 15
"""Idle keep-alive connections are closed after this; clients should expire theirs sooner."""


def build_settings(
    *,
    host: str,
    db: Path | None,
    model: str,
    token_file: Path | None,
    open_reads: bool | None,
    max_body_mb: float,
    analysis_timeout: float,
    max_analyses: int | None,
) -> ApiSettings:
    """Settings for a server bound to ``host``; refuses a public bind without a token."""
    token = read_token(token_file)
    public = not is_loopback(host)
    if public and token is None:
        raise InputError(
            f"refusing to listen on {host} without an API token: set ZITAT_API_TOKEN "
            "or pass --token-file (or bind to 127.0.0.1)"
        )
    limits = {} if max_analyses is None else {"max_concurrent_analyses": max_analyses}
    return ApiSettings(
        db=db,
        model=model,
        token=token,
        open_reads=(not public) if open_reads is None else open_reads,
        max_body_bytes=int(max_body_mb * 1024 * 1024),
        analysis_timeout_s=analysis_timeout,
        allowed_hosts=None if public else (*LOOPBACK_HOSTS, host),
        **limits,
    )


@app.command()
def serve(
    db: Annotated[
        Path | None,
        typer.Option(
            envvar=DB_ENV, help="Article store (created if missing); none: analysis only."
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    model: Annotated[str, typer.Option(envvar=MODEL_ENV, help="Quotation model.")] = "learned",
    token_file: Annotated[
        Path | None,
        typer.Option(help="File holding the bearer token for writing (else $ZITAT_API_TOKEN)."),
    ] = None,
    open_reads: Annotated[
        bool | None,
        typer.Option(
            "--open-reads/--protected-reads",
            help="Whether reading needs no token; default: open on loopback only.",
        ),
    ] = None,
    max_body_mb: Annotated[float, typer.Option(min=0.001, help="Largest request body.")] = 2.0,
    analysis_timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds one analysis may take (then 503).")
    ] = 30.0,
    max_analyses: Annotated[
        int | None, typer.Option(min=1, help="Concurrent analyses (default: CPU cores).")
    ] = None,
) -> None:
    """Serve the JSON API (/api, docs at /docs) and the web explorer."""
    require("zitat serve", "serve")
    import uvicorn

    from zitat.server import create_app

    settings = build_settings(
        host=host,
        db=db,
        model=model,
        token_file=token_file,
        open_reads=open_reads,
        max_body_mb=max_body_mb,
        analysis_timeout=analysis_timeout,
        max_analyses=max_analyses,
    )
    web_app = create_app(settings)
    web_app.state.services.pipeline()  # load the model now: a broken one fails here, clearly
    typer.secho(f"zitat: serving on http://{host}:{port}/ (API docs: /docs)", err=True)
    uvicorn.run(
        web_app,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
        timeout_keep_alive=KEEP_ALIVE_S,
    )
