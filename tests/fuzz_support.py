"""Fuzzing shared by the fuzz tests and scripts/fuzz_bench.py: profiles, inputs, invariants.

Each target pairs a hypothesis strategy with a check that raises AssertionError (or lets an
unexpected exception escape) when an invariant breaks. Only :class:`zitat.errors.ZitatError`
may leave an entry point for bad input; everything it returns must be valid Unicode text
whose spans slice the article exactly, the same on every run.

Profiles: ``ci`` (the default, seconds per test, derandomised so CI is repeatable) and
``bench`` (10,000 documents per target, used by the benchmark). Choose one with
``ZITAT_FUZZ_PROFILE``.
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from zitat.errors import InputError, ZitatError
from zitat.formats.readers import read_path
from zitat.lang.de.punctuation import QUOTE_CLOSERS, QUOTE_OPENERS
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Article, Role, iter_role_spans, result_to_dict

PROFILE_ENV = "ZITAT_FUZZ_PROFILE"
BENCH_EXAMPLES = 10_000

_BASE = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("ci", _BASE, max_examples=60, derandomize=True)
settings.register_profile("bench", _BASE, max_examples=BENCH_EXAMPLES)
settings.load_profile(os.environ.get(PROFILE_ENV, "ci"))

# ---------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------

WORDS = (
    "sagte", "erklärte", "betonte", "Merkel", "Scholz", "die", "Kanzlerin", "dass", "er",
    "sei", "habe", "werde", "am", "Montag", "in", "Berlin", "laut", "zufolge", "Wir", "das",
    "schaffen", "Der", "Sprecher", "des", "Ministeriums", ".", ",", ":", ";", "?", "!", "…",
    "-", "–", "—", "(", ")", "Dr.", "z. B.", "2024", "3.10.", " ", " ", " ", " ",
)  # fmt: skip
QUOTE_MARKS = (
    *QUOTE_OPENERS, *QUOTE_CLOSERS,
    "”", "’", "``", "''", "「", "」", "『", "』", "〝", "〞", "‟", "‛", "❝", "❞", "＂", "‹‹", "»»",
)  # fmt: skip
ODD_CHARACTERS = (
    "\u0301", "\u0308", "\u0336", "e\u0301\u0302\u0303",  # combining marks
    "\u200f", "\u202e", "\u202b", "\u2066", "שלום", "مرحبا",  # right-to-left
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",  # zero width
    "\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f",  # NUL and control characters
    "\n", "\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\n\n",  # line breaks
    "\u00a0", "\u2009", "\u3000", "\t",  # spaces
    "👩\u200d👩\u200d👧", "𝔐𝔢𝔯𝔨𝔢𝔩", "\U0010ffff", "\ufffd",  # astral, private, replacement
)  # fmt: skip
LONE_SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff")


def article_texts(*, surrogates: bool = False, max_parts: int = 120) -> st.SearchStrategy[str]:
    """Newsy German fragments, quotation marks of every style and adversarial characters."""
    parts = [
        st.sampled_from(WORDS),
        st.sampled_from(QUOTE_MARKS),
        st.sampled_from(ODD_CHARACTERS),
        st.text(max_size=6),
    ]
    if surrogates:
        parts.append(st.sampled_from(LONE_SURROGATES))
    return st.lists(st.one_of(parts), max_size=max_parts).map("".join)


def _encodings(text: str) -> st.SearchStrategy[bytes]:
    return st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1")).map(
        lambda codec: text.encode(codec, errors="replace")
    )


_BAD_BYTES = (b"\xed\xa0\x80", b"\xff", b"\xc3", b"\x00", b"\xef\xbb\xbf", b"\xfe\xff", b"\x80")


def _spliced(data: bytes) -> st.SearchStrategy[bytes]:
    """``data`` with a broken byte sequence (CESU surrogate, stray lead byte, BOM, NUL) inside."""
    return st.tuples(st.integers(0, len(data)), st.sampled_from(_BAD_BYTES)).map(
        lambda cut: data[: cut[0]] + cut[1] + data[cut[0] :]
    )


def file_bytes(texts: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """A file's bytes: ``texts`` in some encoding, with a broken sequence, or random bytes."""
    return st.one_of(
        texts.map(lambda text: text.encode("utf-8")),
        texts.flatmap(_encodings),
        texts.map(lambda text: text.encode("utf-8")).flatmap(_spliced),
        st.binary(max_size=600),
    )


