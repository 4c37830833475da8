"""No entity named by a closed-class word, one character or punctuation: the check of issue
15 over every train and dev article of the quotation corpus and the 1,028 10kgnad articles.

    python scripts/check_entity_names.py --data ../shared/data [--model learned]

The model's quotations and entity mentions are cached under runs/entity_names/ per set and
per version of zitat's code and data (the enrichers are not cached), so a rerun of unchanged
code takes seconds and a changed one is analysed again. Prints the
number of articles, entities and speakers checked and every failing name; exit status 1
when there is one.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import pickle
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from zitat.evaluation.corpus import article_from_document
from zitat.formats.corpus_json import iter_corpus
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, Article, EntityMention, Quotation
from zitat.speakers.entities import EntitiesEnricher
from zitat.speakers.mentions import junk_names
from zitat.speakers.resolve import SpeakersEnricher
from zitat.text.document import ParsedText

ROOT = Path(__file__).resolve().parents[1]
Predictions = dict[str, tuple[list[Quotation], list[EntityMention]]]


def corpus_articles(data: Path) -> Iterator[tuple[str, list[Article]]]:
    for split in ("train", "dev"):
        folder = data / "news_quotation_2024" / split
        yield split, [article_from_document(doc) for _, doc in iter_corpus(folder)]
    path = data / "10kgnad" / "test.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";", quotechar="'"))
    yield "10kgnad", [Article(id=f"10kgnad-{k}", text=row[1]) for k, row in enumerate(rows)]


@functools.cache
def code_version() -> str:
    """A digest of zitat's code and shipped data, so that a cache never outlives a change."""
    package = ROOT / "src" / "zitat"
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix != ".pyc"):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def predictions(model: str, name: str, articles: list[Article], cache: Path) -> Predictions:
    """The model's quotations and mentions per article (from the cache when it is current)."""
    digest = hashlib.sha256(
        "\0".join([code_version(), *(a.text for a in articles)]).encode()
    ).hexdigest()[:16]
    path = cache / f"{model}-{name}-{digest}.pkl"
    if path.exists():
        cached: Predictions = pickle.loads(path.read_bytes())
        return cached
    pipeline = Pipeline(PipelineConfig(model=model, enrichers=()))
    found = {r.document.id: (r.quotations, r.mentions) for r in pipeline.analyze_many(articles)}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(found))
    return found


def check(articles: list[Article], predicted: Predictions) -> tuple[int, int, Counter[str]]:
    """(entities, resolved speakers and addressees, failing names with their counts)."""
    entities = speakers = 0
    junk: Counter[str] = Counter()
    steps = (EntitiesEnricher(), SpeakersEnricher())
    for article in articles:
        quotations, mentions = predicted[article.id]
        result = AnalysisResult(article, list(quotations), mentions=list(mentions))
        doc = ParsedText.from_text(article.text)
        for step in steps:
            result = step(result, doc)
        entities += len(result.entities)
        speakers += sum(
            role is not None and role.entity is not None
            for q in result.quotations
            for role in (q.speaker, q.addressee)
        )
        junk.update(junk_names(result))
    return entities, speakers, junk


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--model", default="learned")
    parser.add_argument("--cache", type=Path, default=ROOT / "runs" / "entity_names")
    args = parser.parse_args(argv)
    failures = 0
    for name, articles in corpus_articles(args.data):
        predicted = predictions(args.model, name, articles, args.cache)
        entities, speakers, junk = check(articles, predicted)
        failures += sum(junk.values())
        print(
            f"{name}: {len(articles)} articles, {entities} entities, {speakers} resolved "
            f"speakers and addressees, {sum(junk.values())} named by a closed-class word, "
            "one character or punctuation"
        )
        for junk_name, count in junk.most_common():
            print(f"  {junk_name!r} x{count}")
    print(f"model {args.model}: {'PASS' if not failures else 'FAIL'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
