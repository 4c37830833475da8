"""Combine two models' quotations: the tagger leads, the rules fill what it left empty.

The tagger is better at finding quotations and their extent; the rules model is precise on
roles it can read off the syntax (a speech verb and its subject, the dative addressee). A
tagger quotation keeps every role it has; an empty role is taken from the rules quotation
whose quote overlaps it most. Rules quotations of the given forms that overlap no tagger
quotation at all are added.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection

from zitat.schema import ROLE_NAMES, Quotation, Role

MIN_OVERLAP = 0.5
"""Share of the shorter quote that two quotations must have in common to be the same."""


def _chars(role: Role) -> set[int]:
    return {i for s, e in role.spans for i in range(s, e)}


def _overlap(a: set[int], b: set[int]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


class _SpanIndex:
    """Which of some character sets may meet a span: each set is filed under the blocks of
    ``_BLOCK`` characters it touches, so that a look-up reads only its neighbours and
    combining stays linear in the length of a text."""

    def __init__(self, sets: list[set[int]]) -> None:
        self._blocks: dict[int, list[int]] = {}
        for k, chars in enumerate(sets):
            for block in sorted({c // _BLOCK for c in chars}):
                self._blocks.setdefault(block, []).append(k)

    def near(self, chars: set[int]) -> list[int]:
        """Indices of the sets that may share a character with ``chars``, in order."""
        found = {k for block in {c // _BLOCK for c in chars} for k in self._blocks.get(block, ())}
        return sorted(found)


_BLOCK = 1000


def renumber(quotations: list[Quotation]) -> list[Quotation]:
    """Ids q1, q2, … in text order (outer before nested), with ``nested_in`` remapped."""
    ordered = sorted(quotations, key=lambda q: (q.quote.spans[0][0], q.nested_in is not None))
    new_ids = {q.id: f"q{n}" for n, q in enumerate(ordered, 1)}
    return [
        dataclasses.replace(
            q, id=new_ids[q.id], nested_in=new_ids.get(q.nested_in) if q.nested_in else None
        )
        for q in ordered
    ]


def outside(quotations: list[Quotation], containers: list[Quotation]) -> list[Quotation]:
    """``quotations`` less the outer ones whose quote lies wholly inside a container's."""
    if not containers:
        return quotations
    sets = [_chars(c.quote) for c in containers]
    index = _SpanIndex(sets)
    kept = []
    for q in quotations:
        chars = _chars(q.quote)
        if q.nested_in is not None or not any(chars <= sets[k] for k in index.near(chars)):
            kept.append(q)
    return kept


def fill_roles(
    primary: list[Quotation],
    secondary: list[Quotation],
    *,
    add_forms: Collection[str] = (),
) -> list[Quotation]:
    """``primary`` with empty roles filled from ``secondary``, plus unmatched ``add_forms``."""
    secondary_chars = [_chars(s.quote) for s in secondary]
    secondary_index = _SpanIndex(secondary_chars)
    out: list[Quotation] = []
    taken: set[int] = set()
    for q in primary:
        mine = _chars(q.quote)
        best = max(
            secondary_index.near(mine),
            key=lambda k: _overlap(mine, secondary_chars[k]),
            default=None,
        )
        if best is not None and _overlap(mine, secondary_chars[best]) >= MIN_OVERLAP:
            taken.add(best)
            donor = secondary[best]
            filled = {
                role: getattr(donor, role)
                for role in ROLE_NAMES
                if getattr(q, role) is None and getattr(donor, role) is not None
            }
            q = dataclasses.replace(q, **filled)
        out.append(q)
    primary_chars = [_chars(q.quote) for q in out]
    primary_index = _SpanIndex(primary_chars)
    for k, s in enumerate(secondary):
        if k in taken or s.type.value not in add_forms or s.nested_in is not None:
            continue
        near = primary_index.near(secondary_chars[k])
        if not any(secondary_chars[k] & primary_chars[j] for j in near):
            out.append(dataclasses.replace(s, id=f"added-{k}"))
    return renumber(out)
