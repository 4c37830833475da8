"""Are a store's entity ids independent of how the articles were stored? Checked on real news.

Usage: python scripts/check_identity.py --data ../shared/data [--model rules|learned]

The train+dev articles of news_quotation_2024 are analysed once; the results are then stored
in four ways, each into a new store in a temporary folder: in one run; in two halves, the
second half first, in two store sessions; in reverse order; and shuffled, one store session
per 100 articles. Every quotation's speaker and addressee entity id is compared with the
one-run store. Also counted: entity ids of anonymous sources, groups and documents that two
articles share (corpus identity wants none), and the bare names linked to a full name of
another article (listed). Runs against older zitat versions too (each store gets its own
copy of the results), to measure a baseline.
"""

from __future__ import annotations

import argparse
import copy
import random
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from zitat.formats.readers import iter_articles
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import AnalysisResult, EntityKind
from zitat.store import Store

SPLITS = ("train", "dev")
DESCRIBED = {EntityKind.ANONYMOUS, EntityKind.GROUP, EntityKind.DOCUMENT}

Ids = dict[tuple[str, str, str], str | None]
"""(article id, quotation id, role) -> entity id"""


def analyse(data: Path, model: str) -> list[AnalysisResult]:
    folders = [data / "news_quotation_2024" / split for split in SPLITS]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        sys.exit(f"check_identity: corpus folders not found: {', '.join(missing)}")
    articles = list(iter_articles([str(f) for f in folders]))
    return list(Pipeline(PipelineConfig(model=model)).analyze_many(articles))


def entity_ids(store: Store) -> Ids:
    found: Ids = {}
    for result in store.iter_results():
        for q in result.quotations:
            for name, role in (("speaker", q.speaker), ("addressee", q.addressee)):
                if role is not None:
                    entity = role.entity
                    found[(result.document.id, q.id, name)] = None if entity is None else entity.id
    return found


def store_in_runs(folder: Path, name: str, runs: list[list[AnalysisResult]]) -> Ids:
    path = folder / f"{name}.db"
    for run in runs:
        with Store.open(path) as store:
            store.add_results(copy.deepcopy(run))
    with Store.open(path, readonly=True) as store:
        return entity_ids(store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--model", default="rules", choices=("rules", "learned"))
    args = parser.parse_args()
    start = time.perf_counter()
    results = analyse(args.data, args.model)
    print(
        f"{len(results)} articles analysed with {args.model} in {time.perf_counter() - start:.0f} s"
    )
    half = len(results) // 2
    shuffled = random.Random(15).sample(results, len(results))
    orders: dict[str, Callable[[], list[list[AnalysisResult]]]] = {
        "two halves, second first": lambda: [results[half:], results[:half]],
        "reverse order": lambda: [results[::-1]],
        "shuffled, 100 per session": lambda: [
            shuffled[k : k + 100] for k in range(0, len(shuffled), 100)
        ],
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        reference = store_in_runs(folder, "one", [results])
        entities = {ident for ident in reference.values() if ident}
        print(f"{len(reference)} speaker/addressee roles, {len(entities)} entities (one run)")
        for label, runs in orders.items():
            ids = store_in_runs(folder, label.split()[0], runs())
            differ = [key for key in reference if ids.get(key) != reference[key]]
            examples = ", ".join(f"{reference[k]} -> {ids.get(k)}" for k in differ[:3])
            print(f"{label}: {len(differ)} roles with another entity id {examples}")
        with Store.open(folder / "one.db", readonly=True) as store:
            articles_of: dict[str, set[str]] = defaultdict(set)
            kinds: dict[str, EntityKind] = {}
            linked = 0
            for result in store.iter_results():
                for q in result.quotations:
                    speaker = q.speaker
                    if speaker is None or speaker.entity is None:
                        continue
                    articles_of[speaker.entity.id].add(result.document.id)
                    kinds[speaker.entity.id] = speaker.entity.kind
                    words = speaker.entity.name.split()
                    linked += speaker.text == words[-1] and len(words) > 1
            shared = [
                i for i, arts in articles_of.items() if kinds[i] in DESCRIBED and len(arts) > 1
            ]
            described = sum(1 for i in articles_of if kinds[i] in DESCRIBED)
            print(
                f"anonymous/group/document speaker entities: {described}, shared by two or "
                f"more articles: {len(shared)} {sorted(shared)[:5]}"
            )
            print(f"speaker mentions that are a bare surname of their entity's full name: {linked}")
        print_links(folder / "one.db")


def print_links(path: Path) -> None:
    """The bare names the one-run store linked to a full name of another article."""
    with sqlite3.connect(path) as conn:
        try:
            rows = conn.execute(
                "SELECT name, kind, linked_name, count(*) FROM article_links "
                "WHERE linked_name IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1"
            ).fetchall()
        except sqlite3.OperationalError:
            return  # a zitat version without corpus links
    print(f"article entities linked to a full name of another article: {sum(r[3] for r in rows)}")
    for name, kind, linked_name, n in rows:
        print(f"  {n} x {name} ({kind}) -> {linked_name}")


if __name__ == "__main__":
    main()
