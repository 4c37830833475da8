"""Variants of corpus documents that test robustness to how an outlet sets its text.

The corpus quotes almost only with „…“ and gives each paragraph one line. A variant rewrites
``originalText`` one character for one (other quotation marks; line breaks for spaces when
paragraphs are re-wrapped at a fixed width, as in newspaper text), so the gold annotations,
which count corpus tokens, stay valid as they are; token and sentence texts are cut again
from the new text.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

QUOTE_STYLES: dict[str, tuple[str, str]] = {
    "straight": ('"', '"'),
    "guillemets": ("«", "»"),
    "reversed guillemets": ("»", "«"),
    "single": ("‚", "‘"),
}
"""Variant name -> the marks that replace „ and “."""

WRAP_WIDTH = 70
"""Columns of the re-wrapped variant (newspaper text)."""


def restyle_quotes(text: str, opening: str, closing: str) -> str:
    """Every „ as ``opening`` and every “ as ``closing`` (one character each)."""
    if len(opening) != 1 or len(closing) != 1:
        raise ValueError("a quotation mark must be one character, so that offsets stay valid")
    return text.translate({ord("„"): opening, ord("“"): closing})


def rewrap(text: str, width: int = WRAP_WIDTH) -> str:
    """Each line broken at the last space before ``width`` columns, as a hard line wrap."""
    chars = list(text)
    line_start = 0
    last_space = -1
    for i, char in enumerate(text):
        if char == "\n":
            line_start, last_space = i + 1, -1
            continue
        if i - line_start >= width and last_space > line_start:
            chars[last_space] = "\n"
            line_start, last_space = last_space + 1, -1
        if char == " ":
            last_space = i
    return "".join(chars)


def variant_document(doc: Mapping[str, Any], rewrite: Callable[[str], str]) -> dict[str, Any]:
    """``doc`` with ``originalText`` rewritten (same length) and token/sentence texts recut."""
    text: str = doc["originalText"]
    new_text = rewrite(text)
    if len(new_text) != len(text):
        raise ValueError("a variant must keep the text's length, or the offsets break")
    out = copy.deepcopy(dict(doc))
    out["originalText"] = new_text
    for part in ("tokens", "sentences"):
        for item in out.get(part, []):
            item["text"] = new_text[item["charBegin"] : item["charEnd"]]
    return out


def variants() -> dict[str, Callable[[str], str]]:
    """Every variant by name: the quotation-mark styles and the re-wrapped paragraphs."""
    out: dict[str, Callable[[str], str]] = {
        f"„…“ as {opening}…{closing} ({name})": partial(
            restyle_quotes, opening=opening, closing=closing
        )
        for name, (opening, closing) in QUOTE_STYLES.items()
    }
    out[f"paragraphs wrapped at {WRAP_WIDTH} columns"] = rewrap
    return out
