"""Results for people as HTML, with the quotations highlighted, and the names and wording of
a result that the terminal table (:mod:`zitat.cli.render`) shares.

:func:`highlight_html` is the one place that turns spans into marked-up text; the web app
and :func:`standalone_html` both use it. The highlighted text keeps the article text as its
only text content (speaker labels are drawn by CSS from an attribute), so the characters of
every highlighted segment are exactly the characters its spans cover.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from html import escape
from itertools import pairwise

from zitat.schema import AnalysisResult, Quotation, Role
from zitat.wording import plural

ROLES: tuple[str, ...] = ("quote", "frame", "cue", "speaker", "addressee")
"""Highlighted roles, in painting order: a later role's colour wins where spans overlap."""


def speaker_name(quotation: Quotation) -> str | None:
    """Who speaks: the resolved entity's name, else the speaker mention as written."""
    return role_name(quotation.speaker)


def role_name(role: Role | None) -> str | None:
    """A role's resolved entity name, else its text as written; None without the role."""
    if role is None:
        return None
    return role.entity.name if role.entity is not None else role.text


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def pieces(role: Role, text: str) -> str:
    """A role's text with an ellipsis where its spans leave a gap (a quote split by a frame)."""
    return " … ".join(text[start:end] for start, end in role.spans) or role.text


def in_text_order(quotations: Iterable[Quotation]) -> list[Quotation]:
    return sorted(quotations, key=lambda q: q.quote.spans[0] if q.quote.spans else (0, 0))


def result_heading(result: AnalysisResult, *, with_title: bool = True) -> str:
    """One line naming the article (id, date, source, model) and its number of quotations."""
    doc = result.document
    name = f"{doc.title} [{doc.id}]" if doc.title and with_title else doc.id
    details = [d for d in (doc.date, doc.source, result.model) if d]
    return " · ".join([name, *details, plural(len(result.quotations), "quotation")])


HIGHLIGHT_CSS = """
.zitat-text { white-space: pre-wrap; line-height: 1.9; font-family: Georgia, serif; }
.zitat-text .z-quote { background: #fff1b8; }
.zitat-text .z-quote.z-nested { background: #ffd96a; }
.zitat-text .z-frame { background: #e8ecef; border-bottom: 1px dotted #607080; }
.zitat-text .z-cue { background: #ffc9a3; font-weight: bold; }
.zitat-text .z-speaker { background: #b7dcff; }
.zitat-text .z-addressee { background: #dccbff; }
.zitat-text .z-label[data-label]::before {
  content: attr(data-label); font: bold 0.7em sans-serif; color: #fff; background: #1f5f99;
  border-radius: 3px; padding: 0 0.3em; margin-right: 0.2em; vertical-align: super;
}
.zitat-role { padding: 0 0.35em; border-radius: 3px; }
.zitat-role.z-quote { background: #fff1b8; }
.zitat-role.z-frame { background: #e8ecef; }
.zitat-role.z-cue { background: #ffc9a3; }
.zitat-role.z-speaker { background: #b7dcff; }
.zitat-role.z-addressee { background: #dccbff; }
"""
"""Role colours for :func:`highlight_html` and :func:`quotation_list_html` (no assets)."""


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _tooltip(q: Quotation) -> str:
    parts = [f"{q.id}: {q.type.value} · {q.medium.value}"]
    for role in ("speaker", "cue", "addressee"):
        name = role_name(getattr(q, role))
        if name:
            parts.append(f"{role}: {name}")
    return " · ".join(parts)


def _clamped(role: Role | None, size: int) -> list[tuple[int, int]]:
    """The role's spans cut to the text; spans of a malformed result must not break a page."""
    spans = ((max(0, s), min(size, e)) for s, e in (role.spans if role is not None else ()))
    return [(s, e) for s, e in spans if s < e]


def highlight_html(result: AnalysisResult, *, anchor_prefix: str = "") -> str:
    """The article text as an HTML fragment with every role of every quotation marked.

    Each marked segment is a ``<span>`` with classes ``z-<role>`` (and ``z-nested`` where
    quotes overlap), ``data-roles="role:quotation-id ..."`` and a tooltip with form, medium
    and speaker. Where a quote begins, an empty ``<span class="z-label">`` carries the id
    ``<anchor_prefix><quotation id>`` and the speaker in ``data-label``, which the CSS shows.
    Style it with :data:`HIGHLIGHT_CSS`.
    """
    text = result.document.text
    order = {q.id: i for i, q in enumerate(in_text_order(result.quotations))}
    by_id = {q.id: q for q in result.quotations}
    events: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    labels: dict[int, list[str]] = defaultdict(list)
    for q in in_text_order(result.quotations):
        for role in ROLES:
            spans = _clamped(getattr(q, role), len(text))
            for start, end in spans:
                events[start].append((1, role, q.id))
                events[end].append((-1, role, q.id))
            if role == "quote" and spans:
                labels[spans[0][0]].append(_label(q, anchor_prefix))
    active: dict[tuple[str, str], int] = defaultdict(int)
    out = ['<div class="zitat-text">']
    cuts = sorted({0, len(text), *events})
    for start, end in pairwise(cuts):
        for delta, role, qid in events.get(start, ()):
            active[(role, qid)] += delta
        out.extend(labels.get(start, ()))
        live = sorted((key for key, n in active.items() if n > 0), key=lambda k: order[k[1]])
        chunk = escape(text[start:end], quote=False)
        out.append(_segment(chunk, live, by_id) if live else chunk)
    out.append("</div>")
    return "".join(out)


