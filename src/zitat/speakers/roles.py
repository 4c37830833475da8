"""Role, organisation, document and statement nouns, with their German inflection.

A noun matches a stem of ``resources/speaker_nouns.tsv`` when it ends with the stem plus
one inflection ending, so compounds match by their last part: "Polizeisprecher",
"US-Präsident", "Außenministerin".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from zitat.lang.de.lexicon import first_names, noun_genders, role_synonyms, speaker_nouns
from zitat.lang.de.words import ABSTRACT_SUFFIXES, DATING_PREFIXES, PARTIES
from zitat.schema import Gender

_NOUN_ENDINGS = ("", "s", "es", "n", "en", "e", "er", "in", "innen", "nen")
_ADJ_ENDINGS = ("e", "er", "en", "em")
_MAX_STEM = 20
_NEUTER = frozenset({"mitglied"})
"""Role nouns of neuter gender: their form says nothing about the person."""
_PARTY_NOUN = "partei"
"""The first part of "Parteichef", "Parteivorsitzende": the party a name prefix may say."""
_MIN_FEMALE_AGENT_STEM = 5
"""Letters before "-in" of a female agent noun outside the lexicon ("zürcher")."""
_MIN_PREFIX = 3
"""A compound's first part is a word of its own: "Samt" is no "Amt"."""


@dataclass(frozen=True, slots=True)
class NounInfo:
    """What a speaker noun tells: its class, lemma stem and grammatical hints."""

    cls: str
    stem: str
    gender: Gender
    plural: bool | None
    """True for a plural form, False for a sure singular, None when the form is ambiguous."""
    ending: str = ""


def _split(word: str) -> tuple[str, str] | None:
    lower = word.lower()
    table = speaker_nouns()
    for ending in sorted(_NOUN_ENDINGS + _ADJ_ENDINGS, key=len, reverse=True):
        base = lower[: len(lower) - len(ending)] if ending else lower
        if ending and not lower.endswith(ending):
            continue
        for cut in range(max(0, len(base) - _MAX_STEM), len(base)):
            stem = base[cut:]
            if cut and base[cut - 1] != "-" and cut < _MIN_PREFIX:
                continue
            cls = table.get(stem)
            if cls is None and ending in ("in", "innen") and (stem + "e") in table:
                stem, cls = stem + "e", table[stem + "e"]
            if cls is not None and _ending_fits(cls, ending, compound=cut > 0):
                return stem, ending
    return None


def _female_agent(word: str) -> tuple[str, str] | None:
    """A noun the lexicon lacks that names a woman by the suffix "-erin" (plural
    "-erinnen"): "die Zürcherin", "Bloggerinnen"; its stem is the masculine "-er" form,
    a role. Short words and first names are left alone ("Kerin", "Severin")."""
    if word in first_names():
        return None  # "Severin"
    lower = word.lower()
    for ending in ("innen", "in"):
        stem = lower[: -len(ending)]
        if lower.endswith("er" + ending) and len(stem) >= _MIN_FEMALE_AGENT_STEM and stem.isalpha():
            return stem, ending
    return None


def _ending_fits(cls: str, ending: str, compound: bool) -> bool:
    """Whether ``ending`` inflects a noun of ``cls``; a bare "-e" only on compounds, so that
    the surname "Banke" is no "Bank"."""
    if cls == "adjrole":
        return ending in _ADJ_ENDINGS or ending in ("in", "innen")
    if cls == "role":
        return ending in _NOUN_ENDINGS
    return ending in ("", "s", "es", "n", "en", "nen") or (ending == "e" and compound)


@cache
def noun_info(word: str) -> NounInfo | None:
    """Analyse one token; None when it is no speaker noun (or not capitalised)."""
    if not word.rsplit("-", 1)[-1][:1].isupper() or len(word) < 3:
        return None  # German nouns are capitalised, also after a hyphen: "39-Jährige"
    split = _split(word) or _female_agent(word)
    if split is None:
        return None
    stem, ending = split
    cls = speaker_nouns().get(stem, "role")
    gender, plural = Gender.UNKNOWN, None
    if cls in ("role", "adjrole"):
        if ending == "innen":
            gender, plural = Gender.FEMALE, True
        elif ending == "in":
            gender, plural = Gender.FEMALE, False
        elif cls == "adjrole":
            gender, plural = (Gender.MALE, False) if ending == "er" else (Gender.UNKNOWN, None)
        elif stem in noun_genders():
            # "Sohn", "Landeshauptfrau" are one; "Mutter", "Söhne", "Hauptfrauen" may be more
            sure_singular = not ending and not stem.endswith(("er", "el"))
            gender, plural = noun_genders()[stem], (False if sure_singular else None)
        elif ending in ("", "s", "es") and not stem.endswith("e") and stem not in _NEUTER:
            gender = Gender.MALE
            plural = None if stem.endswith(("er", "el")) and not ending else False
        else:
            plural = None
    elif cls == "group" or (cls == "org" and ending in ("n", "en", "nen")):
        plural = True  # "Behörden", "Parteien": an organisation noun takes -n only as plural
    return NounInfo(cls, stem, gender, plural, ending)


def names_abstraction(word: str) -> bool:
    """Whether a noun names an abstraction, never a speaker ("Entscheidung", "CO2-Ausstoß"):
    an abstract ending, unless the lexicon knows the noun as one that heads a speaker
    ("Regierung", "Stadtverwaltung", "Universität", "Bündnis")."""
    return word.rsplit("-", 1)[-1].lower().endswith(ABSTRACT_SUFFIXES) and noun_info(word) is None


def compound_prefix(word: str, info: NounInfo) -> str:
    """The first part of a compound role noun in lower case, hyphens trimmed: "spö" of
    "SPÖ-Chef", "staats" of "Staatschef", "" of "Präsidentin" or "Ex-Präsident"."""
    lower = word.lower()
    base = lower[: len(lower) - len(info.ending)] if info.ending else lower
    stem = info.stem if base.endswith(info.stem) else info.stem[:-1]  # "Kolleg-in"
    prefix = base[: len(base) - len(stem)].strip("-")
    first, _, rest = prefix.partition("-")
    if first in DATING_PREFIXES:
        prefix = rest  # "Ex-SPÖ-Chef" is an "SPÖ-Chef", "Altkanzler" a "Kanzler"
    return prefix


def same_role(prefix: str, other: str) -> bool:
    """Whether two compounds of one role noun can name the same role: "der Wifo-Chef" is not
    the "SPÖ-Chef" nor the "Staatschef", but a bare "der Präsident" is the "US-Präsident"
    and "der Parteichef" the "ÖVP-Chef"."""
    return (
        not prefix
        or not other
        or prefix == other
        or (prefix == _PARTY_NOUN and other in PARTIES)
        or (other == _PARTY_NOUN and prefix in PARTIES)
    )


def office(word: str, info: NounInfo) -> str | None:
    """The office a role noun names together with its synonyms (``role_synonyms``), as a key
    no stem equals: "der Premierminister" and "Premier" name "=premier"; None for others."""
    lemma = compound_prefix(word, info) + info.stem
    if info.ending in ("in", "innen") and lemma.endswith("e"):
        lemma = lemma[:-1]  # "Kollegin" has the stem "kollege"
    key = role_synonyms().get(lemma)
    return None if key is None else f"={key}"
