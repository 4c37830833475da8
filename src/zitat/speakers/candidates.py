"""The entities a later reference may point back to (candidate generation; the choice
among them is ``antecedents.choose``): the speakers resolved so far, the entity mentions and
the unnamed role descriptions outside quotes, nearest first."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from zitat.lang.de.words import (
    DEFINITE,
    INDEFINITE,
    MAYBE_PLURAL,
    OBLIQUE_MARKERS,
    POSSESSIVE_GENDER,
)
from zitat.schema import EntityKind, EntityRef, Gender
from zitat.speakers.antecedents import Candidate, choose, nearest_first
from zitat.speakers.article import ArticleEntities
from zitat.speakers.holders import modifiers
from zitat.speakers.phrases import describe
from zitat.speakers.roles import noun_info
from zitat.text.tokenize import Token

_SUBJECT_TOKENS = 4
"""A mention among the first tokens of its sentence counts as its subject."""
DESCRIPTION_WINDOW = 2
"""Sentences back within which a role description without a known holder looks for the named
person it describes."""


class Antecedents:
    """Candidate antecedents of one article, growing with every resolved speaker."""

    def __init__(self, article: ArticleEntities) -> None:
        self.article = article
        self.doc = article.doc
        self.speakers: list[Candidate] = []
        """Resolved speakers, sorted by position."""
        self._description_cache: list[Candidate] | None = None
        self._mention_candidates: list[Candidate] | None = None

    def add_speaker(self, position: int, ref: EntityRef) -> None:
        """Remember a resolved speaker as an antecedent of later references."""
        sentence = self.article.sentence_at(position)
        bisect.insort(
            self.speakers, Candidate(position, ref, sentence, True), key=lambda c: c.position
        )

    def candidates(self, position: int) -> Iterator[Candidate]:
        """Earlier speakers, entity mentions and unnamed descriptions outside quotes,
        nearest first."""
        if self._mention_candidates is None:
            self._mention_candidates = sorted(
                [
                    self._candidate(start, self.article.ref(ent))
                    for start, _, ent in self.article.mentions
                    if ent.kind in (EntityKind.PERSON, EntityKind.ORGANISATION)
                    and not self.article.in_quote(start)
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
            if first is None or self.article.in_quote(token.start):
                continue
            if any(not t.text[:1].islower() for t in toks[first + 1 : j]):
                continue  # only adjectives between article and noun
            article = toks[first].text.lower()
            if j + 1 < len(toks) and self.article.entities_in(toks[j + 1].start, toks[j + 1].end):
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
                    holder = self.article.roles.holder(
                        token.text, info, modifiers(words), token.start, gender
                    )
                    if holder is None:
                        continue  # "die Autorin" refers back to someone named otherwise
                ref = (
                    self.article.ref(holder)
                    if holder
                    else describe(words, EntityKind.ANONYMOUS, gender)
                )
            found.append(self._candidate(toks[first].start, ref))
        self._description_cache = found
        return found

    def antecedent(
        self,
        position: int,
        gender: Gender,
        plural_ok: bool,
        any_kind: bool = False,
        nearest: bool = False,
    ) -> EntityRef | None:
        """The most salient fitting earlier entity (see ``antecedents.choose``)."""
        sentence = self.article.sentence_at(position)
        return choose(self.candidates(position), sentence, gender, plural_ok, any_kind, nearest)

    def of_pronoun(self, position: int, word: str, gender: Gender) -> EntityRef | None:
        """The antecedent of a personal pronoun ``word`` of ``gender`` ("er", "sie")."""
        return self.antecedent(position, gender, plural_ok=word in MAYBE_PLURAL)

    def of_possessive(self, position: int, possessive: str) -> EntityRef | None:
        """The owner a possessive refers back to ("seiner Meinung nach"); "ihre" may also
        mean a group."""
        gender = POSSESSIVE_GENDER[possessive]
        return self.antecedent(position, gender, plural_ok=gender is not Gender.MALE)

    def described_person(
        self, position: int, gender: Gender, role_holders: str | None = None
    ) -> EntityRef | None:
        """The person a definite role description without a known holder refers back to
        ("Angela Merkel besuchte Paris. Die CDU-Vorsitzende sagte"; only for compounds such
        as "SPD-Politikerin" or "44-Jährige": "der Polizeisprecher" after a named suspect is
        someone new): the most salient gender-fitting named person of the last sentences
        who holds no other role. With ``role_holders`` (the description's role noun stem)
        also one who holds another role ("der PiS-Vorsitzende" after "Parteichef Jarosław
        Kaczyński"), unless it is another compound of the same noun ("der Wifo-Chef" is not
        the "SPÖ-Chef" named before)."""
        sentence = self.article.sentence_at(position)
        persons = (
            c
            for c in self.candidates(position)
            if c.ref.kind is EntityKind.PERSON
            and (
                c.ref.role is None
                or (
                    role_holders is not None
                    and role_holders not in self.article.roles.stems.get(c.ref.id, ())
                )
            )
            and sentence - c.sentence <= DESCRIPTION_WINDOW
        )
        if gender is Gender.UNKNOWN:
            return None
        return choose(persons, sentence, gender, plural_ok=False)

    def quoted_person(self, position: int, gender: Gender) -> EntityRef | None:
        """The named person a definite role description without a known holder refers back
        to when the article quoted that person just before ("…, sagt Valenta. Der Soziologe
        führt aus"; "Bürgermeister Johannes Ebner" … "meinte der Ortschef"): the latest
        gender-fitting person speaker of the last sentences, if no other person was quoted
        in between."""
        sentence = self.article.sentence_at(position)
        k = bisect.bisect_left(self.speakers, position, key=lambda c: c.position)
        for cand in reversed(self.speakers[:k]):
            if sentence - cand.sentence > DESCRIPTION_WINDOW:
                return None
            if cand.ref.kind is EntityKind.PERSON:
                fits = gender is Gender.UNKNOWN or cand.ref.gender in (gender, Gender.UNKNOWN)
                return cand.ref if fits else None
        return None

    def same_anonymous(self, body: list[Token], stem: str, position: int) -> EntityRef | None:
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

    def same_group(self, stem: str, position: int) -> EntityRef | None:
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
