"""Grammatical and natural gender of speaker mentions, from evidence only.

Gender comes from pronouns, first names, forms of address and gendered role nouns
("Ministerin", "Sprecher"); with none of these it stays unknown, never guessed.
"""

from __future__ import annotations

from zitat.lang.de.lexicon import first_names
from zitat.lang.de.words import ADDRESS_GENDER, PRONOUN_GENDER
from zitat.schema import Gender
from zitat.speakers.roles import noun_info


def pronoun_gender(word: str) -> Gender | None:
    """The gender a third-person pronoun asks for; None if ``word`` is no such pronoun."""
    return PRONOUN_GENDER.get(word.lower())


def name_gender(tokens: list[str]) -> Gender:
    """Gender of a personal name from its form of address or first name."""
    for token in tokens:
        if token.lower() in ADDRESS_GENDER:
            return ADDRESS_GENDER[token.lower()]
        if token in first_names():
            return first_names()[token]
    return Gender.UNKNOWN


def role_gender(tokens: list[str]) -> Gender:
    """Gender of a description from its role noun: "Ministerin" female, "Minister" male."""
    for token in tokens:
        info = noun_info(token)
        if info is not None and info.gender is not Gender.UNKNOWN and info.plural is not True:
            return info.gender
    return Gender.UNKNOWN
