"""Speaker-entity and time-anchor accuracy on the hand-annotated articles; writes the
``speakers`` section of docs/benchmarks.md.

    python scripts/evaluate_speakers.py --data ../shared/data

Four annotation sets (docs/speakers.md): the development and the held-out set of
news_quotation_2024 dev articles, and a development and a held-out set of 10kgnad articles
(gold quotations and speakers in data/annotations/speakers_gnad_dev.tsv and
speakers_gnad.tsv; skipped with a message when such a file or 10kgnad/test.csv is absent).
``--development-only`` scores the two development sets alone, for use while building.
Speaker entities are scored twice: on the gold speaker spans
(resolution alone: gold quotations go through the ``entities`` and ``speakers`` enrichers)
and end to end (the model finds the quotations; a gold quotation counts as right when the
predicted quotation overlapping it most has the right speaker entity). Time expressions
(annotated for the corpus sets) are resolved from the article date and compared with the
annotated date or range. The cost of the three enrichers is measured on every dev article.
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
from zitat.evaluation import gnad
from zitat.evaluation.corpus import article_from_document
from zitat.evaluation.report import update_section
from zitat.formats.corpus_json import gold_quotations, iter_corpus
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Article, Quotation
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


@dataclass(frozen=True, slots=True)
class GoldSet:
    """One annotation set: its articles (those with quotations or time expressions), gold
    quotations and gold speakers by document id, and its gold time expressions (None where
    times are not annotated)."""

    articles: dict[str, Article]
    quotations: dict[str, list[Quotation]]
    speakers: list[scoring.GoldSpeaker]
    times: list[scoring.GoldTime] | None


def corpus_set(name: str, annotations: Path, by_name: dict[str, dict[str, Any]]) -> GoldSet:
    """The set ``name`` of news_quotation_2024 dev articles (``speakers_<name>.tsv`` and
    ``time_<name>.tsv``); gold quotations come from the corpus documents."""
    speakers = scoring.read_speakers(annotations / f"speakers_{name}.tsv")
    times = scoring.read_times(annotations / f"time_{name}.tsv")
    quoted = sorted({g.document for g in speakers})
    return GoldSet(
        {
            doc: article_from_document(by_name[doc])
            for doc in {*quoted, *(t.document for t in times)}
        },
        {doc: gold_quotations(by_name[doc]) for doc in quoted},
        speakers,
        times,
    )


def gnad_set(tsv: Path, articles: Path) -> GoldSet | str:
    """A 10kgnad set, or why it cannot be scored here (a file is missing)."""
    for path in (tsv, articles):
        if not path.is_file():
            return f"{path} not found"
    texts = gnad.read_articles(articles)
    annotated = gnad.read_quotations(tsv, {doc: a.text for doc, a in texts.items()})
    return GoldSet(
        {doc: texts[doc] for doc in annotated.quotations},
        annotated.quotations,
        annotated.speakers,
        None,
    )


def resolve_gold(article: Article, quotations: Sequence[Quotation]) -> AnalysisResult:
    """Copies of the gold ``quotations`` with speakers resolved by the enrichers (no model)."""
    parsed = ParsedText.from_text(article.text)
    result = AnalysisResult(article, [replace(q) for q in quotations])
    for step in (EntitiesEnricher(), SpeakersEnricher()):
        result = step(result, parsed)
    return result


def score_speakers(gold: GoldSet, predicted: dict[str, list[Quotation]] | None) -> scoring.Tally:
    """Gold-span scoring when ``predicted`` is None, else end to end against it."""
    tally = scoring.Tally()
    resolved = (
        {
            doc: resolve_gold(gold.articles[doc], qs).quotations
            for doc, qs in gold.quotations.items()
        }
        if predicted is None
        else {}
    )
    for item in gold.speakers:
        if not item.resolvable or item.span is None:
            continue
        mention = gold.articles[item.document].text[item.span[0] : item.span[1]]
        gold_q = next(q for q in gold.quotations[item.document] if q.id == item.quotation)
        found: Quotation | None
        if predicted is None:
            found = next(q for q in resolved[item.document] if q.id == item.quotation)
        else:
            found = scoring.matching_quotation(gold_q, predicted[item.document])
        entity = found.speaker.entity if found is not None and found.speaker is not None else None
        tally.add(scoring.category(mention, item), scoring.is_correct(item, entity))
    return tally


def score_times(gold: GoldSet) -> tuple[int, int, int] | None:
    """(annotated, detected, resolved right), or None where times are not annotated."""
    if gold.times is None:
        return None
    found: dict[str, list[Any]] = {}
    detected = right = 0
    for item in gold.times:
        if item.document not in found:
            article = gold.articles[item.document]
            found[item.document] = find_times(article.text, article.date)
        hit, correct = scoring.time_correct(item, found[item.document])
        detected += hit
        right += correct
    return len(gold.times), detected, right


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


def end_to_end(model: str, articles: dict[str, Article]) -> dict[str, list[Quotation]] | str:
    """The model's quotations per document, or why the model could not run."""
    try:
        pipeline = Pipeline(PipelineConfig(model=model))
    except (ZitatError, ImportError) as exc:
        return f"model {model!r} not available: {exc}"
    return {r.document.id: r.quotations for r in pipeline.analyze_many(list(articles.values()))}


