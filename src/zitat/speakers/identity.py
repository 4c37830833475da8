"""Entity ids that stay the same across articles, and a corpus-wide alias index.

An id is the entity kind plus a slug of its canonical name without initials and titles:
"Donald Trump" and "Donald J. Trump" both become ``per:donald-trump``. A surname alone
("Trump") is resolved to a full name only when exactly one known person carries it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache

from zitat.schema import AnalysisResult, EntityKind, EntityRef, Role

KIND_PREFIX: dict[str, str] = {
    EntityKind.PERSON: "per",
    EntityKind.ORGANISATION: "org",
    EntityKind.GROUP: "grp",
    EntityKind.DOCUMENT: "doc",
    EntityKind.ANONYMOUS: "anon",
    "location": "loc",
    "misc": "misc",
}
_TITLE_WORDS = frozenset({"dr", "prof", "herr", "herrn", "frau", "mr", "mrs", "ms", "sir"})
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


@dataclass(slots=True)
class EntityIndex:
    """Corpus-level alias index: canonical ids, their aliases, and surname lookup.

    Feed it the entities of each article (``observe`` or ``add``); ``resolve`` and ``link``
    then map a surname-only name to the one full name known with it, and leave it alone when
    two people share the surname. A store or batch run observes every article first and
    links afterwards, or links each article against what it has seen so far.
    """

    names: dict[str, str] = field(default_factory=dict)
    """entity id -> canonical (longest) name"""
    aliases: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    _by_surname: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, name: str, kind: str, aliases: list[str] | tuple[str, ...] = ()) -> str:
        """Record an entity; returns its corpus id."""
        if kind == EntityKind.PERSON and not is_full_name(name):
            name = self.resolve(name, kind)
        ident = entity_id(name, kind)
        known = self.names.get(ident)
        if known is None or len(name) > len(known):
            self.names[ident] = name
        self.aliases[ident].update(a for a in (name, *aliases) if a)
        if kind == EntityKind.PERSON and is_full_name(name):
            self._by_surname[slug(surname(name))].add(ident)
        return ident

    def candidates(self, name: str) -> set[str]:
        """Ids of the full-named persons whose surname is ``name``'s last word."""
        return set(self._by_surname.get(slug(surname(name)), set()))

    def resolve(self, name: str, kind: str) -> str:
        """The canonical name for ``name``: a surname maps to the one full name that has it."""
        if kind != EntityKind.PERSON or is_full_name(name):
            return self.names.get(entity_id(name, kind), name)
        found = self.candidates(name)
        if len(found) == 1:
            return self.names[found.pop()]
        return name

    def observe(self, result: AnalysisResult) -> None:
        """Learn the entities of one analysed article."""
        for entity in result.entities:
            self.add(entity.name, entity.kind, entity.aliases)

    def link(self, result: AnalysisResult) -> AnalysisResult:
        """Give surname-only persons of ``result`` the corpus id of the one full name known
        with that surname (speaker and addressee references follow); others stay as they are.
        A bare word the article alone took for an organisation ("Merkel sagte …") becomes
        that person too when the corpus knows exactly one person of that surname."""
        renamed: dict[str, EntityRef] = {}
        for entity in result.entities:
            bare_word = entity.kind == EntityKind.ORGANISATION and len(entity.name.split()) == 1
            if not (entity.kind == EntityKind.PERSON or bare_word) or is_full_name(entity.name):
                continue
            found = self.candidates(entity.name)
            if len(found) != 1:
                continue
            ident = found.pop()
            full = self.names[ident]
            entity.aliases = sorted({*entity.aliases, entity.name})
            old = entity.id
            entity.id, entity.name, entity.kind = ident, full, EntityKind.PERSON
            renamed[old] = EntityRef(ident, full, EntityKind.PERSON, entity.gender)
        if renamed:
            for quotation in result.quotations:
                quotation.speaker = _relinked(quotation.speaker, renamed)
                quotation.addressee = _relinked(quotation.addressee, renamed)
        return result


def _relinked(role: Role | None, renamed: dict[str, EntityRef]) -> Role | None:
    if role is None or role.entity is None or role.entity.id not in renamed:
        return role
    new = renamed[role.entity.id]
    return replace(role, entity=replace(role.entity, id=new.id, name=new.name, kind=new.kind))
