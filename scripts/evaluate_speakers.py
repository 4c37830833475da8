"""Speaker-entity and time-anchor accuracy on the hand-annotated dev articles; writes the
``speakers`` section of docs/benchmarks.md.

    python scripts/evaluate_speakers.py --data ../shared/data

Speaker entities are scored twice: on the gold speaker spans (resolution alone: gold
quotations go through the ``entities`` and ``speakers`` enrichers) and end to end (the
model finds the quotations; a gold quotation counts as right when the predicted quotation
overlapping it most has the right speaker entity). Time expressions are resolved from the
article date and compared with the annotated date or range. The cost of the three
enrichers is measured on every dev article.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from zitat.errors import ZitatError
from zitat.evaluation.corpus import article_from_document, gold_quotations, iter_corpus
from zitat.evaluation.report import update_section
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Quotation
from zitat.speakers import scoring
from zitat.speakers.entities import EntitiesEnricher
from zitat.speakers.names import find_names
from zitat.speakers.resolve import SpeakersEnricher
from zitat.speakers.time import TimeEnricher, find_times
from zitat.text.document import ParsedText

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3
"""Timings take the best of this many runs: the machine is shared with other jobs."""
COMMAND = "python scripts/evaluate_speakers.py --data ../shared/data"


def resolve_gold(doc: dict[str, Any]) -> tuple[AnalysisResult, ParsedText]:
    """Gold quotations of ``doc`` with speakers resolved by the enrichers (no model)."""
    article = article_from_document(doc)
    parsed = ParsedText.from_text(article.text)
    result = AnalysisResult(article, gold_quotations(doc))
    for step in (EntitiesEnricher(), SpeakersEnricher()):
        result = step(result, parsed)
    return result, parsed


def score_speakers(
    docs: dict[str, dict[str, Any]],
    gold: Sequence[scoring.GoldSpeaker],
    predicted: dict[str, list[Quotation]] | None,
) -> scoring.Tally:
    """Gold-span scoring when ``predicted`` is None, else end to end against it."""
    tally = scoring.Tally()
    resolved = (
        {name: resolve_gold(doc)[0] for name, doc in docs.items()} if predicted is None else {}
    )
    for item in gold:
        if not item.resolvable or item.span is None:
            continue
        doc = docs[item.document]
        mention = doc["originalText"][item.span[0] : item.span[1]]
        gold_q = next(q for q in gold_quotations(doc) if q.id == item.quotation)
        found: Quotation | None
        if predicted is None:
            found = next(q for q in resolved[item.document].quotations if q.id == item.quotation)
        else:
            found = scoring.matching_quotation(gold_q, predicted[item.document])
        entity = found.speaker.entity if found is not None and found.speaker is not None else None
        tally.add(scoring.category(mention, item), scoring.is_correct(item, entity))
    return tally


def score_times(
    docs: dict[str, dict[str, Any]], gold: Sequence[scoring.GoldTime]
) -> tuple[int, int, int]:
    """(annotated, detected, resolved right)."""
    found: dict[str, list[Any]] = {}
    detected = right = 0
    for item in gold:
        if item.document not in found:
            doc = docs[item.document]
            found[item.document] = find_times(doc["originalText"], article_from_document(doc).date)
        hit, correct = scoring.time_correct(item, found[item.document])
        detected += hit
        right += correct
    return len(gold), detected, right


def enricher_speed(all_docs: Sequence[dict[str, Any]], given_mentions: bool) -> float:
    """Seconds the three enrichers take on the gold quotations of ``all_docs`` (best of
    ``ROUNDS``); with ``given_mentions`` the entity mentions come ready, as from the learned
    model, instead of from the fallback name finder."""
    prepared = []
    for doc in all_docs:
        article = article_from_document(doc)
        parsed = ParsedText.from_text(article.text)
        mentions = find_names(parsed) if given_mentions else []
        prepared.append((article, parsed, gold_quotations(doc), mentions))
    steps = (EntitiesEnricher(), SpeakersEnricher(), TimeEnricher())
    best = float("inf")
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for article, parsed, quotations, mentions in prepared:
            result = AnalysisResult(article, [replace(q) for q in quotations], mentions=mentions)
            for step in steps:
                result = step(result, parsed)
        best = min(best, time.perf_counter() - started)
    return best


def pipeline_share(model: str, all_docs: Sequence[dict[str, Any]]) -> tuple[float, float] | str:
    """Seconds of the whole pipeline with ``model`` on ``all_docs`` without and with the
    three enrichers: the best of ``ROUNDS`` interleaved runs each, as the machine is shared
    (or why the model could not run)."""
    articles = [article_from_document(doc) for doc in all_docs]
    try:
        pipelines = [
            Pipeline(PipelineConfig(model=model, enrichers=enrichers))
            for enrichers in ((), ("entities", "speakers", "time"))
        ]
    except (ZitatError, ImportError) as exc:
        return f"model {model!r} not available: {exc}"
    best = [float("inf"), float("inf")]
    for _ in range(ROUNDS):
        for k, pipeline in enumerate(pipelines):
            started = time.perf_counter()
            for _ in pipeline.analyze_many(articles):
                pass
            best[k] = min(best[k], time.perf_counter() - started)
    return best[0], best[1]


def end_to_end(model: str, docs: dict[str, dict[str, Any]]) -> dict[str, list[Quotation]] | str:
    """The model's quotations per document, or why the model could not run."""
    try:
        pipeline = Pipeline(PipelineConfig(model=model))
    except (ZitatError, ImportError) as exc:
        return f"model {model!r} not available: {exc}"
    articles = [article_from_document(doc) for doc in docs.values()]
    return {r.document.id: r.quotations for r in pipeline.analyze_many(articles)}


