"""Corpus identity: the same articles give the same entity ids however they were stored.

The articles are synthetic (no model): ``CastPipeline`` reads "<mention> sagte: „…“" and
resolves each mention as an article alone would, from ``CAST``. Other tests and the
kill -9 child process import from here.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import pytest

from zitat.batch.output import BatchOutput, PartitionReport
from zitat.batch.results import iter_batch_results
from zitat.ingest import ingest as ingest_articles
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import (
    AnalysisResult,
    Article,
    Entity,
    EntityKind,
    EntityRef,
    Gender,
    Medium,
    Mention,
    Quotation,
    QuoteType,
    Role,
)
from zitat.speakers.identity import ARTICLE_SCOPED_KINDS, entity_id
from zitat.store import SearchQuery, Store

TESTS = Path(__file__).resolve().parent


def _cast(name: str, kind: EntityKind, gender: Gender = Gender.UNKNOWN) -> EntityRef:
    role = name if kind is EntityKind.ANONYMOUS else None
    return EntityRef(entity_id(name, kind), name, kind, gender, role)


CAST: dict[str, EntityRef] = {
    ref.name: ref
    for ref in (
        _cast("Nedeljko Bilalic", EntityKind.PERSON, Gender.MALE),
        _cast("Bilalic", EntityKind.PERSON),
        _cast("Horst Köhler", EntityKind.PERSON, Gender.MALE),
        _cast("Köhler", EntityKind.ORGANISATION),  # "Köhler sagte" taken for an organisation
        _cast("Verschiedene Medien", EntityKind.PERSON),  # what a resolver may make of a phrase
        _cast("Medien", EntityKind.ORGANISATION),
        _cast("Hillary Clinton", EntityKind.PERSON, Gender.FEMALE),
        _cast("Bill Clinton", EntityKind.PERSON, Gender.MALE),
        _cast("Clinton", EntityKind.PERSON),
        _cast("Donald Trump", EntityKind.PERSON, Gender.MALE),
        _cast("Donald J. Trump", EntityKind.PERSON, Gender.MALE),
        _cast("Trump", EntityKind.PERSON),
        _cast("Anna Schmidt", EntityKind.PERSON, Gender.FEMALE),
        _cast("Peter Schmidt", EntityKind.PERSON, Gender.MALE),
        _cast("Augenzeugin", EntityKind.ANONYMOUS, Gender.FEMALE),
        _cast("Demonstranten", EntityKind.GROUP),
        _cast("Studie", EntityKind.DOCUMENT),
    )
}
SAID = re.compile(r"(?:Die |Der )?([A-Z][\w. ]*?) sagte: „([^“]*)“")


def article_text(number: int) -> str:
    """Article ``number``'s speakers: an eyewitness always, and some of the cast."""
    names = ["Augenzeugin"]
    names += ["Bilalic"] if number % 3 else ["Nedeljko Bilalic"]
    names += ["Köhler"] if number % 6 else ["Horst Köhler"]
    if number % 9 == 4:
        names += ["Medien"] if number % 2 else ["Verschiedene Medien"]
    names += [["Hillary Clinton", "Clinton", "Trump", "Donald Trump"][number % 4]]
    if number % 11 == 5:
        names.append("Bill Clinton")
    if number % 13 == 7:
        names += ["Donald J. Trump", "Demonstranten"]
    if number % 5 == 2:
        names += ["Anna Schmidt", "Studie"] if number % 2 else ["Peter Schmidt"]
    return " ".join(f"{name} sagte: „Satz {k} in Nummer {number}.“" for k, name in enumerate(names))


def analyse(article: Article, model: str = "cast@1") -> AnalysisResult:
    """What an article alone resolves: each mention to its own cast entity."""
    quotations, entities = [], {}
    for k, found in enumerate(SAID.finditer(article.text)):
        ref = CAST[found.group(1)]
        speaker = Role(found.group(1), ((found.start(1), found.end(1)),), ref)
        quote = Role(found.group(2), ((found.start(2), found.end(2)),))
        quotations.append(
            Quotation(f"q{k}", QuoteType.DIRECT, Medium.SPEECH, quote, speaker=speaker)
        )
        if ref.kind is not EntityKind.ANONYMOUS:
            entity = entities.setdefault(
                ref.id, Entity(ref.id, ref.name, ref.kind.value, gender=ref.gender)
            )
            entity.mentions.append(Mention(speaker.text, speaker.spans))
    return AnalysisResult(article, quotations, list(entities.values()), model)


