"""Speaker and addressee mentions -> entities, inside one article.

Each role is read from left to right: pronouns and "demnach" go to an antecedent,
statement nouns ("Angaben der Polizei") pass to their owner, documents ("einem Bericht
der Zeitung") stay documents, named persons and organisations become their article
entity, role descriptions go to the named person holding that role ("der GdP-Vorsitzende"
after "Der GdP-Vorsitzende Konrad Freiberg"), and unnamed individuals, plurals and
coordinations become anonymous sources and groups. Anything else stays ``None``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import replace
from itertools import takewhile

from zitat.lang.de.lexicon import first_names, org_suffixes, states
from zitat.lang.de.words import (
    BACK_REFERENCES,
    COORDINATORS,
    COUNTRY_ADJECTIVE,
    DEFINITE,
    DEMONSTRATIVE_GENDER,
    DEMONSTRATIVES,
    FIRST_PERSON,
    FUNCTION_WORDS,
    INDEFINITE,
    MAYBE_PLURAL,
    NAME_PARTICLES,
    OBLIQUE_MARKERS,
    ORG_DESCRIPTION_CUTS,
    OWNER_MARKERS,
    PLURAL_WORDS,
    POSSESSIVE_GENDER,
    RELATIVE_PRONOUNS,
)
from zitat.lang.de.words import SPEAKER_PREPOSITIONS as PREPOSITIONS
from zitat.schema import (
    AnalysisResult,
    Entity,
    EntityKind,
    EntityRef,
    Gender,
    Mention,
    Quotation,
    Role,
)
from zitat.speakers.antecedents import Candidate, choose, nearest_first, within
from zitat.speakers.documents import DocumentBook
from zitat.speakers.entities import LOCATION
from zitat.speakers.gender import name_gender, pronoun_gender, role_gender
from zitat.speakers.holders import ROLE_WINDOW, RoleBook, modifiers
from zitat.speakers.identity import entity_id, slug
from zitat.speakers.mentions import is_entity_name
from zitat.speakers.names import is_name_word
from zitat.speakers.organisations import OrganisationBook
from zitat.speakers.phrases import (
    ANONYMOUS_SUFFIX,
    describe,
    looks_like_brand,
    nominative,
    phrase,
    quoted,
)
from zitat.speakers.roles import NounInfo, names_abstraction, noun_info
from zitat.text.document import ParsedText
from zitat.text.tokenize import Token

_NOT_A_PRONOUN = object()
_SUBJECT_TOKENS = 4
DESCRIPTION_WINDOW = 2
_OPEN_END_WORDS = 3
"""Words a broken-off speaker span may be continued by."""
"""Sentences back within which a role description without a known holder looks for the named
person it describes."""
"""A mention among the first tokens of its sentence counts as its subject."""
_SPOKESPERSON = frozenset({"sprecher"})
"""Role nouns of someone who speaks for another: "der Sprecher" after a quoted minister is
the minister's spokesperson, not the minister."""
_KINDS: dict[str, EntityKind] = {kind.value: kind for kind in EntityKind}


