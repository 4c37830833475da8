from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from zitat.errors import InputError
from zitat.evaluation.metric import (
    PRF,
    Counts,
    ScoredQuotation,
    evaluate,
    pair_quotations,
    speaker_found,
    speaker_outcomes,
    token_f1,
)
from zitat.formats.corpus_json import gold_quotations, iter_corpus, predicted_document


def annotation(
    quote: list[int], kind: str = "Direct", medium: str = "Speech", **roles: list[int]
) -> dict[str, Any]:
    parts = {"quote": quote, **roles}
    return {
        **{name: {"tokenIds": ids} for name, ids in parts.items()},
        "type": kind,
        "medium": medium,
    }


def doc(name: str, *annotations: dict[str, Any]) -> dict[str, Any]:
    return {"documentName": name, "annotations": list(annotations)}


def scored(quote: list[int], kind: str = "Direct", medium: str = "Speech") -> ScoredQuotation:
    return ScoredQuotation.from_annotation(annotation(quote, kind, medium))


def test_token_ids_are_sorted_and_deduplicated() -> None:
    q = ScoredQuotation.from_annotation(annotation([5, 3, 5, 4], speaker=[9, 9]))
    assert q.tokens["quote"] == (3, 4, 5)
    assert q.tokens["speaker"] == (9,)
    assert q.tokens["addressee"] == ()


def test_token_f1() -> None:
    assert token_f1([1, 2, 3, 4], [3, 4, 5]) == pytest.approx(2 * 2 / (4 + 3))
    assert token_f1([1], [2]) == 0.0
    assert token_f1([], []) == 0.0


def test_pairing_maximises_total_overlap_not_greedy_order() -> None:
    gold = [scored([1, 2, 3, 4, 5]), scored([10, 11, 12, 13, 14, 15])]
    pred = [scored([10, 11, 12, 13, 14]), scored([1, 2, 3, 4])]
    assert sorted(pair_quotations(gold, pred), key=str) == [(0, 1), (1, 0)]


def test_pairing_prefers_a_greater_sum_over_one_best_match() -> None:
    # greedy would give gold 0 its best match (pred 0) and leave gold 1 with nothing
    gold = [scored([1, 2, 3, 4]), scored([3, 4])]
    pred = [scored([2, 3, 4]), scored([1, 2])]
    pairs = dict(pair_quotations(gold, pred))
    assert pairs == {0: 1, 1: 0}


@pytest.mark.parametrize(
    ("candidates", "winner"),
    [
        ([("Indirect", "Speech"), ("Direct", "Writing")], 1),  # same type beats same medium
        ([("Direct", "Writing"), ("Direct", "Speech")], 1),  # then same medium
        ([("Reported", "Speech"), ("Direct", "Speech")], 1),
    ],
)
def test_ties_are_broken_by_type_then_medium(
    candidates: list[tuple[str, str]], winner: int
) -> None:
    gold = [scored([1, 2, 3], "Direct", "Speech")]
    pred = [scored([1, 2, 3], kind, medium) for kind, medium in candidates]
    assert pair_quotations(gold, pred)[0] == (0, winner)


def test_no_bonus_without_overlap() -> None:
    # neither prediction overlaps: both weights are 0 (not 0.011 for the same labels), so the
    # solver keeps the first column, as the published scorer's does
    gold = [scored([1, 2], "Direct", "Speech")]
    pred = [scored([10], "Reported", "Writing"), scored([20], "Direct", "Speech")]
    assert pair_quotations(gold, pred)[0] == (0, 0)


def test_zero_score_pairs_are_still_pairs_and_only_the_surplus_stays_unpaired() -> None:
    gold_doc = doc("d", annotation([1, 2, 3]), annotation([8, 9]))
    pred_doc = doc("d", annotation([20, 21]))
    result = evaluate([gold_doc], [pred_doc])
    counts = result.counts()
    assert (counts["pairs"], counts["unpaired_gold"], counts["unpaired_predicted"]) == (1, 1, 0)
    assert result.as_dict()["per_role"]["quote"] | {"precision": 0, "recall": 0, "f1": 0} == {
        "precision": 0,
        "recall": 0,
        "f1": 0,
        "tp": 0,
        "fp": 2,
        "fn": 5,
    }


def test_unpaired_prediction_lowers_precision_but_not_recall() -> None:
    gold_doc = doc("d", annotation([1, 2, 3], cue=[4]))
    pred_doc = doc("d", annotation([1, 2, 3], cue=[4]), annotation([7, 8, 9], cue=[6]))
    headline = evaluate([gold_doc], [pred_doc]).headline()
    assert headline["messages"].precision == pytest.approx(0.5)
    assert headline["messages"].recall == pytest.approx(1.0)
    assert headline["messages"].f1 == pytest.approx(2 / 3)
    assert headline["roles"] == PRF.of(0.5, 1.0)
    # the extra prediction's type and medium are false positives, nothing is missed
    assert headline["form"] == PRF.of(0.5, 1.0)
    assert headline["stwr"] == PRF.of(0.5, 1.0)


def test_macro_leaves_out_undefined_values_per_pair_and_role() -> None:
    gold_doc = doc("d", annotation([1, 2, 3, 4], speaker=[6], cue=[7]))
    pred_doc = doc("d", annotation([2, 3, 4, 5], cue=[7], frame=[8]))
    headline = evaluate([gold_doc], [pred_doc]).headline()
    # quote P=R=.75; speaker P undefined, R 0; cue P=R=1; frame P 0, R undefined;
    # addressee empty on both sides: no value at all
    assert headline["messages"] == PRF.of(0.75, 0.75)
    assert headline["roles"].precision == pytest.approx(0.5)
    assert headline["roles"].recall == pytest.approx(0.5)
    assert headline["joint"].precision == pytest.approx((0.75 + 1 + 0) / 3)
    assert headline["joint"].recall == pytest.approx((0.75 + 0 + 1) / 3)


