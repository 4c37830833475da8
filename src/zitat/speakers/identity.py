"""Entity ids that stay the same across articles, and how a corpus links them.

An id is the entity kind plus a slug of its canonical name without initials and titles:
"Donald Trump" and "Donald J. Trump" both become ``per:donald-trump``.

Corpus identity is a function of the set of articles, never of their order: each article
keeps its own resolution, and a :class:`CorpusLink` maps each of its entities to a corpus
id. A surname alone ("Trump") links to a full name only when exactly one full-named person
of the corpus carries that surname (:func:`surname_key`, :func:`target_key`), and a one-word
organisation only when that name starts with a known first name; anonymous
sources, groups and documents are described, not named, so their ids are scoped to their
article (:func:`article_scoped_id`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache

from zitat.lang.de.lexicon import first_names
from zitat.lang.de.words import TITLES
from zitat.schema import Entity, EntityKind, EntityRef

KIND_PREFIX: dict[str, str] = {
    EntityKind.PERSON: "per",
    EntityKind.ORGANISATION: "org",
    EntityKind.GROUP: "grp",
    EntityKind.DOCUMENT: "doc",
    EntityKind.ANONYMOUS: "anon",
    "location": "loc",
    "misc": "misc",
}
_TITLE_WORDS = frozenset(title.lower() for title in TITLES) | {"mr", "mrs", "ms", "sir"}
_GERMAN_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@cache
def slug(name: str) -> str:
    """ASCII slug: "Gülsen Çelebi" -> "guelsen-celebi"; initials and titles dropped."""
    folded = unicodedata.normalize("NFKD", name.lower().translate(_GERMAN_FOLD))
    ascii_text = folded.encode("ascii", "ignore").decode()
    words = [w for w in re.split(r"[^a-z0-9]+", ascii_text) if w]
    kept = [w for w in words if len(w) > 1 and w not in _TITLE_WORDS] or words
    return "-".join(kept)


def entity_id(name: str, kind: str) -> str:
    return f"{KIND_PREFIX.get(kind, 'ent')}:{slug(name) or 'unnamed'}"


@cache
def name_parts(name: str) -> tuple[str, ...]:
    """The words of a personal name that identify it (no titles, no initials)."""
    return tuple(
        w
        for w in name.split()
        if w.rstrip(".").lower() not in _TITLE_WORDS and len(w.rstrip(".")) > 1
    )


def surname(name: str) -> str:
    parts = name_parts(name)
    return parts[-1] if parts else name


def is_full_name(name: str) -> bool:
    return len(name_parts(name)) >= 2


ARTICLE_SCOPED_KINDS = frozenset({EntityKind.ANONYMOUS, EntityKind.GROUP, EntityKind.DOCUMENT})
"""Kinds named by a description ("ein Augenzeuge", "die Demonstranten", "die Studie"): two
articles' descriptions are two entities, so their ids carry the article."""


def article_scoped_id(local_id: str, article_id: str) -> str:
    """``local_id`` made unique to one article: ``anon:augenzeugin-anonym@<16 hex digits>``.

    The suffix is a digest of the article id, so it is the same in every store and run;
    an id that has it already (a result read back from a store) is kept.
    """
    suffix = "@" + hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:16]
    return local_id if local_id.endswith(suffix) else local_id + suffix


def surname_key(name: str, kind: str) -> str | None:
    """The surname slug under which a bare name looks for a full name, else None.

    Persons named by one name ("Merkel") and one-word organisations (the article alone may
    take "Merkel sagte …" for an organisation) look; full names and other kinds do not.
    """
    one_word = kind == EntityKind.ORGANISATION and len(name.split()) == 1
    if not (kind == EntityKind.PERSON or one_word) or is_full_name(name):
        return None
    return _surname_slug(name)


def target_key(name: str, kind: str) -> str | None:
    """The surname slug of a full-named person (whom a bare surname may link to), else None."""
    if kind != EntityKind.PERSON or not is_full_name(name):
        return None
    return _surname_slug(name)


def _surname_slug(name: str) -> str | None:
    """A capitalised last name's slug; None for "der" or "online", which are no surnames."""
    last = surname(name)
    return (slug(last) or None) if last[:1].isupper() else None


def canonical_name(names: Iterable[str]) -> str:
    """The name an entity is shown under: the longest, ties broken alphabetically."""
    return min(names, key=lambda name: (-len(name), name))


@dataclass(frozen=True, slots=True)
class CorpusLink:
    """Where an article's own entity belongs in the corpus: its corpus id, and, when it is
    a bare surname linked to a full-named person, that person's name (else None)."""

    entity_id: str
    linked_name: str | None = None

    def ref(self, ref: EntityRef) -> EntityRef:
        """The corpus view of a speaker or addressee reference."""
        if self.linked_name is None:
            return ref if ref.id == self.entity_id else replace(ref, id=self.entity_id)
        return replace(ref, id=self.entity_id, name=self.linked_name, kind=EntityKind.PERSON)

    def entity(self, entity: Entity) -> Entity:
        """The corpus view of an article entity; a linked one keeps its bare name as alias."""
        if self.linked_name is None:
            return entity if entity.id == self.entity_id else replace(entity, id=self.entity_id)
        return replace(
            entity,
            id=self.entity_id,
            name=self.linked_name,
            kind=EntityKind.PERSON.value,
            aliases=sorted({*entity.aliases, entity.name}),
        )


@dataclass(frozen=True, slots=True)
class Target:
    """The one full-named person a surname links to: corpus id and canonical name."""

    entity_id: str
    name: str


def corpus_link(
    local_id: str, name: str, kind: str, article_id: str, target: Target | None
) -> CorpusLink:
    """The corpus link of one entity of an article.

    ``target`` is the corpus' only full-named person with the entity's surname key
    (None when there is none or several): a pure function of the set of stored articles,
    so the link is the same whatever order the articles came in.
    """
    if kind in ARTICLE_SCOPED_KINDS:
        return CorpusLink(article_scoped_id(local_id, article_id))
    if (
        target is not None
        and target.entity_id != local_id
        and surname_key(name, kind)
        and (kind == EntityKind.PERSON or _has_first_name(target.name))
    ):
        return CorpusLink(target.entity_id, target.name)
    return CorpusLink(local_id)


def _has_first_name(name: str) -> bool:
    """Whether ``name`` starts with a known first name: the evidence needed to make a person
    of a word its article took for an organisation ("Köhler" -> Horst Köhler, but not
    "Medien" -> a "Verschiedene Medien" that was no person)."""
    parts = name_parts(name)
    return bool(parts) and parts[0] in first_names()
