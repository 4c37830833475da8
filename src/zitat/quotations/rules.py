"""Rules-only baseline: quotation marks, a speech-verb lexicon and a few German patterns.

It is the reference the learned model must beat, and a fallback that needs no PyTorch.
Every role is a set of token indices of the :class:`ParsedText`, so each emitted span
slices the original text exactly. What it finds, in this order:

* Direct: text between paired quotation marks of any German style, with the frame before
  (``X sagte: „…“``) or after (``„…“, sagte X.``) it, split quotes (``„…“, sagte er, „…“``)
  merged, quotes inside quotes nested; short quoted words with no speech verb near them
  (titles, scare quotes) are skipped.
* Indirect: a speech-verb clause followed by a dass/ob, Konjunktiv or zu clause, a trailing
  ``…, sagte X`` / ``…, so X``, and source phrases (``nach Angaben X``, ``X zufolge``,
  ``laut X``, ``wie X mitteilte``).
* IndirectFreeIndirect / FreeIndirect: frameless sentences in Konjunktiv or with
  reportative "soll", attributed to the speaker of the quotation before them.
* Reported: a sentence whose verb names a speech act without giving its content
  ("Die Opposition forderte den Rücktritt."), for the verbs the lexicon marks.
* Interviews: each turn after a recurring "Name:" label is a Direct quotation of that name;
  so is a first-person statement after "Name:" without quotation marks.

Quotations without quotation marks shorter than four words (fragments) are not emitted.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import pairwise

from zitat.quotations.direct import capitalised_name, direct_quotations
from zitat.quotations.document import Doc, Found, token_role, token_spans
from zitat.quotations.fragments import is_fragment
from zitat.quotations.indirect import free_indirect, indirect_in_sentence, reported_act
from zitat.quotations.interview import labelled_turns
from zitat.quotations.marks import pair_quote_marks
from zitat.schema import ModelOutput, Quotation, QuoteType
from zitat.text.document import ParsedText


def _find_all(doc: ParsedText) -> list[Found]:
    """Labelled turns (interviews, "Name: …") and Direct quotes first; then, sentence by
    sentence outside them, Indirect patterns, frameless continuations of the quotation
    before, and Reported speech acts."""
    d = Doc(doc)
    turns = labelled_turns(d)
    in_turns = {i for turn in turns for i in turn.quote}
    for i in in_turns:
        d.quoted[i] = True
    pairs = pair_quote_marks(doc)
    found, rejected = direct_quotations(d, [p for p in pairs if p[0] not in in_turns])
    rejected += [p for p in pairs if p[0] in in_turns]
    found += turns
    covered = {i for f in found for i in f.quote}
    previous: Found | None = None
    by_sentence: dict[int, Found] = {}
    for f in found:
        by_sentence.setdefault(d.sentence_of[f.quote[0]], f)
    for index, sentence in enumerate(doc.sentences):
        start, end = sentence.first_token, sentence.last_token
        if start >= end:
            continue
        # only an Indirect quote carries its speaker into the next paragraph
        if d.paragraph_break_before(start) and previous and previous.type is not QuoteType.INDIRECT:
            previous = None
        if index in by_sentence:
            previous = by_sentence[index]
            continue
        if any(i in covered for i in range(start, end)):
            continue
        indirect = indirect_in_sentence(d, start, end)
        if indirect is not None:
            found.append(indirect)
            previous = indirect
            continue
        follow = free_indirect(d, start, end, previous)
        if follow is not None:
            if (
                previous is not None
                and previous.type is follow.type
                and previous.quote
                and (previous.quote[-1] == start - 1)
            ):
                previous.quote += follow.quote
            else:
                found.append(follow)
                previous = follow
            continue
        reported = reported_act(d, start, end)
        if reported:
            found += reported
            previous = reported[-1]
            continue
        if d.paragraph_break_before(start):
            previous = None
    _inherit_speakers(found)
    unmarked = [f for f in found if f.type is not QuoteType.DIRECT] + turns
    return found + _nested_in_unmarked(d, unmarked, rejected)


_INHERIT_DISTANCE = 80
"""A frameless Direct quote continues the quotation at most this many tokens before it."""


def _inherit_speakers(found: list[Found]) -> None:
    """A Direct quote standing alone continues the speaker of the quotation before it."""
    ordered = sorted(found, key=lambda f: f.quote[0])
    for before, current in pairwise(ordered):
        if (
            current.type is QuoteType.DIRECT
            and not current.frame
            and not current.speaker
            and current.parent is None
            and current.quote[0] - before.quote[-1] <= _INHERIT_DISTANCE
        ):
            current.speaker = list(before.speaker)
            current.medium = before.medium


def _nested_in_unmarked(d: Doc, outers: list[Found], pairs: list[tuple[int, int]]) -> list[Found]:
    """Quoted words inside a quote without marks (an indirect quote, an interview turn) are
    a nested Direct quote of the same speaker, unless they are all capitalised: a name
    ("wird die „Hvalur 9“ bereit sein"; on train 11 of 98 such phrases are a nested Direct
    quote, against 202 of 232 phrases with a word in lower case)."""
    nested = []
    opens = sorted(open_ for open_, _ in pairs)
    holding: dict[int, list[tuple[Found, frozenset[int]]]] = {}
    """Opening mark -> the quotes without marks that hold it, in order (linear in the text)."""
    for f in outers:
        if not f.quote:
            continue
        low = bisect.bisect_left(opens, min(f.quote))
        high = bisect.bisect_right(opens, max(f.quote))
        if low < high:
            tokens = frozenset(f.quote)
            for open_ in opens[low:high]:
                if open_ in tokens:
                    holding.setdefault(open_, []).append((f, tokens))
    for open_, close in pairs:
        if capitalised_name(d, open_, close, at_least=1):
            continue
        outer = next((f for f, tokens in holding.get(open_, []) if close in tokens), None)
        if outer is not None:
            inner = Found(
                QuoteType.DIRECT,
                list(range(open_, close + 1)),
                outer.medium,
                list(outer.cue),
                list(outer.frame),
                list(outer.speaker),
                list(outer.addressee),
                0.5,
                outer,
            )
            nested.append(inner)
    return nested


def to_quotations(doc: ParsedText, found: list[Found]) -> list[Quotation]:
    """Number the quotations q1, q2, … in text order and build the shared schema."""
    ordered = sorted((f for f in found if f.quote), key=lambda f: (min(f.quote), -len(f.quote)))
    ids = {id(f): f"q{n}" for n, f in enumerate(ordered, start=1)}
    quotations = []
    for f in ordered:
        quote = token_role(doc, f.quote)
        assert quote is not None
        quotations.append(
            Quotation(
                id=ids[id(f)],
                type=f.type,
                medium=f.medium,
                quote=quote,
                cue=token_role(doc, f.cue),
                frame=token_role(doc, f.frame),
                speaker=token_role(doc, f.speaker),
                addressee=token_role(doc, f.addressee),
                nested_in=ids.get(id(f.parent)) if f.parent is not None else None,
                score=f.score,
            )
        )
    return quotations


class RulesModel:
    """Quotation marks plus a speech-verb lexicon: fast, transparent, no training."""

    name = "rules"
    version = "2"

    def predict(self, docs: Sequence[ParsedText]) -> list[ModelOutput]:
        return [ModelOutput(to_quotations(doc, _whole(doc, _find_all(doc)))) for doc in docs]


def _whole(doc: ParsedText, found: list[Found]) -> list[Found]:
    """The quotations that are no fragment (see :mod:`zitat.quotations.fragments`; names in
    quotation marks never become quotations, :mod:`zitat.quotations.direct`); a labelled
    turn is whole however short."""
    return [
        f for f in found if f.labelled or not is_fragment(doc.normalized, token_spans(doc, f.quote))
    ]