class ArticleResolver:
    """Resolves the roles of one article's quotations, in text order."""

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
        self.speakers: list[Candidate] = []
        """Resolved speakers, sorted by position."""
        self._persons_by_surname: dict[str, list[Entity]] = {}
        for ent in result.entities:
            self._index_person(ent)
        self._words: dict[str, list[tuple[int, int]]] | None = None
        """Token text -> (position, token index) of its occurrences, built when first needed."""
        self._description_cache: list[Candidate] | None = None
        self._mention_candidates: list[Candidate] | None = None
        self.organisations = OrganisationBook(self.mentions, self.ref, self.text, doc.tokens)
        self._documents: DocumentBook | None = None
        self._by_id: dict[str, Quotation] = {q.id: q for q in result.quotations}
        self._recorded: set[tuple[str, Mention]] = {
            (e.id, m) for e in result.entities for m in e.mentions
        }

    # -- what the article says about persons -------------------------------------------

    def _index_person(self, ent: Entity) -> None:
        if ent.kind == EntityKind.PERSON:
            self._persons_by_surname.setdefault(slug(ent.name).rsplit("-", 1)[-1], []).append(ent)

    def ref(self, ent: Entity, role: str | None = None) -> EntityRef:
        kind = _KINDS.get(ent.kind, EntityKind.ORGANISATION)
        return EntityRef(ent.id, ent.name, kind, ent.gender, role or self.roles.roles.get(ent.id))

    # -- one role ------------------------------------------------------------------------

    def resolve(self, role: Role, quotation: Quotation, as_speaker: bool) -> EntityRef | None:
        start = role.spans[0][0]
        first = self.doc.token_at(start)
        last = self.doc.token_at(role.spans[-1][1] - 1)
        tokens = [
            t
            for t in self.doc.tokens[first : last + 1]
            if any(s <= t.start and t.end <= e for s, e in role.spans)
        ]
        if tokens:
            kept = _without_relative_clause(tokens)
            tokens = kept if len(kept) < len(tokens) else tokens + self._unfinished(last, quotation)
        ref = self._resolve_tokens(tokens, quotation) if tokens else None
        if ref is not None and not _speaker_name(ref):
            ref = None
        if ref is not None and as_speaker:
            sentence = self.doc.sentence_of_token(first)
            bisect.insort(
                self.speakers, Candidate(start, ref, sentence, True), key=lambda c: c.position
            )
        if ref is not None:
            self._record(ref, role)
        return ref

    def _unfinished(self, last: int, quotation: Quotation) -> list[Token]:
        """The rest of a noun phrase a speaker span breaks off in ("Angaben von" n24, "den
        jüngsten" Untersuchungen): the next words up to its noun, in the same sentence and
        outside the quote; none when the span ends in a noun or name."""
        toks = self.doc.tokens
        if not _open_end(toks[last].text):
            return []
        stop = self.doc.sentences[self.doc.sentence_of_token(last)].last_token  # exclusive
        quote = quotation.quote.spans
        rest: list[Token] = []
        for k in range(last + 1, min(stop, last + 1 + _OPEN_END_WORDS)):
            token = toks[k]
            if any(s <= token.start < e for s, e in quote) or not token.text[:1].isalnum():
                return []
            rest.append(token)
            if not _open_end(token.text):
                named = token.text[:1].isupper() or looks_like_brand(token.text)  # "n24"
                return rest if named else []
        return []

    def _resolve_tokens(self, tokens: list[Token], quotation: Quotation) -> EntityRef | None:
        lower = [t.text.lower() for t in tokens]
        start = tokens[0].start
        if len(tokens) == 1 or (len(tokens) == 2 and lower[0] in PREPOSITIONS):
            pronoun = self._pronoun(tokens[-1], quotation)
            if pronoun is not _NOT_A_PRONOUN:
                return pronoun  # type: ignore[return-value]
        # strip leading prepositions and articles, remembering definiteness
        i, definite, indefinite = 0, False, False
        while i < len(tokens) and (
            (lower[i] in PREPOSITIONS and not (definite or indefinite))  # not "der an der …"
            or lower[i] in DEFINITE
            or lower[i] in INDEFINITE
        ):
            definite |= lower[i] in DEFINITE
            indefinite |= lower[i] in INDEFINITE
            i += 1
        possessive = lower[i] if i < len(tokens) and lower[i] in POSSESSIVE_GENDER else None
        i += possessive is not None
        body = tokens[i:]
        if not body:
            return None
        if len(body) > 1 and all(t.text.isalpha() and t.text.isupper() for t in body):
            return self._named_text(  # "DONALD TRUMP"
                " ".join(t.text.title() for t in body), body[0].start
            )
        if self._place(body):
            return None  # "Zürich", "Tirol": a place is no speaker (a state is: "Island")
        in_quotes = quoted(body)
        if in_quotes or looks_like_brand(phrase(body)):
            return self.organisations.organisation(in_quotes or body, head=None)
        head = self._head(tokens, i)
        info = noun_info(tokens[head].text) if head is not None else None
        if info is not None and info.cls == "statement" and head is not None:
            return self._statement_owner(tokens, i, head, possessive, quotation)
        if (
            info is not None
            and head == i
            and info.cls in ("role", "adjrole")
            and self._role_of_someone_named(tokens, head)
        ):  # "Ein Sprecher der zuständigen Landesrätin Martina Berthold (Grüne)"
            bracket = next((k for k, t in enumerate(body) if t.text == "("), len(body))
            return describe(body[:bracket], EntityKind.ANONYMOUS, role_gender([body[0].text]))
        if info is not None and info.cls == "office" and head == i:
            office = self._office(tokens, head, info, possessive)
            if office is not None:
                return office
        persons = [
            e for e in self._entities_in(start, tokens[-1].end) if e.kind == EntityKind.PERSON
        ]
        if len(persons) >= 2 and self._coordinated(body, persons):
            names = " und ".join(p.name for p in persons)
            return EntityRef(entity_id(names, EntityKind.GROUP), names, EntityKind.GROUP)
        named = self._leading_name(body) or self._apposed_name(body)
        if named is not None:
            return named
        if info is not None and info.cls == "document":
            known = (
                self.documents.known(info.stem, start)
                if definite and head == len(tokens) - 1  # "die Studie", "der Studie"
                else None
            )
            return known or describe(body, EntityKind.DOCUMENT)
        if self._is_coordination(body):
            members = self._named_members(body)
            if members is not None:
                return replace(members, role=self.text[body[0].start : body[-1].end])
            return describe(body, EntityKind.GROUP)
        if info is not None and head is not None and info.cls == "medium":
            return self.organisations.organisation(body, head=tokens[head])
        if persons:
            person = self._appositive_person(body, persons)
            return self.ref(person, self._rolephrase(body, person))
        if info is not None and head is not None and info.cls in ("role", "adjrole"):
            definite |= possessive is not None
            return self._describe_role(tokens, i, head, info, definite, indefinite)
        if info is not None and (info.cls == "group" or (info.cls == "org" and info.plural)):
            again = (
                self._same_group(info.stem, start) if definite and head == len(tokens) - 1 else None
            )
            # "den Gläubigerschutzverbänden" after "die Gläubigerschutzverbände Creditreform
            # und AKV Europa"
            return again or describe(body, EntityKind.GROUP)  # "Experten", "die Behörden"
        before_phrase = list(takewhile(lambda t: t.text.lower() not in PREPOSITIONS, body))
        if (
            0 < len(before_phrase) < len(body)
            and not definite
            and all(is_name_word(t.text) or t.text in NAME_PARTICLES for t in before_phrase)
        ):  # "Airbus im französischen Toulouse", "Sascha Kempf vom Max-Planck-Institut"
            return self._named(before_phrase)
        organisations = self._entities_in(start, tokens[-1].end)
        if info is not None and head is not None and info.cls in ("org", "office"):
            own_name = not organisations or any(
                s >= tokens[head].start
                for m in organisations[0].mentions
                for s, _ in m.spans[:1]
                if s < tokens[-1].end and s >= start
            )
            cut = next((k for k in range(1, len(body)) if _description_starts(body, k)), None)
            if own_name or (cut is not None and body[cut].start > tokens[head].start):
                return self.organisations.organisation(
                    body[:cut] if cut else body, head=tokens[head]
                )
        if organisations:
            return self.ref(organisations[0])
        names_only = all(
            is_name_word(t.text) or t.text in NAME_PARTICLES or t.text in ("-", ".") for t in body
        )
        if (
            definite
            and all(t.text[:1].isupper() for t in body)
            and not _abstract_noun(body, lower[i - 1] if i else "")
        ):
            return describe(body, EntityKind.ORGANISATION)  # "das Rote Kreuz"
        if names_only and not definite and not indefinite:
            return self._named(body)
        return None

    def _pronoun(self, token: Token, quotation: Quotation) -> EntityRef | object | None:
        """The referent of a pronoun-like speaker; ``_NOT_A_PRONOUN`` for other words."""
        word = token.text.lower()
        if word in FIRST_PERSON and quotation.nested_in is not None:
            return self._outer_speaker(quotation)
        if word in BACK_REFERENCES:
            document = self._recent_document(token.start)
            if document is not None:
                return document  # "Die Studie über … wurde publiziert. Demnach würde …"
            return self._antecedent(token.start, Gender.UNKNOWN, plural_ok=True, any_kind=True)
        at = self.doc.token_at(token.start)
        before = [t.text for t in self.doc.tokens[max(0, at - 2) : at]]
        if (
            word in DEMONSTRATIVE_GENDER
            and before
            and (
                before[-1] == ","
                or (len(before) == 2 and before[0] == "," and before[1] in PREPOSITIONS)
            )
        ):  # a relative pronoun: "…der Polizei, die …", "eine Klageschrift, nach der …"
            comma = self.doc.tokens[at - 1 if before[-1] == "," else at - 2]
            return self._relative_antecedent(comma, quotation)
        if word in DEMONSTRATIVES:
            return self._antecedent(
                token.start, DEMONSTRATIVES[word], plural_ok=True, any_kind=True, nearest=True
            )
        gender = pronoun_gender(word) or DEMONSTRATIVE_GENDER.get(word)
        if gender is None:
            return _NOT_A_PRONOUN
        return self._antecedent(token.start, gender, plural_ok=word in MAYBE_PLURAL)

    @property
    def documents(self) -> DocumentBook:
        if self._documents is None:
            toks = self.doc.tokens
            self._documents = DocumentBook(toks, [not self._in_quote(t.start) for t in toks])
        return self._documents

    def _recent_document(self, position: int) -> EntityRef | None:
        """A document introduced with its subject in this or the previous sentence."""
        latest = self.documents.latest(position)
        if latest is None:
            return None
        sentence = self.doc.sentence_of_token(self.doc.token_at(position))
        before = self.doc.sentence_of_token(self.doc.token_at(latest[0]))
        return latest[1] if sentence - before <= 1 else None

    def _relative_antecedent(self, comma: Token, quotation: Quotation) -> EntityRef | None:
        """The noun phrase right before the comma that opens a relative clause."""
        at = self.doc.token_at(comma.start)
        first = at
        while first > max(0, at - ROLE_WINDOW) and self.doc.tokens[first - 1].text not in ",.;:":
            first -= 1
            if self.doc.tokens[first].text.lower() in DEFINITE | INDEFINITE:
                break
        phrase = self.doc.tokens[first:at]
        while phrase and phrase[-1].text[:1].islower():
            phrase = phrase[:-1]  # "eine Klageschrift eingereicht, nach der": no verb
        return self._resolve_tokens(phrase, quotation) if phrase else None

    def _statement_owner(
        self,
        tokens: list[Token],
        i: int,
        head: int,
        possessive: str | None,
        quotation: Quotation,
    ) -> EntityRef | None:
        """ "Angaben der Polizei", "Celebis Angaben", "Polizeiangaben", "seiner Meinung nach"."""
        rest = tokens[head + 1 :]
        if rest:
            return self._resolve_tokens(rest, quotation)
        before = tokens[i:head]
        if before and all(is_name_word(t.text.removesuffix("s")) for t in before):
            name = self.text[before[0].start : before[-1].end].removesuffix("s")
            return self._named_text(name, before[0].start)
        word = tokens[head].text
        stem = noun_info(word).stem if noun_info(word) else ""  # type: ignore[union-attr]
        prefix = word[: word.lower().find(stem)].rstrip("-").removesuffix("s") if stem else ""
        owner = noun_info(prefix.capitalize()) if len(prefix) > 2 else None
        if owner is not None and owner.cls == "org":
            known = self.organisations.known(owner.stem, tokens[0].start)
            if known is not None:
                return known  # "Unternehmensangaben" after "Volkswagen AG"
        if (owner is not None and owner.cls == "org") or (prefix.isupper() and len(prefix) > 1):
            # "Polizeiangaben", "NASA-Angaben", "israelischen Armeeangaben"
            adjectives = [t.text for t in tokens[i:head] if t.text[:1].islower()]
            name = " ".join(
                [*nominative(adjectives), prefix if prefix.isupper() else prefix.capitalize()]
            )
            return EntityRef(
                entity_id(name, EntityKind.ORGANISATION), name, EntityKind.ORGANISATION
            )
        if possessive is not None:
            gender = POSSESSIVE_GENDER[possessive]
            return self._antecedent(tokens[0].start, gender, plural_ok=gender is not Gender.MALE)
        return None

    def _role_of_someone_named(self, tokens: list[Token], head: int) -> bool:
        """Whether the role noun at ``head`` is the role of someone unnamed towards a named
        person: "Sprecher der Landesrätin Martina Berthold", "Sohn des Schauspielers Ben
        Stiller" (the person follows a role noun of the genitive); not "Präsidentin des
        Verbands Cinzia Franchini" nor an apposed name after a comma."""
        if head + 1 >= len(tokens) or tokens[head + 1].text.lower() not in OWNER_MARKERS:
            return False
        if any(t.text == "," for t in tokens[head:]):
            return False
        starts = {
            s
            for s, _, e in self._mentions_in(tokens[head].end, tokens[-1].end)
            if e.kind == EntityKind.PERSON
        }
        for k in range(head + 2, len(tokens)):
            if tokens[k].start in starts:
                info = noun_info(tokens[k - 1].text)
                return info is not None and info.cls in ("role", "adjrole")
        return False

    def _same_anonymous(self, body: list[Token], stem: str, position: int) -> EntityRef | None:
        """The anonymous source quoted before whose description has the same role noun and
        every other noun of ``body`` ("der Sprecher der Landesrätin" after "Ein Sprecher der
        zuständigen Landesrätin Martina Berthold")."""
        others = [
            t.text.lower()
            for t in body
            if t.text[:1].isupper() and ((info := noun_info(t.text)) is None or info.stem != stem)
        ]
        k = bisect.bisect_left(self.speakers, position, key=lambda c: c.position)
        for cand in reversed(self.speakers[:k]):
            ref = cand.ref
            if ref.kind is not EntityKind.ANONYMOUS or ref.role is None:
                continue
            described = ref.role.lower()
            heads = {info.stem for w in ref.role.split() if (info := noun_info(w)) is not None}
            if stem in heads and all(n.rstrip("sn") in described for n in others):
                return ref
        return None

    def _same_group(self, stem: str, position: int) -> EntityRef | None:
        """The group of named members quoted before whose description has a noun of
        ``stem``."""
        k = bisect.bisect_left(self.speakers, position, key=lambda c: c.position)
        for cand in reversed(self.speakers[:k]):
            ref = cand.ref
            if (
                ref.kind is EntityKind.GROUP
                and ref.role is not None
                and any(
                    (info := noun_info(word)) is not None and info.stem == stem
                    for word in ref.role.split()
                )
            ):
                return ref
        return None

    def _office(
        self, tokens: list[Token], head: int, info: NounInfo, possessive: str | None
    ) -> EntityRef | None:
        """The office of a person as an organisation: "Büro von SPÖ-Verhandler Josef
        Ostermayer" and "ihr Management" (after Nichelle Nichols) are "Büro von Josef
        Ostermayer" and "Management von Nichelle Nichols"; None when no person owns it."""
        word = tokens[head].text
        noun = word[: len(word) - len(info.ending)] if info.ending else word
        owner: EntityRef | None = None
        if possessive is not None and head == len(tokens) - 1:
            gender = POSSESSIVE_GENDER[possessive]
            owner = self._antecedent(tokens[0].start, gender, plural_ok=False)
        elif head + 1 < len(tokens) and tokens[head + 1].text.lower() in OWNER_MARKERS:
            persons = self._entities_in(tokens[head + 1].start, tokens[-1].end)
            owner = next((self.ref(p) for p in persons if p.kind == EntityKind.PERSON), None)
        if owner is None or owner.kind is not EntityKind.PERSON:
            return None
        name = f"{noun} von {owner.name}"
        return EntityRef(entity_id(name, EntityKind.ORGANISATION), name, EntityKind.ORGANISATION)

    def _head(self, tokens: list[Token], i: int) -> int | None:
        """The first speaker noun from ``i`` on before any preposition, else the first role
        noun, else the first capitalised word ("Patrick Kamanda von der … Behörde" is headed
        by the name)."""
        end = next(
            (j for j in range(i, len(tokens)) if tokens[j].text.lower() in PREPOSITIONS),
            len(tokens),
        )
        for j in range(i, end):
            if noun_info(tokens[j].text) is not None:
                return j
        for j in range(end, len(tokens)):  # "der an der Studie beteiligte Politologe X"
            if (info := noun_info(tokens[j].text)) is not None and info.cls in ("role", "adjrole"):
                return j
        for j in range(i, len(tokens)):
            if tokens[j].text[:1].isupper() and tokens[j].text not in FUNCTION_WORDS:
                return j
        return None

    def _apposed_name(self, body: list[Token]) -> EntityRef | None:
        """ "die Mitarbeiterin seines Büros, Arminda Thomas": a name after the last comma."""
        words = body[:-1] if body[-1].text == "," else body
        commas = [k for k, t in enumerate(words) if t.text == ","]
        if not commas or commas[-1] == len(words) - 1:
            return None
        name = words[commas[-1] + 1 :]
        if len(name) > 4 or not all(is_name_word(t.text) for t in name):
            return None
        if self._entities_in(name[0].start, name[-1].end):
            return None  # a found entity: the general path handles it with its role
        ref = self._named(name)
        role = self.text[body[0].start : words[commas[-1] - 1].end]
        gender = (
            ref.gender if ref.gender is not Gender.UNKNOWN else role_gender([t.text for t in body])
        )
        return replace(ref, role=role, gender=gender)

    def _named_members(self, body: list[Token]) -> EntityRef | None:
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
            while run > 0 and (is_name_word(part[run - 1].text) or _acronym(part[run - 1].text)):
                run -= 1
            if run == len(part) or any(
                not (t.text[:1].islower() or _class_noun(t.text)) for t in part[:run]
            ):
                return None
            named = part[run:]
            found = self._entities_in(named[0].start, named[-1].end)
            if found and found[0].kind is EntityKind.ORGANISATION:
                ref = EntityRef(
                    entity_id(phrase(named), EntityKind.ORGANISATION),
                    phrase(named),
                    EntityKind.ORGANISATION,
                )  # "AKV Europa" after the tagged "AKV"
            else:
                ref = self._named(named)
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

    def _is_coordination(self, body: list[Token]) -> bool:
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

    def _place(self, body: list[Token]) -> bool:
        """Whether ``body`` is exactly a location mention that names no state."""
        start, end = body[0].start, body[-1].end
        return any(
            s == start and e == end and ent.kind == LOCATION and ent.name not in states()
            for s, e, ent in self._mentions_in(start, end)
        )

    def _mentions_in(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        """The first spans of entity mentions that start in ``start``..``end``, in text order."""
        low = bisect.bisect_left(self._mention_starts, start)
        high = bisect.bisect_left(self._mention_starts, end)
        return self.mentions[low:high]

    def _entities_in(self, start: int, end: int) -> list[Entity]:
        found: list[Entity] = []
        for _, stop, ent in self._mentions_in(start, end):
            if (
                stop <= end
                and ent.kind in (EntityKind.PERSON, EntityKind.ORGANISATION)
                and ent not in found
            ):
                found.append(ent)
        return found

    def _rolephrase(self, tokens: list[Token], person: Entity) -> str | None:
        """The role words of "US-Präsident Donald Trump" or "der Sprecher, Max Muster"."""
        mention_starts = {
            start
            for start, _, ent in self._mentions_in(tokens[0].start, tokens[-1].end)
            if ent is person
        }
        cut = next((k for k, t in enumerate(tokens) if t.start in mention_starts), len(tokens))
        role_tokens = [t for t in tokens[:cut] if t.text != ","]
        if any(
            (info := noun_info(t.text)) and info.cls in ("role", "adjrole") for t in role_tokens
        ):
            return self.text[role_tokens[0].start : role_tokens[-1].end]
        return None

    def _describe_role(
        self,
        tokens: list[Token],
        i: int,
        head: int,
        info: NounInfo,
        definite: bool,
        indefinite: bool,
    ) -> EntityRef:
        body = tokens[i:]
        article = tokens[i - 1].text.lower() if i > 0 else ""
        plural = (
            info.plural is True
            or (not definite and not indefinite and info.plural is not False)
            or (article == "den" and info.ending in ("en", "n") and info.cls == "role")
            # "die Mönche", "die Sprecher"; but "die Vorsitzende" is one woman
            or (
                article == "die"
                and info.gender is not Gender.FEMALE
                and not (info.cls == "adjrole" and info.ending == "e")
            )
            # a genitive "der" after a noun: "Erkenntnissen der Ermittler" (a man: "des")
            or (
                article == "der"
                and info.cls == "role"
                and info.gender is not Gender.FEMALE
                and self._after_noun(tokens[i - 1])
            )
        )
        named = self._trailing_name(body, head - i, bare=not (definite or indefinite))
        if named is not None:
            return named  # before the number: "Außenminister Abdel-Malek" has no article
        if plural and not indefinite:
            return describe(body, EntityKind.GROUP)
        gender = role_gender([t.text for t in body])
        if gender is Gender.UNKNOWN and info.cls == "adjrole" and info.ending == "e":
            gender = DEMONSTRATIVE_GENDER.get(article, Gender.UNKNOWN)  # "die Vorsitzende"
        if definite and not indefinite:
            holder = self.roles.holder(info.stem, modifiers(body), tokens[0].start)
            if holder is not None:
                return self.ref(holder, self.text[body[0].start : body[-1].end])
            again = self._same_anonymous(body, info.stem, tokens[0].start)
            if again is not None:
                return again  # "Ein Sprecher der Landesrätin X sagte" … "der Sprecher"
            person = (
                self._described_person(tokens[0].start, gender)
                if _hyphenated(tokens, head)  # "die SPD-Politikerin", "der 44-Jährige"
                or _epithet(tokens, i, head)  # "der langjährige Hinterbänkler"
                else None
            )
            if (
                person is None
                and head == len(tokens) - 1  # "der Geschäftsführer der Waldorfschule": new
                and head == i  # "der amerikanische Präsident" describes an office: new
                and not _hyphenated(tokens, head)  # "Der US-Präsident": as above, or new
                and not _SPOKESPERSON.intersection(info.stem.split("-"))
            ):
                person = self._quoted_person(tokens[0].start, gender)
            if person is not None:
                return replace(person, role=self.text[body[0].start : body[-1].end])
        return describe(body, EntityKind.ANONYMOUS, gender=gender)

    def _after_noun(self, token: Token) -> bool:
        """Whether ``token`` follows a noun of its sentence (a capitalised word that is no
        function word): the case of a genitive."""
        at = self.doc.token_at(token.start)
        first = self.doc.sentences[self.doc.sentence_of_token(at)].first_token
        before = self.doc.tokens[at - 1].text if at > first else ""
        return before[:1].isupper() and before not in FUNCTION_WORDS

    def _trailing_name(self, body: list[Token], head: int, bare: bool) -> EntityRef | None:
        """ "Sein Parteikollege Michele Romagnolo", "Präsidentin des Verbands Cinzia
        Franchini": two or more name words end the description, so they name its person;
        so does one name word right after a role noun without article, used as a title
        ("Außenminister Abdel-Malek"; "der Innenminister Frankreichs" is no name)."""
        run = len(body)
        while run > head + 1 and is_name_word(body[run - 1].text):
            run -= 1
        name = body[run:]
        right_after = bare and run == head + 1 and len(name) == 1
        if (len(name) < 2 and not right_after) or len(name) > 4 or name[-1].text in org_suffixes():
            return None
        ref = self._named(name)
        if ref.kind is not EntityKind.PERSON:
            ref = replace(ref, id=entity_id(ref.name, EntityKind.PERSON), kind=EntityKind.PERSON)
        role = self.text[body[0].start : body[run - 1].end]
        gender = ref.gender if ref.gender is not Gender.UNKNOWN else role_gender([role])
        return replace(ref, role=role, gender=gender)

    def _described_person(self, position: int, gender: Gender) -> EntityRef | None:
        """The person a definite role description without a known holder refers back to
        ("Angela Merkel besuchte Paris. Die CDU-Vorsitzende sagte"; only for compounds such
        as "SPD-Politikerin" or "44-Jährige": "der Polizeisprecher" after a named suspect is
        someone new): the most salient
        gender-fitting named person of the last sentences who holds no other role."""
        sentence = self.doc.sentence_of_token(self.doc.token_at(position))
        persons = (
            c
            for c in self._candidates(position)
            if c.ref.kind is EntityKind.PERSON
            and c.ref.role is None
            and sentence - c.sentence <= DESCRIPTION_WINDOW
        )
        if gender is Gender.UNKNOWN:
            return None
        return choose(persons, sentence, gender, plural_ok=False)

    def _quoted_person(self, position: int, gender: Gender) -> EntityRef | None:
        """The named person a definite role description without a known holder refers back
        to when the article quoted that person just before ("…, sagt Valenta. Der Soziologe
        führt aus"; "Bürgermeister Johannes Ebner" … "meinte der Ortschef"): the latest
        gender-fitting person speaker of the last sentences, if no other person was quoted
        in between."""
        sentence = self.doc.sentence_of_token(self.doc.token_at(position))
        k = bisect.bisect_left(self.speakers, position, key=lambda c: c.position)
        for cand in reversed(self.speakers[:k]):
            if sentence - cand.sentence > DESCRIPTION_WINDOW:
                return None
            if cand.ref.kind is EntityKind.PERSON:
                fits = gender is Gender.UNKNOWN or cand.ref.gender in (gender, Gender.UNKNOWN)
                return cand.ref if fits else None
        return None

    def _named(self, body: list[Token]) -> EntityRef:
        return self._named_text(phrase(body), body[0].start)

    def _named_text(self, name: str, position: int) -> EntityRef:
        """A bare name: a person of the article ending in it; else a person when it looks like
        a personal name, an organisation when it is one unknown word ("Reuters", "Island")."""
        key = slug(name)
        for ent in self._persons_by_surname.get(key.rsplit("-", 1)[-1], []):
            if (slug(ent.name) + "-").endswith("-" + key + "-"):
                return self.ref(ent)
        words = name.split()
        if name in states():  # "China" is also a first name
            return EntityRef(
                entity_id(name, EntityKind.ORGANISATION), name, EntityKind.ORGANISATION
            )
        if len(words) == 1 and words[0] not in first_names():
            full = self._full_name(words[0], position)
            if full is None:
                return EntityRef(
                    entity_id(name, EntityKind.ORGANISATION), name, EntityKind.ORGANISATION
                )
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

    def _leading_name(self, body: list[Token]) -> EntityRef | None:
        """ "Arni Finnsson, ein Vertreter der …": a name, then its role after a comma."""
        comma = next((k for k, t in enumerate(body) if t.text == ","), None)
        if comma is None or comma == 0 or comma > 4 or comma == len(body) - 1:
            return None
        name = body[:comma]
        if not all(is_name_word(t.text) or t.text in NAME_PARTICLES for t in name):
            return None
        rest = [t for t in body[comma + 1 :] if t.text != ","]
        if rest and rest[0].text.lower() in DEFINITE | INDEFINITE:
            rest = rest[1:]
        if not rest or not any(
            (i := noun_info(t.text)) and i.cls in ("role", "adjrole") for t in rest
        ):
            return None
        ref = self._named(name)
        if ref.kind is not EntityKind.PERSON:
            ref = replace(ref, id=entity_id(ref.name, EntityKind.PERSON), kind=EntityKind.PERSON)
        gender = (
            ref.gender if ref.gender is not Gender.UNKNOWN else role_gender([t.text for t in rest])
        )
        return replace(ref, role=phrase(rest), gender=gender)

    def _appositive_person(self, body: list[Token], persons: list[Entity]) -> Entity:
        """Of several persons in "Der Nachfolger des … Christian Streiff, Louis Gallois", the
        one after the last comma is the speaker; else the first."""
        commas = [t.start for t in body if t.text == ","]
        if commas:
            for _, _, ent in self._mentions_in(commas[-1] + 1, body[-1].end):
                if ent in persons:
                    return ent
        return persons[0]

    def _coordinated(self, body: list[Token], persons: list[Entity]) -> bool:
        """Two persons of the span joined by "und"/"sowie"."""
        firsts: dict[str, int] = {}
        for start, _, ent in self._mentions_in(body[0].start, body[-1].end):
            firsts.setdefault(ent.id, start)
        starts = [firsts.get(p.id) for p in persons[:2]]
        if None in starts:  # a person mentioned only before the span
            return False
        low, high = sorted(s for s in starts if s is not None)
        return any(t.text in ("und", "sowie") and low < t.start < high for t in body)

    def _outer_speaker(self, quotation: Quotation) -> EntityRef | None:
        outer = self._by_id.get(quotation.nested_in or "")
        if outer is not None and outer.speaker is not None:
            return outer.speaker.entity
        return None

    def _in_quote(self, position: int) -> bool:
        k = bisect.bisect_right(self.quote_spans, (position, 10**9)) - 1
        return k >= 0 and self.quote_spans[k][0] <= position < self.quote_spans[k][1]

    def _candidates(self, position: int) -> Iterator[Candidate]:
        """Earlier speakers, entity mentions and unnamed descriptions outside quotes,
        nearest first."""
        if self._mention_candidates is None:
            self._mention_candidates = sorted(
                [
                    self._candidate(start, self.ref(ent))
                    for start, _, ent in self.mentions
                    if ent.kind in (EntityKind.PERSON, EntityKind.ORGANISATION)
                    and not self._in_quote(start)
                ]
                + self._descriptions(),
                key=lambda c: c.position,
            )
        return nearest_first(self.speakers, self._mention_candidates, position)

    def _candidate(self, start: int, ref: EntityRef) -> Candidate:
        token = self.doc.token_at(start)
        sentence = self.doc.sentence_of_token(token)
        first = self.doc.sentences[sentence].first_token
        previous = self.doc.tokens[token - 1].text.lower() if token > first else ""
        return Candidate(
            start,
            ref,
            sentence,
            False,
            subject=token - first < _SUBJECT_TOKENS,
            oblique=previous in OBLIQUE_MARKERS,
        )

    def _descriptions(self) -> list[Candidate]:
        """Singular role nouns and documents with an article and no name after them ("eine
        Büroangestellte", "das Geheimdokument"): antecedents the mentions do not cover."""
        if self._description_cache is not None:
            return self._description_cache
        found: list[Candidate] = []
        toks = self.doc.tokens
        for j, token in enumerate(toks):
            info = noun_info(token.text)
            if info is None or info.cls not in ("role", "adjrole", "document") or not j:
                continue
            first = next(
                (
                    k
                    for k in range(j - 1, max(-1, j - 4), -1)
                    if toks[k].text.lower() in DEFINITE | INDEFINITE
                ),
                None,
            )
            if first is None or self._in_quote(token.start):
                continue
            if any(not t.text[:1].islower() for t in toks[first + 1 : j]):
                continue  # only adjectives between article and noun
            article = toks[first].text.lower()
            if j + 1 < len(toks) and self._entities_in(toks[j + 1].start, toks[j + 1].end):
                continue  # "Außenministerin Rice": the person is the mention
            if info.plural or (
                article == "die" and info.gender is not Gender.FEMALE and info.cls == "role"
            ):
                continue
            words = toks[first + 1 : j + 1]
            if info.cls == "document":
                ref = describe(words, EntityKind.DOCUMENT)
            else:
                gender = info.gender
                if gender is Gender.UNKNOWN and article in ("eine", "einer"):
                    gender = Gender.FEMALE
                holder = None
                if article in DEFINITE:
                    holder = self.roles.holder(info.stem, modifiers(words), token.start)
                    if holder is None:
                        continue  # "die Autorin" refers back to someone named otherwise
                ref = self.ref(holder) if holder else describe(words, EntityKind.ANONYMOUS, gender)
            found.append(self._candidate(toks[first].start, ref))
        self._description_cache = found
        return found

    def _antecedent(
        self,
        position: int,
        gender: Gender,
        plural_ok: bool,
        any_kind: bool = False,
        nearest: bool = False,
    ) -> EntityRef | None:
        """The most salient fitting earlier entity (see ``antecedents.choose``)."""
        sentence = self.doc.sentence_of_token(self.doc.token_at(position))
        return choose(self._candidates(position), sentence, gender, plural_ok, any_kind, nearest)

    def _record(self, ref: EntityRef, role: Role) -> None:
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


def _speaker_name(ref: EntityRef) -> bool:
    """Whether ``ref`` may be a speaker: never an entity named "die" or "„", never an
    organisation named by one abstract noun ("Vorbedingungen")."""
    name = ref.name.removesuffix(ANONYMOUS_SUFFIX)
    return is_entity_name(name) and not (
        ref.kind is EntityKind.ORGANISATION and " " not in name and names_abstraction(name)
    )


def _acronym(word: str) -> bool:
    return len(word) > 1 and word.isalpha() and word.isupper()


def _class_noun(word: str) -> bool:
    """A role or organisation noun that may stand before the names of a group's members."""
    info = noun_info(word)
    return info is not None and info.cls in ("role", "adjrole", "org", "group")


def _without_relative_clause(tokens: list[Token]) -> list[Token]:
    """A speaker span without the relative clause it ends in: "Anwalt Herbert Eichenseder,
    der den Angeklagten Mantler vertritt" (a clause ends in its lower-case verb; "Celebi, die
    Anwältin der Frau" is an apposition and stays)."""
    if len(tokens) < 4 or not tokens[-1].text.islower():
        return tokens
    for k in range(1, len(tokens) - 2):
        if tokens[k].text == "," and tokens[k + 1].text.lower() in RELATIVE_PRONOUNS:
            return tokens[:k]
    return tokens


def _description_starts(body: list[Token], k: int) -> bool:
    """Whether the name of an organisation ends before ``body[k]``: "die Regierung unter Tony
    Blair", "die Polizei von weniger Auseinandersetzungen" (a preposition before a
    lower-case word); not "die Schutzvereinigung für Wertpapierbesitz"."""
    word = body[k].text
    if word in ORG_DESCRIPTION_CUTS:
        return True
    after = body[k + 1].text if k + 1 < len(body) else ""
    return word in PREPOSITIONS and after.islower() and after not in DEFINITE | INDEFINITE


def _open_end(word: str) -> bool:
    """A word a noun phrase cannot end in: an article, a preposition, an inflected adjective
    ("jüngsten")."""
    lower = word.lower()
    return (
        lower in DEFINITE
        or lower in INDEFINITE
        or lower in OBLIQUE_MARKERS
        or (word.islower() and word.endswith(("en", "er", "es", "em", "e")) and len(word) > 3)
    )


def _epithet(tokens: list[Token], i: int, head: int) -> bool:
    """Whether ``tokens[i:]`` is an epithet: adjectives and a role noun that end the phrase
    ("der langjährige Hinterbänkler", "der frühere Gewerkschafter"), which refers back to
    someone named; not an office of a country ("der französische Präsident": someone new)."""
    adjectives = tokens[i:head]
    return (
        head == len(tokens) - 1
        and bool(adjectives)
        and all(t.text[:1].islower() and not COUNTRY_ADJECTIVE.search(t.text) for t in adjectives)
    )


def _hyphenated(tokens: list[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is the last part of a hyphenated compound ("SPD-Politikerin",
    "44-Jährige", which the tokenizer may split at the hyphen)."""
    glued = k > 0 and tokens[k - 1].text == "-" and tokens[k - 1].end == tokens[k].start
    return "-" in tokens[k].text or glued


def _abstract_noun(body: list[Token], article: str) -> bool:
    """One noun that names no body: an abstract noun ("die Entscheidung", "der Ausstoß") or a
    nominalised verb ("dem Vernehmen nach", "das Vorgehen")."""
    if len(body) != 1:
        return False
    word = body[0].text
    return names_abstraction(word) or (article in ("das", "dem") and word.lower().endswith("en"))


def _sort_key(q: Quotation) -> int:
    role = q.speaker or q.quote
    return role.spans[0][0] if role.spans else 0


class SpeakersEnricher:
    """The ``speakers`` enricher: fills ``entity`` of every speaker and addressee."""

    requires: tuple[str, ...] = ("entities",)

    def __call__(self, result: AnalysisResult, doc: ParsedText) -> AnalysisResult:
        resolver = ArticleResolver(result, doc)
        # outer quotations first so that nested "ich" finds its speaker
        for q in sorted(result.quotations, key=lambda q: (q.nested_in is not None, _sort_key(q))):
            speaker = q.speaker
            if speaker is not None and speaker.spans:
                q.speaker = replace(speaker, entity=resolver.resolve(speaker, q, as_speaker=True))
            addressee = q.addressee
            if addressee is not None and addressee.spans:
                q.addressee = replace(
                    addressee, entity=resolver.resolve(addressee, q, as_speaker=False)
                )
        return result