@dataclass
class CastPipeline:
    """Stands in for zitat.pipeline.Pipeline; ``delay`` seconds per article."""

    delay: float = 0.0
    model_id: str = "cast@1"

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[AnalysisResult]:
        for article in articles:
            time.sleep(self.delay)
            yield analyse(article, self.model_id)


N_ARTICLES = 40
ARTICLES = [Article(f"n{number}", article_text(number)) for number in range(N_ARTICLES)]


def write_inputs(folder: Path, articles: list[Article]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"id": a.id, "text": a.text}, ensure_ascii=False) for a in articles]
    path = folder / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


Snapshot = dict[str, Any]


def snapshot(store: Store) -> Snapshot:
    """Everything a user sees of the speakers: every quotation's entity, every entity page,
    speaker searches and the top speakers."""
    quotations, names = {}, set()
    for result in store.iter_results():
        for q in result.quotations:
            assert q.speaker is not None and q.speaker.entity is not None
            ref = q.speaker.entity
            quotations[(result.document.id, q.id)] = (ref.id, ref.name, ref.kind)
            names.add(q.speaker.text)
    pages = {}
    for ident in sorted({ref[0] for ref in quotations.values()}):
        profile = store.speaker(ident)
        assert profile is not None, ident
        hits = sorted((hit.article_id, hit.quotation.id) for hit in profile.quotations)
        pages[ident] = (profile.entity, profile.aliases, hits)
    searches = {name: store.search(SearchQuery(speaker=name)).total for name in sorted(names)}
    top = [(s.entity_id, s.name, s.quotations) for s in store.stats(top=100).top_speakers]
    assert store.integrity_problems() == []
    return {"quotations": quotations, "pages": pages, "searches": searches, "top": top}


def ingest(db: Path, articles: list[Article]) -> Snapshot:
    with Store.open(db) as store:
        report = ingest_articles(
            store, [write_inputs(db.parent / "in", articles)], pipeline=CastPipeline()
        )
        assert report.failed == []
        return snapshot(store)


