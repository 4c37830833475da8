"""Pairing quotation marks: which opening mark each closing mark closes."""

from __future__ import annotations

from zitat.text.document import ParsedText

# Opening mark -> the marks that close it. "“" opens English-style quotes but closes „;
# the straight double quote closes itself.
CLOSERS: dict[str, str] = {
    "„": '“”"',
    "»": "«",
    "«": "»",
    "‚": "‘’",
    "›": "‹",
    "‹": "›",
    "“": "”",
    '"': '"',
}


_QUOTE_MARKS = frozenset("".join(CLOSERS) + "".join(CLOSERS.values()))


_MAX_QUOTE_TOKENS = 400
"""A quote longer than this is an unbalanced mark, not a quotation."""


def pair_quote_marks(doc: ParsedText) -> list[tuple[int, int]]:
    """Token index pairs (opening, closing) of balanced quotation marks, in text order.

    A mark left open at a paragraph break, or for more than ``_MAX_QUOTE_TOKENS`` tokens,
    is dropped, so one unbalanced mark never swallows the rest of an article.
    """
    text, tokens = doc.text, doc.tokens
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    previous_end = 0
    for i, tok in enumerate(tokens):
        mark = tok.text
        if mark not in _QUOTE_MARKS:
            continue
        # only marks change the stack, so checking the stretch since the last one suffices
        if "\n" in text[previous_end : tok.start]:
            stack.clear()
        previous_end = tok.end
        while stack and i - stack[0][1] > _MAX_QUOTE_TOKENS:
            stack.pop(0)
        closing = next(
            (k for k in range(len(stack) - 1, -1, -1) if mark in CLOSERS[stack[k][0]]), None
        )
        opens_here = mark in CLOSERS and _starts_quote(text, tok.end)
        # « » ‹ › open in one style and close in the other: an outer match yields to opening
        if closing is not None and not (
            opens_here and mark in "«»‹›" and closing != len(stack) - 1
        ):
            pairs.append((stack[closing][1], i))
            del stack[closing:]
        elif opens_here:
            stack.append((mark, i))
    return sorted(pairs)


def _starts_quote(text: str, end: int) -> bool:
    """An opening mark is followed by text, not by a space or the end."""
    return end < len(text) and not text[end].isspace()
