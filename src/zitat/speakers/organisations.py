"""Organisations named by a description: "die Nachrichtenagentur RIA Novosti" is RIA Novosti,
"das Ministerium" the ministry the article named before, "die Staatsanwaltschaft Krefeld"
itself."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from itertools import takewhile

from zitat.lang.de.lexicon import org_suffixes, outlet
from zitat.lang.de.punctuation import QUOTE_MARKS
from zitat.lang.de.words import (
    ANAPHORIC_ADJECTIVES,
    COMPANY_NOUNS,
    MEDIUM_KINDS,
    MEDIUM_STEMS,
    NAME_LINKS,
)
from zitat.schema import Entity, EntityKind, EntityRef
from zitat.speakers.phrases import organisation_ref, phrase
from zitat.speakers.roles import NounInfo, noun_info
from zitat.text.document import ParsedText
from zitat.text.tokenize import Token


class OrganisationBook:
    """The organisations of one article, by the stem of their head noun."""

    def __init__(
        self,
        mentions: list[tuple[int, int, Entity]],
        ref: Callable[[Entity], EntityRef],
        doc: ParsedText,
    ) -> None:
        self._ref = ref
        self.resolved: dict[str, list[tuple[int, EntityRef]]] = {}
        """Organisations resolved so far: head noun stem -> (position, entity), by position."""
        self.mentioned: dict[str, list[tuple[int, Entity]]] = {}
        """Organisation mentions by the stem of their last noun, by position."""
        self.companies: list[tuple[int, Entity]] = []
        """Mentions of companies, by position: a name with a legal form ("Volkswagen AG") or
        after a company noun ("der Bezahlfernsehkonzern Sky", "die Firma Limbach")."""
        suffixes = org_suffixes()
        for start, _, ent in mentions:
            if ent.kind == EntityKind.ORGANISATION and ent.name:
                words = ent.name.split()
                info = noun_info(words[-1])
                if info:
                    self.mentioned.setdefault(info.stem, []).append((start, ent))
                at = doc.token_at(start)
                before = [doc.tokens[at - 1].text] if at > 0 else []
                if words[-1] in suffixes or any(
                    _company_noun(word) for word in [*before, *words[:-1]]
                ):
                    self.companies.append((start, ent))
        self.media: list[tuple[int, EntityRef, str | None]] = [
            (start, ref(ent), known.kind)
            for start, _, ent in mentions
            if ent.kind == EntityKind.ORGANISATION and (known := outlet(ent.name)) is not None
        ]
        """Outlets named so far, by position, with their kind where known (see
        ``MEDIUM_KINDS``): an outlet of the outlet list, the addressee of a statement ("sagte
        er der Welt am Sonntag") and the name after a medium noun ("die Zeitung „Le Monde“");
        the outlet a later bare "die Zeitung" or "der Sender" means."""
        self.compounds: dict[str, list[tuple[int, EntityRef]]] = {}
        """Compound organisation nouns of the text ("Das Sozialministerium hat …") by stem,
        by position: the fuller name a later "das Ministerium" may mean."""
        spans = sorted((start, end) for start, end, _ in mentions)
        for at, token in enumerate(doc.tokens):
            info = noun_info(token.text) if token.text[:1].isupper() else None
            if info is None or info.plural:
                continue
            if info.cls == "medium":
                last = doc.sentences[doc.sentence_of_token(at)].last_token
                following = doc.tokens[at + 1 : min(last, at + 1 + _NAME_WINDOW)]
                name = _name_after([t for t in following if t.text not in QUOTE_MARKS], info)
                if name:  # "die russische Nachrichtenagentur RIA Novosti", never a speaker
                    named = organisation_ref(phrase(name))
                    self.add_medium(token.start, named, MEDIUM_KINDS.get(info.stem))
            if info.cls != "org":
                continue
            k = bisect.bisect_right(spans, (token.start, len(doc.text) + 1))
            if k and spans[k - 1][1] > token.start:
                continue  # part of a name found: "das isländische Fischereiministerium"
            word = token.text[: len(token.text) - len(info.ending)] if info.ending else token.text
            if len(word) > len(info.stem) + 2 and "-" not in word:
                self.compounds.setdefault(info.stem, []).append(
                    (token.start, organisation_ref(word))
                )

    def organisation(self, body: list[Token], head: Token | None) -> EntityRef:
        """An organisation from its description: the name after a medium noun ("die
        Nachrichtenagentur RIA Novosti"), the fuller name of one named before ("das Ministerium"
        after "das isländische Fischereiministerium"), or the description itself."""
        info = noun_info(head.text) if head is not None else None
        words = [t for t in body if t.text not in QUOTE_MARKS]
        name_tokens = words
        if head is not None and info is not None and head in words:
            head_at = words.index(head)
            after = words[head_at + 1 :]
            proper = _name_after(after, info)
            if proper:
                name_tokens = proper
            elif (not after or info.cls == "medium") and all(
                t is head or t.text.lower().rstrip("nmrs") in ANAPHORIC_ADJECTIVES
                for t in words[: head_at + 1]
            ):  # "das Ministerium", "der gleichen Nachrichtenagentur"
                known = self.known(info.stem, head.start)
                if known is not None and _may_name(head, info.stem, info.cls, known.name):
                    return known
        bracket = next((k for k, t in enumerate(name_tokens) if t.text == "("), len(name_tokens))
        ref = organisation_ref(phrase(name_tokens[:bracket]) or phrase(name_tokens))
        if info is not None:
            bisect.insort(
                self.resolved.setdefault(info.stem, []), (body[0].start, ref), key=lambda o: o[0]
            )
            if info.cls == "medium" and name_tokens is not words:
                self.add_medium(body[0].start, ref, MEDIUM_KINDS.get(info.stem))  # "RIA Novosti"
        return ref

    def add_medium(self, position: int, ref: EntityRef, kind: str | None = None) -> None:
        """Remember an outlet the article named, of ``kind`` if known (see ``media``)."""
        known = outlet(ref.name)
        kind = known.kind if known is not None else kind
        bisect.insort(self.media, (position, ref, kind), key=lambda o: o[0])

    def known(self, stem: str, position: int) -> EntityRef | None:
        """The latest organisation before ``position`` whose name ends in a noun of ``stem``;
        for a company noun ("das Unternehmen") also the latest company, for a medium noun
        ("die Zeitung") the latest outlet; failing these, the
        latest compound of ``stem`` in the text ("Sozialministerium")."""
        found: list[tuple[int, EntityRef]] = []
        resolved = self.resolved.get(stem, [])
        k = bisect.bisect_left(resolved, position, key=lambda o: o[0])
        if k:
            found.append(resolved[k - 1])
        sources = [self.mentioned.get(stem, [])]
        if stem in COMPANY_NOUNS:
            sources.append(self.companies)
        for mentioned in sources:
            k = bisect.bisect_left(mentioned, position, key=lambda o: o[0])
            if k:
                found.append((mentioned[k - 1][0], self._ref(mentioned[k - 1][1])))
        if stem in MEDIUM_STEMS:
            k = bisect.bisect_left(self.media, position, key=lambda o: o[0])
            fitting = (m for m in reversed(self.media[:k]) if m[2] in (None, MEDIUM_KINDS[stem]))
            latest = next(fitting, None)  # "die Zeitung" after "der Guardian und die BBC"
            if latest is not None:
                found.append(latest[:2])
        if found:
            return max(found, key=lambda f: f[0])[1]
        compounds = self.compounds.get(stem, [])
        k = bisect.bisect_left(compounds, position, key=lambda o: o[0])
        return compounds[k - 1][1] if k else None


_NAME_WINDOW = 6
"""Tokens after a medium noun searched for the outlet's name."""


def _name_after(after: list[Token], info: NounInfo) -> list[Token]:
    """The name that follows an organisation noun (``after``: the words after it, quotation
    marks left out): "die Nachrichtenagentur RIA Novosti", "die Partei Movement for Democratic
    Change", "Industriestaatenorganisation OECD"; empty for "die Staatsanwaltschaft Krefeld",
    which keeps its head."""
    proper = list(takewhile(lambda t: t.text[:1].isupper() or t.text in NAME_LINKS, after))
    while proper and proper[-1].text in NAME_LINKS:
        proper.pop()  # "die Zeitung." ends the sentence; "Zeitung „Le Monde“" is a name
    if not proper or proper[0].text in NAME_LINKS:
        return []
    acronym = len(proper) == 1 and proper[0].text.isupper() and len(proper[0].text) > 1
    named = info.cls == "medium" or acronym or sum(t.text[:1].isupper() for t in proper) > 1
    return proper if named else []


def _company_noun(word: str) -> bool:
    info = noun_info(word)
    return info is not None and info.stem in COMPANY_NOUNS


def _may_name(head: Token, stem: str, cls: str, name: str) -> bool:
    """Whether an earlier organisation ``name`` may be meant by the noun ``head``: a bare
    noun ("das Ministerium") or a medium may mean a fuller name; a compound only a name that
    contains it ("das Kammergericht": "Berliner Kammergericht", not "Ministerium" for "das
    Innenministerium")."""
    word = head.text.lower()
    return (
        word.startswith(stem)
        or cls == "medium"
        or stem in COMPANY_NOUNS
        or word.rstrip("s") in name.lower()
    )