SETS: tuple[tuple[str, str], ...] = (
    ("dev", "development set: the first 60 dev articles, annotated and used while building"),
    (
        "heldout",
        "held-out set: the next 22 dev articles, annotated after the code was built on the "
        "first 60",
    ),
)
FIRST_HELDOUT_MEASUREMENT = (
    "Measured on the held-out set before any change for it (code of commit 787a52d): gold spans "
    "0.608 overall (97), 0.167 for pronouns (12); time 55/68 = 0.809. Its errors then led to "
    "the fixes of the following commits, so the rows above no longer measure unseen text."
)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _row(label: str, tally: scoring.Tally) -> str:
    cells = [
        f"{_pct(tally.accuracy(k))} ({tally.total[k]})" for k in ("overall", *scoring.CATEGORIES)
    ]
    return f"| {label} | " + " | ".join(cells) + " |"


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def _share_line(model: str, words: int, share: tuple[float, float] | str) -> str:
    if isinstance(share, str):
        return f"- whole pipeline with `{model}`: {share}."
    without, with_enrichers = share
    return (
        f"- whole pipeline with `{model}` on the same articles: {words / without:,.0f} words/s "
        f"without the enrichers, {words / with_enrichers:,.0f} words/s with them (they take "
        f"{(with_enrichers - without) / with_enrichers:.0%} of its time; best of {ROUNDS} "
        "interleaved runs)."
    )


def _time_line(label: str, counts: tuple[int, int, int]) -> str:
    annotated, detected, right = counts
    return (
        f"| {label} | {right}/{annotated} = **{right / annotated:.3f}** | {detected}/{annotated} |"
    )


@dataclass(slots=True)
class SetResult:
    """Scores of one annotation set."""

    label: str
    articles: int
    gold_span: scoring.Tally
    end_to_end: dict[str, scoring.Tally | str]
    times: tuple[int, int, int]