_TAGS = (
    "div", "p", "span", "article", "main", "section", "b", "i", "a", "h1", "h2", "li", "ul",
    "table", "tr", "td", "blockquote", "q", "script", "style", "noscript", "br", "img",
)  # fmt: skip
_ATTRIBUTES = st.sampled_from(
    ("", ' class="content"', ' id="main"', ' href="javascript:alert(1)"', " onload=x()",
     ' style="display:none"', " lang=de dir=rtl", ' title="„x“"', " data-x='<p>'")
)  # fmt: skip


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def render(tag: str, attributes: str, inner: list[str], closed: bool) -> str:
        end = f"</{tag}>" if closed else ""
        return f"<{tag}{attributes}>{''.join(inner)}{end}"

    return st.builds(
        render, st.sampled_from(_TAGS), _ATTRIBUTES, st.lists(children, max_size=4), st.booleans()
    )


_HTML_ODDITIES = (
    "<!-- x -->", "<![CDATA[„a“]]>", "&nbsp;", "&#x201E;", "&bogus;", "&#0;", "<?php ?>",
    "</div>", "<", "&",
)  # fmt: skip
_HTML_LEAVES = st.one_of(
    article_texts(max_parts=30).map(html.escape),
    article_texts(max_parts=30),  # unescaped: stray <, & and quotes
    st.sampled_from(_HTML_ODDITIES),
)


def html_pages() -> st.SearchStrategy[str]:
    """Random nested HTML, sometimes in a full page skeleton, tags unclosed at random."""
    body = st.recursive(_HTML_LEAVES, _element, max_leaves=40)
    page = st.lists(body, min_size=1, max_size=6).map("".join)
    skeleton = st.sampled_from(
        ("{}", "<html><body>{}</body></html>",
         "<!doctype html><html lang=de><head><title>T</title><meta charset=utf-8></head>"
         "<body><article>{}</article></body></html>")
    )  # fmt: skip
    return st.builds(str.format, skeleton, page)


_JSON_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), article_texts()
)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


def _article_objects(
    text_key: str, extra: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[Any]:
    """Objects that are, or nearly are, articles: right keys with right or wrong values."""
    values = st.one_of(article_texts(surrogates=True), _JSON_VALUES)
    return st.fixed_dictionaries(
        {text_key: values}, optional={**extra, "id": values, "title": values, "date": values}
    )


def _dumped(objects: st.SearchStrategy[Any]) -> st.SearchStrategy[str]:
    """JSON text; ``ensure_ascii`` writes lone surrogates as ``\\ud800`` escapes, as JSON allows."""

    def dump(value: Any, ascii_only: bool) -> str:
        if ascii_only:
            return json.dumps(value, ensure_ascii=True)
        # raw characters instead: a surrogate cannot be written raw, so it becomes "?"
        return json.dumps(value, ensure_ascii=False).encode("utf-8", "replace").decode("utf-8")

    return st.builds(dump, objects, st.booleans())


def _truncated(text: str) -> st.SearchStrategy[str]:
    return st.integers(0, len(text)).map(lambda cut: text[:cut])


def jsonl_files() -> st.SearchStrategy[str]:
    """Lines of article objects, stray values, truncated lines and blank lines."""
    line = st.one_of(
        _dumped(_article_objects("text", {"source": _JSON_VALUES})),
        _dumped(_JSON_VALUES),
        _dumped(_article_objects("text", {})).flatmap(_truncated),
        st.sampled_from(("", "   ", "\r", "{", "[]", "null", '{"text": "a\u2028b"}')),
    )
    return st.lists(line, min_size=1, max_size=6).map("\n".join)


def corpus_files() -> st.SearchStrategy[str]:
    """Quotation-corpus documents: ``originalText`` and a ``documentName`` of any shape."""
    names = st.one_of(
        st.builds("{} - {} ({})".format, st.text(max_size=6), article_texts(max_parts=8),
                  st.sampled_from(("2021-06-03", "2021-02-30", "0000-00-00", "9999-12-31"))),
        _JSON_VALUES,
    )  # fmt: skip
    document = _article_objects(
        "originalText", {"documentName": names, "annotations": _JSON_VALUES}
    )
    return st.one_of(
        _dumped(document),
        _dumped(st.lists(document, max_size=3)),
        _dumped(document).flatmap(_truncated),
    )


# ---------------------------------------------------------------------------
# invariants
# ---------------------------------------------------------------------------


@cache
def _scratch_folder() -> Path:
    """One folder per process for the fuzzed files, in memory where the system has /dev/shm."""
    memory = Path("/dev/shm")
    return Path(tempfile.mkdtemp(prefix="zitat-fuzz-", dir=memory if memory.is_dir() else None))


def read_file(data: bytes, suffix: str) -> list[Article] | None:
    """The articles in a file of these bytes, or None when the reader refused it clearly."""
    path = _scratch_folder() / f"input{suffix}"
    path.write_bytes(data)
    try:
        articles = read_path(path)
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc), f"not a one-line message: {exc!r}"
        return None
    finally:
        path.unlink()
    assert articles, "no articles and no error"
    for article in articles:
        check_article(article)
    return articles


