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
from dataclasses import dataclass, replace
from itertools import takewhile
from typing import TypeVar

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
from zitat.speakers.gender import name_gender, pronoun_gender, role_gender
from zitat.speakers.identity import entity_id, slug
from zitat.speakers.lexicon import first_names
from zitat.speakers.names import FUNCTION_WORDS, NAME_PARTICLES, is_name_word
from zitat.speakers.roles import NounInfo, noun_info
from zitat.text.document import ParsedText
from zitat.text.tokenize import QUOTE_CLOSERS, QUOTE_MARKS, QUOTE_OPENERS, Token

DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des"})
INDEFINITE = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})
PLURAL_WORDS = frozenset(
    {
        "beide",
        "beiden",
        "alle",
        "mehrere",
        "einige",
        "viele",
        "zahlreiche",
        "andere",
        "anderen",
        "manche",
    }
)
COORDINATORS = frozenset({"und", "sowie", "auch"})
PREPOSITIONS = frozenset(
    {
        "laut",
        "nach",
        "von",
        "vom",
        "zufolge",
        "gemäß",
        "in",
        "im",
        "aus",
        "bei",
        "mit",
        "gegenüber",
        "an",
    }
)
POSSESSIVE_GENDER = {
    "sein": Gender.MALE,
    "seine": Gender.MALE,
    "seines": Gender.MALE,
    "ihr": Gender.FEMALE,
    "ihre": Gender.FEMALE,
    "ihres": Gender.FEMALE,
    "eigene": Gender.UNKNOWN,
    "seiner": Gender.MALE,
    "seinen": Gender.MALE,
    "seinem": Gender.MALE,
    "ihrer": Gender.FEMALE,
    "ihren": Gender.FEMALE,
    "ihrem": Gender.FEMALE,
    "eigener": Gender.UNKNOWN,
    "eigenen": Gender.UNKNOWN,
}
BACK_REFERENCES = frozenset("demnach danach demzufolge dort dies derselbe".split())
DEMONSTRATIVES: dict[str, Gender] = {
    "dieser": Gender.MALE,
    "jener": Gender.MALE,
    "diese": Gender.FEMALE,
    "dieses": Gender.UNKNOWN,
    "diesem": Gender.UNKNOWN,
    "diesen": Gender.UNKNOWN,
}
"""Demonstratives point at the nearest fitting noun phrase, not at the topic."""
DEMONSTRATIVE_GENDER = {"der": Gender.MALE, "die": Gender.FEMALE}
ANONYMOUS_SUFFIX = " (anonym)"
_ROLE_WINDOW = 6
_DETERMINERS = DEFINITE | INDEFINITE | frozenset(POSSESSIVE_GENDER)
_NOT_ATTRIBUTIVE = _DETERMINERS | PREPOSITIONS | {w.lower() for w in FUNCTION_WORDS}


def _attributive(tokens: list[Token], i: int) -> bool:
    """Whether ``tokens[i]`` is an adjective that belongs to the role noun after it
    ("ehemalige", "scheidenden"). Words in -te/-ten may be weak past-tense verbs instead
    ("besuchte Bundeskanzlerin X", "sagte Innenministerin X"), so they count only after a
    determiner ("die gewählte Präsidentin")."""
    word = tokens[i].text
    if not word.islower() or word in _NOT_ATTRIBUTIVE:
        return False
    if word.endswith(("te", "ten")):
        return i > 0 and tokens[i - 1].text.lower() in _DETERMINERS
    return word.endswith(("e", "en", "er", "es", "em"))