def test_form_and_stwr_are_micro_over_pairs() -> None:
    gold_doc = doc(
        "d",
        annotation([1, 2], "Direct", "Speech"),
        annotation([5, 6], "Indirect", "Writing"),
        annotation([9], "Reported", "Speech"),
    )
    pred_doc = doc(
        "d", annotation([1, 2], "Direct", "Writing"), annotation([5, 6], "Reported", "Writing")
    )
    headline = evaluate([gold_doc], [pred_doc]).headline()
    # type: 1 TP, 1 FP (Reported), 2 FN (Indirect, unpaired Reported)
    assert headline["form"] == PRF.of(1 / 2, 1 / 3)
    # medium: 1 TP, 1 FP, 2 FN
    assert headline["stwr"] == PRF.of(1 / 2, 1 / 3)


def test_missing_documents_count_as_false_negatives_and_extra_ones_are_ignored() -> None:
    gold = [doc("a", annotation([1, 2])), doc("b", annotation([3, 4]))]
    pred = [doc("a", annotation([1, 2])), doc("c", annotation([9]))]
    result = evaluate(gold, pred)
    assert result.missing_documents == ["b"]
    assert result.extra_documents == ["c"]
    headline = result.headline()
    assert headline["messages"] == PRF.of(1.0, 0.5)
    assert result.counts()["predicted_quotations"] == 1


def test_per_type_groups_pairs_by_gold_type() -> None:
    gold_doc = doc("d", annotation([1, 2], "Direct"), annotation([5, 6], "Indirect"))
    pred_doc = doc("d", annotation([1, 2], "Indirect"), annotation([9], "Reported"))
    per_type = evaluate([gold_doc], [pred_doc]).per_type()
    assert per_type["Direct"]["messages"] == PRF.of(1.0, 1.0)
    assert per_type["Indirect"]["messages"] == PRF.of(0.0, 0.0)
    assert set(per_type) == {"Direct", "Indirect"}


def test_duplicate_document_names_are_rejected() -> None:
    with pytest.raises(InputError, match="appears twice"):
        evaluate([doc("a"), doc("a")], [])


@pytest.mark.parametrize(
    "broken", [{"quote": {"tokenIds": [1, "x"]}}, {"quote": "1 2"}, "not an annotation"]
)
def test_malformed_predictions_are_input_errors(broken: Any) -> None:
    with pytest.raises(InputError, match="malformed annotations in 'd'"):
        evaluate([doc("d", annotation([1]))], [doc("d", broken)])


def test_counts_add_up() -> None:
    assert Counts(1, 2, 3) + Counts(1, 0, 1) == Counts(2, 2, 4)
    assert Counts().precision is None and Counts().recall is None


def _all_ones(result: dict[str, Any]) -> None:
    for name, prf in result["headline"].items():
        assert prf == {"precision": 1.0, "recall": 1.0, "f1": 1.0}, name
    for name, scores in result["per_type"].items():
        for group, prf in scores.items():
            assert prf == {"precision": 1.0, "recall": 1.0, "f1": 1.0}, (name, group)


def test_gold_against_itself_scores_one_everywhere_on_dev(quotation_dev: Path) -> None:
    gold = [d for _, d in iter_corpus(quotation_dev)]
    result = evaluate(gold, gold).as_dict()
    _all_ones(result)
    for role, scores in result["per_role"].items():
        assert (scores["f1"], scores["fp"], scores["fn"]) == (1.0, 0, 0), role
    assert result["counts"]["gold_quotations"] == result["counts"]["pairs"] > 600
    # the same after a trip through zitat quotations and back into the corpus format
    _all_ones(evaluate(gold, [predicted_document(d, gold_quotations(d)) for d in gold]).as_dict())


def test_speaker_found_counts_direct_quotes_whose_paired_speaker_overlaps() -> None:
    gold_doc = doc(
        "d",
        annotation([1, 2, 3], "Direct", speaker=[10, 11]),
        annotation([5, 6], "Direct", speaker=[12]),
        annotation([20, 21], "Direct"),  # no gold speaker: not counted
        annotation([30], "Indirect", speaker=[31]),  # not Direct
        annotation([40, 41], "Direct", speaker=[42]),  # unpaired: not found
    )
    pred_doc = doc(
        "d",
        annotation([1, 2, 3], "Direct", speaker=[11]),
        annotation([5, 6], "Direct", speaker=[13]),
        annotation([20, 21], "Direct", speaker=[22]),
        annotation([30], "Indirect", speaker=[31]),
    )
    assert speaker_found(evaluate([gold_doc], [pred_doc])) == (1, 3)


def test_speaker_outcomes_say_why_a_direct_speaker_was_not_found() -> None:
    gold_doc = doc(
        "d",
        annotation([1, 2, 3], "Direct", speaker=[10, 11]),
        annotation([5, 6], "Direct", speaker=[12]),
        annotation([7, 8], "Direct", speaker=[14]),
        annotation([40, 41], "Direct", speaker=[42]),
    )
    pred_doc = doc(
        "d",
        annotation([1, 2, 3], "Direct", speaker=[11]),
        annotation([5, 6], "Direct", speaker=[13]),
        annotation([7, 8], "Direct"),
    )
    assert speaker_outcomes(evaluate([gold_doc], [pred_doc])) == {
        ("d", 0): "found",
        ("d", 1): "other speaker",
        ("d", 2): "no speaker",
        ("d", 3): "quotation missed",
    }
