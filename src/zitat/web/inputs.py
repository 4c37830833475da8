"""Articles from request bodies: pasted text, HTML or an uploaded file.

Uploads go through the same readers as files on disk (encoding detection, HTML extraction,
JSON formats), so the web app accepts exactly what ``zitat analyze`` accepts.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePath

from zitat.errors import InputError
from zitat.formats.readers import read_path
from zitat.schema import Article

_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".json", ".jsonl"})
_SAFE_STEM = re.compile(r"[^A-Za-z0-9_.-]+")


def content_id(text: str) -> str:
    """A stable id for an article that came without one."""
    return "a-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def read_upload(data: bytes, filename: str) -> list[Article]:
    """The articles in an uploaded file; the name only chooses the format and the ids."""
    name = PurePath(filename.replace("\\", "/")).name
    suffix = PurePath(name).suffix.lower()
    stem = _SAFE_STEM.sub("_", PurePath(name).stem)[:64].strip("._") or "upload"
    safe_name = stem + (suffix if suffix in _SUFFIXES else ".txt")
    with tempfile.TemporaryDirectory(prefix="zitat-upload-") as folder:
        path = Path(folder) / safe_name
        path.write_bytes(data)
        try:
            return read_path(path)
        except InputError as exc:
            # the temporary folder is of no use to the client
            raise InputError(str(exc).replace(str(path), safe_name)) from None


def with_metadata(
    article: Article,
    *,
    article_id: str | None = None,
    title: str | None = None,
    when: date | None = None,
    source: str | None = None,
) -> Article:
    """``article`` with the metadata given alongside it; an article without id gets one."""
    return replace(
        article,
        id=article_id or article.id or content_id(article.text),
        title=title or article.title,
        date=when.isoformat() if when else article.date,
        source=source or article.source,
    )


def build_article(*, text: str | None, html: str | None) -> Article:
    """One article from pasted text or an HTML page (no id yet: see :func:`with_metadata`)."""
    if html is not None:
        return replace(read_upload(html.encode("utf-8", "surrogatepass"), "pasted.html")[0], id="")
    if text is None or not text.strip():
        raise InputError("the article text is empty")
    return Article(id="", text=text)