@pytest.fixture(scope="module")
def one_run(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    return ingest(tmp_path_factory.mktemp("one") / "corpus.db", ARTICLES)


def test_the_corpus_links_names_as_the_whole_set_allows(one_run: Snapshot) -> None:
    refs = one_run["quotations"]
    by_mention: dict[str, set[tuple[str, str, str]]] = {}
    for article in ARTICLES:
        for k, found in enumerate(SAID.finditer(article.text)):
            by_mention.setdefault(found.group(1), set()).add(refs[(article.id, f"q{k}")])
    # a bare surname (even one the article took for an organisation) joins the only full name
    assert by_mention["Bilalic"] == {("per:nedeljko-bilalic", "Nedeljko Bilalic", "person")}
    assert by_mention["Köhler"] == {("per:horst-koehler", "Horst Köhler", "person")}
    assert by_mention["Medien"] == {("org:medien", "Medien", "organisation")}  # no first name
    assert by_mention["Trump"] == {("per:donald-trump", "Donald J. Trump", "person")}
    # two Clintons: the bare surname is not guessed; Anna and Peter Schmidt stay apart
    assert by_mention["Clinton"] == {("per:clinton", "Clinton", "person")}
    assert by_mention["Hillary Clinton"] == {("per:hillary-clinton", "Hillary Clinton", "person")}
    assert {ref[0] for name in ("Anna Schmidt", "Peter Schmidt") for ref in by_mention[name]} == {
        "per:anna-schmidt",
        "per:peter-schmidt",
    }
    page = one_run["pages"]["per:nedeljko-bilalic"]
    assert "Bilalic" in page[1] and page[0].gender is Gender.MALE
    assert one_run["searches"]["Bilalic"] == len(ARTICLES)


def test_descriptions_never_share_an_id_across_articles(one_run: Snapshot) -> None:
    articles_of: dict[str, set[str]] = {}
    for (article_id, _), (ident, _, kind) in one_run["quotations"].items():
        if kind in ARTICLE_SCOPED_KINDS:
            articles_of.setdefault(ident, set()).add(article_id)
    eyewitnesses = [i for i in articles_of if i.startswith("anon:augenzeugin")]
    assert len(eyewitnesses) == N_ARTICLES  # one per article
    assert {i.split("@")[0] for i in articles_of} == {
        "anon:augenzeugin",
        "grp:demonstranten",
        "doc:studie",
    }
    assert all(len(articles) == 1 for articles in articles_of.values())


def test_two_runs_reversed_and_shuffled_give_the_same_ids(
    one_run: Snapshot, tmp_path: Path
) -> None:
    half = N_ARTICLES // 2
    db = tmp_path / "halves" / "corpus.db"
    db.parent.mkdir()
    ingest(db, ARTICLES[half:])
    assert ingest(db, ARTICLES[:half]) == one_run
    assert ingest(tmp_path / "reversed.db", ARTICLES[::-1]) == one_run
    shuffled = random.Random(15).sample(ARTICLES, len(ARTICLES))
    for start in range(0, N_ARTICLES, 7):  # seven runs of a few articles each
        last = ingest(tmp_path / "shuffled.db", shuffled[start : start + 7])
    assert last == one_run


def test_from_scratch_equals_incremental(one_run: Snapshot, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    ingest(db, ARTICLES)
    with Store.open(db) as store:
        store.relink()
        assert snapshot(store) == one_run


def test_batch_output_loaded_into_a_store_gives_the_same_ids(
    one_run: Snapshot, tmp_path: Path
) -> None:
    output = BatchOutput(tmp_path / "batch")
    output.prepare({"model": "cast@1"})
    figures = dict.fromkeys((f.name for f in fields(PartitionReport)), 0)
    for part in range(2):
        name = f"p{part}"
        output.write_tables(name, [analyse(a) for a in ARTICLES[part::2]])
        output.mark_done(PartitionReport(**{**figures, "name": name, "digest": "d", "worker": "w"}))
    with Store.open(tmp_path / "corpus.db") as store:
        store.add_results(iter_batch_results(tmp_path / "batch"))
        assert snapshot(store) == one_run


def test_a_second_namesake_unlinks_a_surname_and_its_removal_links_it_again(
    tmp_path: Path,
) -> None:
    def clinton_of(store: Store) -> tuple[str, list[str]]:
        hit = store.search(SearchQuery(text="Nummer 1")).hits[0]
        assert hit.quotation.speaker is not None and hit.quotation.speaker.entity is not None
        ident = hit.quotation.speaker.entity.id
        profile = store.speaker("per:hillary-clinton")
        return ident, [] if profile is None else profile.aliases

    bare = analyse(Article("c1", "Clinton sagte: „Satz in Nummer 1.“"))
    hillary = analyse(Article("c2", "Hillary Clinton sagte: „Satz in Nummer 2.“"))
    bill = analyse(Article("c3", "Bill Clinton sagte: „Satz in Nummer 3.“"))
    with Store.open(tmp_path / "corpus.db") as store:
        store.add_results([bare, hillary])
        assert clinton_of(store) == ("per:hillary-clinton", ["Clinton", "Hillary Clinton"])
        assert store.search(SearchQuery(speaker="Hillary")).total == 2
        store.add_result(bill)
        assert clinton_of(store) == ("per:clinton", ["Hillary Clinton"])
        assert store.search(SearchQuery(speaker="Hillary")).total == 1
        assert store.speaker("per:clinton") is not None
        store.add_result(replace(bill, model="cast@2", quotations=[], entities=[]))
        assert clinton_of(store) == ("per:hillary-clinton", ["Clinton", "Hillary Clinton"])
        assert store.speaker("per:clinton") is None and store.speaker("per:bill-clinton") is None
        assert store.integrity_problems() == []


KILLED_INGEST = """
import sys
from test_store_identity import CastPipeline
from zitat.ingest import ingest as ingest_articles
from zitat.store import Store

with Store.open(sys.argv[1]) as store:
    ingest_articles(store, [sys.argv[2]], pipeline=CastPipeline(delay=0.01))
"""


def _stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_an_ingest_killed_and_resumed_gives_the_same_ids(one_run: Snapshot, tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in", ARTICLES)
    db = tmp_path / "corpus.db"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
    }
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_INGEST, str(db), str(inputs)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while _stored_count(db) < N_ARTICLES // 3 and child.poll() is None:
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL and _stored_count(db) < N_ARTICLES
    with Store.open(db) as store:
        ingest_articles(store, [inputs], pipeline=CastPipeline())
        assert snapshot(store) == one_run


def _back_to_schema_1(db: Path) -> None:
    """Make ``db`` look as zitat wrote it before corpus identity: each quotation with the
    entity its article resolved, no links, no counts."""
    with sqlite3.connect(db) as conn:
        for role in ("speaker", "addressee"):
            conn.execute(
                f"UPDATE quotations SET {role}_entity_id = {role}_local_id, "
                f"{role}_name = {role}_local_name, {role}_kind = {role}_local_kind"
            )
            for column in ("id", "name", "kind"):
                conn.execute(f"ALTER TABLE quotations DROP COLUMN {role}_local_{column}")
        for table in ("article_links", "surname_targets", "surname_links", "entity_refs"):
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DROP TABLE store_meta")
        conn.execute("DROP TABLE corrections")
        conn.execute("DROP TABLE entity_aliases")
        conn.execute(
            "CREATE TABLE entity_aliases (entity_id TEXT NOT NULL REFERENCES "
            "entities(entity_id) ON DELETE CASCADE, alias TEXT NOT NULL, "
            "PRIMARY KEY (entity_id, alias)) WITHOUT ROWID"
        )
        conn.execute("PRAGMA user_version = 1")


def test_a_store_of_schema_1_is_relinked_when_opened(one_run: Snapshot, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    ingest(db, ARTICLES)
    _back_to_schema_1(db)
    with sqlite3.connect(db) as conn:  # every eyewitness is one entity there
        anonymous = "SELECT DISTINCT speaker_entity_id FROM quotations WHERE speaker_kind = ?"
        assert conn.execute(anonymous, ("anonymous",)).fetchall() == [("anon:augenzeugin",)]
    with Store.open(db) as store:
        assert snapshot(store) == one_run


def test_eyewitnesses_of_two_analysed_articles_are_two_entities(tmp_path: Path) -> None:
    texts = {
        "w1": "Eine Augenzeugin sagte: „Das Feuer brach am Morgen aus.“",
        "w2": "Eine Augenzeugin sagte: „Die Feuerwehr kam zu spät.“",
    }
    articles = [Article(article_id, text) for article_id, text in texts.items()]
    with Store.open(tmp_path / "corpus.db") as store:
        ingest_articles(
            store,
            [write_inputs(tmp_path / "in", articles)],
            pipeline=Pipeline(PipelineConfig(model="rules")),
        )
        found = {
            hit.article_id: hit.quotation.speaker.entity
            for hit in store.search(SearchQuery(speaker="Augenzeugin")).hits
            if hit.quotation.speaker is not None and hit.quotation.speaker.entity is not None
        }
        assert set(found) == set(texts)
        assert {ref.kind for ref in found.values()} == {EntityKind.ANONYMOUS}
        assert found["w1"].id != found["w2"].id
        for ref in found.values():
            profile = store.speaker(ref.id)
            assert profile is not None and len(profile.quotations) == 1


def test_the_integrity_check_sees_a_quotation_off_its_article_link(tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    with Store.open(db) as store:
        store.add_result(analyse(Article("x", "Clinton sagte: „Satz in Nummer 1.“")))
        assert store.integrity_problems() == []
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE quotations SET speaker_entity_id = 'per:jemand'")
    with Store.open(db, readonly=True) as store:
        assert store.integrity_problems() == [
            "1 quotations whose speaker is not linked as its article's",
            "1 quotations whose speaker entity is missing",
        ]
