"""Rendering: exact highlighting, escaping, the standalone page and the terminal table."""

from __future__ import annotations

import io
from collections import defaultdict
from html.parser import HTMLParser

from rich.console import Console

from zitat.cli.render import print_results
from zitat.schema import (
    AnalysisResult,
    Article,
    EntityKind,
    EntityRef,
    Medium,
    Quotation,
    QuoteType,
    Role,
    Span,
)
from zitat.ui.render import highlight_html, standalone_html

TEXT = (
    "Bürgermeisterin <script>alert('x')</script> Müller sagte den Räten: "
    "„Wir bauen die Brücke, denn der Minister hat ‚ganz sicher‘ zugestimmt“, "
    "und fügte hinzu, „morgen geht es los.“ Ende & aus."
)


def span_of(piece: str, text: str = TEXT, start: int = 0) -> Span:
    begin = text.index(piece, start)
    return (begin, begin + len(piece))


def role(*spans: Span, entity: EntityRef | None = None) -> Role:
    ordered = tuple(sorted(spans))
    return Role(" ".join(TEXT[s:e] for s, e in ordered), ordered, entity)


def sample_result() -> AnalysisResult:
    speaker_ref = EntityRef("e1", "Anna <b>Müller</b>", EntityKind.PERSON)
    outer = Quotation(
        id="q1",
        type=QuoteType.DIRECT,
        medium=Medium.SPEECH,
        quote=role(
            span_of("„Wir bauen die Brücke, denn der Minister hat ‚ganz sicher‘ zugestimmt“"),
            span_of("„morgen geht es los.“"),
        ),
        cue=role(span_of("sagte")),
        frame=role(span_of("Bürgermeisterin <script>alert('x')</script> Müller sagte den Räten")),
        speaker=role(
            span_of("Bürgermeisterin <script>alert('x')</script> Müller"), entity=speaker_ref
        ),
        addressee=role(span_of("den Räten")),
    )
    inner = Quotation(
        id="q2",
        type=QuoteType.INDIRECT,
        medium=Medium.SPEECH_WRITING,
        quote=role(span_of("‚ganz sicher‘")),
        speaker=role(span_of("der Minister")),
        cue=role(span_of("zugestimmt")),
        nested_in="q1",
    )
    article = Article("a<1>", TEXT, title="Brücke <script>x</script>", date="2024-03-12")
    return AnalysisResult(article, [inner, outer], model="test@0")


class Segments(HTMLParser):
    """Collects the text of the fragment and, per ``role:quotation``, the offsets it covers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.stack: list[list[str]] = []
        self.covered: dict[str, list[int]] = defaultdict(list)
        self.tags: list[str] = []
        self.attrs: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.append(dict(attrs))
        self.stack.append((dict(attrs).get("data-roles") or "").split())

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        for mark in {m for marks in self.stack for m in marks}:
            self.covered[mark].extend(range(len(self.text), len(self.text) + len(data)))
        self.text += data


def parse(fragment: str) -> Segments:
    parser = Segments()
    parser.feed(fragment)
    parser.close()
    return parser


def offsets(spans: tuple[Span, ...]) -> list[int]:
    return sorted(i for s, e in spans for i in range(s, e))


def test_fragment_text_is_exactly_the_article_text() -> None:
    assert parse(highlight_html(sample_result())).text == TEXT


def test_every_role_span_is_highlighted_exactly() -> None:
    result = sample_result()
    covered = parse(highlight_html(result)).covered
    expected = {
        f"{name}:{q.id}": offsets(part.spans)
        for q in result.quotations
        for name in ("quote", "cue", "frame", "speaker", "addressee")
        if (part := getattr(q, name)) is not None
    }
    assert {mark: sorted(found) for mark, found in covered.items()} == expected


def test_nested_quote_segments_are_marked_and_labels_anchor_each_quote() -> None:
    page = parse(highlight_html(sample_result(), anchor_prefix="a1-"))
    nested = [a for a in page.attrs if "z-nested" in (a.get("class") or "")]
    assert nested and all("quote:q1" in (a["data-roles"] or "") for a in nested)
    labels = {a["id"]: a.get("data-label") for a in page.attrs if a.get("class") == "z-label"}
    assert labels == {"a1-q1": "Anna <b>Müller</b>", "a1-q2": "der Minister"}


def test_markup_in_text_and_names_is_escaped() -> None:
    result = sample_result()
    for html in (highlight_html(result), standalone_html([result])):
        assert "<script" not in html.lower()
        assert "<b>Müller" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)" in html or "&lt;script&gt;alert('x')" in html
    page = parse(standalone_html([result]))
    assert "script" not in page.tags and "b" in page.tags  # only our own <b> for the form


def test_standalone_page_needs_nothing_from_outside() -> None:
    page = standalone_html([sample_result(), sample_result()])
    assert page.startswith("<!DOCTYPE html>")
    for external in ("http://", "https://", "src=", "<link", "@import", "url("):
        assert external not in page
    parsed = parse(page)
    ids = [a["id"] for a in parsed.attrs if "id" in a]
    assert len(ids) == len(set(ids)) == 4  # anchors stay unique across articles
    assert {f"#{i}" for i in ids} == {a["href"] for a in parsed.attrs if "href" in a}


def test_spans_outside_the_text_are_clamped_not_fatal() -> None:
    article = Article("x", "kurz")
    broken = Quotation("q1", QuoteType.DIRECT, Medium.SPEECH, Role("kurz", ((2, 99), (7, 9))))
    fragment = parse(highlight_html(AnalysisResult(article, [broken])))
    assert fragment.text == "kurz" and fragment.covered["quote:q1"] == [2, 3]


def render_table(results: list[AnalysisResult], width: int = 120) -> str:
    console = Console(record=True, width=width, file=io.StringIO())
    print_results(results, console)
    return console.export_text()


def test_table_lists_quotations_in_text_order_with_resolved_names() -> None:
    output = render_table([sample_result()])
    assert output.splitlines()[0].startswith("Brücke <script>x</script> [a<1>] · 2024-03-12")
    assert "2 quotations" in output.splitlines()[0]
    assert "Anna <b>Müller</b>" in output  # the entity name, not the mention
    assert "den Räten" in output
    rows = [line for line in output.splitlines() if "Direct" in line or "Indirect" in line]
    assert "│        1 │ Direct   │ Speech │" in rows[0]
    assert "│ 2 (in 1) │ Indirect │ SW     │ der Minister" in rows[1]


def test_table_of_an_article_without_quotations() -> None:
    empty = AnalysisResult(Article("leer", "Nichts gesagt."), [], model="test@0")
    output = render_table([empty])
    assert "leer · test@0 · 0 quotations" in output and "no quotations found" in output


def test_table_fits_narrow_terminals() -> None:
    output = render_table([sample_result()], width=80)
    assert max(len(line) for line in output.splitlines()[1:]) <= 80
    assert "1 │ Direct   │ Speech │ Anna" in output
