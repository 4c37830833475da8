"""Candidate entity mentions: the model's and the name finder's mentions made into names.

A tagger's mention may start with an article or a role noun ("Der Flughafenmanager Vedat
Muftuoglu"), cut a name in two ("Felipe" + "Calderón") or be no name at all ("Ein",
"Aussagen", "„"). ``clean_mentions`` trims such words from the edges, joins the halves of
a personal name and drops what is left without a name; ``is_entity_name`` is the rule every
entity name must pass: never a closed-class word, never one character, never punctuation
alone.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from zitat.lang.de.words import CLOSED_CLASS, NAME_PARTICLES
from zitat.schema import AnalysisResult, EntityMention
from zitat.speakers.names import is_first_name, opens_next_name
from zitat.speakers.phrases import ANONYMOUS_SUFFIX
from zitat.speakers.roles import noun_info
from zitat.text.document import ParsedText
from zitat.text.tokenize import Token

_NAMED_CLASSES = ("org", "medium")
"""Speaker nouns that may be names of their own ("Polizei", "Regierung"); role, statement,
document and group nouns ("Anwältin", "Angaben", "Bericht", "Experten") never are."""


def is_entity_name(name: str) -> bool:
    """Whether ``name`` may name an entity: at least two characters, and at least one word
    that is neither a closed-class word nor a name particle (in any case: "Van" of "Van der
    Bellen" is no name) and holds a letter or digit; never
    a fragment that ends in a hyphen ("Kongress-" of "Kongress- und Verteidigungskreise")."""
    words = name.split()
    return (
        len(name.strip()) > 1
        and not name.rstrip().endswith("-")
        and any(
            word.lower() not in CLOSED_CLASS
            and word.lower() not in NAME_PARTICLES
            and any(c.isalnum() for c in word)
            and len(word) > 1
            for word in words
        )
    )


def _edge_word(token: Token, label: str) -> bool:
    """A word that cannot begin or end a name: closed-class words, punctuation, lower-case
    words (but "von", "de" inside a name stay), and role nouns before a person's name."""
    word = token.text
    if word.lower() in CLOSED_CLASS or not any(c.isalnum() for c in word):
        return True
    if word[:1].islower() and not any(c.isdigit() for c in word) and "." not in word:
        return True  # "n24", "news.bbc.co.uk" are names
    info = noun_info(word)
    return info is not None and (label == "PER" or info.cls not in _NAMED_CLASSES)


def _surname(toks: list[Token], first: int, k: int) -> bool:
    """Whether the role noun ``toks[k]`` ends a person's name right after a first name: a
    surname ("Peter Richter", "Anna Bauer", "Luise Millerin"), not a role."""
    word = toks[k].text
    return (
        k > first
        and is_first_name(toks[k - 1].text)
        and word[:1].isupper()
        and word.isalpha()
        and word.lower() not in CLOSED_CLASS
    )


def _trimmed(mention: EntityMention, doc: ParsedText) -> EntityMention | None:
    first = doc.token_at(mention.start)
    last = doc.token_at(mention.end - 1)
    toks = doc.tokens
    while first <= last and (
        toks[first].start < mention.start or _edge_word(toks[first], mention.label)
    ):
        first += 1
    while last >= first and (
        toks[last].end > mention.end
        or (_edge_word(toks[last], mention.label) and not _surname(toks, first, last))
    ):
        last -= 1
    if last < first:
        return None
    bracket = next((k for k in range(first, last + 1) if toks[k].text == "("), None)
    if bracket is not None and not any(toks[k].text == ")" for k in range(bracket, last + 1)):
        last = bracket - 1  # "Wolfgang Schäuble (CDU": the name ends before the bracket
        while last >= first and _edge_word(toks[last], mention.label):
            last -= 1
        if last < first:
            return None
    start, end = toks[first].start, toks[last].end
    text = doc.text[start:end]
    if not is_entity_name(text):
        return None
    if first == last and (info := noun_info(text)) and info.cls not in _NAMED_CLASSES:
        return None  # "Aussagen", "Anwältin": a description, not a name
    if (
        mention.label == "PER"
        and first == last
        and text.endswith("s")
        and last + 1 < len(toks)
        and (info := noun_info(toks[last + 1].text)) is not None
        and info.cls in ("role", "adjrole")
    ):
        return None  # "Mexikos Innenminister": the genitive of a place before a role
    return replace(mention, start=start, end=end, text=text)


def _join_persons(mentions: list[EntityMention], text: str) -> list[EntityMention]:
    """ "Felipe" + "Calderón" tagged apart, one space between: one person; not "Angela
    Merkel" + "Emmanuel Macron" (:func:`~zitat.speakers.names.opens_next_name`)."""
    joined: list[EntityMention] = []
    for m in mentions:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.label == m.label == "PER"
            and text[previous.end : m.start] == " "
            and not _two_people(previous.text, m.text)
        ):
            joined[-1] = EntityMention(previous.start, m.end, "PER", text[previous.start : m.end])
        else:
            joined.append(m)
    return joined


