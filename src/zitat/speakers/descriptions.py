"""Role descriptions of speakers: "der Sprecher der Landesrätin", "Sein Parteikollege
Michele Romagnolo", "die SPD-Politikerin" after Angela Merkel, "Büro von Josef Ostermayer"
- the named person they describe, someone anonymous, or an office."""

from __future__ import annotations

from dataclasses import replace

from zitat.lang.de.lexicon import org_suffixes, states
from zitat.lang.de.words import (
    ARTICLE_CONTRACTIONS,
    CLOSED_CLASS,
    COUNTRY_ADJECTIVE,
    COUNTRY_PREFIXES,
    DATIVE_PREPOSITIONS,
    DEFINITE,
    DEMONSTRATIVE_GENDER,
    FUNCTION_WORDS,
    INDEFINITE,
    NAME_PARTICLES,
    OWNER_MARKERS,
    POSSESSIVE_GENDER,
)
from zitat.schema import Entity, EntityKind, EntityRef, Gender
from zitat.speakers.article import ArticleEntities
from zitat.speakers.candidates import Antecedents
from zitat.speakers.gender import role_gender
from zitat.speakers.holders import modifiers
from zitat.speakers.identity import entity_id
from zitat.speakers.names import is_name_word
from zitat.speakers.phrases import describe, organisation_ref, phrase, singular_nominative
from zitat.speakers.roles import NounInfo, noun_info
from zitat.text.tokenize import Token

_SPOKESPERSON_STEM = "sprecher"
_SPOKESPERSON = frozenset({_SPOKESPERSON_STEM})
"""Role nouns of someone who speaks for another: "der Sprecher" after a quoted minister is
the minister's spokesperson, not the minister."""


