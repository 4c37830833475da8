"""Researchers' corrections of corpus entities: stored, audited, re-applied on every write."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cli_support import Runner, cli_runner
from test_store_identity import ARTICLES, CastPipeline, write_inputs
from zitat.errors import StoreError
from zitat.ingest import ingest
from zitat.store import SearchQuery, Store

HALF = len(ARTICLES) // 2


def _ingest(store: Store, articles: list[Any], model: str = "cast@1") -> None:
    folder = store.path.parent / f"in-{model}-{articles[0].id}"
    report = ingest(store, [write_inputs(folder, articles)], pipeline=CastPipeline(model_id=model))
    assert report.failed == []


def _view(store: Store) -> dict[str, Any]:
    """Every quotation's speaker entity and name, and every entity row."""
    speakers = {
        (r.document.id, q.quote.spans[0][0]): (
            None if q.speaker is None or q.speaker.entity is None else q.speaker.entity.id,
            None if q.speaker is None or q.speaker.entity is None else q.speaker.entity.name,
        )
        for r in store.iter_results()
        for q in r.quotations
    }
    entities = {}
    for ident in sorted({s[0] for s in speakers.values() if s[0]}):
        profile = store.speaker(ident)
        assert profile is not None, ident
        entities[ident] = (profile.entity.name, len(profile.quotations))
    assert store.integrity_problems() == []
    return {"speakers": speakers, "entities": entities}


def _quotation_of(store: Store, article_id: str, speaker: str) -> str:
    result = store.get_article(article_id)
    assert result is not None
    return next(
        q.id for q in result.quotations if q.speaker is not None and q.speaker.text == speaker
    )


def _correct(store: Store) -> None:
    """A merge, a rename, a split and a rejection, by two researchers."""
    store.correct(
        "merge", author="ana", entity_id="per:anna-schmidt", target_id="per:peter-schmidt"
    )
    store.correct("rename", author="ana", entity_id="per:peter-schmidt", name="Die Schmidts")
    for action, speaker in (("split", "Köhler"), ("reject", "Bilalic")):
        quotation = _quotation_of(store, "n2", speaker)
        store.correct(action, author="ben", article_id="n2", quotation_id=quotation)


def _corrected(path: Path) -> dict[str, Any]:
    with Store.open(path) as store:
        _ingest(store, ARTICLES)
        _correct(store)
        return _view(store)


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _corrected(tmp_path_factory.mktemp("cur") / "corpus.db")


def test_corrections_change_the_corpus_entities(corrected: dict[str, Any]) -> None:
    speakers, entities = corrected["speakers"], corrected["entities"]
    assert "per:anna-schmidt" not in entities
    assert entities["per:peter-schmidt"][0] == "Die Schmidts"
    names = {s for s in speakers.values() if s[0] == "per:peter-schmidt"}
    assert names == {("per:peter-schmidt", "Die Schmidts")}
    n2 = {start: s for (article, start), s in speakers.items() if article == "n2"}
    split = [
        s
        for s in n2.values()
        if s[0] is not None and s[0].startswith("split:") and s[0].endswith("@n2")
    ]
    assert split == [(split[0][0], "Köhler")]  # no longer linked to Horst Köhler
    assert sum(1 for s in n2.values() if s[0] is None) == 1
    # the bare surname elsewhere still links to the full name
    assert entities["per:nedeljko-bilalic"][1] == len(ARTICLES) - 1


def test_corrections_survive_reingest_reanalysis_and_relink(
    corrected: dict[str, Any], tmp_path: Path
) -> None:
    with Store.open(tmp_path / "c.db") as store:
        _ingest(store, ARTICLES[HALF:])
        _ingest(store, ARTICLES[:HALF])
        _correct(store)
        _ingest(store, ARTICLES[::-1], model="cast@2")  # every article analysed anew
        assert _view(store) == corrected
        store.relink()
        assert _view(store) == corrected


