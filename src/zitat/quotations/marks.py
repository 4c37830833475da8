"""Pairing quotation marks: which opening mark each closing mark closes."""

from __future__ import annotations

from zitat.lang.de.punctuation import CLOSING_MARKS
from zitat.text.document import ParsedText

_QUOTE_MARKS = frozenset("".join(CLOSING_MARKS) + "".join(CLOSING_MARKS.values()))


_MAX_QUOTE_TOKENS = 400
"""A quote longer than this is an unbalanced mark, not a quotation."""


def pair_quote_marks(doc: ParsedText) -> list[tuple[int, int]]:
    """Token index pairs (opening, closing) of balanced quotation marks, in text order.

    A quote may run over paragraphs the German way: each paragraph reopens it with the same
    mark and only the last one closes it; the pair then spans them all. So does a quote whose
    later paragraphs are not reopened, when the first mark after the break closes it. Any
    other mark left open at a paragraph break, or for more than ``_MAX_QUOTE_TOKENS`` tokens
    since it was opened or reopened, is dropped, so one unbalanced mark never swallows an
    article.
    """
    text, tokens = doc.normalized, doc.tokens
    stack: list[tuple[str, int, int]] = []  # mark, its token, the token it was last reopened
    pairs: list[tuple[int, int]] = []
    previous_end = 0
    for i, tok in enumerate(tokens):
        mark = tok.text
        if mark not in _QUOTE_MARKS:
            continue
        opens_here = mark in CLOSING_MARKS and _starts_quote(text, tok.end)
        # only marks change the stack, so checking the stretch since the last one suffices
        if "\n" in text[previous_end : tok.start]:
            reopens = (
                opens_here
                and stack
                and stack[0][0] == mark
                and "\n" in text[tokens[i - 1].end : tok.start]
            )
            if reopens:
                stack[:] = [(mark, stack[0][1], i)]
                previous_end = tok.end
                continue
            if _closes_without_reopening(stack, mark, opens_here, i):
                pairs.append((stack[0][1], i))  # „… (paragraph) … without „ …“
                stack.clear()
                previous_end = tok.end
                continue
            stack.clear()
        previous_end = tok.end
        while stack and i - stack[0][2] > _MAX_QUOTE_TOKENS:
            stack.pop(0)
        closing = next(
            (k for k in range(len(stack) - 1, -1, -1) if mark in CLOSING_MARKS[stack[k][0]]), None
        )
        # « » ‹ › open in one style and close in the other: an outer match yields to opening
        if closing is not None and not (
            opens_here and mark in "«»‹›" and closing != len(stack) - 1
        ):
            pairs.append((stack[closing][1], i))
            del stack[closing:]
        elif opens_here:
            stack.append((mark, i, i))
    return sorted(pairs)


def _closes_without_reopening(
    stack: list[tuple[str, int, int]], mark: str, opens_here: bool, i: int
) -> bool:
    """Whether the first mark after a paragraph break closes the one quote left open before
    it, the next paragraph not reopened ("„Wir werden eine Lösung finden.¶Niemand muss sich
    sorgen.“"): the only open mark, closed by its partner that opens nothing."""
    return (
        len(stack) == 1
        and not opens_here
        and mark in CLOSING_MARKS[stack[0][0]]
        and i - stack[0][2] <= _MAX_QUOTE_TOKENS
    )


def _starts_quote(text: str, end: int) -> bool:
    """An opening mark is followed by text, not by a space or the end."""
    return end < len(text) and not text[end].isspace()