CORPUS_SETS: tuple[tuple[str, str], ...] = (
    ("dev", "development set: the first 60 dev articles, annotated and used while building"),
    (
        "heldout",
        "held-out set: the next 22 dev articles, annotated after the code was built on the "
        "first 60",
    ),
)
GNAD_SETS: tuple[tuple[str, str], ...] = (
    (
        "gnad_dev",
        "10kgnad development set: rows 640-679 of 10kgnad/test.csv, annotated for building and "
        "tuning on real Austrian news",
    ),
    (
        "gnad",
        "10kgnad set: rows 600-639 of 10kgnad/test.csv (Austrian news without quotation marks), "
        "quotations and speakers annotated before any code change for them; held out",
    ),
)
HELD_OUT = frozenset({"heldout", "gnad"})
"""Sets never used to build or tune: ``--development-only`` leaves them out."""
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

    description: str
    articles: int
    quotations: int
    gold_span: scoring.Tally
    end_to_end: dict[str, scoring.Tally | str]
    times: tuple[int, int, int] | None

    @property
    def label(self) -> str:
        return self.description.split(":")[0]


def evaluate_set(description: str, gold: GoldSet, models: Sequence[str]) -> SetResult:
    """Gold-span, end-to-end (one score per model) and time scores of ``gold``."""
    e2e: dict[str, scoring.Tally | str] = {}
    for model in models:
        predicted = end_to_end(model, {doc: gold.articles[doc] for doc in gold.quotations})
        e2e[model] = predicted if isinstance(predicted, str) else score_speakers(gold, predicted)
    return SetResult(
        description,
        len(gold.quotations),
        len(gold.speakers),
        score_speakers(gold, None),
        e2e,
        score_times(gold),
    )


def _overall(tally: scoring.Tally | str | None) -> str:
    if not isinstance(tally, scoring.Tally):
        return "–"
    return f"**{_pct(tally.accuracy())}** ({tally.total['overall']})"


def side_by_side(results: Sequence[SetResult], models: Sequence[str]) -> list[str]:
    """Overall accuracy with the sets as columns."""
    lines = [
        "| overall | " + " | ".join(r.label for r in results) + " |",
        "|---" * (len(results) + 1) + "|",
        "| gold spans | " + " | ".join(_overall(r.gold_span) for r in results) + " |",
    ]
    for model in models:
        cells = (_overall(r.end_to_end.get(model)) for r in results)
        lines.append(f"| end to end, `{model}` | " + " | ".join(cells) + " |")
    return lines


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
        "dev articles and of 10kgnad articles. Speaker accuracy is counted over quotations whose "
        "gold speaker is resolvable (count in brackets); a speaker is right when kind and "
        "canonical name match. *Gold spans*: the annotated speaker spans go through the "
        "`entities` and `speakers` enrichers (resolution alone). *End to end*: the model finds "
        "the quotations; a gold quotation is right when the predicted quotation overlapping it "
        "most has the right speaker entity.",
        "",
        *side_by_side(results, list(shares)),
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
    lines += [""]
    lines += [
        f"- {r.description} ({r.articles} articles with quotations, {r.quotations} quotations)"
        for r in results
    ]
    lines += ["", FIRST_HELDOUT_MEASUREMENT, "", *notes.values(), ""]
    lines += ["| time expressions | resolved right | detected |", "|---|---|---|"]
    lines += [_time_line(r.label, r.times) for r in results if r.times is not None]
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
    parser.add_argument(
        "--development-only",
        action="store_true",
        help="score only the sets used for building (while developing; implies --no-write)",
    )
    args = parser.parse_args(argv)
    try:
        all_docs = [doc for _, doc in iter_corpus(args.data / "news_quotation_2024" / "dev")]
        by_name = {doc["documentName"]: doc for doc in all_docs}
        wanted = [
            (name, label)
            for name, label in (*CORPUS_SETS, *GNAD_SETS)
            if not (args.development_only and name in HELD_OUT)
        ]
        sets = []
        for name, label in wanted:
            gold: GoldSet | str = (
                gnad_set(
                    args.annotations / f"speakers_{name}.tsv", args.data / "10kgnad" / "test.csv"
                )
                if name.startswith("gnad")
                else corpus_set(name, args.annotations, by_name)
            )
            if isinstance(gold, str):
                print(f"skipping the {name} set: {gold}", file=sys.stderr)
            else:
                sets.append((label, gold))
        results = [evaluate_set(label, gold, args.models) for label, gold in sets]
    except ZitatError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    shares = {model: pipeline_share(model, all_docs) for model in args.models}
    words = sum(len(doc["originalText"].split()) for doc in all_docs)
    speed = (words, enricher_speed(all_docs, False), enricher_speed(all_docs, True))
    markdown = report(results, speed, shares)
    print(markdown)
    if not (args.no_write or args.development_only):
        update_section(args.benchmarks, "speakers", markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
