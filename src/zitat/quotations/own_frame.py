"""A quote never contains its own cue: split the frame off a quotation that swallowed it.

When the tagger and the rules are combined, a quotation can end up with a quote that runs
over the very frame its cue belongs to ("Lorenzen spekuliert in seinen Aussagen, die
Motivation … seien …"; "…, kündigte an, die Aufklärung … vorantreiben"). The corpus never
annotates a quote that holds its own cue, except for Reported speech, whose quote is the
whole sentence of the speech act. Such a quote is cut where the frame ends: at the
complementizer after the cue ("X, Kommandant …, sagte, ohne …, dass …": at "dass"), else,
when no comma stands before the cue, after the first comma after it; a frame that closes
the quote ("…, sagte X") is cut off before its comma. The words cut off join the frame. A
cue in the middle of its quote is left as it is: no clean cut is known.
"""

from __future__ import annotations

import dataclasses

from zitat.lang.de.punctuation import SENTENCE_END
from zitat.lang.de.words import COMPLEMENTIZERS
from zitat.quotations.document import token_role
from zitat.quotations.speaker_candidates import token_segments
from zitat.schema import Quotation, QuoteType
from zitat.text.document import ParsedText

_FRAME_END = frozenset({",", ":"})


def _tokens(doc: ParsedText, quotation: Quotation, role: str) -> list[int]:
    return sorted(
        {i for s, e in token_segments(doc, getattr(quotation, role)) for i in range(s, e)}
    )


def _cut(words: list[str], quote: list[int], cue: set[int]) -> tuple[list[int], list[int]] | None:
    """(the quote's tokens that stay, those that join the frame), or None for no cut."""
    inside = sorted(cue.intersection(quote))
    if not inside:
        return None
    after = [k for k in quote if k > inside[-1]]
    before = [k for k in quote if k < inside[0]]
    end = next((k for k in after if words[k] in SENTENCE_END), quote[-1] + 1)
    clause = [k for k in after if k < end]  # the rest of the cue's sentence
    # the frame opens the quote: the quote starts at the complementizer after the cue,
    # else (when no comma comes before the cue) after the frame's first comma
    start = next((k for k in clause if words[k].lower() in COMPLEMENTIZERS), None)
    if start is None and not any(words[k] in _FRAME_END for k in before):
        start = next((k + 1 for k in clause if words[k] in _FRAME_END), None)
    if start is not None and start <= quote[-1]:
        return [k for k in quote if k >= start], [k for k in quote if k < start]
    if before and not any(words[k] in _FRAME_END for k in after):
        # the frame closes the quote: cut before its comma
        comma = max((k for k in before if words[k] in _FRAME_END), default=None)
        if comma is not None:
            return [k for k in quote if k < comma], [k for k in quote if k > comma]
    return None


def without_own_frame(doc: ParsedText, quotations: list[Quotation]) -> list[Quotation]:
    """``quotations`` with each outer non-Reported quote cut off the frame of its own cue."""
    words = [t.text for t in doc.tokens]
    out = []
    for q in quotations:
        if q.nested_in is None and q.cue is not None and q.type is not QuoteType.REPORTED:
            quote = _tokens(doc, q, "quote")
            cut = _cut(words, quote, set(_tokens(doc, q, "cue")))
            if cut is not None and cut[0]:
                kept, framed = cut
                frame = set(_tokens(doc, q, "frame")) | {
                    k for k in framed if words[k] not in _FRAME_END
                }
                q = dataclasses.replace(
                    q, quote=token_role(doc, kept) or q.quote, frame=token_role(doc, frame)
                )
        out.append(q)
    return out
