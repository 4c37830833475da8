"""Turns introduced by the speaker's name and a colon: interviews, colon attribution.

    STANDARD: Wie wird Mazedonien darauf reagieren?
    Poposki: Wir koordinieren unsere Bemühungen mit den europäischen Partnern …

Each turn is a Direct quotation without quotation marks whose speaker is its label. A text
counts as an interview when at least two labels each open two or more turns of prose at
the start of a sentence; a label seen once ("Wien: …", "Fazit: …") opens no turn, and
lists of names and figures ("Tore: Alba (5.), Iniesta (30.)") are no turns. Outside an
interview, a sentence "Name: …" whose words after the colon speak in the first person
without quotation marks is a Direct quotation of that name.
"""

from __future__ import annotations

from collections import Counter

from zitat.lang.de.punctuation import QUOTE_MARKS
from zitat.lang.de.words import (
    ADVERBS,
    CONJUNCTIONS,
    FIRST_PERSON_WORDS,
    FOREIGN_NAME_PARTICLES,
    PREPOSITIONS,
    SUBORDINATORS,
    UNNAMED_LABELS,
)
from zitat.quotations.document import Doc, Found
from zitat.schema import Quotation, QuoteType

_MAX_LABEL_WORDS = 3
_MIN_TURNS = 2
"""Turns each of two labels must open for a text to count as an interview."""
_NOT_NAMES = CONJUNCTIONS | ADVERBS | PREPOSITIONS | SUBORDINATORS


def _label_end(d: Doc, start: int, limit: int) -> int | None:
    """The colon after a label of one to three capitalised words starting at ``start``."""
    if start >= limit or d.lower[start] in _NOT_NAMES:
        return None  # no words, or "Aber: …", "Dazu: …"
    for k in range(start, min(limit, start + _MAX_LABEL_WORDS + 1)):
        if d.words[k] == ":":
            return k if k > start and k + 1 < limit else None
        if not (d.words[k][:1].isupper() or (k > start and d.lower[k] in FOREIGN_NAME_PARTICLES)):
            return None
    return None


def labelled_turns(d: Doc) -> list[Found]:
    """Interview turns, and single statements after a name and a colon, as Direct
    quotations."""
    labelled: list[tuple[int, int, str]] = []  # label start, colon, label
    for sentence in d.doc.sentences:
        start = sentence.first_token
        colon = _label_end(d, start, sentence.last_token)
        if colon is not None:
            labelled.append((start, colon, " ".join(d.lower[start:colon])))
    turns = _interview(d, labelled)
    taken = {turn[0] for turn in turns}
    turns += [
        (start, colon, label, d.sentence_range(start)[1])
        for start, colon, label in labelled
        if start not in taken
        and (
            _first_person_statement(d, colon + 1, d.sentence_range(start)[1])
            or _unnamed_question(d, label, d.sentence_range(start)[1])
        )
    ]
    found = []
    for start, colon, label, end in sorted(turns):
        quote = list(range(colon + 1, end))
        speaker = [] if label in UNNAMED_LABELS else list(range(start, colon))
        frame = list(range(start, colon + 1))
        found.append(
            Found(QuoteType.DIRECT, quote, frame=frame, speaker=speaker, score=0.7, labelled=True)
        )
    return found


def _interview(d: Doc, labelled: list[tuple[int, int, str]]) -> list[tuple[int, int, str, int]]:
    """The turns (label start, colon, label, end) of an interview; none for other texts."""
    counts = Counter(label for _, _, label in labelled)
    if sum(n >= _MIN_TURNS for n in counts.values()) < 2:
        return []
    turns = [(start, colon, label) for start, colon, label in labelled if counts[label] > 1]
    ends = [turn[0] for turn in turns[1:]] + [_paragraph_end(d, turns[-1][1])]
    prose = Counter(
        label
        for (_, colon, label), end in zip(turns, ends, strict=True)
        if _is_prose(d, colon + 1, end)
    )
    if sum(n >= _MIN_TURNS for n in prose.values()) < 2:
        return []
    return [(*turn, end) for turn, end in zip(turns, ends, strict=True)]


def _unnamed_question(d: Doc, label: str, end: int) -> bool:
    """ "Frage: Herr Lindner, wie geht es weiter?": the interviewer's question, a turn
    without speaker even when the text holds too few turns to count as an interview."""
    return label in UNNAMED_LABELS and d.words[end - 1] == "?"


def _first_person_statement(d: Doc, start: int, end: int) -> bool:
    """Prose in the first person without quotation marks: "Fink: Wenn wir unsere Leistung
    bringen, kommen wir weiter." (a quote in marks after the colon is a Direct quote of
    its own)."""
    return (
        not any(d.words[k] in QUOTE_MARKS for k in range(start, end))
        and any(d.lower[k] in FIRST_PERSON_WORDS for k in range(start, end))
        and _is_prose(d, start, end)
    )


def _is_prose(d: Doc, start: int, end: int) -> bool:
    """Sentences, not a list of names and figures ("Tore: Alba (5.), Iniesta (30.)"): at
    least a third of the words start in lower case."""
    words = [d.words[k] for k in range(start, end) if d.words[k][:1].isalpha()]
    return 3 * sum(w[:1].islower() for w in words) >= len(words) > 0


def _paragraph_end(d: Doc, i: int) -> int:
    """The first token after the paragraph holding token ``i``."""
    end = i + 1
    while end < len(d.words) and not d.paragraph_break_before(end):
        end += 1
    return end


def is_labelled_turn(q: Quotation) -> bool:
    """Whether a rules quotation is a turn read off its label: Direct, no cue, a frame that
    ends in the label's colon, and no quotation mark opening the quote."""
    return (
        q.type is QuoteType.DIRECT
        and q.cue is None
        and q.frame is not None
        and q.frame.text.rstrip().endswith(":")
        and q.quote.text[:1] not in QUOTE_MARKS
    )
