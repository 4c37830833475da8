"""Articles from files, folders, glob patterns and stdin: plain text, HTML, JSON and JSONL.

The format follows the file extension; unknown extensions (and stdin) are sniffed. Article
text is kept exactly as decoded, so offsets computed on it point into the original.
JSON objects may be a plain ``{"text": ...}`` article, a zitat/1 result, or a file of the
quotation corpus (``originalText`` plus ``documentName`` "ID - Title (YYYY-MM-DD)").
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from zitat.errors import InputError, ZitatError
from zitat.extras import require
from zitat.formats.corpus_json import split_document_name
from zitat.lang.de.dates import MONTH_NUMBERS
from zitat.schema import SCHEMA_VERSION, Article
from zitat.text.encoding import decode_bytes

STDIN = "-"

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
"""The files taken from a folder; a file named explicitly is read whatever its extension."""

ErrorHandler = Callable[[Path, ZitatError], None]

MEGABYTE = 1024 * 1024
DEFAULT_MAX_ARTICLE_BYTES = 5 * MEGABYTE
"""The command line's default limit on one article's text (UTF-8 bytes)."""

_HTML_SNIFF_RE = re.compile(r"<(?:!doctype\s+html|html|head|body|article|p|div)\b", re.IGNORECASE)
_GLOB_MAGIC_RE = re.compile(r"[*?[]")
_MAX_HEADLINE = 200
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
"""Byte-order marks of encodings whose lines cannot be split on the byte ``\\n``."""
_SENTENCE_RE = re.compile(r"\w\W*\w[^.!?…\n]*[.!?…]")
"""A sentence: what a page's article text has and its menu, when trafilatura falls back to
the page's whole text, has not ("Menü Start")."""


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

_ISO_PREFIX_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")
_NUMERIC_DMY_RE = re.compile(r"(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$")
_GERMAN_DMY_RE = re.compile(r"(\d{1,2})\.?\s+([^\W\d_]+)\.?\s+(\d{4})$")


