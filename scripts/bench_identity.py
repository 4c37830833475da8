"""What corpus identity costs the store: write rate as it grows, relinks, a full relink.

Usage: python scripts/bench_identity.py [--articles 5000] [--seed 15] [--writes-only]

Synthetic articles (no model, so only the store is timed): each quotes six speakers drawn
with a Zipf-like skew from 3,000 full-named persons, half of the mentions by the bare
surname, plus an anonymous source, a group and an organisation; 5 % of the surnames are
shared by two people, the second of whom first appears somewhere in the corpus (so that
earlier bare mentions must be unlinked then). The store lives in a temporary folder.
Measured: the write rate per block of 1,000 articles (flat when a write costs the same in a
large store as in a small one), the write that makes the most quoted surname ambiguous (and
the one that takes it back), and a from-scratch relink of the whole store. With
--writes-only, only the write rate (it runs against any zitat version, for a baseline).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from zitat.schema import (
    AnalysisResult,
    Article,
    Entity,
    EntityKind,
    EntityRef,
    Medium,
    Quotation,
    QuoteType,
    Role,
)
from zitat.speakers.identity import entity_id
from zitat.store import SearchQuery, Store

BLOCK = 1000
N_PERSONS = 3000


def _ref(name: str, kind: EntityKind) -> EntityRef:
    return EntityRef(entity_id(name, kind), name, kind)


def cast(rng: random.Random) -> list[tuple[str, str]]:
    """(first name, surname) of the persons, most quoted first; 5 % share a surname."""
    people = [(f"Vorname{k}", f"Nachname{k}") for k in range(N_PERSONS)]
    for k in rng.sample(range(N_PERSONS), N_PERSONS // 20):
        people.append((f"Anders{k}", f"Nachname{k}"))
    rng.shuffle(people)
    people.insert(0, ("Angela", "Merkel"))  # the most quoted
    return people


def article(number: int, people: list[tuple[str, str]], rng: random.Random) -> AnalysisResult:
    weights = [1 / (rank + 1) for rank in range(len(people))]
    speakers = [
        _ref(f"{first} {last}" if rng.random() < 0.5 else last, EntityKind.PERSON)
        for first, last in rng.choices(people, weights, k=6)
    ]
    speakers += [
        _ref("Augenzeuge (anonym)", EntityKind.ANONYMOUS),
        _ref("Demonstranten", EntityKind.GROUP),
        _ref(f"Verband{rng.randrange(200)}", EntityKind.ORGANISATION),
    ]
    return build(f"b{number}", speakers)


def build(article_id: str, speakers: list[EntityRef]) -> AnalysisResult:
    parts, quotations = [], []
    cursor = 0
    for k, ref in enumerate(speakers):
        sentence = f"{ref.name} sagte: „Satz {k}.“ "
        quote_start = cursor + len(ref.name) + 9
        quotations.append(
            Quotation(
                f"q{k}",
                QuoteType.DIRECT,
                Medium.SPEECH,
                Role(f"Satz {k}.", ((quote_start, quote_start + len(f"Satz {k}.")),)),
                speaker=Role(ref.name, ((cursor, cursor + len(ref.name)),), ref),
            )
        )
        parts.append(sentence)
        cursor += len(sentence)
    entities = {r.id: Entity(r.id, r.name, r.kind.value) for r in speakers}
    return AnalysisResult(Article(article_id, "".join(parts)), quotations, list(entities.values()))


def timed_write(store: Store, result: AnalysisResult) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one write (CPU time is what the load of other jobs on
    the machine does not inflate)."""
    wall, cpu = time.perf_counter(), time.process_time()
    store.add_result(result)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--writes-only", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    people = cast(rng)
    results = [article(n, people, rng) for n in range(args.articles)]
    bare_merkel = sum(
        1
        for r in results
        if any(q.speaker and q.speaker.entity and q.speaker.text == "Merkel" for q in r.quotations)
    )
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "b.db") as store:
        print("| articles | wall s | articles/s | CPU ms per article |")
        print("|---|---:|---:|---:|")
        for start in range(0, len(results), BLOCK):
            block = results[start : start + BLOCK]
            times = [timed_write(store, r) for r in block]
            wall, cpu = sum(t[0] for t in times), sum(t[1] for t in times)
            print(
                f"| {start + 1:,}–{start + len(block):,} | {wall:.1f} | "
                f"{len(block) / wall:,.0f} | {1000 * cpu / len(block):.2f} |"
            )
        if args.writes_only:
            return
        merkel = SearchQuery(entity_id="per:angela-merkel", limit=1)
        before = store.search(merkel).total
        ambiguous = timed_write(store, build("namesake", [_ref("Hans Merkel", EntityKind.PERSON)]))
        during = store.search(merkel).total
        back = timed_write(store, build("namesake", []))
        after = store.search(merkel).total
        wall, cpu = time.perf_counter(), time.process_time()
        store.relink()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"\nA second Merkel (unlinks the bare 'Merkel' of {bare_merkel:,} articles): "
            f"{ambiguous[0]:.2f} s ({ambiguous[1]:.2f} s CPU); taking it back: {back[0]:.2f} s "
            f"({back[1]:.2f} s CPU); quotations of "
            f"per:angela-merkel before, with and after the namesake: {before:,}, {during:,}, "
            f"{after:,}"
        )
        print(f"From-scratch relink of {len(store):,} articles: {wall:.1f} s ({cpu:.1f} s CPU)")


if __name__ == "__main__":
    main()
