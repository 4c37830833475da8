"""One article's entities as speaker resolution reads and extends them: mentions by
position, persons by surname, role holders, organisations and the spans of its quotes."""

from __future__ import annotations

import bisect

from zitat.lang.de.lexicon import first_names, outlet, states
from zitat.schema import AnalysisResult, Entity, EntityKind, EntityRef, Mention, Role
from zitat.speakers.antecedents import within
from zitat.speakers.entities import LOCATION
from zitat.speakers.gender import name_gender
from zitat.speakers.holders import RoleBook
from zitat.speakers.identity import entity_id, slug
from zitat.speakers.names import is_name_word
from zitat.speakers.organisations import OrganisationBook
from zitat.speakers.phrases import organisation_ref, phrase
from zitat.text.document import ParsedText
from zitat.text.tokenize import Token

_KINDS: dict[str, EntityKind] = {kind.value: kind for kind in EntityKind}


class ArticleEntities:
    """The entities of one article, their mentions and the names they go by."""

    def __init__(self, result: AnalysisResult, doc: ParsedText) -> None:
        self.result = result
        self.doc = doc
        self.text = doc.text
        self.entities: dict[str, Entity] = {e.id: e for e in result.entities}
        self.mentions: list[tuple[int, int, Entity]] = sorted(
            (s, e, ent) for ent in result.entities for m in ent.mentions for s, e in m.spans[:1]
        )
        self._mention_starts = [s for s, _, _ in self.mentions]
        self.roles = RoleBook(doc, self.mentions)
        self.quote_spans = sorted(s for q in result.quotations for s in q.quote.spans)
        self._persons_by_surname: dict[str, list[Entity]] = {}
        for ent in result.entities:
            self._index_person(ent)
        self._words: dict[str, list[tuple[int, int]]] | None = None
        """Token text -> (position, token index) of its occurrences, built when first needed."""
        self.organisations = OrganisationBook(self.mentions, self.ref, doc)
        self._recorded: set[tuple[str, Mention]] = {
            (e.id, m) for e in result.entities for m in e.mentions
        }

    def sentence_at(self, position: int) -> int:
        """The index of the sentence of the token at character ``position``."""
        return self.doc.sentence_of_token(self.doc.token_at(position))

    def _index_person(self, ent: Entity) -> None:
        if ent.kind == EntityKind.PERSON:
            self._persons_by_surname.setdefault(slug(ent.name).rsplit("-", 1)[-1], []).append(ent)

    def ref(self, ent: Entity, role: str | None = None) -> EntityRef:
        kind = _KINDS.get(ent.kind, EntityKind.ORGANISATION)
        return EntityRef(ent.id, ent.name, kind, ent.gender, role or self.roles.roles.get(ent.id))

    def mentions_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """The first spans of entity mentions that start in ``start``..``end``, in text order."""
        low = bisect.bisect_left(self._mention_starts, start)
        high = bisect.bisect_left(self._mention_starts, end)
        return self.mentions[low:high]

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """The persons and organisations mentioned in ``start``..``end``; an outlet also when
        the span cut its name ("der Welt" of "der Welt am Sonntag")."""
        found: list[Entity] = []
        for _, stop, ent in self.mentions_in(start, end):
            if (
                (stop <= end or outlet(ent.name) is not None)
                and ent.kind in (EntityKind.PERSON, EntityKind.ORGANISATION)
                and ent not in found
            ):
                found.append(ent)
        return found

    def in_quote(self, position: int) -> bool:
        k = bisect.bisect_right(self.quote_spans, (position, 10**9)) - 1
        return k >= 0 and self.quote_spans[k][0] <= position < self.quote_spans[k][1]

    def place(self, body: list[Token]) -> bool:
        """Whether ``body`` is exactly a location mention that names no state."""
        start, end = body[0].start, body[-1].end
        return any(
            s == start and e == end and ent.kind == LOCATION and ent.name not in states()
            for s, e, ent in self.mentions_in(start, end)
        )

    def named(self, body: list[Token]) -> EntityRef:
        return self.named_text(phrase(body), body[0].start)

    def named_text(self, name: str, position: int) -> EntityRef:
        """A bare name: a person of the article ending in it; else a person when it looks like
        a personal name, an organisation when it is one unknown word ("Reuters", "Island")."""
        key = slug(name)
        for ent in self._persons_by_surname.get(key.rsplit("-", 1)[-1], []):
            if (slug(ent.name) + "-").endswith("-" + key + "-"):
                return self.ref(ent)
        words = name.split()
        if name in states() or outlet(name) is not None:  # "China" is also a first name
            return organisation_ref(name)  # "Spiegel Online" looks like a personal name
        if len(words) == 1 and words[0] not in first_names():
            full = self._full_name(words[0], position)
            if full is None:
                return organisation_ref(name)
            name, words = full, full.split()
        return EntityRef(
            entity_id(name, EntityKind.PERSON), name, EntityKind.PERSON, name_gender(words)
        )

    def _full_name(self, word: str, position: int) -> str | None:
        """The one two-word personal name near ``position`` that contains ``word``
        ("Tsvangirai" -> "Morgan Tsvangirai", "Hu" -> "Hu Jia"), if exactly one."""
        if self._words is None:
            self._words = {}
            for at, token in enumerate(self.doc.tokens):
                self._words.setdefault(token.text, []).append((token.start, at))
        found = set()
        toks = self.doc.tokens
        for _, at in within(self._words.get(word, []), position):
            token = toks[at]
            before = toks[at - 1] if at > 0 else None
            after = toks[at + 1] if at + 1 < len(toks) else None
            if before is not None and is_name_word(before.text) and before.end + 1 == token.start:
                found.add(f"{before.text} {word}")
            elif after is not None and is_name_word(after.text) and token.end + 1 == after.start:
                found.add(f"{word} {after.text}")
        return found.pop() if len(found) == 1 else None

    def record(self, ref: EntityRef, role: Role) -> None:
        """Add the speaker to the article's entities (with this mention) if it is new."""
        mention = Mention(role.text, role.spans)
        ent = self.entities.get(ref.id)
        if ent is None:
            ent = Entity(ref.id, ref.name, ref.kind.value, [], ref.gender)
            self.entities[ref.id] = ent
            self.result.entities.append(ent)
            self._index_person(ent)
        if (ref.id, mention) not in self._recorded:
            self._recorded.add((ref.id, mention))
            ent.mentions.append(mention)