def _iso(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _parse_date(value: str) -> str | None:
    if m := _ISO_PREFIX_RE.match(value):
        return _iso(*m.groups())
    if m := _NUMERIC_DMY_RE.match(value):
        day, month, year = m.groups()
        return _iso(year, month, day)
    if (m := _GERMAN_DMY_RE.match(value)) and (month := MONTH_NUMBERS.get(m[2].lower())):
        return _iso(m[3], month, m[1])
    try:  # RFC 2822, as in RSS feeds and mail headers
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def normalize_date(value: object) -> str | None:
    """``YYYY-MM-DD`` when ``value`` is a date we can read, else the value itself as text.

    Understands ISO dates and timestamps, ``20.08.2005``, ``20. August 2005`` and RFC 2822.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    return _parse_date(text) or text


# ---------------------------------------------------------------------------
# one decoded text -> articles
# ---------------------------------------------------------------------------


def _checked_unicode(value: str, key: str, where: str) -> str:
    """``value`` if it is valid Unicode: JSON can spell lone surrogates no UTF-8 writer can."""
    if found := _SURROGATE_RE.search(value):
        raise InputError(
            f"{where}: field {key!r} holds a lone surrogate (U+{ord(found[0]):04X}) at "
            f"character {found.start()}, which is not valid Unicode text"
        )
    return value


def _optional_str(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str | int):
        return None if value is None else _checked_unicode(str(value), key, where)
    raise InputError(f"{where}: field {key!r} must be a string")


def article_from_object(obj: object, where: str, default_id: str) -> Article:
    """An article from one decoded JSON object; ``where`` names it in error messages."""
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object, found {type(obj).__name__}")
    if obj.get("schema") == SCHEMA_VERSION and isinstance(obj.get("document"), dict):
        return article_from_object(obj["document"], where, default_id)
    if "originalText" in obj:
        return _corpus_article(obj, where, default_id)
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: needs a 'text' field with the article text")
    if not text.strip():
        raise InputError(f"{where}: 'text' is empty")
    return Article(
        id=_optional_str(obj, "id", where) or default_id,
        text=_checked_unicode(text, "text", where),
        title=_optional_str(obj, "title", where),
        date=normalize_date(_optional_str(obj, "date", where)),
        source=_optional_str(obj, "source", where),
    )


def _corpus_article(obj: dict[str, Any], where: str, default_id: str) -> Article:
    """A document of the quotation corpus: the name carries its id, title and date."""
    text = obj["originalText"]
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: 'originalText' is empty")
    text = _checked_unicode(text, "originalText", where)
    name = _optional_str(obj, "documentName", where)
    if name is not None and (parts := split_document_name(name)):
        return Article(id=parts.id, text=text, title=parts.title, date=normalize_date(parts.date))
    return Article(id=name or default_id, text=text)


def _decode_json(text: str, where: str, *, one_line: bool = False) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if one_line else f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"{where}: invalid JSON at {at}: {exc.msg}") from None


def _read_json(text: str, name: str, stem: str) -> list[Article]:
    raw = _decode_json(text, name)
    if isinstance(raw, list):
        return [
            article_from_object(item, f"{name}, item {i}", f"{stem}:{i}")
            for i, item in enumerate(raw, start=1)
        ]
    return [article_from_object(raw, name, stem)]


def _jsonl_articles(lines: Iterable[str], name: str, stem: str) -> Iterator[Article]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            where = f"{name}, line {number}"
            obj = _decode_json(line, where, one_line=True)
            yield article_from_object(obj, where, f"{stem}:{number}")


def _read_jsonl(text: str, name: str, stem: str) -> list[Article]:
    # split on "\n" only: JSON strings may hold raw U+2028 and friends, which splitlines() cuts
    return list(_jsonl_articles(text.split("\n"), name, stem))


def _decoded_lines(path: Path, name: str) -> Iterator[str]:
    """The lines of a UTF-8 file, read one at a time (a binary file splits on b"\\n" only)."""
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                line = raw.removeprefix(codecs.BOM_UTF8) if number == 1 else raw
                yield decode_bytes(line, f"{name}, line {number}") if line.strip() else ""
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _read_html(text: str, name: str, stem: str) -> list[Article]:
    require("reading HTML", "html")
    import trafilatura  # imported here: it takes a second to load and most inputs are text
    from trafilatura.settings import Document

    page = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if not isinstance(page, Document) or not page.text or not _SENTENCE_RE.search(page.text):
        raise InputError(f"{name}: no article text found in the HTML page")
    return [
        Article(
            id=stem,
            text=page.text,
            title=page.title or None,
            date=normalize_date(page.date),
            source=page.sitename or page.hostname or None,
        )
    ]


def _headline(text: str) -> str | None:
    """The first line, when it stands alone above a blank line as news headlines do."""
    first, sep, rest = text.lstrip().partition("\n")
    first = first.strip()
    if sep and first and len(first) <= _MAX_HEADLINE and rest.lstrip(" \t\r").startswith("\n"):
        return first
    return None


def _read_text(text: str, name: str, stem: str) -> list[Article]:
    return [Article(id=stem, text=text, title=_headline(text))]


_READERS: dict[str, Callable[[str, str, str], list[Article]]] = {
    "text": _read_text,
    "html": _read_html,
    "json": _read_json,
    "jsonl": _read_jsonl,
}


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _sniff(text: str) -> str:
    head = text.lstrip()
    if head.startswith(("{", "[")):
        if _is_json(text):
            return "json"
        first, *rest = (line for line in text.split("\n") if line.strip())
        if all(line.lstrip().startswith("{") for line in rest) and _is_json(first):
            return "jsonl"
    if head.startswith("<") and _HTML_SNIFF_RE.search(head[:4096]):
        return "html"
    return "text"


def _format_of(suffix: str, text: str) -> str:
    for suffixes, fmt in (
        (TEXT_SUFFIXES, "text"),
        (HTML_SUFFIXES, "html"),
        (JSON_SUFFIXES, "json"),
        (JSONL_SUFFIXES, "jsonl"),
    ):
        if suffix in suffixes:
            return fmt
    return _sniff(text)


# ---------------------------------------------------------------------------
# public API
# ---------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    if str(path) == STDIN:
        return sys.stdin.buffer.read()
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _unreadable(path, exc) from None


def _unreadable(path: Path, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: no such file")
    return InputError(f"{path}: cannot be read ({exc.strerror or exc})")


def _megabytes(n_bytes: int) -> str:
    return f"{n_bytes / MEGABYTE:.3g} MB" if n_bytes >= MEGABYTE else f"{n_bytes:,} bytes"


def _too_large(what: str, size: int, max_article_bytes: int) -> InputError:
    return InputError(
        f"{what} is {_megabytes(size)}, over the limit of {_megabytes(max_article_bytes)} per "
        "article (raise it with --max-article-mb)"
    )


def _checked_sizes(
    articles: Iterable[Article], name: str, max_article_bytes: int | None
) -> Iterator[Article]:
    for article in articles:
        size = len(article.text.encode("utf-8"))
        if max_article_bytes is not None and size > max_article_bytes:
            raise _too_large(f"{name}: article {article.id!r}", size, max_article_bytes)
        yield article


def _is_streamed(path: Path) -> bool:
    """A JSONL file in UTF-8 is read a line at a time; other encodings are decoded whole."""
    if path.suffix.lower() not in JSONL_SUFFIXES or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError:
        return False  # reading it whole reports why
    return bool(head) and not head.startswith(_WIDE_BOMS)


def _file_articles(path: Path, name: str, max_article_bytes: int | None) -> Iterator[Article]:
    is_stdin = str(path) == STDIN
    if _is_streamed(path):
        yield from _jsonl_articles(_decoded_lines(path, name), name, path.stem)
        return
    one_article = path.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
    if (
        max_article_bytes is not None
        and one_article
        and path.is_file()
        and (size := path.stat().st_size) > max_article_bytes
    ):
        raise _too_large(name, size, max_article_bytes)
    text = decode_bytes(_read_bytes(path), name)
    if not text.strip():
        raise InputError(f"{name} is empty")
    fmt = _sniff(text) if is_stdin else _format_of(path.suffix.lower(), text)
    yield from _READERS[fmt](text, name, "stdin" if is_stdin else path.stem)


def iter_path(path: str | Path, *, max_article_bytes: int | None = None) -> Iterator[Article]:
    """The articles in one file (``-`` reads stdin), lazily: a UTF-8 JSONL file is read one
    line at a time, so its size does not matter. Raises :class:`InputError` on the first
    thing that cannot be read (articles before it have been yielded).

    With ``max_article_bytes``, an article whose text is longer (in UTF-8) is refused, and a
    text or HTML file (one article) is refused by its size before it is read.
    """
    path = Path(path)
    name = "<stdin>" if str(path) == STDIN else str(path)
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file")
    found = False
    for article in _checked_sizes(
        _file_articles(path, name, max_article_bytes), name, max_article_bytes
    ):
        found = True
        yield article
    if not found:
        raise InputError(f"{name} holds no articles")


def read_path(path: str | Path, *, max_article_bytes: int | None = None) -> list[Article]:
    """The articles in one file, as :func:`iter_path`, all read before any is returned."""
    return list(iter_path(path, max_article_bytes=max_article_bytes))


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _folder_files(folder: Path, recursive: bool) -> list[Path]:
    candidates = folder.rglob("*") if recursive else folder.glob("*")
    files = sorted(
        p
        for p in candidates
        if p.suffix.lower() in READABLE_SUFFIXES and p.is_file() and not _is_hidden(p, folder)
    )
    if not files:
        kinds = ", ".join(sorted(READABLE_SUFFIXES))
        raise InputError(f"{folder}: no readable files ({kinds}) in this folder")
    return files


def expand_input(raw: str | Path, recursive: bool = True) -> list[Path]:
    """The files one command-line argument stands for: itself, a folder's files or a glob;
    raises :class:`InputError` when it stands for none."""
    path = Path(raw)
    if str(raw) == STDIN or path.is_file():
        return [path]
    if path.is_dir():
        return _folder_files(path, recursive)
    if _GLOB_MAGIC_RE.search(str(raw)):
        matches = _glob(path)
        if not matches:
            raise InputError(f"no files match {raw}")
        files = (
            file
            for match in matches
            for file in (_folder_files(match, recursive) if match.is_dir() else [match])
        )
        return _once_each(files)
    raise InputError(f"{path}: no such file or folder")


def _glob(pattern: Path) -> list[Path]:
    """The paths ``pattern`` matches, sorted. ``**`` does not descend into symlinked folders
    (as folder arguments do not), so a link loop cannot make the expansion endless; names
    starting with a dot only match a pattern part that starts with one."""
    parts = pattern.parts
    first_magic = next(i for i, part in enumerate(parts) if _GLOB_MAGIC_RE.search(part))
    root = Path(*parts[:first_magic]) if first_magic else Path()
    wanted = parts[first_magic:]
    dotted = any(part.startswith(".") for part in wanted)
    return sorted(
        match for match in root.glob(str(Path(*wanted))) if dotted or not _is_hidden(match, root)
    )


def _once_each(files: Iterable[Path]) -> list[Path]:
    """``files`` without repeats of one file reached by several paths (links)."""
    seen: set[Path] = set()
    unique = []
    for file in files:
        real = file.resolve()
        if real not in seen:
            seen.add(real)
            unique.append(file)
    return unique


def iter_articles(
    paths: Iterable[str | Path],
    *,
    recursive: bool = True,
    on_error: ErrorHandler | None = None,
    max_article_bytes: int | None = None,
) -> Iterator[Article]:
    """Articles from files, folders and glob patterns, in order, read lazily (JSONL files a
    line at a time, others one file at a time).

    With ``on_error``, an input that cannot be read (or holds an article over
    ``max_article_bytes``) is passed to it and skipped (from a JSONL file, the articles
    before the bad line have been yielded); without, its :class:`~zitat.errors.ZitatError`
    propagates.
    """

    def fail(path: Path, exc: ZitatError) -> None:
        if on_error is None:
            raise exc
        on_error(path, exc)

    for raw in paths:
        try:
            files = expand_input(raw, recursive)
        except ZitatError as exc:
            fail(Path(raw), exc)
            continue
        for file in files:
            try:
                yield from iter_path(file, max_article_bytes=max_article_bytes)
            except ZitatError as exc:
                fail(file, exc)
