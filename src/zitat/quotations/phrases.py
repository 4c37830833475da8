"""Noun phrases of the rules model: where a speaker, source or addressee phrase ends."""

from __future__ import annotations

from zitat.lang.de.punctuation import QUOTE_CLOSERS, QUOTE_OPENERS
from zitat.lang.de.words import (
    ADVERBS,
    AUXILIARIES,
    CLOSED_CLASS,
    CONJUNCTIONS,
    DETERMINERS,
    FOREIGN_NAME_PARTICLES,
    GENITIVE_STARTS,
    PREPOSITIONS,
    PRONOUNS,
    SUBORDINATORS,
    UNNAMED_LABELS,
)
from zitat.quotations.document import Doc

_OPENERS = frozenset(QUOTE_OPENERS)
_CLOSERS = frozenset(QUOTE_CLOSERS)
_KEPT_AT_END = _CLOSERS | {")"}
"""Punctuation that may end a noun phrase: a bracket or the mark closing a title."""
_OPENING_WORDS = DETERMINERS | {"von", "vom"}
"""Words that open an attribute, never end a noun phrase."""


def _is_adjective_like(word: str) -> bool:
    return (
        word.islower()
        and word not in AUXILIARIES
        and word not in PREPOSITIONS
        and word not in CONJUNCTIONS
        and word not in ADVERBS
        and word.endswith(("e", "en", "er", "es", "em", "te", "ten"))
    )


def noun_phrase_end(d: Doc, start: int, limit: int) -> int:
    """End (exclusive) of the noun phrase starting at ``start``; ``start`` if there is none.

    Accepts determiners, adjectives and numbers before capitalised words, parentheses, and
    genitive or von-attributes ("ein Sprecher des Ministeriums", "Angaben von Zeugen").
    """
    if start >= limit or d.words[start][:1].isdigit():
        return start
    if d.lower[start] in PRONOUNS:
        return start + 1
    i, has_head, open_phrase = start, False, True
    while i < limit:
        word, low = d.words[i], d.lower[i]
        if low in DETERMINERS or (has_head and low in {"von", "vom"}):
            # after the head only a genitive or von-attribute may follow
            if has_head and low not in GENITIVE_STARTS:
                break
            open_phrase = True
        elif open_phrase and (
            _is_adjective_like(word) or word[:1].isdigit() or (i > start and low in ADVERBS)
        ):
            pass
        elif open_phrase and i > start and low in PREPOSITIONS:
            # "der an der Studie beteiligte Politologe": a phrase before its participle
            participle = _participle_after(d, i, limit)
            if participle is None:
                break
            i = participle
        elif word[:1].isupper() and low not in ADVERBS and low not in PREPOSITIONS:
            has_head, open_phrase = True, False
        elif open_phrase and word in _OPENERS and not d.quoted[i]:
            # a title in quotation marks, not a quote: "laut „Welt“"
            close = next(
                (k for k in range(i + 1, min(limit, i + 8)) if d.words[k] in _CLOSERS), None
            )
            if close is None or close == i + 1 or not d.words[i + 1][:1].isupper():
                break
            i, has_head, open_phrase = close, True, False
        elif has_head and low in {"und", "sowie"} and _conjunct_follows(d, i + 1, limit):
            # "Angaben der Polizei und der Feuerwehr", "von Rotem Kreuz und Caritas"
            open_phrase = True
        elif has_head and _attribute_follows(d, i, limit):
            open_phrase = True
        elif has_head and word == "(":
            close = next((k for k in range(i, min(limit, i + 8)) if d.words[k] == ")"), None)
            if close is None:
                break
            i = close
        elif word == "-" or (has_head and word.isalpha() and word.isupper()):
            pass  # "Nachrichtenagentur AP", "der 23-jährige Sportler"
        elif has_head and word == "." and len(d.words[i - 1]) == 1 and i + 1 < limit:
            pass  # an initial: "George W. Bush"
        elif (
            has_head
            and low in FOREIGN_NAME_PARTICLES
            and i + 1 < limit
            and d.words[i + 1].istitle()
        ):
            pass  # "Heike van Laak", "Omar al Bashir"
        else:
            break
        i += 1
    if open_phrase and _quote_follows(d, i, limit):
        while i > start and d.lower[i - 1] in _OPENING_WORDS:
            i -= 1  # "Ricarda Lang von einem „wichtigen Signal“ sprach": a quote, no attribute
    while i > start and not d.is_word(i - 1) and d.words[i - 1] not in _KEPT_AT_END:
        i -= 1
    return i if has_head else start


def _quote_follows(d: Doc, i: int, limit: int) -> bool:
    """Whether a quotation mark opens at ``i`` after at most an article ("einem „wichtigen
    Signal“"), where the phrase stopped instead of taking it in as a title."""
    while i < limit and d.lower[i] in DETERMINERS:
        i += 1
    return i < limit and d.words[i] in _OPENERS


