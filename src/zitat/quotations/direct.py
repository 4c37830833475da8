"""Direct quotations: quoted text with the frame before or after it."""

from __future__ import annotations

from zitat.lang.de.punctuation import CLOSING_MARKS, SENTENCE_END
from zitat.lang.de.words import AUXILIARIES
from zitat.quotations.attribution import attribute
from zitat.quotations.cues import find_cue, frame_cue, so_cue, source_cue, source_medium
from zitat.quotations.document import Cue, Doc, Found, without_full_stop
from zitat.quotations.fragments import is_quoted_name
from zitat.quotations.phrases import leading_noun_phrase
from zitat.schema import QuoteType

_MIN_FREE_STANDING_WORDS = 4
"""Quoted text this short needs a speech verb next to it to count as a quotation."""


def direct_quotations(
    d: Doc, pairs: list[tuple[int, int]]
) -> tuple[list[Found], list[tuple[int, int]]]:
    """Direct quotations, and the quoted stretches not taken for one (titles, words)."""
    found: list[Found] = []
    rejected: list[tuple[int, int]] = []
    closing_of = dict(pairs)
    consumed: set[int] = set()
    # top-level quotes do not overlap and come in text order: only the last can hold this one
    outer: tuple[int, int, Found] | None = None
    for open_, close in pairs:
        if open_ in consumed:
            continue
        parent = outer[2] if outer and outer[0] < open_ and close < outer[1] else None
        if parent is not None:
            nested = Found(QuoteType.DIRECT, list(range(open_, close + 1)), parent.medium)
            nested.parent, nested.score = parent, 0.4
            found.append(nested)
            continue
        quotation = None
        if not _quoted_name(d, open_, close):  # "dem „Spiegel“" stays in the text
            quotation = _attribute_direct(d, open_, close, closing_of, consumed)
        if quotation is None:
            rejected.append((open_, close))
            continue
        for i in quotation.quote:
            d.quoted[i] = True
        found.append(quotation)
        outer = (open_, close, quotation)
    return found, rejected


def _quoted_name(d: Doc, open_: int, close: int | None) -> bool:
    """Whether the marks at ``open_`` and ``close`` hold a name, not a quotation ("dem
    „Spiegel“", "gegenüber «Blick»"; :func:`zitat.quotations.fragments.is_quoted_name`)."""
    if close is None:
        return False
    tokens = d.doc.tokens
    return is_quoted_name(d.doc.normalized, [(tokens[open_].start, tokens[close].end)])


