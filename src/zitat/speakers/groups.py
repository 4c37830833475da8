"""Coordinated speakers ("Grigg und Berlin", "die Gläubigerschutzverbände Creditreform und
AKV Europa") as groups of their named members."""

from __future__ import annotations

from zitat.lang.de.words import COORDINATORS, DEFINITE, INDEFINITE, PLURAL_WORDS
from zitat.lang.de.words import SPEAKER_PREPOSITIONS as PREPOSITIONS
from zitat.schema import Entity, EntityKind, EntityRef
from zitat.speakers.article import ArticleEntities
from zitat.speakers.identity import entity_id
from zitat.speakers.names import is_acronym, is_name_word
from zitat.speakers.phrases import describe
from zitat.speakers.roles import noun_info
from zitat.text.tokenize import Token


def named_members(article: ArticleEntities, body: list[Token]) -> EntityRef | None:
    """A coordination of persons each named by its last words ("Grigg und Berlin",
    "die Piloten Dan Barina und Rob Morgan") as the group "A und B" of their full
    names, or of organisations named after their class noun ("die
    Gläubigerschutzverbände Creditreform und AKV Europa"); None when a member is neither."""
    parts: list[list[Token]] = [[]]
    for token in body:
        if token.text in ("und", "sowie", ","):
            parts.append([])
        else:
            parts[-1].append(token)
    names = []
    kinds: set[EntityKind] = set()
    described_later = False
    for k, part in enumerate(parts):
        run = len(part)
        while run > 0 and (is_name_word(part[run - 1].text) or is_acronym(part[run - 1].text)):
            run -= 1
        if run == len(part) or any(
            not (t.text[:1].islower() or _class_noun(t.text)) for t in part[:run]
        ):
            return None
        named = part[run:]
        found = article.entities_in(named[0].start, named[-1].end)
        if found and found[0].kind is EntityKind.ORGANISATION:
            ref = describe(named, EntityKind.ORGANISATION)  # "AKV Europa" after the tagged "AKV"
        else:
            ref = article.named(named)
        kinds.add(ref.kind)
        described_later |= k > 0 and run > 0
        names.append(ref.name)
    if kinds != {EntityKind.PERSON} and (
        kinds != {EntityKind.ORGANISATION}
        or described_later
        or any(t.text.lower() in PREPOSITIONS for t in body)
    ):
        return None  # organisations only as bare names after one class noun, not
        # "Experten aus Deutschland und Frankreich"
    if len(names) < 2:
        return None
    name = " und ".join(names)
    return EntityRef(entity_id(name, EntityKind.GROUP), name, EntityKind.GROUP)


def is_coordination(body: list[Token]) -> bool:
    lower = [t.text.lower() for t in body]
    if lower and lower[0] in PLURAL_WORDS:
        return True
    for k, word in enumerate(lower[1:-1], start=1):
        if word in COORDINATORS and (word != "auch" or lower[k - 1] == "als"):
            nxt = body[k + 1].text
            if body[k - 1].text.endswith("-"):  # "Bau- und Transportministerium"
                continue
            in_phrase = any(w in PREPOSITIONS for w in lower[1:k])
            if nxt.lower() in DEFINITE | INDEFINITE | PLURAL_WORDS or (
                nxt[:1].isupper() and not in_phrase
            ):
                return True
    return False


def coordinated(article: ArticleEntities, body: list[Token], persons: list[Entity]) -> bool:
    """Two persons of the span joined by "und"/"sowie"."""
    firsts: dict[str, int] = {}
    for start, _, ent in article.mentions_in(body[0].start, body[-1].end):
        firsts.setdefault(ent.id, start)
    starts = [firsts.get(p.id) for p in persons[:2]]
    if None in starts:  # a person mentioned only before the span
        return False
    low, high = sorted(s for s in starts if s is not None)
    return any(t.text in ("und", "sowie") and low < t.start < high for t in body)


def _class_noun(word: str) -> bool:
    """A role or organisation noun that may stand before the names of a group's members."""
    info = noun_info(word)
    return info is not None and info.cls in ("role", "adjrole", "org", "group")
