"""Quotation marks of any style read as German „…“ (their inventory is
:mod:`zitat.lang.de.punctuation`).

The tagger was trained on text that almost only uses „…“, so the analysis reads a copy of
the text in which every quotation mark is rewritten one character for one character:
outer quotes become „…“, quotes inside them ‚…‘. The copy has the same length, so every
offset found in it slices the original text, which is what the analysis emits.

Which way a mark points is read from its neighbours (a space before and a word after it
opens, a word before and a space or punctuation after it closes); marks that could do
either (a straight ``"`` between two words) close an open quote of their kind or open one.
Single marks (‚ ‘ ’ ' › ‹) are rewritten only when they pair up, so apostrophes
("People's", "Andreas' Buch", "geht’s") stay as they are; straight single quotes only
inside a quote, since German text sets labels and titles in them ('Arbeitgeber': …), not
speech.
"""

from __future__ import annotations

import re

from zitat.lang.de.punctuation import QUOTE_MARKS

_DOUBLE = frozenset('„“”"»«')
_ALWAYS_OPEN = frozenset("„‚")
_OPEN_BEFORE = frozenset("([{/–—-")
"""Characters after which a mark may open a quote, besides spaces and other marks."""
_CLOSE_AFTER = frozenset(".,;:!?)]}/–—-…")
"""Characters before which a mark may close a quote, besides spaces and other marks."""
_MARK_RE = re.compile(f"[{''.join(sorted(QUOTE_MARKS))}]")
_OUTER = ("„", "“")
_INNER = ("‚", "‘")

_OPEN, _CLOSE, _EITHER = 1, -1, 0


def _direction(text: str, i: int) -> int:
    """Whether the mark at ``i`` opens, closes, or could do either, by its neighbours."""
    if text[i] in _ALWAYS_OPEN:
        return _OPEN
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    opens = (before.isspace() or before in _OPEN_BEFORE or before in QUOTE_MARKS) and not (
        after.isspace()
    )
    closes = not before.isspace() and (
        after.isspace() or after in _CLOSE_AFTER or after in QUOTE_MARKS
    )
    if opens == closes:
        return _EITHER
    return _OPEN if opens else _CLOSE


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark inside a word ("D'Alema", "geht’s"), or doubled ('' as a double quote)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() and after.isalnum()) or "'" in (before, after)


def _pairs(text: str) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """Paired marks (opening, closing) of ``text``, in text order of their closing mark,
    and the direction of every double mark left unpaired. A line break closes nothing: it
    drops the marks still open."""
    stack: list[tuple[int, bool, int]] = []  # position, is a double mark, direction
    pairs: list[tuple[int, int]] = []
    unpaired: dict[int, int] = {}
    previous = 0
    for match in _MARK_RE.finditer(text):
        i = match.start()
        if stack and "\n" in text[previous:i]:
            unpaired.update((position, way) for position, double, way in stack if double)
            stack.clear()
        previous = i
        double = text[i] in _DOUBLE
        if not double and _is_apostrophe(text, i):
            continue
        direction = _direction(text, i)
        same = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][1] == double), None)
        if direction != _OPEN and same is not None:
            pairs.append((stack[same][0], i))
            unpaired.update((position, way) for position, dbl, way in stack[same + 1 :] if dbl)
            del stack[same:]
        elif direction != _CLOSE:
            stack.append((i, double, direction))
        elif double:
            unpaired[i] = _CLOSE
    unpaired.update((position, way) for position, double, way in stack if double)
    return pairs, unpaired


def _depths(pairs: list[tuple[int, int]]) -> list[int]:
    """How many pairs enclose each pair (pairs are nested or apart, sorted by opening)."""
    closes: list[int] = []
    depths = []
    for open_, close in pairs:
        while closes and closes[-1] < open_:
            closes.pop()
        depths.append(len(closes))
        closes.append(close)
    return depths


def normalize_quote_marks(text: str) -> str:
    """``text`` with its quotation marks in the German style, character for character.

    Paired marks become „…“ at the outer level (but for straight single quotes) and ‚…‘
    inside a quote; an unpaired double mark becomes „ or “ as its neighbours say; an
    unpaired single mark stays. Pairs never cross a line break (a quote running over
    paragraphs reopens in each of them).
    """
    if not _MARK_RE.search(text):
        return text
    chars = list(text)
    pairs, unpaired = _pairs(text)
    pairs.sort()
    for (open_, close), depth in zip(pairs, _depths(pairs), strict=True):
        if depth or text[open_] != "'":
            chars[open_], chars[close] = _INNER if depth else _OUTER
    for position, direction in unpaired.items():
        if direction != _EITHER:
            chars[position] = _OUTER[0] if direction == _OPEN else _OUTER[1]
    return "".join(chars)
