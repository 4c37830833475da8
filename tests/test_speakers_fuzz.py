"""Random German-like text and random role spans: the enrichers never crash and every span
they emit points into the original text."""

from __future__ import annotations

from datetime import date as date_type

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zitat.schema import (
    AnalysisResult,
    Article,
    Medium,
    Quotation,
    QuoteType,
    Role,
    iter_role_spans,
)
from zitat.speakers.entities import EntitiesEnricher
from zitat.speakers.resolve import SpeakersEnricher
from zitat.speakers.time import TimeEnricher
from zitat.text.document import ParsedText

WORDS = (
    "er sie Sie Er man ich der die Die ein eine einer des Angaben nach laut zufolge demnach "
    "diese Sprecher Sprecherin Polizei Ministerium Bericht Experten und sowie , . „ “ ( ) "
    "Angela Merkel Trump Donald J. DONALD TRUMP GdP AG Siemens am Sonntag gestern 2018 im "
    "Januar vor wenigen Tagen 3. Mai 12.3.2020 sagte erklärte Dr. Frau von der Leyen n24 - "
    "Staatsanwaltschaft München I ihre seiner Ansicht Celebis Polizeiangaben"
).split()


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, list[Quotation], str | None]:
    text = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60)))
    quotations = []
    for k in range(draw(st.integers(0, 4))):

        def span() -> tuple[int, int]:
            start = draw(st.integers(0, len(text) - 1))
            return start, draw(st.integers(start + 1, len(text)))

        speaker = Role.from_spans(text, [span()]) if draw(st.booleans()) else None
        quotations.append(
            Quotation(
                str(k),
                QuoteType.INDIRECT,
                Medium.SPEECH,
                Role.from_spans(text, [span()]),
                speaker=speaker,
                addressee=Role.from_spans(text, [span()]) if draw(st.booleans()) else None,
                nested_in=draw(st.sampled_from([None, "0", "9"])),
            )
        )
    date = draw(st.sampled_from([None, "2024-02-29", "2005-01-01", "kein Datum"]))
    return text, quotations, date


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_enrichers_never_crash_and_keep_offsets(
    case: tuple[str, list[Quotation], str | None],
) -> None:
    text, quotations, date = case
    doc = ParsedText.from_text(text)
    result = AnalysisResult(Article("f", text, date=date), quotations)
    for step in (EntitiesEnricher(), SpeakersEnricher(), TimeEnricher()):
        result = step(result, doc)
    for start, end in iter_role_spans(result):
        assert 0 <= start < end <= len(text)
    for entity in result.entities:
        assert entity.id and entity.name
        for mention in entity.mentions:
            assert " ".join(text[s:e] for s, e in mention.spans) == mention.text
    for q in result.quotations:
        for value in (q.when.date, q.when.start, q.when.end) if q.when else ():
            assert value is None or date_type.fromisoformat(value)  # only real dates
        if q.when is not None and q.when.text is not None:
            ((start, end),) = q.when.spans
            assert text[start:end] == q.when.text
