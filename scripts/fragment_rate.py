"""Share of predicted quotations without quotation marks and shorter than four words (the
bar of issue 14), and how many of those are whole clauses rather than fragments (see
:mod:`zitat.quotations.fragments`).

    python scripts/fragment_rate.py --data ../shared/data [--model learned] [--show]

Articles: the dev split of news_quotation_2024 and rows 0-299 of 10kgnad's test.csv (Der
Standard; text = the row's second field). Rows 600-639 are a held-out set and never read.
Writes the ``fragments`` section of docs/benchmarks.md; ``--show`` prints each fragment with
a little context to stdout (article text is never written to the page).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from zitat.errors import ZitatError
from zitat.evaluation.corpus import article_from_document
from zitat.evaluation.report import update_section
from zitat.formats.corpus_json import iter_corpus
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.quotations.fragments import MIN_UNMARKED_WORDS, is_fragment, is_marked, quote_words
from zitat.quotations.interview import is_labelled_turn
from zitat.schema import Article

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "python scripts/fragment_rate.py --data ../shared/data"
GNAD_ROWS = range(0, 300)
"""The 10kgnad rows read; 600-639 are held out and must stay unread."""


def gnad_articles(data: Path) -> list[Article]:
    path = data / "10kgnad" / "test.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter=";", quotechar="'")
        articles = []
        for index, row in enumerate(rows):
            if index >= GNAD_ROWS.stop:
                break
            if index in GNAD_ROWS:
                articles.append(Article(id=f"10kgnad-{index}", text=row[1]))
    return articles


def dev_articles(data: Path) -> list[Article]:
    folder = data / "news_quotation_2024" / "dev"
    return [article_from_document(doc) for _, doc in iter_corpus(folder)]


def fragment_counts(
    pipeline: Pipeline, articles: Sequence[Article], show: bool
) -> tuple[int, int, int]:
    """(quotations, short ones without marks, fragments among those) the pipeline predicts on
    ``articles``; a short quotation that is no fragment is a whole clause ("Der Minister
    sagte, er werde zurücktreten."), a labelled statement ("Merkel: Wir schaffen das.") or an
    interview turn ("Gewessler: Die sind überschaubar.")."""
    total = short = fragments = 0
    for result in pipeline.analyze_many(articles):
        text = result.document.text
        for quotation in result.quotations:
            total += 1
            spans = quotation.quote.spans
            if quote_words(text, spans) >= MIN_UNMARKED_WORDS or is_marked(text, spans):
                continue
            short += 1
            fragments += is_fragment(text, spans) and not is_labelled_turn(quotation)
            if show:
                start, end = spans[0][0], spans[-1][1]
                context = text[max(0, start - 60) : end + 40].replace("\n", " ")
                print(f"{result.document.id} {quotation.type.value}: {quotation.quote.text!r}")
                print(f"    …{context}…")
    return total, short, fragments


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--model", default="learned", help="quotation model (default: learned)")
    parser.add_argument("--show", action="store_true", help="print every fragment found")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    try:
        sets = {
            "news_quotation_2024 dev": dev_articles(args.data),
            f"10kgnad test.csv rows {GNAD_ROWS.start}-{GNAD_ROWS.stop - 1}": gnad_articles(
                args.data
            ),
        }
    except (ZitatError, OSError, IndexError) as exc:
        print(f"fragment_rate: cannot read the articles: {exc}", file=sys.stderr)
        return 2
    pipeline = Pipeline(PipelineConfig(model=args.model))
    rows: list[tuple[str, int, int, int, int]] = []
    for name, articles in sets.items():
        rows.append((name, len(articles), *fragment_counts(pipeline, articles, args.show)))
    rows.append(
        (
            "both",
            sum(row[1] for row in rows),
            sum(row[2] for row in rows),
            sum(row[3] for row in rows),
            sum(row[4] for row in rows),
        )
    )
    lines = [
        f"## Fragments: quotations without marks shorter than {MIN_UNMARKED_WORDS} words",
        "",
        f"Measured by `{COMMAND}` on {datetime.now(UTC):%Y-%m-%d}, model "
        f"`{pipeline.model_id}`. *Short*: a predicted quotation whose quote holds no "
        "quotation mark, does not stand between two, and has fewer than "
        f"{MIN_UNMARKED_WORDS} words (whitespace-separated pieces with a letter or digit); "
        "the bar of issue 14 is at most 1 % of them. *Fragments*: the short ones that are "
        'not a whole clause closing its sentence after a comma or colon ("…, er werde '
        'zurücktreten."), a first-person statement after a label ("Merkel: Wir '
        'schaffen das.") nor an interview turn ("Gewessler: Die sind überschaubar."): pieces '
        "cut from a sentence, which the models drop.",
        "",
        "| articles | count | quotations | short | share | of them fragments |",
        "| --- | --- | --- | --- | --- | --- |",
        *(
            f"| {name} | {n} | {total} | {short} | "
            f"{100 * short / total if total else 0.0:.2f} % | {fragments} |"
            for name, n, total, short, fragments in rows
        ),
    ]
    section = "\n".join(lines)
    update_section(args.out, "fragments", section)
    print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
