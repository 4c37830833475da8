"""Word tokens and sentences with character offsets into the original text.

The tokenizer keeps every quotation mark, dash and punctuation sign as a token of its own
(the corpus does the same), so quote boundaries fall on token boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zitat.lang.de.punctuation import DASHES, QUOTE_CLOSERS, QUOTE_OPENERS
from zitat.lang.de.sentences import ABBREVIATIONS, AFTER_ORDINALS, BEFORE_ORDINALS
from zitat.lang.de.words import CLOSED_CLASS

# Words (with inner hyphens, apostrophes, dots of abbreviations like "z.B." or
# numbers like "3.000,50"), or any single non-space character.
_TOKEN_RE = re.compile(
    r"\d+(?:[.,:]\d+)*"  # numbers, times, dates
    r"|\w+(?:[-'’]\w+)*(?:-(?=\s|$))?"  # words, hyphenated compounds, "Ein- und"
    r"|\S",
    re.UNICODE,
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    first_token: int
    last_token: int  # exclusive


def tokenize(text: str) -> list[Token]:
    """Split text into word and punctuation tokens with exact offsets."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


def _ends_sentence(tokens: list[Token], i: int, text: str) -> bool:
    tok = tokens[i]
    if tok.text not in {".", "!", "?"}:
        return False
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is None:
        return True
    # "z. B.", "Dr. Müller", "3. Mai": no break after abbreviations, initials, ordinals
    if tok.text == "." and i > 0 and tokens[i - 1].end == tok.start:
        prev = tokens[i - 1].text
        if prev.lower() in ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
            return False
        if prev.isdigit() and nxt.text[:1].isalnum() and not nxt.text[:1].isupper():
            return False
        if prev.isdigit() and len(prev) <= 2 and nxt.text.lower() in AFTER_ORDINALS:
            return False
        if (
            prev.isdigit()
            and len(prev) <= 3
            and i > 1
            and tokens[i - 2].text.lower() in BEFORE_ORDINALS
        ):
            return False
    # a closing quote right after the stop belongs to this sentence: break after it
    if nxt.text in QUOTE_CLOSERS and nxt.start == tok.end:
        return False
    gap = text[tok.end : nxt.start]
    if not gap:
        return False
    return nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in QUOTE_OPENERS


_DATELINE_WORDS = 4


def _dateline_end(tokens: list[Token], first: int, text: str) -> int | None:
    """The dash of a dateline opening the sentence at ``first`` ("Wien – Der Bürgermeister
    sagte", "Addis Abeba/Bujumbura – Die Afrikanische Union"): up to four capitalised
    words (or a slash between two; the first no article or other closed-class word), a
    free-standing dash, then a capitalised word. The
    dateline is a sentence of its own, so no subject or quote takes the place in."""
    if first >= len(tokens) or tokens[first].text.lower() in CLOSED_CLASS:
        return None  # "Der Minister – Sozialdemokrat – sagte": no place opens with an article
    k = first
    while (
        k < len(tokens)
        and k - first <= _DATELINE_WORDS
        and (tokens[k].text[:1].isupper() or (tokens[k].text == "/" and k > first))
    ):
        k += 1
    if k == first or k + 1 >= len(tokens) or tokens[k].text not in DASHES:
        return None
    dash, after = tokens[k], tokens[k + 1]
    spaced = text[tokens[k - 1].end : dash.start] == " " and text[dash.end : after.start] == " "
    return k if spaced and after.text[:1].isupper() else None


def split_sentences(text: str, tokens: list[Token] | None = None) -> list[Sentence]:
    """Rule-based German sentence splitter; paragraph breaks always end a sentence."""
    toks = tokenize(text) if tokens is None else tokens
    sentences: list[Sentence] = []
    first = 0
    dateline = _dateline_end(toks, first, text)
    for i, tok in enumerate(toks):
        boundary = False
        if i + 1 < len(toks):
            nxt = toks[i + 1]
            if i == dateline:
                boundary = True
            elif "\n\n" in text[tok.end : nxt.start] or (
                "\n" in text[tok.end : nxt.start] and not tok.text[:1].isalnum()
            ):
                boundary = True
            elif _ends_sentence(toks, i, text):
                boundary = True
            elif (
                tok.text in QUOTE_CLOSERS
                and i > 0
                and toks[i - 1].text in {".", "!", "?"}
                and text[tok.end : nxt.start]
                and (nxt.text[:1].isupper() or nxt.text in QUOTE_OPENERS)
            ):
                boundary = True
        else:
            boundary = True
        if boundary:
            sentences.append(Sentence(toks[first].start, tok.end, first, i + 1))
            first = i + 1
            dateline = _dateline_end(toks, first, text)
    return sentences
