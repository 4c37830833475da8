"""Roles the article gives its persons ("Außenministerin Rice", "Celebi, die Anwältin der
Frau"), and the person a later role description ("die Außenministerin") refers to."""

from __future__ import annotations

from zitat.lang.de.words import (
    DEFINITE,
    FUNCTION_WORDS,
    INDEFINITE,
    POSSESSIVE_GENDER,
    SPEAKER_PREPOSITIONS,
)
from zitat.schema import Entity, EntityKind, Gender
from zitat.speakers.antecedents import within
from zitat.speakers.gender import role_gender
from zitat.speakers.roles import NounInfo, compound_prefix, noun_info, office, same_role
from zitat.text.document import ParsedText
from zitat.text.tokenize import Token

ROLE_WINDOW = 6
"""Tokens before or after a name searched for its role."""
_DETERMINERS = DEFINITE | INDEFINITE | frozenset(POSSESSIVE_GENDER)
_NOT_ATTRIBUTIVE = _DETERMINERS | SPEAKER_PREPOSITIONS | {w.lower() for w in FUNCTION_WORDS}


def is_role_noun(word: str) -> bool:
    info = noun_info(word)
    return info is not None and info.cls in ("role", "adjrole")


def attributive(tokens: list[Token], i: int) -> bool:
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


def modifiers(tokens: list[Token]) -> set[str]:
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


class RoleBook:
    """The roles of an article's named persons, learned from the words around their names."""

    def __init__(self, doc: ParsedText, mentions: list[tuple[int, int, Entity]]) -> None:
        self.doc = doc
        self.roles: dict[str, str] = {}
        """Entity id -> the first role phrase the article gives it."""
        self.stems: dict[str, set[str]] = {}
        """Entity id -> stems of its role nouns and adjectives."""
        self.prefixes: dict[tuple[str, str], set[str]] = {}
        """(entity id, role noun stem) -> the first parts of its compounds ("spö" of
        "SPÖ-Chef")."""
        for start, end, ent in mentions:
            if ent.kind == EntityKind.PERSON:
                self._learn(ent, start, end)
        self._holders: dict[str, list[tuple[int, Entity]]] = {}
        """Role word stem -> (position, person) of the persons named with it, by position."""
        for start, _, ent in mentions:
            for stem in self.stems.get(ent.id, ()):
                self._holders.setdefault(stem, []).append((start, ent))

    def _learn(self, ent: Entity, start: int, end: int) -> None:
        """Record "Außenministerin Rice", "Celebi, die Anwältin der Frau" as roles."""
        doc, toks = self.doc, self.doc.tokens
        first = doc.token_at(start)
        sentence = doc.sentences[doc.sentence_of_token(first)]
        before = toks[max(sentence.first_token, first - ROLE_WINDOW) : first]
        if before and before[-1].text == ",":
            before = before[:-1]
        role_at = [i for i, t in enumerate(before) if is_role_noun(t.text)]
        if role_at and len(before) - role_at[-1] <= 3:
            begin = role_at[-1]
            while begin > 0 and attributive(before, begin - 1):
                begin -= 1
            self._add(ent, before[begin:])
            return
        last = doc.token_at(end - 1)
        after = toks[last + 1 : min(sentence.last_token, last + 1 + ROLE_WINDOW)]
        if after and after[0].text == ",":
            words = after[1:]
            if words and words[0].text.lower() in DEFINITE | INDEFINITE:
                words = words[1:]
            cut = next((i for i, t in enumerate(words) if not t.text[:1].isalnum()), len(words))
            phrase = words[:cut]
            if any(is_role_noun(t.text) for t in phrase[:3]):
                self._add(ent, phrase)

    def _add(self, ent: Entity, tokens: list[Token]) -> None:
        if not tokens:
            return
        self.roles.setdefault(ent.id, self.doc.text[tokens[0].start : tokens[-1].end])
        stems = set()
        for token in tokens:
            info = noun_info(token.text)
            if info is not None and is_role_noun(token.text):
                stems.add(info.stem)
                if (key := office(token.text, info)) is not None:
                    stems.add(key)
                prefixes = self.prefixes.setdefault((ent.id, info.stem), set())
                prefixes.add(compound_prefix(token.text, info))
        self.stems.setdefault(ent.id, set()).update(stems | modifiers(tokens))
        if ent.gender is Gender.UNKNOWN:
            ent.gender = role_gender([t.text for t in tokens])

    def holder(
        self,
        noun: str,
        info: NounInfo,
        adjectives: set[str],
        position: int,
        gender: Gender = Gender.UNKNOWN,
    ) -> Entity | None:
        """The person the article named with the role noun ``noun`` (``info`` its analysis):
        most shared role words (an adjective such as "venezolanisch" weighs double), then the
        nearest before ``position``. The role noun is shared only as the same compound ("der
        Wifo-Chef" is not the "SPÖ-Chef") or as the same office ("der Ankläger" is the
        "Staatsanwalt"), and a person of the other ``gender`` holds no role."""
        stem, prefix, office_key = info.stem, compound_prefix(noun, info), office(noun, info)
        best: tuple[int, int, Entity] | None = None
        nearby = sorted(
            {
                (start, id(ent)): (start, ent)
                for key in {stem, office_key or stem} | adjectives
                for start, ent in within(self._holders.get(key, []), position)
            }.items()
        )
        for _, (start, ent) in nearby:
            if Gender.UNKNOWN not in (gender, ent.gender) and gender is not ent.gender:
                continue
            stems = self.stems[ent.id]
            shared = stem in stems and any(
                same_role(prefix, other) for other in self.prefixes.get((ent.id, stem), {""})
            )
            shared = shared or (office_key is not None and office_key in stems)
            score = shared + 2 * len(adjectives & stems)
            rank = position - start if start < position else 10**9 + start
            if score and (best is None or (score, -rank) > (best[0], -best[1])):
                best = (score, rank, ent)
        return best[2] if best else None