def _label(q: Quotation, anchor_prefix: str) -> str:
    name = speaker_name(q)
    label = f' data-label="{_attr(shorten(name, 40))}"' if name else ""
    return f'<span class="z-label" id="{_attr(anchor_prefix + q.id)}"{label}></span>'


def _segment(chunk: str, live: list[tuple[str, str]], by_id: dict[str, Quotation]) -> str:
    roles = {role for role, _ in live}
    classes = [f"z-{role}" for role in ROLES if role in roles]
    if sum(role == "quote" for role, _ in live) > 1:
        classes.append("z-nested")
    marks = " ".join(f"{role}:{qid}" for role, qid in live)
    tooltip = " / ".join(_tooltip(by_id[qid]) for qid in dict.fromkeys(qid for _, qid in live))
    return (
        f'<span class="{" ".join(classes)}" data-roles="{_attr(marks)}" '
        f'title="{_attr(tooltip)}">{chunk}</span>'
    )


def quotation_list_html(result: AnalysisResult, *, anchor_prefix: str = "") -> str:
    """The quotations as an ordered list linking to their place in :func:`highlight_html`."""
    text = result.document.text
    items = []
    for q in in_text_order(result.quotations):
        roles = "".join(
            f'<span class="zitat-role z-{role}">{escape(name)}</span> '
            for role in ("speaker", "cue", "addressee")
            if (name := role_name(getattr(q, role)))
        )
        items.append(
            f'<li><a href="#{_attr(anchor_prefix + q.id)}">'
            f"<b>{escape(q.type.value)}</b> · {escape(q.medium.value)}</a><br>{roles}"
            f'<span class="zitat-quote">{escape(shorten(pieces(q.quote, text), 160))}</span></li>'
        )
    if not items:
        return '<p class="zitat-none">No quotations found.</p>'
    return f'<ol class="zitat-quotes">{"".join(items)}</ol>'


_PAGE_CSS = """
body { margin: 0; font-family: system-ui, sans-serif; color: #1c2630; background: #fafbfc; }
header { padding: 1em 2em; background: #1f2f3f; color: #fff; }
header h1 { margin: 0 0 0.4em; font-size: 1.3em; }
.legend span { margin-right: 0.6em; color: #1c2630; }
section.zitat-article { margin: 1.5em 2em; padding: 1em 1.5em; background: #fff;
  border: 1px solid #dde3ea; border-radius: 6px; }
section.zitat-article h2 { margin: 0 0 0.2em; }
.meta { color: #5a6b7b; margin: 0 0 1em; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16em, 1.2fr); gap: 2em; }
aside ol { padding-left: 1.4em; margin: 0; }
aside li { margin-bottom: 0.8em; font-size: 0.9em; }
aside a { color: #1f5f99; text-decoration: none; }
.zitat-quote { color: #3d4b58; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
"""


def _article_section(result: AnalysisResult, index: int) -> str:
    doc = result.document
    prefix = f"a{index}-"
    return (
        '<section class="zitat-article" lang="de">'
        f"<h2>{escape(doc.title or doc.id)}</h2>"
        f'<p class="meta">{escape(result_heading(result, with_title=False))}</p>'
        '<div class="layout">'
        f"{highlight_html(result, anchor_prefix=prefix)}"
        f"<aside>{quotation_list_html(result, anchor_prefix=prefix)}</aside>"
        "</div></section>"
    )


def standalone_html(results: Sequence[AnalysisResult], *, title: str = "zitat") -> str:
    """A complete page, inline CSS only, no scripts and no external assets."""
    legend = "".join(f'<span class="zitat-role z-{role}">{role}</span>' for role in ROLES)
    sections = "".join(_article_section(r, i) for i, r in enumerate(results, start=1))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_PAGE_CSS}{HIGHLIGHT_CSS}</style></head>"
        f'<body><header><h1>{escape(title)}</h1><div class="legend">{legend}</div></header>'
        f"<main>{sections}</main></body></html>\n"
    )