def evaluate_set(
    name: str,
    label: str,
    annotations: Path,
    by_name: dict[str, dict[str, Any]],
    models: Sequence[str],
) -> SetResult:
    speakers = scoring.read_speakers(annotations / f"speakers_{name}.tsv")
    times = scoring.read_times(annotations / f"time_{name}.tsv")
    docs = {doc: by_name[doc] for doc in sorted({g.document for g in speakers})}
    e2e: dict[str, scoring.Tally | str] = {}
    for model in models:
        predicted = end_to_end(model, docs)
        e2e[model] = (
            predicted if isinstance(predicted, str) else score_speakers(docs, speakers, predicted)
        )
    return SetResult(
        label, len(docs), score_speakers(docs, speakers, None), e2e, score_times(by_name, times)
    )


def report(
    results: Sequence[SetResult],
    speed: tuple[int, float, float],
    shares: dict[str, tuple[float, float] | str],
) -> str:
    words, seconds, with_mentions = speed
    lines = [
        "## Speakers as entities and time anchors",
        "",
        "Hand annotations in data/annotations (guideline: docs/speakers.md) of news_quotation_2024 "
        "dev articles. Speaker accuracy is counted over quotations whose gold speaker is "
        "resolvable (count in brackets); a speaker is right when kind and canonical name match. "
        "*Gold spans*: the annotated speaker spans go through the `entities` and `speakers` "
        "enrichers (resolution alone). *End to end*: the model finds the quotations; a gold "
        "quotation is right when the predicted quotation overlapping it most has the right "
        "speaker entity.",
        "",
        "| speakers | overall | pronoun | named | role noun | other |",
        "|---|---|---|---|---|---|",
    ]
    notes: dict[str, str] = {}
    for result in results:
        lines.append(_row(f"{result.label}: gold spans", result.gold_span))
        for model, tally in result.end_to_end.items():
            if isinstance(tally, str):
                notes[model] = f"End to end with `{model}`: {tally}."
            else:
                lines.append(_row(f"{result.label}: end to end, `{model}`", tally))
    lines += ["", *(f"- {label}" for _, label in SETS), "", FIRST_HELDOUT_MEASUREMENT]
    lines += ["", *notes.values(), ""]
    lines += ["| time expressions | resolved right | detected |", "|---|---|---|"]
    lines += [_time_line(result.label, result.times) for result in results]
    lines += [
        "",
        f"Cost of the `entities`, `speakers` and `time` enrichers on all 150 dev articles (gold "
        f"quotations): {words:,} words in {seconds:.2f} s = **{words / seconds:,.0f} words/s** "
        f"(one process, one thread, best of {ROUNDS} runs); {words / with_mentions:,.0f} words/s "
        "when the model supplies the entity mentions (the learned model's case: no fallback "
        f"name finder). Load average of the shared machine: {_load()}.",
        "",
        *(_share_line(model, words, share) for model, share in shares.items()),
        "",
        f"Reproduce: `{COMMAND}`. Machine: {platform.machine()}, {os.cpu_count()} cores "
        f"(shared), Python {platform.python_version()}; measured "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--annotations", type=Path, default=ROOT / "data" / "annotations")
    parser.add_argument("--models", nargs="*", default=["rules", "learned"])
    parser.add_argument("--benchmarks", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    try:
        all_docs = [doc for _, doc in iter_corpus(args.data / "news_quotation_2024" / "dev")]
        by_name = {doc["documentName"]: doc for doc in all_docs}
        results = [
            evaluate_set(name, label.split(":")[0], args.annotations, by_name, args.models)
            for name, label in SETS
        ]
    except ZitatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    shares = {model: pipeline_share(model, all_docs) for model in args.models}
    words = sum(len(doc["originalText"].split()) for doc in all_docs)
    speed = (words, enricher_speed(all_docs, False), enricher_speed(all_docs, True))
    markdown = report(results, speed, shares)
    print(markdown)
    if not args.no_write:
        update_section(args.benchmarks, "speakers", markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
