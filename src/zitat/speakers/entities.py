"""Entity mentions -> the article's entities, with canonical names and stable ids.

Within an article, "Trump", "Donald Trump" and "Donald J. Trump" become one person named
by the longest full name; a bare surname joins the full name it abbreviates (the most
recently mentioned one when two people share it, so they stay apart), also when the tagger
took it for an organisation. Organisations merge
by name and by an acronym given in brackets ("Gewerkschaft der Polizei (GdP)"); a news outlet
is named as the outlet list knows it, whatever its case or inflection ("dem STANDARD", "der
Süddeutschen Zeitung" are "Der Standard", "Süddeutsche Zeitung").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from zitat.lang.de.lexicon import outlet, states
from zitat.lang.de.punctuation import QUOTE_CLOSERS
from zitat.schema import AnalysisResult, Entity, EntityKind, EntityMention, Gender, Mention
from zitat.speakers.gender import name_gender
from zitat.speakers.identity import entity_id, is_full_name, name_parts, slug, surname
from zitat.speakers.mentions import clean_mentions, is_entity_name, merge_mentions
from zitat.speakers.names import find_names
from zitat.text.document import ParsedText

LOCATION = "location"
"""The kind of a place's entity: no speaker kind (see ``resolve``)."""
LABEL_KIND: dict[str, str] = {
    "PER": EntityKind.PERSON,
    "ORG": EntityKind.ORGANISATION,
    "LOC": LOCATION,
    "MISC": "misc",
}


@dataclass(slots=True)
class _Cluster:
    kind: str
    names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    last_seen: int = 0

    @property
    def canonical(self) -> str:
        if self.kind == EntityKind.PERSON:
            return max(self.names, key=lambda n: (len(name_parts(n)), len(n)))
        return max(self.names, key=len)


def _same_person(full: str, other: str) -> bool:
    """Both full names of one person: same surname, and one's first names within the other's."""
    a, b = {slug(p) for p in name_parts(full)}, {slug(p) for p in name_parts(other)}
    return slug(surname(full)) == slug(surname(other)) and (a <= b or b <= a)


def _strip_genitive(name: str, known: set[str]) -> str:
    return name[:-1] if name.endswith("s") and name[:-1] in known else name


def build_entities(mentions: list[EntityMention], text: str) -> list[Entity]:
    """Cluster mentions (in text order) into entities; see the module docstring."""
    persons: dict[str, list[_Cluster]] = {}
    """surname slug -> the persons of that surname, in order of appearance"""
    others: dict[tuple[str, str], _Cluster] = {}
    acronyms: dict[str, _Cluster] = {}
    ordered = sorted(mentions, key=lambda m: m.start)
    full_names = [m.text for m in ordered if m.label == "PER" and is_full_name(m.text)]
    surnames = {surname(name) for name in full_names}
    by_first = _full_names_by_first_name(full_names)
    for m in ordered:
        kind = LABEL_KIND.get(m.label, "misc")
        mention = Mention(m.text, ((m.start, m.end),))
        name = " ".join(m.text.split())
        if (
            kind in (EntityKind.ORGANISATION, LOCATION, "misc")
            and name in surnames
            and not name.isupper()
            and name not in states()
        ):
            kind = EntityKind.PERSON  # "Leitl" tagged ORG, "Jagland" LOC after the full name
        elif kind == EntityKind.PERSON and name in states():
            kind = EntityKind.ORGANISATION  # "China" tagged PER: a state speaks as a body
        if kind != LOCATION and name not in surnames:
            named = _outlet(name, text, m.end)
            if named is not None:  # "der Süddeutschen Zeitung"; "Kurier" tagged PER
                kind, name, end = EntityKind.ORGANISATION, named[0], named[1]
                mention = Mention(text[m.start : end], ((m.start, end),))
        if kind == EntityKind.PERSON:
            name = _strip_genitive(name, surnames)
            if name not in surnames and name in by_first:  # "Felipe" after "Felipe Calderón"
                name = by_first[name]
            cluster = _person_cluster(persons, name)
        else:
            key = (kind, slug(name))
            cluster = others.get(key) or acronyms.get(name) or _Cluster(kind)
            others.setdefault(key, cluster)
            bracket = text[m.end : m.end + 14].lstrip(QUOTE_CLOSERS)
            if bracket.startswith(" (") and ")" in bracket:
                acronym = bracket[2 : bracket.index(")")]
                if acronym.isalpha() and sum(c.isupper() for c in acronym) >= 2:
                    acronyms[acronym] = cluster
                    cluster.names.append(name)
        cluster.names.append(name)
        cluster.mentions.append(mention)
        cluster.last_seen = m.start
    everyone = [c for family in persons.values() for c in family] + list(others.values())
    unique = list({id(c): c for c in everyone}.values())
    return [_to_entity(c) for c in sorted(unique, key=lambda c: c.mentions[0].spans[0][0])]


_NEXT_WORDS = re.compile(r"\s+([\w-]+)(?:\s+([\w-]+))?")


def _outlet(name: str, text: str, end: int) -> tuple[str, int] | None:
    """The outlet named by ``name`` or by it and the next one or two words of ``text`` after
    ``end`` ("Welt" of "der Welt am Sonntag", "Spiegel" of "Spiegel Online", as the name
    finder may cut them), with the end of its name; None when it names no outlet."""
    after = _NEXT_WORDS.match(text, end)
    if after is not None:
        for k in (2, 1):
            if after.group(k) is not None:
                longer = outlet(f"{name} {text[after.start(1) : after.end(k)]}")
                if longer is not None:
                    return longer.name, after.end(k)
    known = outlet(name)
    return (known.name, end) if known is not None else None


def _full_names_by_first_name(full_names: list[str]) -> dict[str, str]:
    """First name -> the one full name of the article that starts with it."""
    found: dict[str, set[str]] = {}
    for name in full_names:
        found.setdefault(name.split()[0], set()).add(" ".join(name.split()))
    return {first: names.pop() for first, names in found.items() if len(names) == 1}


def _person_cluster(persons: dict[str, list[_Cluster]], name: str) -> _Cluster:
    family = persons.setdefault(slug(surname(name)), [])
    if is_full_name(name):
        for cluster in family:
            if any(is_full_name(n) and _same_person(n, name) for n in cluster.names):
                return cluster
        for cluster in family:  # "Trump" seen before "Donald Trump"
            if not any(is_full_name(n) for n in cluster.names):
                return cluster
    elif family:
        return max(family, key=lambda c: c.last_seen)
    cluster = _Cluster(EntityKind.PERSON)
    family.append(cluster)
    return cluster


def _to_entity(cluster: _Cluster) -> Entity:
    name = cluster.canonical
    gender = name_gender(name.split()) if cluster.kind == EntityKind.PERSON else Gender.UNKNOWN
    aliases = sorted({n for n in cluster.names if n != name})
    return Entity(
        entity_id(name, cluster.kind), name, cluster.kind, cluster.mentions, gender, aliases
    )


class EntitiesEnricher:
    """The ``entities`` enricher: the model's mentions merged with the name finder's."""

    requires: tuple[str, ...] = ()

    def __call__(self, result: AnalysisResult, doc: ParsedText) -> AnalysisResult:
        found = [m for m in find_names(doc) if is_entity_name(m.text)]
        mentions = merge_mentions(clean_mentions(result.mentions, doc), found)
        result.entities = build_entities(mentions, doc.text)
        return result