_NOT_A_PRONOUN = object()
OBLIQUE_MARKERS = PREPOSITIONS | frozenset(
    "des eines unter über für gegen ohne um durch zu zum zur seit wegen trotz vor hinter neben "
    "zwischen am beim".split()
)
ANAPHORIC_ADJECTIVES = frozenset({"gleiche", "selbe", "genannte", "besagte", "zuständige"})
NAME_LINKS = frozenset({"-", ".", "for", "of", "and", "the", "de"})
ORG_DESCRIPTION_CUTS = frozenset({"aus", "unter", "auf", "bei", "mit", "gegenüber"})
"""Where the name of an organisation ends and its description begins: "die Bundesregierung
aus CDU/CSU und SPD", "die Regierung unter Tony Blair"."""
_MAYBE_PLURAL = frozenset({"sie", "die", "ihr", "ihre", "ihrer", "ihrem", "ihren"})
_WINDOW = 4
"""Sentences back within which a pronoun looks for its antecedent first."""
_EXACT_GENDER, _SPEAKER_BONUS, _SUBJECT_BONUS, _OBLIQUE_PENALTY = 2.0, 1.5, 0.5, 1.0
_SUBJECT_TOKENS = 4
HORIZON = 50_000
"""How far (in characters) the resolver looks back or ahead for antecedents, role holders and
full names: longer than any news article, and what keeps resolution linear in the length of
a text that joins many articles."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    position: int
    ref: EntityRef
    sentence: int
    was_speaker: bool
    subject: bool = True
    oblique: bool = False
    """Inside a prepositional or genitive phrase ("unter Robert Mugabe"): rarely the
    antecedent of a subject pronoun."""


_T = TypeVar("_T")
_KINDS: dict[str, EntityKind] = {kind.value: kind for kind in EntityKind}


def _compatible(ref: EntityRef, gender: Gender, plural_ok: bool) -> bool:
    if ref.kind is EntityKind.DOCUMENT:
        return False  # "er"/"sie" are people or institutions; "diesem" may be a document
    if ref.kind in (EntityKind.ORGANISATION, EntityKind.GROUP):
        return plural_ok
    return ref.gender is Gender.UNKNOWN or gender is Gender.UNKNOWN or ref.gender is gender


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
        self.roles: dict[str, str] = {}
        self.role_stems: dict[str, set[str]] = {}
        for start, end, ent in self.mentions:
            if ent.kind == EntityKind.PERSON:
                self._learn_role(ent, start, end)
        self.quote_spans = sorted(s for q in result.quotations for s in q.quote.spans)
        self.speakers: list[_Candidate] = []
        """Resolved speakers, sorted by position."""
        self._holders: dict[str, list[tuple[int, Entity]]] = {}
        """Role word stem -> (position, person) of the persons named with it, by position."""
        for start, _, ent in self.mentions:
            for stem in self.role_stems.get(ent.id, ()):
                self._holders.setdefault(stem, []).append((start, ent))
        self._persons_by_surname: dict[str, list[Entity]] = {}
        for ent in result.entities:
            self._index_person(ent)
        self._words: dict[str, list[tuple[int, int]]] | None = None
        """Token text -> (position, token index) of its occurrences, built when first needed."""
        self._description_cache: list[_Candidate] | None = None
        self._mention_candidates: list[_Candidate] | None = None
        self.organisations: dict[str, list[tuple[int, EntityRef]]] = {}
        """Organisations resolved so far: head noun stem -> (position, entity), by position."""
        self._by_id: dict[str, Quotation] = {q.id: q for q in result.quotations}
        self._recorded: set[tuple[str, Mention]] = {
            (e.id, m) for e in result.entities for m in e.mentions
        }
        self._organisation_mentions: dict[str, list[tuple[int, Entity]]] | None = None

    # -- what the article says about persons -------------------------------------------

    def _index_person(self, ent: Entity) -> None:
        if ent.kind == EntityKind.PERSON:
            self._persons_by_surname.setdefault(slug(ent.name).rsplit("-", 1)[-1], []).append(ent)

    def _learn_role(self, ent: Entity, start: int, end: int) -> None:
        """Record "Außenministerin Rice", "Celebi, die Anwältin der Frau" as roles."""
        doc, toks = self.doc, self.doc.tokens
        first = doc.token_at(start)
        sentence = doc.sentences[doc.sentence_of_token(first)]
        before = [t for t in toks[max(sentence.first_token, first - _ROLE_WINDOW) : first]]
        if before and before[-1].text == ",":
            before = before[:-1]
        role_at = [
            i
            for i, t in enumerate(before)
            if (info := noun_info(t.text)) and info.cls in ("role", "adjrole")
        ]
        if role_at and len(before) - role_at[-1] <= 3:
            begin = role_at[-1]
            while begin > 0 and _attributive(before, begin - 1):
                begin -= 1
            self._add_role(ent, before[begin:])
            return
        last = doc.token_at(end - 1)
        after = toks[last + 1 : min(sentence.last_token, last + 1 + _ROLE_WINDOW)]
        if after and after[0].text == ",":
            words = after[1:]
            if words and words[0].text.lower() in DEFINITE | INDEFINITE:
                words = words[1:]
            cut = next((i for i, t in enumerate(words) if not t.text[:1].isalnum()), len(words))
            phrase = words[:cut]
            if any(
                (info := noun_info(t.text)) and info.cls in ("role", "adjrole") for t in phrase[:3]
            ):
                self._add_role(ent, phrase)

    def _add_role(self, ent: Entity, tokens: list[Token]) -> None:
        if not tokens:
            return
        phrase = self.text[tokens[0].start : tokens[-1].end]
        self.roles.setdefault(ent.id, phrase)
        stems = {
            info.stem
            for t in tokens
            if (info := noun_info(t.text)) and info.cls in ("role", "adjrole")
        }
        self.role_stems.setdefault(ent.id, set()).update(stems | _modifiers(tokens))
        if ent.gender is Gender.UNKNOWN:
            ent.gender = role_gender([t.text for t in tokens])

    def ref(self, ent: Entity, role: str | None = None) -> EntityRef:
        kind = _KINDS.get(ent.kind, EntityKind.ORGANISATION)
        return EntityRef(ent.id, ent.name, kind, ent.gender, role or self.roles.get(ent.id))

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
        ref = self._resolve_tokens(tokens, quotation) if tokens else None
        if ref is not None and as_speaker:
            sentence = self.doc.sentence_of_token(first)
            bisect.insort(
                self.speakers, _Candidate(start, ref, sentence, True), key=lambda c: c.position
            )
        if ref is not None:
            self._record(ref, role)
        return ref

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
            lower[i] in PREPOSITIONS or lower[i] in DEFINITE or lower[i] in INDEFINITE
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
        quoted = _quoted(body)
        if quoted or _looks_like_brand(_phrase(body)):
            return self._organisation(quoted or body, head=None)
        head = self._head(tokens, i)
        info = noun_info(tokens[head].text) if head is not None else None
        if info is not None and info.cls == "statement" and head is not None:
            return self._statement_owner(tokens, i, head, possessive, quotation)
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
            return self._describe(body, EntityKind.DOCUMENT)
        if self._is_coordination(body):
            return self._describe(body, EntityKind.GROUP)
        if info is not None and head is not None and info.cls == "medium":
            return self._organisation(body, head=tokens[head])
        if persons:
            person = self._appositive_person(body, persons)
            return self.ref(person, self._role_phrase(body, person))
        if info is not None and head is not None and info.cls in ("role", "adjrole"):
            definite |= possessive is not None
            return self._describe_role(tokens, i, head, info, definite, indefinite)
        if info is not None and info.cls == "group":
            return self._describe(body, EntityKind.GROUP)
        before_phrase = list(takewhile(lambda t: t.text.lower() not in PREPOSITIONS, body))
        if (
            0 < len(before_phrase) < len(body)
            and not definite
            and all(is_name_word(t.text) or t.text in NAME_PARTICLES for t in before_phrase)
        ):  # "Airbus im französischen Toulouse", "Sascha Kempf vom Max-Planck-Institut"
            return self._named(before_phrase)
        organisations = self._entities_in(start, tokens[-1].end)
        if info is not None and head is not None and info.cls == "org":
            own_name = not organisations or any(
                s >= tokens[head].start
                for m in organisations[0].mentions
                for s, _ in m.spans[:1]
                if s < tokens[-1].end and s >= start
            )
            cut = next((k for k, t in enumerate(body) if t.text in ORG_DESCRIPTION_CUTS), None)
            if own_name or (cut is not None and body[cut].start > tokens[head].start):
                return self._organisation(body[:cut] if cut else body, head=tokens[head])
        if organisations:
            return self.ref(organisations[0])
        names_only = all(
            is_name_word(t.text) or t.text in NAME_PARTICLES or t.text in ("-", ".") for t in body
        )
        if definite and all(t.text[:1].isupper() for t in body):
            return self._describe(body, EntityKind.ORGANISATION)  # "das Rote Kreuz"
        if names_only and not definite and not indefinite:
            return self._named(body)
        return None

    def _pronoun(self, token: Token, quotation: Quotation) -> EntityRef | object | None:
        """The referent of a pronoun-like speaker; ``_NOT_A_PRONOUN`` for other words."""
        word = token.text.lower()
        if word in ("ich", "wir", "mir", "uns") and quotation.nested_in is not None:
            return self._outer_speaker(quotation)
        if word in BACK_REFERENCES:
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
        return self._antecedent(token.start, gender, plural_ok=word in _MAYBE_PLURAL)

    def _relative_antecedent(self, comma: Token, quotation: Quotation) -> EntityRef | None:
        """The noun phrase right before the comma that opens a relative clause."""
        at = self.doc.token_at(comma.start)
        first = at
        while first > max(0, at - _ROLE_WINDOW) and self.doc.tokens[first - 1].text not in ",.;:":
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
        if (owner is not None and owner.cls == "org") or (prefix.isupper() and len(prefix) > 1):
            # "Polizeiangaben", "NASA-Angaben", "israelischen Armeeangaben"
            adjectives = [t.text for t in tokens[i:head] if t.text[:1].islower()]
            name = " ".join(
                [*_nominative(adjectives), prefix if prefix.isupper() else prefix.capitalize()]
            )
            return EntityRef(
                entity_id(name, EntityKind.ORGANISATION), name, EntityKind.ORGANISATION
            )
        if possessive is not None:
            gender = POSSESSIVE_GENDER[possessive]
            return self._antecedent(tokens[0].start, gender, plural_ok=gender is not Gender.MALE)
        return None

    def _head(self, tokens: list[Token], i: int) -> int | None:
        """The first speaker noun from ``i`` on before any preposition, else the first
        capitalised word ("Patrick Kamanda von der … Behörde" is headed by the name)."""
        end = next(
            (j for j in range(i + 1, len(tokens)) if tokens[j].text.lower() in PREPOSITIONS),
            len(tokens),
        )
        for j in range(i, end):
            if noun_info(tokens[j].text) is not None:
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

    def _role_phrase(self, tokens: list[Token], person: Entity) -> str | None:
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
        )
        if plural and not indefinite:
            return self._describe(body, EntityKind.GROUP)
        if definite and not indefinite:
            holder = self._holder(info.stem, _modifiers(body), tokens[0].start)
            if holder is not None:
                return self.ref(holder, self.text[body[0].start : body[-1].end])
        return self._describe(
            body, EntityKind.ANONYMOUS, gender=role_gender([t.text for t in body])
        )

    def _holder(self, stem: str, modifiers: set[str], position: int) -> Entity | None:
        """The person the article named with this role: most shared role words (an adjective
        such as "venezolanisch" weighs double), then the nearest before ``position``."""
        best: tuple[int, int, Entity] | None = None
        nearby = sorted(
            {
                (start, id(ent)): (start, ent)
                for key in {stem} | modifiers
                for start, ent in _within(self._holders.get(key, []), position)
            }.items()
        )
        for _, (start, ent) in nearby:
            stems = self.role_stems[ent.id]
            score = (stem in stems) + 2 * len(modifiers & stems)
            rank = position - start if start < position else 10**9 + start
            if score and (best is None or (score, -rank) > (best[0], -best[1])):
                best = (score, rank, ent)
        return best[2] if best else None

    def _describe(
        self, body: list[Token], kind: EntityKind, gender: Gender = Gender.UNKNOWN
    ) -> EntityRef:
        """An entity named by its description: documents, groups, anonymous sources."""
        name = _phrase(body)
        if kind is EntityKind.ANONYMOUS:
            name += ANONYMOUS_SUFFIX
        role = name.removesuffix(ANONYMOUS_SUFFIX) if kind is EntityKind.ANONYMOUS else None
        return EntityRef(entity_id(name, kind), name, kind, gender, role)

    def _named(self, body: list[Token]) -> EntityRef:
        return self._named_text(_phrase(body), body[0].start)

    def _named_text(self, name: str, position: int) -> EntityRef:
        """A bare name: a person of the article ending in it; else a person when it looks like
        a personal name, an organisation when it is one unknown word ("Reuters", "Island")."""
        key = slug(name)
        for ent in self._persons_by_surname.get(key.rsplit("-", 1)[-1], []):
            if (slug(ent.name) + "-").endswith("-" + key + "-"):
                return self.ref(ent)
        words = name.split()
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
        for _, at in _within(self._words.get(word, []), position):
            token = toks[at]
            before = toks[at - 1] if at > 0 else None
            after = toks[at + 1] if at + 1 < len(toks) else None
            if before is not None and is_name_word(before.text) and before.end + 1 == token.start:
                found.add(f"{before.text} {word}")
            elif after is not None and is_name_word(after.text) and token.end + 1 == after.start:
                found.add(f"{word} {after.text}")
        return found.pop() if len(found) == 1 else None

    def _organisation(self, body: list[Token], head: Token | None) -> EntityRef:
        """An organisation from its description: the name after a medium noun ("die
        Nachrichtenagentur RIA Novosti"), the fuller name of one named before ("das Ministerium"
        after "das isländische Fischereiministerium"), or the description itself."""
        info = noun_info(head.text) if head is not None else None
        words = [t for t in body if t.text not in QUOTE_MARKS]
        name_tokens = words
        if head is not None and info is not None and head in words:
            head_at = words.index(head)
            after = words[head_at + 1 :]
            proper = list(takewhile(lambda t: t.text[:1].isupper() or t.text in NAME_LINKS, after))
            if proper and (info.cls == "medium" or sum(t.text[:1].isupper() for t in proper) > 1):
                name_tokens = proper  # "die Nachrichtenagentur RIA Novosti", "die Partei Movement
                # for Democratic Change"; but "die Staatsanwaltschaft Krefeld" keeps its head
            elif (not after or info.cls == "medium") and all(
                t is head or t.text.lower().rstrip("nmrs") in ANAPHORIC_ADJECTIVES
                for t in words[: head_at + 1]
            ):  # "das Ministerium", "der gleichen Nachrichtenagentur"
                known = self._known_organisation(info.stem, head.start)
                if known is not None:
                    return known
        bracket = next((k for k, t in enumerate(name_tokens) if t.text == "("), len(name_tokens))
        name = _phrase(name_tokens[:bracket]) or _phrase(name_tokens)
        ref = EntityRef(entity_id(name, EntityKind.ORGANISATION), name, EntityKind.ORGANISATION)
        if info is not None:
            bisect.insort(
                self.organisations.setdefault(info.stem, []),
                (body[0].start, ref),
                key=lambda o: o[0],
            )
        return ref

    def _known_organisation(self, stem: str, position: int) -> EntityRef | None:
        """The latest organisation before ``position`` whose name ends in a noun of ``stem``."""
        found: list[tuple[int, EntityRef]] = []
        resolved = self.organisations.get(stem, [])
        k = bisect.bisect_left(resolved, position, key=lambda o: o[0])
        if k:
            found.append(resolved[k - 1])
        mentioned = self._organisations_by_stem().get(stem, [])
        k = bisect.bisect_left(mentioned, position, key=lambda o: o[0])
        if k:
            found.append((mentioned[k - 1][0], self.ref(mentioned[k - 1][1])))
        return max(found, key=lambda f: f[0])[1] if found else None

    def _organisations_by_stem(self) -> dict[str, list[tuple[int, Entity]]]:
        """Organisation mentions by the stem of their last noun (built once per article)."""
        if self._organisation_mentions is None:
            index: dict[str, list[tuple[int, Entity]]] = {}
            for start, _, ent in self.mentions:
                if ent.kind != EntityKind.ORGANISATION or not ent.name:
                    continue
                info = noun_info(ent.name.split()[-1])
                if info:
                    index.setdefault(info.stem, []).append((start, ent))
            self._organisation_mentions = index
        return self._organisation_mentions

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
        return replace(ref, role=_phrase(rest), gender=gender)

    def _appositive_person(self, body: list[Token], persons: list[Entity]) -> Entity:
        """Of several persons in "Der Nachfolger des … Christian Streiff, Louis Gallois", the
        one after the last comma is the speaker; else the first."""
        commas = [t.start for t in body if t.text == ","]
        if commas:
            for start, _, ent in self._mentions_in(commas[-1] + 1, body[-1].end):
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

    def _candidates(self, position: int) -> Iterator[_Candidate]:
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
        return _nearest_first(self.speakers, self._mention_candidates, position)

    def _candidate(self, start: int, ref: EntityRef) -> _Candidate:
        token = self.doc.token_at(start)
        sentence = self.doc.sentence_of_token(token)
        first = self.doc.sentences[sentence].first_token
        previous = self.doc.tokens[token - 1].text.lower() if token > first else ""
        return _Candidate(
            start,
            ref,
            sentence,
            False,
            subject=token - first < _SUBJECT_TOKENS,
            oblique=previous in OBLIQUE_MARKERS,
        )

    def _descriptions(self) -> list[_Candidate]:
        """Singular role nouns and documents with an article and no name after them ("eine
        Büroangestellte", "das Geheimdokument"): antecedents the mentions do not cover."""
        if self._description_cache is not None:
            return self._description_cache
        found: list[_Candidate] = []
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
                ref = self._describe(words, EntityKind.DOCUMENT)
            else:
                gender = info.gender
                if gender is Gender.UNKNOWN and article in ("eine", "einer"):
                    gender = Gender.FEMALE
                holder = None
                if article in DEFINITE:
                    holder = self._holder(info.stem, _modifiers(words), token.start)
                    if holder is None:
                        continue  # "die Autorin" refers back to someone named otherwise
                ref = (
                    self.ref(holder)
                    if holder
                    else self._describe(words, EntityKind.ANONYMOUS, gender)
                )
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
        """The most salient fitting earlier entity: gender agreement, earlier speakers and
        sentence-initial subjects weigh, each sentence of distance costs."""
        sentence = self.doc.sentence_of_token(self.doc.token_at(position))
        best: tuple[float, _Candidate] | None = None
        fallback: _Candidate | None = None
        for cand in self._candidates(position):
            if not (any_kind or _compatible(cand.ref, gender, plural_ok)):
                continue
            fallback = fallback or cand
            distance = sentence - cand.sentence
            if distance > _WINDOW:
                break
            score = (
                (
                    _EXACT_GENDER
                    if gender is not Gender.UNKNOWN and cand.ref.gender is gender
                    else 0.0
                )
                + (_SPEAKER_BONUS if cand.was_speaker and not nearest else 0.0)
                + (_SUBJECT_BONUS if cand.subject and not nearest else 0.0)
                - (_OBLIQUE_PENALTY if cand.oblique else 0.0)
                - distance
            )
            if best is None or score > best[0]:
                best = (score, cand)
        chosen = best[1] if best else fallback
        return chosen.ref if chosen else None

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


def _within(items: list[tuple[int, _T]], position: int) -> list[tuple[int, _T]]:
    """The items of a position-sorted list within ``HORIZON`` of ``position``."""
    low = bisect.bisect_left(items, position - HORIZON, key=lambda item: item[0])
    high = bisect.bisect_right(items, position + HORIZON, key=lambda item: item[0])
    return items[low:high]


def _nearest_first(
    speakers: list[_Candidate], mentions: list[_Candidate], position: int
) -> Iterator[_Candidate]:
    """Candidates of two position-sorted lists before ``position``, nearest first (a speaker
    before a mention at the same place), back to ``HORIZON`` characters."""
    i = bisect.bisect_left(speakers, position, key=lambda c: c.position) - 1
    j = bisect.bisect_left(mentions, position, key=lambda c: c.position) - 1
    limit = position - HORIZON
    while i >= 0 or j >= 0:
        take_speaker = j < 0 or (i >= 0 and speakers[i].position >= mentions[j].position)
        cand = speakers[i] if take_speaker else mentions[j]
        if cand.position < limit:
            return
        yield cand
        if take_speaker:
            i -= 1
        else:
            j -= 1


def _modifiers(tokens: list[Token]) -> set[str]:
    """Stems of the lower-case adjectives of a description: "venezolanischen" -> "venezolanisch"."""
    found = set()
    for token in tokens:
        word = token.text
        if word[:1].islower() and len(word) > 5 and word.lower() not in DEFINITE | INDEFINITE:
            for ending in ("en", "em", "er", "es", "e"):
                if word.endswith(ending):
                    word = word[: -len(ending)]
                    break
            found.add(word)
    return found


def _nominative(adjectives: list[str]) -> list[str]:
    """ "israelischen" -> "israelische": adjectives as they stand before a feminine noun."""
    return [a[:-1] if a.endswith("en") else a for a in adjectives]


def _quoted(body: list[Token]) -> list[Token]:
    """The words inside quotation marks near the start of a speaker: "die „Automobilwoche“"."""
    opener = next((k for k, t in enumerate(body[:3]) if t.text in QUOTE_OPENERS), None)
    if opener is None:
        return []
    closer = next((k for k in range(opener + 1, len(body)) if body[k].text in QUOTE_CLOSERS), None)
    return body[opener + 1 : closer] if closer is not None else []


def _looks_like_brand(word: str) -> bool:
    """ "n24", "3sat", "news.bbc.co.uk": digits or dots inside a word."""
    if " " in word:
        return False
    return ("." in word.strip(".")) or (word.isalnum() and any(c.isdigit() for c in word))


def _phrase(tokens: list[Token]) -> str:
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


def _sort_key(q: Quotation) -> int:
    role = q.speaker or q.quote
    return role.spans[0][0] if role.spans else 0


class SpeakersEnricher:
    """The ``speakers`` enricher: fills ``entity`` of every speaker and addressee."""

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
