"""Hard line wraps: newspaper text broken into lines of ~70 columns, read as running text.

A line break inside a paragraph would otherwise end a sentence and a quotation. The analysis
reads a copy in which such a break is a space: one character for one, so every offset
found in the copy slices the original text.

A text counts as wrapped when most of its single line breaks fall where the next word would
not have fitted on the line (the rule every wrapping tool follows). In a wrapped text a
single break stays a paragraph break only where the line ends a sentence and the next word
would have fitted; blank lines always separate paragraphs.
"""

from __future__ import annotations

import re

_SENTENCE_END = tuple('.!?:“"«»')
_MIN_BREAKS = 3
"""Fewer single line breaks than this say nothing about wrapping."""
_WRAPPED_SHARE = 0.75
"""Share of single line breaks that must look wrapped for the text to count as wrapped."""
_SINGLE_BREAK_RE = re.compile(r"(?<=[^\n])\n(?=[^\n])")


def _breaks(text: str) -> list[tuple[int, str, str]]:
    """Each single line break between two lines: its offset, the line before, the next word."""
    out = []
    for match in _SINGLE_BREAK_RE.finditer(text):
        i = match.start()
        line = text[text.rfind("\n", 0, i) + 1 : i].rstrip()
        following = text[i + 1 : i + 1 + 64].split(maxsplit=1)
        if line and following:
            out.append((i, line, following[0]))
    return out


def unwrap_lines(text: str) -> str:
    """``text`` with the line breaks of hard wrapping replaced by spaces (same length)."""
    if "\n" not in text:
        return text
    breaks = _breaks(text)
    if len(breaks) < _MIN_BREAKS:
        return text
    width = max(len(line.rstrip()) for line in text.split("\n"))
    full = [len(line) + 1 + len(word) > width for _, line, word in breaks]
    if sum(full) < _WRAPPED_SHARE * len(breaks):
        return text
    chars = list(text)
    for (i, line, _), line_is_full in zip(breaks, full, strict=True):
        if line_is_full or not line.endswith(_SENTENCE_END):
            chars[i] = " "
    return "".join(chars)
