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
from dataclasses import dataclass, replace

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
from zitat.speakers.names import FUNCTION_WORDS, NAME_PARTICLES, is_name_word
from zitat.speakers.roles import NounInfo, noun_info
from zitat.text.document import ParsedText
from zitat.text.tokenize import QUOTE_MARKS, Token

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
    "seiner": Gender.MALE,
    "seinen": Gender.MALE,
    "seinem": Gender.MALE,
    "ihrer": Gender.FEMALE,
    "ihren": Gender.FEMALE,
    "ihrem": Gender.FEMALE,
    "eigener": Gender.UNKNOWN,
    "eigenen": Gender.UNKNOWN,
}
BACK_REFERENCES = frozenset(
    {"demnach", "danach", "demzufolge", "dort", "dieser", "diese", "dies", "jener", "derselbe"}
)
DEMONSTRATIVE_GENDER = {"der": Gender.MALE, "die": Gender.FEMALE}
ANONYMOUS_SUFFIX = " (anonym)"
_ROLE_WINDOW = 6
_WINDOW = 4
"""Sentences back within which a pronoun looks for its antecedent first."""
_EXACT_GENDER, _SPEAKER_BONUS, _SUBJECT_BONUS = 2.0, 1.5, 0.5
_SUBJECT_TOKENS = 4


@dataclass(frozen=True, slots=True)
class _Candidate:
    position: int
    ref: EntityRef
    sentence: int
    was_speaker: bool
    subject: bool = True


