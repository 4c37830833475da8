"""Scoring speaker entities and time anchors; the annotated dev articles as a regression test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from zitat.schema import EntityKind, EntityRef
from zitat.speakers import scoring
from zitat.speakers.time import TimeExpression

ROOT = Path(__file__).resolve().parents[1]
ANNOTATIONS = ROOT / "data" / "annotations"


def gold(kind: str, name: str) -> scoring.GoldSpeaker:
    return scoring.GoldSpeaker("doc", "0", (0, 5), kind, name)


def test_names_match_up_to_articles_inflection_and_quantifiers() -> None:
    assert scoring.normalise_name("einem achtseitigen Bericht") == scoring.normalise_name(
        "achtseitiger Bericht"
    )
    assert scoring.normalise_name("Beobachtern") == scoring.normalise_name("Beobachter")
    assert scoring.normalise_name("Polizeisprecher (anonym)") == ("polizeisprech",)
    assert scoring.normalise_name("Bill Clinton") != scoring.normalise_name("Hillary Clinton")


def test_kind_and_name_must_both_match() -> None:
    ref = EntityRef("per:angela-merkel", "Angela Merkel", EntityKind.PERSON)
    assert scoring.is_correct(gold("person", "Angela Merkel"), ref)
    assert not scoring.is_correct(gold("organisation", "Angela Merkel"), ref)
    assert not scoring.is_correct(gold("person", "Merkel"), ref)
    assert not scoring.is_correct(gold("person", "Angela Merkel"), None)


def test_mention_categories() -> None:
    assert scoring.category("Sie", gold("person", "Angela Merkel")) == "pronoun"
    assert scoring.category("nach seiner Ansicht", gold("person", "Olaf Scholz")) == "pronoun"
    assert scoring.category("Kanzlerin Merkel", gold("person", "Angela Merkel")) == "named"
    assert scoring.category("Der Staatsanwalt", gold("anonymous", "Staatsanwalt")) == "role noun"
    assert scoring.category("einem Bericht", gold("document", "Bericht")) == "other"


def test_time_is_right_only_for_the_annotated_date_or_range() -> None:
    span = scoring.GoldTime("doc", (10, 20), "2024-03-10", None, None)
    assert scoring.time_correct(span, [TimeExpression(8, 20, "am Sonntag", "2024-03-10")]) == (
        True,
        True,
    )
    assert scoring.time_correct(span, [TimeExpression(8, 20, "am Sonntag", "2024-03-17")]) == (
        True,
        False,
    )
    assert scoring.time_correct(span, [TimeExpression(30, 40, "gestern", "2024-03-10")]) == (
        False,
        False,
    )


def test_annotation_files_are_ids_offsets_and_labels_only() -> None:
    speakers = scoring.read_speakers(ANNOTATIONS / "speakers_dev.tsv")
    times = scoring.read_times(ANNOTATIONS / "time_dev.tsv")
    assert len({g.document for g in speakers}) >= 45 and len(times) >= 100
    assert {g.kind for g in speakers} <= {*EntityKind, scoring.UNRESOLVABLE}
    assert all(g.span is None or g.span[0] < g.span[1] for g in speakers)


@pytest.mark.shared_data
@pytest.mark.slow
def test_annotated_dev_articles_meet_the_bars(quotation_dev: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from evaluate_speakers import CORPUS_SETS, corpus_set, evaluate_set

    from zitat.formats.corpus_json import iter_corpus

    by_name = {doc["documentName"]: doc for _, doc in iter_corpus(quotation_dev)}
    for name, label in CORPUS_SETS:
        result = evaluate_set(label, corpus_set(name, ANNOTATIONS, by_name), models=())
        assert (result.gold_span.accuracy() or 0) >= 0.90, label
        assert (result.gold_span.accuracy("pronoun") or 0) >= 0.80, label
        assert result.times is not None
        annotated, _, right = result.times
        assert right / annotated >= 0.90, label
