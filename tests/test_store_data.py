"""Hand-built analysis results for the store tests (no model needed), and their own checks.

Other store tests import from here: ``from test_store_data import make_result``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from zitat.schema import (
    AnalysisResult,
    Article,
    Entity,
    EntityKind,
    EntityMention,
    EntityRef,
    Gender,
    Medium,
    Mention,
    Quotation,
    QuoteType,
    Role,
    TimeAnchor,
    iter_role_spans,
)
from zitat.speakers.identity import corpus_link
from zitat.store.linking import linked_quotation, local_entities, quotation_refs

PEOPLE: tuple[EntityRef, ...] = (
    EntityRef("per:angela-merkel", "Angela Merkel", EntityKind.PERSON, Gender.FEMALE, "Kanzlerin"),
    EntityRef("per:juergen-mueller", "Jürgen Müller", EntityKind.PERSON, Gender.MALE),
    EntityRef("org:bundesregierung", "Bundesregierung", EntityKind.ORGANISATION),
    EntityRef(
        "anon:sprecher-ministerium", "Sprecher des Ministeriums (anonym)", EntityKind.ANONYMOUS
    ),
)
MENTIONS = {
    "per:angela-merkel": "Die Kanzlerin",
    "per:juergen-mueller": "Müller",
    "org:bundesregierung": "Die Bundesregierung",
    "anon:sprecher-ministerium": "Ein Sprecher des Ministeriums",
}
QUOTES = (
    "Die Straße muss größer werden",
    "Wir schaffen das",
    "Der Klimaschutz hat Vorrang",
    "Das Gesetz kommt im Herbst",
)


def _role(text: str, part: str, start_at: int = 0, entity: EntityRef | None = None) -> Role:
    start = text.index(part, start_at)
    return Role(part, ((start, start + len(part)),), entity)


def make_result(
    number: int, *, n_quotes: int = 2, model: str = "test@1", source: str = "taz"
) -> AnalysisResult:
    """Article ``a{number}``: ``n_quotes`` direct quotes by rotating speakers, one per sentence."""
    day = f"2024-{number % 12 + 1:02d}-{number % 27 + 1:02d}"
    sentences, plan = [], []
    for k in range(n_quotes):
        ref = PEOPLE[(number + k) % len(PEOPLE)]
        quote = QUOTES[(number + k) % len(QUOTES)]
        sentences.append(f"{MENTIONS[ref.id]} sagte am Montag: „{quote} ({number}).“")
        plan.append((ref, f"{quote} ({number})."))
    text = " ".join(sentences) + " Das Wetter war schön."
    quotations, cursor = [], 0
    for k, (ref, quote) in enumerate(plan):
        speaker = _role(text, MENTIONS[ref.id], cursor, ref)
        cue = _role(text, "sagte", speaker.spans[0][1])
        when = _role(text, "am Montag", cue.spans[0][1])
        quote_role = _role(text, quote, when.spans[0][1])
        cursor = quote_role.spans[0][1]
        quotations.append(
            Quotation(
                id=f"q{k}",
                type=QuoteType.DIRECT if k % 2 == 0 else QuoteType.INDIRECT,
                medium=Medium.SPEECH,
                quote=quote_role,
                cue=cue,
                speaker=speaker,
                score=0.9,
                when=TimeAnchor(when.text, when.spans, date=day, from_article_date=False),
            )
        )
    first = quotations[0].speaker if quotations else None
    entities = []
    mentions = []
    if first is not None and first.entity is not None:
        entities.append(
            Entity(
                first.entity.id,
                first.entity.name,
                first.entity.kind.value,
                [Mention(first.text, first.spans)],
                first.entity.gender,
                aliases=[first.entity.name.split()[-1]],
            )
        )
        mentions.append(EntityMention(*first.spans[0], "PER", first.text))
    article = Article(f"a{number}", text, title=f"Artikel {number}", date=day, source=source)
    return AnalysisResult(article, quotations, entities, model, mentions)


def as_stored(result: AnalysisResult) -> AnalysisResult:
    """``result`` as a store gives it back when no other article links its names: the ids
    of anonymous sources, groups and documents scoped to the article."""
    refs = quotation_refs(result)
    links = {
        ident: corpus_link(ident, entity.name, entity.kind, result.document.id, None)
        for ident, entity in local_entities(refs, result.entities).items()
    }
    return replace(
        result,
        quotations=[linked_quotation(q, links) for q in result.quotations],
        entities=[links[e.id].entity(e) for e in result.entities],
    )


@dataclass
class QuotePipeline:
    """Stands in for zitat.pipeline.Pipeline: every „…“ is a direct quote, no speaker.

    ``delay`` (seconds per article) makes an ingest slow enough to be killed midway;
    a text containing ``fail_on`` makes it raise, like a model bug would.
    """

    delay: float = 0.0
    model_id: str = "quotes@1"
    fail_on: str | None = None

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[AnalysisResult]:
        for article in articles:
            time.sleep(self.delay)
            if self.fail_on is not None and self.fail_on in article.text:
                raise RuntimeError(f"cannot analyse {article.id}")
            quotations = [
                Quotation(
                    f"q{k}",
                    QuoteType.DIRECT,
                    Medium.SPEECH,
                    Role(m.group(1), ((m.start(1), m.end(1)),)),
                )
                for k, m in enumerate(re.finditer(r"„([^“]*)“", article.text))
            ]
            yield AnalysisResult(article, quotations, model=self.model_id)


def test_made_results_slice_their_text_exactly() -> None:
    for number in range(8):
        result = make_result(number, n_quotes=3)
        text = result.document.text
        for q in result.quotations:
            for role in (q.quote, q.cue, q.speaker):
                assert role is not None
                assert " ".join(text[s:e] for s, e in role.spans) == role.text
        assert all(0 <= s < e <= len(text) for s, e in iter_role_spans(result))


def test_quote_pipeline_finds_every_quote() -> None:
    article = Article("x", "Er sagte: „Eins.“ Sie sagte: „Zwei.“")
    (result,) = QuotePipeline().analyze_many([article])
    assert [q.quote.text for q in result.quotations] == ["Eins.", "Zwei."]
    assert [article.text[s:e] for q in result.quotations for s, e in q.quote.spans] == [
        "Eins.",
        "Zwei.",
    ]
