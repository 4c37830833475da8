"""Scoring speaker entities and time anchors against the hand annotations in data/annotations.

``speakers_dev.tsv``: one row per quotation (document, quotation id, gold speaker span,
kind, name; kind ``-`` when no speaker can be resolved). ``time_dev.tsv``: one row per time
expression (document, span, date or range). The guideline is docs/speakers.md.

A predicted speaker is right when its kind is the gold kind and its name equals the gold
name up to case, articles, quantifiers, conjunctions, punctuation and German inflection endings
("einem achtseitigen Bericht" = "achtseitiger Bericht").
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from zitat.errors import InputError
from zitat.lang.de.words import (
    BACK_REFERENCES,
    DEFINITE,
    DEMONSTRATIVE_GENDER,
    DEMONSTRATIVES,
    INDEFINITE,
    POSSESSIVE_GENDER,
    PRONOUN_GENDER,
    SPEAKER_PREPOSITIONS,
)
from zitat.schema import EntityRef, Quotation, Span
from zitat.speakers.phrases import ANONYMOUS_SUFFIX
from zitat.speakers.roles import noun_info
from zitat.speakers.time import TimeExpression

UNRESOLVABLE = "-"
CATEGORIES: tuple[str, ...] = ("pronoun", "named", "role noun", "other")
_FUNCTION_WORDS = (
    DEFINITE
    | INDEFINITE
    | frozenset(
        "und sowie sowohl als auch oder von vom einige mehrere viele alle beide andere "
        "manche".split()
    )
)
"""Words a gold and a predicted name may differ in."""
_ENDINGS = ("en", "em", "er", "es", "e", "n", "s")


@dataclass(frozen=True, slots=True)
class GoldSpeaker:
    document: str
    quotation: str
    span: Span | None
    kind: str
    name: str

    @property
    def resolvable(self) -> bool:
        return self.kind != UNRESOLVABLE and self.span is not None


@dataclass(frozen=True, slots=True)
class GoldTime:
    document: str
    span: Span
    date: str | None
    start: str | None
    end: str | None


def _read_tsv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle, delimiter="\t"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read annotations ({exc})") from exc


def read_speakers(path: Path) -> list[GoldSpeaker]:
    return [
        GoldSpeaker(
            row["document"],
            row["quotation"],
            (int(row["speaker_start"]), int(row["speaker_end"])) if row["speaker_start"] else None,
            row["kind"],
            row["name"],
        )
        for row in _read_tsv(path)
    ]


def read_times(path: Path) -> list[GoldTime]:
    return [
        GoldTime(
            row["document"],
            (int(row["start"]), int(row["end"])),
            row["date"] or None,
            row["range_start"] or None,
            row["range_end"] or None,
        )
        for row in _read_tsv(path)
    ]


def _stem(word: str) -> str:
    """Strip up to two inflection endings: "Beobachtern" and "Beobachter" meet."""
    for _ in range(2):
        for ending in _ENDINGS:
            if len(word) > 4 and word.endswith(ending):
                word = word[: -len(ending)]
                break
    return word


def normalise_name(name: str) -> tuple[str, ...]:
    """Comparable form of an entity name (see the module docstring)."""
    words = re.findall(r"\w+", name.removesuffix(ANONYMOUS_SUFFIX).lower())
    return tuple(_stem(w) for w in words if w not in _FUNCTION_WORDS)


def is_correct(gold: GoldSpeaker, predicted: EntityRef | None) -> bool:
    return (
        predicted is not None
        and predicted.kind.value == gold.kind
        and normalise_name(predicted.name) == normalise_name(gold.name)
    )


def category(mention: str, gold: GoldSpeaker) -> str:
    """pronoun, named (the gold name is in the mention), role noun, or other."""
    words = re.findall(r"\w+", mention)
    lower = [w.lower() for w in words]
    while lower and lower[0] in SPEAKER_PREPOSITIONS:
        lower = lower[1:]
    first = lower[0] if lower else ""
    if (
        first in PRONOUN_GENDER
        or first in BACK_REFERENCES
        or first in DEMONSTRATIVES
        or first in POSSESSIVE_GENDER
        or (len(lower) == 1 and first in DEMONSTRATIVE_GENDER)
    ):
        return "pronoun"
    if gold.kind in ("person", "organisation"):
        name_words = {w.lower() for w in re.findall(r"\w+", gold.name) if len(w) > 2}
        if name_words & (set(lower) | {_stem(w) for w in lower}):
            return "named"
    if any((info := noun_info(w)) is not None and info.cls in ("role", "adjrole") for w in words):
        return "role noun"
    return "other"


@dataclass(slots=True)
class Tally:
    """Right and total counts, overall and per category."""

    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)

    def add(self, group: str, correct: bool) -> None:
        for key in ("overall", group):
            self.total[key] += 1
            self.right[key] += correct

    def accuracy(self, key: str = "overall") -> float | None:
        return self.right[key] / self.total[key] if self.total[key] else None


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def matching_quotation(gold: Quotation, predicted: Iterable[Quotation]) -> Quotation | None:
    """The predicted quotation whose quote overlaps the gold quote most (None: none does)."""
    best, best_overlap = None, 0
    for q in predicted:
        shared = sum(overlap(g, p) for g in gold.quote.spans for p in q.quote.spans)
        if shared > best_overlap:
            best, best_overlap = q, shared
    return best


def time_correct(gold: GoldTime, found: Iterable[TimeExpression]) -> tuple[bool, bool]:
    """(detected, resolved right) for one annotated expression."""
    hits = [t for t in found if overlap((t.start, t.end), gold.span)]
    if not hits:
        return False, False
    t = max(hits, key=lambda t: overlap((t.start, t.end), gold.span))
    if gold.date is not None:
        return True, t.date == gold.date
    return True, (t.range_start, t.range_end) == (gold.start, gold.end)
