"""Reference resolution: the earlier entity a pronoun or demonstrative points to.

Candidates are earlier speakers, entity mentions and unnamed descriptions; they are ranked
by gender agreement, salience (earlier speakers and sentence-initial subjects weigh more,
mentions inside prepositional phrases less) and distance in sentences. Every look-up stays
within ``HORIZON`` characters, so that resolution is linear in the length of a text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from zitat.schema import EntityKind, EntityRef, Gender

HORIZON = 50_000
"""How far (in characters) the resolver looks back or ahead for antecedents, role holders and
full names: longer than any news article, and what keeps resolution linear in the length of
a text that joins many articles."""
WINDOW = 4
"""Sentences back within which a pronoun looks for its antecedent first."""
_EXACT_GENDER, _SPEAKER_BONUS, _SUBJECT_BONUS, _OBLIQUE_PENALTY = 2.0, 1.5, 0.5, 1.0
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible antecedent."""

    position: int
    ref: EntityRef
    sentence: int
    was_speaker: bool
    subject: bool = True
    oblique: bool = False
    """Inside a prepositional or genitive phrase ("unter Robert Mugabe"): rarely the
    antecedent of a subject pronoun."""


def compatible(ref: EntityRef, gender: Gender, plural_ok: bool) -> bool:
    """Whether a pronoun of ``gender`` (``plural_ok``: it may be plural) can point to ``ref``."""
    if ref.kind is EntityKind.DOCUMENT:
        return False  # "er"/"sie" are people or institutions; "diesem" may be a document
    if ref.kind in (EntityKind.ORGANISATION, EntityKind.GROUP):
        return plural_ok
    return ref.gender is Gender.UNKNOWN or gender is Gender.UNKNOWN or ref.gender is gender


def choose(
    candidates: Iterable[Candidate],
    sentence: int,
    gender: Gender,
    plural_ok: bool,
    any_kind: bool = False,
    nearest: bool = False,
) -> EntityRef | None:
    """The best of ``candidates`` (nearest first) for a pronoun in ``sentence``; beyond
    ``WINDOW`` sentences only the nearest fitting one. ``nearest``: salience does not count
    (demonstratives)."""
    best: tuple[float, Candidate] | None = None
    fallback: Candidate | None = None
    for cand in candidates:
        if not (any_kind or compatible(cand.ref, gender, plural_ok)):
            continue
        fallback = fallback or cand
        distance = sentence - cand.sentence
        if distance > WINDOW:
            break
        score = (
            (_EXACT_GENDER if gender is not Gender.UNKNOWN and cand.ref.gender is gender else 0.0)
            + (_SPEAKER_BONUS if cand.was_speaker and not nearest else 0.0)
            + (_SUBJECT_BONUS if cand.subject and not nearest else 0.0)
            - (_OBLIQUE_PENALTY if cand.oblique else 0.0)
            - distance
        )
        if best is None or score > best[0]:
            best = (score, cand)
    chosen = best[1] if best else fallback
    return chosen.ref if chosen else None


def within(items: list[tuple[int, _T]], position: int) -> list[tuple[int, _T]]:
    """The items of a position-sorted list within ``HORIZON`` of ``position``."""
    low = bisect.bisect_left(items, position - HORIZON, key=lambda item: item[0])
    high = bisect.bisect_right(items, position + HORIZON, key=lambda item: item[0])
    return items[low:high]


def nearest_first(
    speakers: list[Candidate], mentions: list[Candidate], position: int
) -> Iterator[Candidate]:
    """Candidates of two position-sorted lists before ``position``, nearest first (a speaker
    before a mention at the same place), back to ``HORIZON`` characters."""
    i = bisect.bisect_left(speakers, position, key=lambda c: c.position) - 1
    j = bisect.bisect_left(mentions, position, key=lambda c: c.position) - 1
    limit = position - HORIZON
    while i >= 0 or j >= 0:
        take_speaker = j < 0 or (i >= 0 and speakers[i].position >= mentions[j].position)
        cand = speakers[i] if take_speaker else mentions[j]
        if cand.position < limit:
            return
        yield cand
        if take_speaker:
            i -= 1
        else:
            j -= 1
