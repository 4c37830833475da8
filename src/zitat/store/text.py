"""German-aware folding for full-text search, and literal FTS5 queries from user input.

Both the indexed text and the user's words go through :func:`fold`: case folding (which
also turns ß into ss), umlauts written out (ä → ae, so "Müller" and "Mueller" meet) and the
FTS5 tokenizer removes any remaining diacritics (é → e). User input never reaches FTS5
syntax: it is cut into words and every word is quoted, so operators, quotes, column
filters or SQL fragments are searched for as plain words.
"""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """The form in which text is indexed and searched."""
    return unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)


def words(text: str) -> list[str]:
    """The folded words of ``text`` as the FTS5 tokenizer sees them."""
    return _WORD.findall(fold(text))


def match_expression(column: str, text: str) -> str | None:
    """An FTS5 query for rows whose ``column`` holds every word of ``text``, or None if no word."""
    terms = words(text)
    if not terms:
        return None
    return f"{column} : (" + " ".join(f'"{term}"' for term in terms) + ")"