def _two_people(first: str, second: str) -> bool:
    words = first.split()
    return opens_next_name(len(words), words[-1], second.split()[0])


def clean_mentions(mentions: list[EntityMention], doc: ParsedText) -> list[EntityMention]:
    """The mentions that name something, trimmed to their name, in text order."""
    kept = [t for m in mentions if (t := _trimmed(m, doc)) is not None]
    return _split_surname_pairs(
        _join_persons(sorted(kept, key=lambda m: (m.start, -m.end)), doc.text)
    )


def _split_surname_pairs(mentions: list[EntityMention]) -> list[EntityMention]:
    """ "hat Mayer Doskozil … geklagt": two words tagged as one person that are the surnames
    of two other persons the article names in full ("Heinz Mayer", "Hans Peter Doskozil")
    are those two persons; "Peter Doskozil" (a first name) and surnames of no full name
    stay."""
    full_names: dict[str, set[str]] = {}
    for m in mentions:
        if m.label == "PER" and " " in m.text:
            full_names.setdefault(m.text.split()[-1], set()).add(m.text)
    split: list[EntityMention] = []
    for m in mentions:
        words = m.text.split(" ")
        first, last = words[0], words[-1]
        if (
            m.label == "PER"
            and len(words) == 2
            and full_names.get(first, set()) - {m.text}
            and full_names.get(last, set()) - {m.text}
            and not is_first_name(first)
        ):
            split.append(EntityMention(m.start, m.start + len(first), "PER", first))
            split.append(EntityMention(m.end - len(last), m.end, "PER", last))
        else:
            split.append(m)
    return split


def merge_mentions(*sources: list[EntityMention]) -> list[EntityMention]:
    """All mentions of several finders; of overlapping ones the longest wins, so the name
    finder's "Karin Albrecht" replaces a model's partial "Karin"."""
    kept: list[EntityMention] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for m in sorted(
        (m for source in sources for m in source), key=lambda m: (m.start - m.end, m.start)
    ):
        k = bisect.bisect_left(starts, m.start)
        if (k and kept[k - 1].end > m.start) or (k < len(kept) and kept[k].start < m.end):
            continue
        kept.insert(k, m)
        starts.insert(k, m.start)
    return kept


def junk_names(result: AnalysisResult) -> list[str]:
    """Names of the result's entities and speaker or addressee entities that fail
    ``is_entity_name`` (the check of scripts/check_entity_names.py and its CI test)."""
    names = [e.name for e in result.entities]
    for q in result.quotations:
        for role in (q.speaker, q.addressee):
            if role is not None and role.entity is not None:
                names.append(role.entity.name.removesuffix(ANONYMOUS_SUFFIX))
    return [name for name in names if not is_entity_name(name)]
