"""Decoding a head as one valid BIO sequence (``zitat.model.bio``)."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from zitat.model.bio import best_bio_tags
from zitat.model.labels import NER_LABELS
from zitat.quotations.decode import bio_segments

LABELS = list(NER_LABELS)


def logits_for(*tags: str, margin: float = 2.0) -> np.ndarray:
    """Logits whose argmax is ``tags`` by ``margin``."""
    out = np.zeros((len(tags), len(LABELS)), dtype=np.float32)
    for i, tag in enumerate(tags):
        out[i, LABELS.index(tag)] = margin
    return out


def test_a_valid_argmax_sequence_is_kept() -> None:
    tags = ("O", "B-PER", "I-PER", "O", "B-ORG", "B-LOC", "I-LOC")
    assert best_bio_tags(logits_for(*tags), LABELS) == list(tags)


def test_an_inside_tag_after_outside_becomes_a_whole_entity() -> None:
    """Argmax "O I-ORG I-ORG" is no entity at all; the valid sequence keeps the words'
    evidence for ORG: the first of them begins it (or, when "O" is far more likely, none)."""
    logits = logits_for("O", "I-ORG", "I-ORG")
    logits[1, LABELS.index("B-ORG")] = 1.5
    assert best_bio_tags(logits, LABELS) == ["O", "B-ORG", "I-ORG"]


def test_an_inside_tag_of_another_kind_does_not_continue_an_entity() -> None:
    logits = logits_for("B-PER", "I-ORG")
    logits[1, LABELS.index("I-PER")] = 1.8
    assert best_bio_tags(logits, LABELS) == ["B-PER", "I-PER"]


def test_an_organisation_does_not_directly_follow_another() -> None:
    """Argmax "B-ORG B-ORG I-ORG" ("Internet | Watch Foundation") is one organisation: of
    the 496 ORG, 763 LOC and 269 MISC entities of GermEval 2014 dev, three follow one of
    their own type directly."""
    logits = logits_for("O", "B-ORG", "B-ORG", "I-ORG")
    logits[2, LABELS.index("I-ORG")] = 1.5
    assert best_bio_tags(logits, LABELS) == ["O", "B-ORG", "I-ORG", "I-ORG"]


def test_two_people_may_stand_side_by_side() -> None:
    """ "hat Mayer Doskozil geklagt": two surnames are two people (the resolver splits a
    person mention that ends two full names; GermEval dev has 3 such pairs of 711 PER)."""
    tags = ("B-PER", "B-PER", "O")
    assert best_bio_tags(logits_for(*tags), LABELS) == list(tags)


def test_no_words_no_tags() -> None:
    assert best_bio_tags(np.zeros((0, len(LABELS)), dtype=np.float32), LABELS) == []


@settings(max_examples=60, deadline=None)
@given(
    arrays(
        np.float32,
        st.tuples(st.integers(1, 12), st.just(len(LABELS))),
        elements=st.floats(-5, 5, width=32),
    )
)
def test_every_decoded_sequence_is_valid_bio(logits: np.ndarray) -> None:
    tags = best_bio_tags(logits, LABELS)
    assert len(tags) == len(logits) and not tags[0].startswith("I-")
    for before, tag in pairwise(tags):
        if tag.startswith("I-"):
            assert before in (f"B-{tag[2:]}", tag)
        if tag.startswith("B-") and tag != "B-PER":
            assert before[2:] != tag[2:]
    # every run starts with its B tag, so the segments read the same either way
    assert all(prefix == "B" for prefix, _, _ in bio_segments(tags))