def test_corrections_made_before_the_articles_arrive_give_the_same_corpus(
    corrected: dict[str, Any], tmp_path: Path
) -> None:
    with Store.open(tmp_path / "c.db") as store:
        first = {"n2", "n7"}  # both Schmidts
        _ingest(store, [a for a in ARTICLES if a.id in first])
        _correct(store)
        _ingest(store, [a for a in ARTICLES[::-1] if a.id not in first])
        assert _view(store) == corrected


def test_the_audit_log_says_who_did_what_when(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        _ingest(store, ARTICLES[:8])
        _correct(store)
        log = store.corrections()
    assert [(c.action, c.author) for c in log] == [
        ("merge", "ana"),
        ("rename", "ana"),
        ("split", "ben"),
        ("reject", "ben"),
    ]
    assert all(c.created_at.endswith("+00:00") for c in log)
    assert log[2].target_id is not None and log[2].target_id.startswith("split:")
    assert log[2].target_id.endswith("@n2")
    assert log[3].entity_id == "per:nedeljko-bilalic" and log[3].quote_start is not None


def test_exports_carry_the_corrected_ids(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        _ingest(store, ARTICLES[:8])
        _correct(store)
        store.export(tmp_path / "out.jsonl")
        profile = store.speaker("per:peter-schmidt")
        assert profile is not None and len(profile.quotations) >= 2
        assert store.search(SearchQuery(speaker="Schmidts")).total == len(profile.quotations)
    ids = {
        q["speaker"]["entity"]["id"]
        for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
        for q in json.loads(line)["quotations"]
        if q["speaker"] and q["speaker"].get("entity")
    }
    assert "per:peter-schmidt" in ids and "per:anna-schmidt" not in ids


@pytest.mark.parametrize(
    ("action", "what", "message"),
    [
        ("rename", {"entity_id": "per:nobody", "name": "X"}, "no entity 'per:nobody'"),
        ("rename", {"entity_id": "per:peter-schmidt", "name": " "}, "must not be blank"),
        ("merge", {"entity_id": "per:peter-schmidt"}, "needs target_id"),
        ("merge", {"entity_id": "per:peter-schmidt", "target_id": "per:peter-schmidt"}, "itself"),
        ("split", {"article_id": "n2", "quotation_id": "q99"}, "no such quotation"),
        ("undo", {}, "unknown correction 'undo'"),
    ],
)
def test_bad_corrections_are_refused_and_nothing_is_stored(
    tmp_path: Path, action: str, what: dict[str, str], message: str
) -> None:
    with Store.open(tmp_path / "c.db") as store:
        _ingest(store, ARTICLES[:4])
        with pytest.raises(StoreError, match=message):
            store.correct(action, author="ana", **what)
        assert store.corrections() == []


@pytest.fixture
def zitat(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Runner:
    return cli_runner(monkeypatch, capsys, "entities")


def test_the_cli_corrects_logs_and_refuses_in_one_line(zitat: Runner, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store.open(db) as store:
        _ingest(store, ARTICLES[:8])
        quotation = _quotation_of(store, "n2", "Köhler")
    merged = zitat("merge", "per:anna-schmidt", "per:peter-schmidt", "--db", db, "--author", "ana")
    assert merged.code == 0 and "per:anna-schmidt merged into per:peter-schmidt" in merged.out
    assert zitat("rename", "per:peter-schmidt", "Die Schmidts", "--db", db).code == 0
    split = zitat("split", "n2", quotation, "--db", db, "--note", "another Köhler")
    assert split.code == 0 and "split off as split:" in split.out
    bad = zitat("reject", "n2", "q99", "--db", db)
    assert bad.code != 0 and bad.err.count("\n") == 1 and "no such quotation" in bad.err
    log = [json.loads(line) for line in zitat("log", "--db", db, "--json").out.splitlines()]
    assert [(c["action"], c["author"] == "ana") for c in log] == [
        ("merge", True),
        ("rename", False),
        ("split", False),
    ]
    assert log[2]["note"] == "another Köhler" and log[1]["author"]  # the login name
    assert "Die Schmidts" in zitat("log", "--db", db).out
    with Store.open(db, readonly=True) as store:
        profile = store.speaker("per:peter-schmidt")
        assert profile is not None and profile.entity.name == "Die Schmidts"
        assert len(profile.quotations) == 2