def _attribute_direct(
    d: Doc, open_: int, close: int, closing_of: dict[int, int], consumed: set[int]
) -> Found | None:
    """The Direct quotation between the marks at ``open_`` and ``close`` with its frame, or
    None for a title or scare quote. Frames are tried in order: headline colon, trailing
    frame (merging a split quote, whose opening mark goes into ``consumed``), leading frame
    (speech verb, source phrase, or a speaker before a colon), verb right after the quote.
    """
    words = sum(1 for i in range(open_ + 1, close) if d.is_word(i))
    found = Found(QuoteType.DIRECT, list(range(open_, close + 1)), score=0.9)
    s_start, s_end = d.sentence_range(open_)
    _, s_end = d.sentence_range(close)
    # a whole statement, not a quoted phrase: long, or sentences of its own
    free_standing = words >= _MIN_FREE_STANDING_WORDS and (
        words >= 8
        or any(d.words[i] in SENTENCE_END for i in range(open_, close))
        or (open_ == s_start and close + 2 >= s_end)
    )
    n = len(d.words)
    # headline style: „Wir schaffen das“: Merkel verteidigt ihren Kurs
    if open_ == s_start and close + 2 < n and d.words[close + 1] == ":":
        speaker = leading_noun_phrase(d, close + 2, s_end)
        if speaker:
            found.speaker, found.frame, found.score = speaker, [close + 1, *speaker], 0.6
            return found
    # after: „…“, sagte er.  /  „…“, sagte er, „…“
    if close + 2 < n and d.words[close + 1] == ",":
        if _inside_unmarked_clause(d, s_start, open_):
            return None  # "Die Soldaten hätten „…“, so Murtha": an indirect quote
        end = close + 2
        while end < n and d.words[end] not in SENTENCE_END:
            if d.words[end] in CLOSING_MARKS:
                if not _quoted_name(d, end, closing_of.get(end)):
                    break  # the next quote: "„…“, sagte er, „…“"
                end = closing_of[end]  # a name in the frame: "sagte er dem „Spiegel“"
            end += 1
        # the verb comes first, or after an auxiliary: "…“, hatte er damals gesagt."
        verb_end = end if d.lower[close + 2] in AUXILIARIES else close + 5
        cue = find_cue(d, close + 2, end, verb_end) or so_cue(d, close + 2)
        if cue is not None:
            frame_end = end
            if end in closing_of and d.words[end - 1] == ",":
                frame_end = end - 1
                found.quote += range(end, closing_of[end] + 1)
                consumed.add(end)
            attribute(d, found, close + 1, frame_end, cue)
            return found
    # before: X sagte: „…“  /  X bezeichnete ihn als „…“
    frame_start = max([s_start, *(k + 1 for k in range(s_start, open_) if d.quoted[k])])
    if frame_start < open_:
        if _names_a_title(d, open_, frame_start) and not free_standing:
            return None
        if capitalised_name(d, open_, close) and d.words[open_ - 1] != ":":
            return None  # „Hvalur 9“, „This Is It“: the name of a ship, a firm, a film
        if d.lower[open_ - 1] == "als":  # "nannte ihn einen …", "bezeichnete es als „…“"
            attribute(d, found, frame_start, open_, find_cue(d, frame_start, open_))
            found.speaker = found.speaker or leading_noun_phrase(d, frame_start, open_)
            return found
        cue = frame_cue(d, frame_start, open_)
        if cue is not None and _inside_reported_clause(d, cue, open_):
            return None  # "X sagte, er sei „…“": an indirect quote holding a quoted phrase
        near = cue is not None and (open_ - cue.tokens[-1] <= 6 or d.words[open_ - 1] == ":")
        if cue is not None and (near or free_standing):
            attribute(d, found, frame_start, open_, cue)
            return found
        source = source_cue(d, frame_start, open_)
        if source is not None and _words_between(d, max(source[0], *source[1]) + 1, open_):
            return None  # "Nach Angaben von X sollen „…“ worden sein": an indirect quote
        if source is not None:
            attribute(d, found, frame_start, open_, None)
            found.cue, found.speaker = [source[0]], source[1]
            found.frame = sorted({source[0], *source[1]})
            found.medium = source_medium(d, source[1])
            return found
        if d.words[open_ - 1] == ":":
            # "Merkel: „Wir schaffen das“" (headline style) or a colon frame without verb
            speaker = leading_noun_phrase(d, frame_start, open_)
            one_word_label = frame_start == open_ - 2  # "Interview: „…“" names no speaker
            if free_standing or one_word_label or (speaker and speaker[-1] == open_ - 2):
                attribute(d, found, frame_start, open_, None)
                found.speaker, found.score = speaker, 0.7
                return found
    # after, without comma: „…“ hatte er gesagt.
    if close + 1 < s_end and (free_standing or d.verb_forms(close + 1)):
        cue = find_cue(d, close + 1, min(s_end, close + 6))
        if cue is not None:
            attribute(d, found, close + 1, without_full_stop(d, s_end), cue)
            return found
    if free_standing and d.konjunktiv_between(s_start, open_) and _words_between(d, s_start, open_):
        return None  # "Sie seien „…“": the reported sentence is the quotation, the quote nests
    if free_standing:
        found.score = 0.6
        return found
    return None


def _inside_reported_clause(d: Doc, cue: Cue, open_: int) -> bool:
    """The quote opens after words of a clause that follows the cue's comma ("X meinte, der
    Ehemann „konnte sich nicht abfinden“"), not after a colon ("X sagte, als er kam: „…“")."""
    comma = next((k for k in range(cue.tokens[-1] + 1, open_) if d.words[k] == ","), None)
    return (
        comma is not None
        and d.words[open_ - 1] != ":"
        and any(d.is_word(k) for k in range(comma + 1, open_))
    )


def _words_between(d: Doc, start: int, end: int) -> bool:
    return any(d.is_word(k) and not d.quoted[k] for k in range(start, end))


def _inside_unmarked_clause(d: Doc, s_start: int, open_: int) -> bool:
    """The quote continues words of its sentence outside quotation marks that hold no
    speech verb ("Die Soldaten hätten „unschuldige Zivilisten getötet“, so Murtha")."""
    return _words_between(d, s_start, open_) and find_cue(d, s_start, open_) is None


def capitalised_name(d: Doc, open_: int, close: int, at_least: int = 2) -> bool:
    """At least ``at_least`` words between the marks, each capitalised or a number: a name or
    a title, since German statements have words in lower case ("„Tutogen Medical“")."""
    words = [d.words[k] for k in range(open_ + 1, close) if d.is_word(k)]
    return len(words) >= at_least and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def _names_a_title(d: Doc, open_: int, frame_start: int) -> bool:
    """ "die Mondlandefähre „Eagle“", "im Magazin „Spiegel“": a noun names what follows."""
    before = open_ - 1
    return before > frame_start and d.words[before][:1].isupper() and d.is_word(before)
