"""Speaker descriptions as text: the words of a span as written, quoted names, brands, and
the entity a description names by itself (documents, groups, anonymous sources), and the
reference to an organisation by its name."""

from __future__ import annotations

from dataclasses import replace

from zitat.lang.de.lexicon import outlet
from zitat.lang.de.punctuation import QUOTE_CLOSERS, QUOTE_MARKS, QUOTE_OPENERS
from zitat.schema import EntityKind, EntityRef, Gender
from zitat.speakers.identity import entity_id
from zitat.speakers.roles import NounInfo
from zitat.text.tokenize import Token

ANONYMOUS_SUFFIX = " (anonym)"


def phrase(tokens: list[Token]) -> str:
    """The words of ``tokens`` as written, without quotation marks."""
    parts: list[str] = []
    previous: Token | None = None
    for token in tokens:
        if token.text in QUOTE_MARKS:
            continue
        if previous is not None and token.start > previous.end:
            parts.append(" ")
        parts.append(token.text)
        previous = token
    return "".join(parts)


def organisation_ref(name: str) -> EntityRef:
    """An organisation by its name; a news outlet by the name the outlet list gives it ("der
    Süddeutschen Zeitung" and "dem STANDARD" are "Süddeutsche Zeitung" and "Der Standard")."""
    known = outlet(name)
    name = known.name if known is not None else name
    return EntityRef(entity_id(name, EntityKind.ORGANISATION), name, EntityKind.ORGANISATION)


def describe(body: list[Token], kind: EntityKind, gender: Gender = Gender.UNKNOWN) -> EntityRef:
    """An entity named by its description: documents, groups, anonymous sources; an
    organisation by the words of its name ("das Rote Kreuz")."""
    name = phrase(body)
    if kind is EntityKind.ORGANISATION:
        return organisation_ref(name)
    if kind is EntityKind.ANONYMOUS:
        name += ANONYMOUS_SUFFIX
    role = name.removesuffix(ANONYMOUS_SUFFIX) if kind is EntityKind.ANONYMOUS else None
    return EntityRef(entity_id(name, kind), name, kind, gender, role)


def singular_nominative(body: list[Token], head: int, info: NounInfo) -> list[Token]:
    """``body`` with its role or document noun at ``head`` out of the genitive singular, for
    the name of the entity it describes: "seines Arztes" is "Arzt (anonym)", "des
    Gesetzesentwurfs zur …" the document "Gesetzesentwurf zur …"."""
    if info.cls not in ("role", "document") or info.ending not in ("s", "es"):
        return body
    if any(t.text[:1].isupper() for t in body[:head]):
        return body  # "Auskunft seines Arztes" is no description of the doctor
    word = body[head]
    named = replace(word, text=word.text[: -len(info.ending)])
    return [*body[:head], named, *body[head + 1 :]]


def nominative(adjectives: list[str]) -> list[str]:
    """ "israelischen" -> "israelische": adjectives as they stand before a feminine noun."""
    return [a[:-1] if a.endswith("en") else a for a in adjectives]


def quoted(body: list[Token]) -> list[Token]:
    """The words inside quotation marks near the start of a speaker: "die „Automobilwoche“"."""
    opener = next((k for k, t in enumerate(body[:3]) if t.text in QUOTE_OPENERS), None)
    if opener is None:
        return []
    closer = next((k for k in range(opener + 1, len(body)) if body[k].text in QUOTE_CLOSERS), None)
    return body[opener + 1 : closer] if closer is not None else []


def looks_like_brand(word: str) -> bool:
    """ "n24", "3sat", "news.bbc.co.uk": digits or dots inside a word."""
    if " " in word:
        return False
    return ("." in word.strip(".")) or (word.isalnum() and any(c.isdigit() for c in word))