class RoleDescriptions:
    """Reads the role descriptions of one article's speakers."""

    def __init__(self, article: ArticleEntities, antecedents: Antecedents) -> None:
        self.article = article
        self.antecedents = antecedents
        self.doc = article.doc
        self.text = article.text

    def describe_role(
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
        named = self._trailing_name(body, head - i, bare=not (definite or indefinite))
        if named is not None:
            return named  # before the number: "Außenminister Abdel-Malek" has no article
        if not (definite or indefinite) and self._definite_by_preposition(tokens, i, head, info):
            definite = True  # "laut Ankläger", "vom Parteichef": as "laut dem Ankläger"
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
        if plural and not indefinite:
            return describe(body, EntityKind.GROUP)
        gender = role_gender([t.text for t in body])
        if gender is Gender.UNKNOWN and info.cls == "adjrole" and info.ending == "e":
            gender = DEMONSTRATIVE_GENDER.get(article, Gender.UNKNOWN)  # "die Vorsitzende"
        if definite and not indefinite:
            holder = self.article.roles.holder(
                tokens[head].text, info, modifiers(body), tokens[0].start, gender
            )
            if holder is not None:
                return self.article.ref(holder, self.text[body[0].start : body[-1].end])
            again = self.antecedents.same_anonymous(body, info.stem, tokens[0].start)
            if again is not None:
                return again  # "Ein Sprecher der Landesrätin X sagte" … "der Sprecher"
            if article in POSSESSIVE_GENDER:
                # "Ihre Mandantin" after the lawyer was quoted: someone of hers, not her
                return describe(
                    singular_nominative(body, head - i, info), EntityKind.ANONYMOUS, gender
                )
            person = (
                self.antecedents.described_person(
                    tokens[0].start,
                    gender,
                    role_holders=_role_holders(tokens, head, info),
                )
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
                person = self.antecedents.quoted_person(tokens[0].start, gender)
            if person is not None:
                return replace(person, role=self.text[body[0].start : body[-1].end])
        return describe(singular_nominative(body, head - i, info), EntityKind.ANONYMOUS, gender)

    def role_of_someone_named(self, tokens: list[Token], head: int) -> bool:
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
            for s, _, e in self.article.mentions_in(tokens[head].end, tokens[-1].end)
            if e.kind == EntityKind.PERSON
        }
        for k in range(head + 2, len(tokens)):
            if tokens[k].start in starts:
                info = noun_info(tokens[k - 1].text)
                return info is not None and info.cls in ("role", "adjrole")
        return False

    def office(
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
            owner = self.antecedents.antecedent(tokens[0].start, gender, plural_ok=False)
        elif head + 1 < len(tokens) and tokens[head + 1].text.lower() in OWNER_MARKERS:
            persons = self.article.entities_in(tokens[head + 1].start, tokens[-1].end)
            owner = next(
                (self.article.ref(p) for p in persons if p.kind == EntityKind.PERSON), None
            )
        if owner is None or owner.kind is not EntityKind.PERSON:
            return None
        name = f"{noun} von {owner.name}"
        return organisation_ref(name)

    def rolephrase(self, tokens: list[Token], person: Entity) -> str | None:
        """The role words of "US-Präsident Donald Trump" or "der Sprecher, Max Muster"."""
        mention_starts = {
            start
            for start, _, ent in self.article.mentions_in(tokens[0].start, tokens[-1].end)
            if ent is person
        }
        cut = next((k for k, t in enumerate(tokens) if t.start in mention_starts), len(tokens))
        role_tokens = [t for t in tokens[:cut] if t.text != ","]
        if any(
            (info := noun_info(t.text)) and info.cls in ("role", "adjrole") for t in role_tokens
        ):
            return self.text[role_tokens[0].start : role_tokens[-1].end]
        return None

    def _definite_by_preposition(
        self, tokens: list[Token], i: int, head: int, info: NounInfo
    ) -> bool:
        """Whether the bare role noun ``tokens[head]`` (its phrase opening at ``i``) names one
        known person: after a preposition fused with the article ("vom Parteichef", "beim
        Ankläger"), or after a dative preposition where a noun whose plural could look the
        same lacks the dative plural ending -n ("laut Ankläger"; "laut Anklägern" are
        several)."""
        if info.cls != "role":
            return False
        if i > 0:
            word = tokens[i - 1].text.lower()
        else:
            at = self.doc.token_at(tokens[0].start)
            word = self.doc.tokens[at - 1].text.lower() if at > 0 else ""
        return word in ARTICLE_CONTRACTIONS or (
            word in DATIVE_PREPOSITIONS
            and info.plural is None
            and not tokens[head].text.endswith("n")
        )

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
        end = len(body)
        if body[-1].text == ")" and "(" in (t.text for t in body):
            end = max(k for k, t in enumerate(body) if t.text == "(")  # "Julia Reda (Piraten)"
        run = end
        while run > head + 1 and is_name_word(body[run - 1].text):
            run -= 1
        name = body[run:end]
        right_after = bare and run == head + 1 and len(name) == 1
        if (len(name) < 2 and not right_after) or len(name) > 4 or name[-1].text in org_suffixes():
            return None
        if body[run - 1].text.lower() in CLOSED_CLASS:
            return None  # the name of a genitive or a place: "Die Virologen des Bonner
            # Universitätsklinikums", "die Richter am Supreme Court"
        ref = self.article.named(name)
        if ref.kind is not EntityKind.PERSON:
            ref = replace(ref, id=entity_id(ref.name, EntityKind.PERSON), kind=EntityKind.PERSON)
        role = self.text[body[0].start : body[run - 1].end]
        gender = ref.gender if ref.gender is not Gender.UNKNOWN else role_gender([role])
        return replace(ref, role=role, gender=gender)

    def leading_name(self, body: list[Token]) -> EntityRef | None:
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
        ref = self.article.named(name)
        if ref.kind is not EntityKind.PERSON:
            ref = replace(ref, id=entity_id(ref.name, EntityKind.PERSON), kind=EntityKind.PERSON)
        gender = (
            ref.gender if ref.gender is not Gender.UNKNOWN else role_gender([t.text for t in rest])
        )
        return replace(ref, role=phrase(rest), gender=gender)

    def apposed_name(self, body: list[Token]) -> EntityRef | None:
        """ "die Mitarbeiterin seines Büros, Arminda Thomas": a name after the last comma."""
        words = body[:-1] if body[-1].text == "," else body
        commas = [k for k, t in enumerate(words) if t.text == ","]
        if not commas or commas[-1] == len(words) - 1:
            return None
        name = words[commas[-1] + 1 :]
        if len(name) > 4 or not all(is_name_word(t.text) for t in name):
            return None
        if self.article.entities_in(name[0].start, name[-1].end):
            return None  # a found entity: the general path handles it with its role
        ref = self.article.named(name)
        role = self.text[body[0].start : words[commas[-1] - 1].end]
        gender = (
            ref.gender if ref.gender is not Gender.UNKNOWN else role_gender([t.text for t in body])
        )
        return replace(ref, role=role, gender=gender)

    def appositive_person(self, body: list[Token], persons: list[Entity]) -> Entity:
        """Of several persons in "Der Nachfolger des … Christian Streiff, Louis Gallois", the
        one after the last comma is the speaker; else the first."""
        commas = [t.start for t in body if t.text == ","]
        if commas:
            for _, _, ent in self.article.mentions_in(commas[-1] + 1, body[-1].end):
                if ent in persons:
                    return ent
        return persons[0]


def _epithet(tokens: list[Token], i: int, head: int) -> bool:
    """Whether ``tokens[i:]`` is an epithet: adjectives and a role noun that end the phrase
    ("der langjährige Hinterbänkler", "der frühere Gewerkschafter", "der 44-jährige
    Staatschef"), which refers back to someone named; not an office of a country ("der
    französische Präsident": someone new)."""
    adjectives = [t for t in tokens[i:head] if not (t.text.isdigit() or t.text == "-")]
    return (
        head == len(tokens) - 1
        and bool(adjectives)
        and all(
            t.text.rsplit("-", 1)[-1][:1].islower() and not COUNTRY_ADJECTIVE.search(t.text)
            for t in adjectives
        )
    )


def _role_holders(tokens: list[Token], head: int, info: NounInfo) -> str | None:
    """Which persons named with a role a description may still refer to: those without the
    role stem returned, or none (None). A compound naming its party or body ("der
    PiS-Vorsitzende") may describe anyone but the holder of another compound of its noun;
    an age ("der 52-Jährige" after "Präsident Harald Mahrer") anyone but a spokesperson,
    who speaks for the protagonist ("Justizsprecher Joachim Banke" is not "der
    39-Jährige")."""
    if _named_compound(tokens[head].text):
        return info.stem
    glued_number = _hyphenated(tokens, head) and head > 1 and tokens[head - 2].text.isdigit()
    if glued_number or tokens[head].text.partition("-")[0].isdigit():
        return _SPOKESPERSON_STEM
    return None


def _named_compound(word: str) -> bool:
    """Whether a role compound names its party or body ("SPD-Politiker", "UN-Chef"): such a
    description may refer to a person the article named with another role; an age ("der
    39-Jährige") or a country's office ("der US-Präsident") may not."""
    first, _, rest = word.partition("-")
    return (
        bool(rest)
        and first[:1].isupper()
        and first[:1].isalpha()
        and first not in COUNTRY_PREFIXES
        and first not in states()
    )


def _hyphenated(tokens: list[Token], k: int) -> bool:
    """Whether ``tokens[k]`` is the last part of a hyphenated compound ("SPD-Politikerin",
    "44-Jährige", which the tokenizer may split at the hyphen)."""
    glued = k > 0 and tokens[k - 1].text == "-" and tokens[k - 1].end == tokens[k].start
    return "-" in tokens[k].text or glued