def check_article(article: Article) -> None:
    """What every reader promises: text present and every field valid Unicode (UTF-8 safe)."""
    assert isinstance(article.text, str) and article.text.strip(), "empty article text"
    assert isinstance(article.id, str) and article.id, "article without id"
    for value in (article.id, article.text, article.title, article.date, article.source):
        if value is not None:
            value.encode("utf-8")  # a lone surrogate here breaks every writer downstream


def _check_role(text: str, role: Role | None) -> None:
    if role is not None:
        assert role.spans, f"role without spans: {role!r}"
        assert role.text == " ".join(text[s:e] for s, e in role.spans), f"role text: {role!r}"


def check_result(result: AnalysisResult, text: str) -> None:
    """Spans in bounds, non-empty, and the texts they claim are the texts they slice."""
    assert result.document.text == text, "the pipeline changed the article text"
    for start, end in iter_role_spans(result):
        assert 0 <= start < end <= len(text), f"span {start}-{end} outside 0-{len(text)}"
    for q in result.quotations:
        for role in (q.quote, q.cue, q.frame, q.speaker, q.addressee):
            _check_role(text, role)
        if q.when is not None and q.when.text is not None:
            assert q.when.text == " ".join(text[s:e] for s, e in q.when.spans)
    for entity in result.entities:
        for mention in entity.mentions:
            assert mention.text == " ".join(text[s:e] for s, e in mention.spans)
    for found in result.mentions:
        assert 0 <= found.start < found.end <= len(text)
        assert found.text == text[found.start : found.end]


@cache
def pipeline(model: str = "rules") -> Pipeline:
    return Pipeline(PipelineConfig(model=model))


def analyse(text: str, model: str = "rules") -> AnalysisResult | None:
    """Analyse twice; check offsets and that both runs agree. None when refused as bad input."""
    article = Article(id="fuzz", text=text)
    try:
        first = pipeline(model).analyze(article)
    except ZitatError:
        return None
    check_result(first, text)
    again = pipeline(model).analyze(Article(id="fuzz", text=text))
    assert result_to_dict(again) == result_to_dict(first), "not deterministic"
    return first


# ---------------------------------------------------------------------------
# targets
# ---------------------------------------------------------------------------


def fuzz_text_reader(data: bytes) -> None:
    articles = read_file(data, ".txt")
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if articles is not None and not decoded.startswith("\ufeff"):
        assert articles[0].text == decoded, "the text reader changed valid UTF-8 text"


def fuzz_sniffed_file(data: bytes) -> None:
    read_file(data, "")


def fuzz_html_reader(page: str) -> None:
    read_file(page.encode("utf-8", "replace"), ".html")


def fuzz_jsonl_reader(lines: str) -> None:
    read_file(lines.encode("utf-8"), ".jsonl")


def fuzz_corpus_reader(document: str) -> None:
    articles = read_file(document.encode("utf-8"), ".json")
    if articles is not None:
        raw = json.loads(document)
        first = raw[0] if isinstance(raw, list) else raw
        assert articles[0].text == first["originalText"], "corpus text changed"


def fuzz_pipeline(text: str) -> None:
    analyse(text)


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]


TARGETS: tuple[Target, ...] = (
    Target("text", file_bytes(article_texts()), fuzz_text_reader),
    Target("sniffed", file_bytes(st.one_of(article_texts(), html_pages(), jsonl_files())),
           fuzz_sniffed_file),
    Target("html", html_pages(), fuzz_html_reader),
    Target("jsonl", jsonl_files(), fuzz_jsonl_reader),
    Target("corpus-json", corpus_files(), fuzz_corpus_reader),
    Target("pipeline", article_texts(surrogates=True, max_parts=400), fuzz_pipeline),
)  # fmt: skip
"""Every fuzz target by name, in the benchmark's order."""
