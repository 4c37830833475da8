"""Small helpers for the speaker tests: articles with hand-placed quotations."""

from __future__ import annotations

from collections.abc import Sequence

from zitat.schema import (
    AnalysisResult,
    Article,
    EntityMention,
    Medium,
    Quotation,
    QuoteType,
    Role,
)
from zitat.speakers.entities import EntitiesEnricher
from zitat.speakers.resolve import SpeakersEnricher
from zitat.speakers.time import TimeEnricher
from zitat.text.document import ParsedText


def span_of(text: str, part: str, occurrence: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.index(part, start + 1)
    return start, start + len(part)


def quotation(text: str, qid: str, quote: str, speaker: str | None, nth: int = 1) -> Quotation:
    """A quotation whose quote and speaker are the given substrings of ``text``."""
    return Quotation(
        id=qid,
        type=QuoteType.INDIRECT,
        medium=Medium.SPEECH,
        quote=Role.from_spans(text, [span_of(text, quote)]),
        speaker=Role.from_spans(text, [span_of(text, speaker, nth)]) if speaker else None,
    )


def enrich(
    text: str,
    quotations: list[Quotation],
    date: str | None = "2024-03-13",
    mentions: Sequence[EntityMention] = (),
) -> AnalysisResult:
    """Run the three enrichers: with the tagger's ``mentions`` if given, else the fallback
    name finder."""
    doc = ParsedText.from_text(text)
    result = AnalysisResult(Article("t", text, date=date), quotations, mentions=list(mentions))
    for step in (EntitiesEnricher(), SpeakersEnricher(), TimeEnricher()):
        result = step(result, doc)
    return result


def speaker_names(result: AnalysisResult) -> list[tuple[str, str] | None]:
    return [
        (q.speaker.entity.name, q.speaker.entity.kind.value)
        if q.speaker is not None and q.speaker.entity is not None
        else None
        for q in result.quotations
    ]


def speakers_of(
    text: str, *quotes: tuple[str, str | None] | tuple[str, str, int]
) -> list[tuple[str, str] | None]:
    """The resolved speakers of quotations given as (quote, speaker) substrings of ``text``,
    or (quote, speaker, n) for the n-th occurrence of the speaker (see :func:`quotation`)."""
    quotations = [quotation(text, str(k), *q) for k, q in enumerate(quotes)]
    return speaker_names(enrich(text, quotations))