def _compatible(ref: EntityRef, gender: Gender, plural_ok: bool) -> bool:
    if ref.kind in (EntityKind.ORGANISATION, EntityKind.GROUP, EntityKind.DOCUMENT):
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
        self.by_id: dict[str, EntityRef] = {}

    # -- what the article says about persons -------------------------------------------

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
            while (
                begin > 0
                and before[begin - 1].text[:1].islower()
                and before[begin - 1].text.lower() not in DEFINITE | INDEFINITE | PREPOSITIONS
            ):
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
        self.role_stems.setdefault(ent.id, set()).update(stems)
        if ent.gender is Gender.UNKNOWN:
            ent.gender = role_gender([t.text for t in tokens])

    def ref(self, ent: Entity, role: str | None = None) -> EntityRef:
        kind = (
            EntityKind(ent.kind)
            if ent.kind in EntityKind._value2member_map_
            else EntityKind.ORGANISATION
        )
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
        tokens = [t for t in tokens if t.text not in QUOTE_MARKS]
        ref = self._resolve_tokens(tokens, quotation) if tokens else None
        if ref is not None and as_speaker:
            sentence = self.doc.sentence_of_token(first)
            self.speakers.append(_Candidate(start, ref, sentence, True))
        if ref is not None:
            self._record(ref, role)
        return ref

    def _resolve_tokens(self, tokens: list[Token], quotation: Quotation) -> EntityRef | None:
        words = [t.text for t in tokens]
        lower = [w.lower() for w in words]
        start = tokens[0].start
        if len(tokens) == 1 or (len(tokens) == 2 and lower[0] in PREPOSITIONS):
            word = lower[-1]
            if word in ("ich", "wir", "mir", "uns") and quotation.nested_in is not None:
                return self._outer_speaker(quotation)
            if word in BACK_REFERENCES:
                return self._antecedent(start, Gender.UNKNOWN, plural_ok=True, any_kind=True)
            gender = pronoun_gender(word) or DEMONSTRATIVE_GENDER.get(word)
            if gender is not None:
                return self._antecedent(
                    start,
                    gender,
                    plural_ok=word in ("sie", "die", "ihr", "ihre", "ihrer", "ihrem", "ihren"),
                )
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
        head = self._head(tokens, i)
        info = noun_info(tokens[head].text) if head is not None else None
        if info is not None and info.cls == "statement" and head is not None:
            rest = tokens[head + 1 :]
            if rest:
                return self._resolve_tokens(rest, quotation)
            if possessive is not None:  # "eigener Aussage", "seiner Ansicht nach"
                gender = POSSESSIVE_GENDER[possessive]
                return self._antecedent(start, gender, plural_ok=gender is not Gender.MALE)
            return None
        apposition = self._apposed_name(body)
        if apposition is not None:
            return apposition
        if self._is_coordination(self._before_apposition(body)):
            return self._describe(body, EntityKind.GROUP)
        inside = self._entities_in(tokens[0].start, tokens[-1].end)
        persons = [e for e in inside if e.kind == EntityKind.PERSON]
        if info is not None and info.cls == "document":
            return self._describe(body, EntityKind.DOCUMENT)
        if persons:
            role = self._role_phrase(tokens[i:], persons[0])
            return self.ref(persons[0], role)
        if info is not None and info.cls in ("role", "adjrole"):
            return self._describe_role(tokens, i, head, info, definite, indefinite)  # type: ignore[arg-type]
        if info is not None and info.cls == "group":
            return self._describe(body, EntityKind.GROUP)
        if inside:
            return self.ref(inside[0])
        if info is not None and info.cls == "org":
            return self._describe(body, EntityKind.ORGANISATION)
        if (
            all(is_name_word(t.text) or t.text in NAME_PARTICLES or t.text in "-." for t in body)
            and not definite
            and not indefinite
        ):
            return self._named_person(body)
        return None

    def _head(self, tokens: list[Token], i: int) -> int | None:
        """The first speaker noun from ``i`` on, else the first capitalised word."""
        for j in range(i, len(tokens)):
            if noun_info(tokens[j].text) is not None:
                return j
        for j in range(i, len(tokens)):
            if tokens[j].text[:1].isupper() and tokens[j].text not in FUNCTION_WORDS:
                return j
        return None

    def _before_apposition(self, body: list[Token]) -> list[Token]:
        """``body`` up to the comma after its first person: "John Kline, ein Repräsentant …"."""
        for k, token in enumerate(body[:-1]):
            if token.text == "," and self._entities_in(body[0].start, token.start):
                return body[:k]
        return body

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
        ref = self._named_person(name)
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
                if nxt[:1].isupper() or nxt.lower() in DEFINITE | INDEFINITE | PLURAL_WORDS:
                    return True
        return False

    def _entities_in(self, start: int, end: int) -> list[Entity]:
        found: list[Entity] = []
        k = bisect.bisect_left(self._mention_starts, start)
        while k < len(self.mentions) and self.mentions[k][0] < end:
            ent = self.mentions[k][2]
            if (
                self.mentions[k][1] <= end
                and ent.kind in (EntityKind.PERSON, EntityKind.ORGANISATION)
                and ent not in found
            ):
                found.append(ent)
            k += 1
        return found

    def _role_phrase(self, tokens: list[Token], person: Entity) -> str | None:
        """The role words of "US-Präsident Donald Trump" or "der Sprecher, Max Muster"."""
        mention_starts = {s for m in person.mentions for s, _ in m.spans}
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
        plural = info.plural is True or (
            not definite and not indefinite and info.plural is not False
        )
        if plural and not indefinite:
            return self._describe(body, EntityKind.GROUP)
        if definite and not indefinite:
            holder = self._holder(info.stem, tokens[0].start)
            if holder is not None:
                return self.ref(holder, self.text[body[0].start : body[-1].end])
        return self._describe(
            body, EntityKind.ANONYMOUS, gender=role_gender([t.text for t in body])
        )

    def _holder(self, stem: str, position: int) -> Entity | None:
        """The person the article named with this role, the nearest one before ``position``."""
        holders = [ent_id for ent_id, stems in self.role_stems.items() if stem in stems]
        if not holders:
            return None
        best: tuple[int, Entity] | None = None
        for start, _, ent in self.mentions:
            if ent.id in holders:
                rank = position - start if start < position else 10**9 + start
                if best is None or rank < best[0]:
                    best = (rank, ent)
        return best[1] if best else None

    def _describe(
        self, body: list[Token], kind: EntityKind, gender: Gender = Gender.UNKNOWN
    ) -> EntityRef:
        """An entity named by its description: documents, groups, anonymous sources."""
        name = _phrase(body)
        if kind is EntityKind.ANONYMOUS:
            name += ANONYMOUS_SUFFIX
        role = name.removesuffix(ANONYMOUS_SUFFIX) if kind is EntityKind.ANONYMOUS else None
        return EntityRef(entity_id(name, kind), name, kind, gender, role)

    def _named_person(self, body: list[Token]) -> EntityRef:
        name = self.text[body[0].start : body[-1].end]
        for ent in self.entities.values():
            if ent.kind == EntityKind.PERSON and slug(ent.name).endswith(slug(name)):
                return self.ref(ent)
        return EntityRef(
            entity_id(name, EntityKind.PERSON), name, EntityKind.PERSON, name_gender(name.split())
        )

    def _outer_speaker(self, quotation: Quotation) -> EntityRef | None:
        outer = next((q for q in self.result.quotations if q.id == quotation.nested_in), None)
        if outer is not None and outer.speaker is not None:
            return outer.speaker.entity
        return None

    def _in_quote(self, position: int) -> bool:
        k = bisect.bisect_right(self.quote_spans, (position, 10**9)) - 1
        return k >= 0 and self.quote_spans[k][0] <= position < self.quote_spans[k][1]

    def _candidates(self, position: int) -> list[_Candidate]:
        """Earlier speakers and entity mentions outside quotes, nearest first."""
        found = [c for c in self.speakers if c.position < position]
        k = bisect.bisect_left(self._mention_starts, position)
        for start, _, ent in self.mentions[:k]:
            if ent.kind in (EntityKind.PERSON, EntityKind.ORGANISATION) and not self._in_quote(
                start
            ):
                token = self.doc.token_at(start)
                sentence = self.doc.sentence_of_token(token)
                subject = token - self.doc.sentences[sentence].first_token < _SUBJECT_TOKENS
                found.append(_Candidate(start, self.ref(ent), sentence, False, subject))
        return sorted(found, key=lambda c: -c.position)

    def _antecedent(
        self, position: int, gender: Gender, plural_ok: bool, any_kind: bool = False
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
                + (_SPEAKER_BONUS if cand.was_speaker else 0.0)
                + (_SUBJECT_BONUS if cand.subject else 0.0)
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
        if mention not in ent.mentions:
            ent.mentions.append(mention)


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