_ATTRIBUTE_WORDS = 6
"""Words a prepositional phrase inside an attribute may take ("seit 1970", "an der Studie")."""


def _participle_after(d: Doc, i: int, limit: int) -> int | None:
    """The participle or adjective that a prepositional phrase at ``i`` depends on within a
    noun phrase, right before its noun ("der [für Bildung zuständige] Minister", "der [seit
    1970 regierende] Sultan"); None if the phrase is no such attribute."""
    for k in range(i + 1, min(limit - 1, i + 1 + _ATTRIBUTE_WORDS)):
        if not d.is_word(k) or d.quoted[k]:
            return None
        participle = _is_adjective_like(d.words[k]) and d.lower[k] not in DETERMINERS
        if participle and d.words[k + 1][:1].isupper():
            return k
    return None


def _conjunct_follows(d: Doc, i: int, limit: int) -> bool:
    """After "und": an attribute, or a name or noun that makes a second head ("Polizei und
    Feuerwehr"), not a closed-class word ("und Sie", "und Dann")."""
    if _attribute_follows(d, i, limit):
        return True
    return i < limit and d.words[i][:1].isupper() and d.lower[i] not in CLOSED_CLASS


def _attribute_follows(d: Doc, i: int, limit: int) -> bool:
    """After a head noun: "Berichten britischer Zeitungen",
    "vom November 2011" continue the noun phrase."""
    if i >= limit:
        return False
    word = d.words[i]
    next_word = d.words[i + 1] if i + 1 < limit else ""
    if d.lower[i] in GENITIVE_STARTS:
        return True
    if word[:1].isdigit():
        return d.words[i - 1][:1].isupper()
    return _is_adjective_like(word) and word.endswith("er") and next_word[:1].isupper()


def dative_article(d: Doc, i: int, limit: int) -> bool:
    """Whether an oblique article phrase starts at ``i`` (see :func:`oblique_article`)."""
    return i + 1 < limit and oblique_article(d.words[i], d.words[i + 1])


def oblique_article(article: str, following: str) -> bool:
    """ "Der englischsprachigen Zeitung sagte X": "der" + an adjective in -en is dative or
    genitive, no subject."""
    return article.lower() == "der" and _is_adjective_like(following) and following.endswith("en")


def name_in_apposition(d: Doc, start: int, end: int) -> bool:
    """A Vorfeld of one noun phrase and a name after its only comma: "Der Vorsitzende des
    Verbands in Deutschland, Michael Knipper, kritisierte …"."""
    commas = [k for k in range(start, end) if d.words[k] == ","]
    if len(commas) != 1 or commas[0] + 1 >= end:
        return False
    name = range(commas[0] + 1, end)
    return all(
        d.words[k][:1].isupper() or d.lower[k] in FOREIGN_NAME_PARTICLES or d.words[k] in {"(", ")"}
        for k in name
    ) and not any(d.lower[k] in SUBORDINATORS for k in range(start, commas[0]))


def apposition_end(d: Doc, np_end: int, limit: int) -> int:
    """Extend over an apposition: "der Sprecher, Hans Meier," / "Hans Meier, Präsident der …"."""
    if np_end < limit and d.words[np_end] == "," and d.lower[np_end + 1 : np_end + 2] != ["so"]:
        inner = noun_phrase_end(d, np_end + 1, limit)
        if inner > np_end + 1 and (inner == limit or d.words[inner] in {",", ":"}):
            return inner
    return np_end


def leading_noun_phrase(d: Doc, start: int, end: int) -> list[int]:
    """ "BKA-Präsident Ziercke:" - a frame without verb names its speaker first; after a
    leading adverb, behind the verb ("Hier sparte der Präsident nicht mit Kritik:")."""
    if d.lower[start] in ADVERBS and start + 2 < end:
        start += 2
    if d.lower[start] in ADVERBS or d.lower[start] in PREPOSITIONS:
        return []
    phrase = list(range(start, apposition_end(d, noun_phrase_end(d, start, end), end)))
    if len(phrase) == 1 and d.lower[start] in UNNAMED_LABELS:
        return []  # "Interview: „Wir sind nicht bereit“" names the genre, not the speaker
    return phrase


def noun_phrase_start(d: Doc, floor: int, end: int) -> int:
    """Start of the noun phrase ending right before ``end`` ("ersten Annahmen" zufolge)."""
    i = end
    while i > floor:
        word, low = d.words[i - 1], d.lower[i - 1]
        if d.quoted[i - 1] or not (
            word[:1].isupper() or low in DETERMINERS or _is_adjective_like(word) or low in {"von"}
        ):
            break
        if low in ADVERBS or (word[:1].isupper() and low in PREPOSITIONS):
            break
        i -= 1
    return i
