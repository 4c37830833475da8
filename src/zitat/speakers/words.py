"""German function words the speaker modules share: the one home of these lists.

The closed classes (articles, pronouns, prepositions, conjunctions, adverbs, particles,
quantifiers) are read from ``resources/closed_class_de.tsv``; the smaller sets below name
the roles some of them play for the resolver. No other module types such a list again.
"""

from __future__ import annotations

from zitat.schema import Gender
from zitat.speakers.lexicon import closed_class

CLOSED_CLASS: frozenset[str] = frozenset(closed_class())
"""Every closed-class word, lower case: never the name of an entity."""
WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
MONTHS = (
    "januar", "februar", "märz", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "dezember",
)  # fmt: skip
FUNCTION_WORDS: frozenset[str] = frozenset(
    w.capitalize() for w in (*CLOSED_CLASS, *WEEKDAYS, *MONTHS)
)
"""Capitalised words that never start a name: closed-class words at a sentence start,
weekdays and months."""

DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des"})
INDEFINITE = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})
PLURAL_WORDS = frozenset(
    "beide beiden alle mehrere einige viele zahlreiche andere anderen manche".split()
)
COORDINATORS = frozenset({"und", "sowie", "auch"})
PREPOSITIONS = frozenset("laut nach von vom zufolge gemäß in im aus bei mit gegenüber an".split())
"""Prepositions that introduce a speaker ("laut", "nach Angaben von") or a place."""
OBLIQUE_MARKERS = PREPOSITIONS | frozenset(
    "des eines unter über für gegen ohne um durch zu zum zur seit wegen trotz vor hinter neben "
    "zwischen am beim".split()
)
"""Words before a mention that put it inside a prepositional or genitive phrase."""
POSSESSIVE_GENDER = {
    **dict.fromkeys(("sein", "seine", "seines", "seiner", "seinen", "seinem"), Gender.MALE),
    **dict.fromkeys(("ihr", "ihre", "ihres", "ihrer", "ihren", "ihrem"), Gender.FEMALE),
    **dict.fromkeys(("eigene", "eigener", "eigenen"), Gender.UNKNOWN),
}
POSSESSIVES = frozenset(
    "mein meine meiner meinem meinen sein seine seiner seinem seinen ihr ihre ihrer ihrem ihren "
    "unser unsere unserer unserem unseren".split()
)
PRONOUN_GENDER: dict[str, Gender] = {
    **dict.fromkeys(
        ("er", "ihm", "ihn", "sein", "seine", "seiner", "seinem", "seinen", "seines"), Gender.MALE
    ),
    **dict.fromkeys(("sie", "ihr", "ihre", "ihrer", "ihrem", "ihren", "ihres"), Gender.FEMALE),
}
"""Third person pronouns; "sie"/"ihr…" may also be plural, which the resolver decides."""
MAYBE_PLURAL = frozenset({"sie", "die", "ihr", "ihre", "ihrer", "ihrem", "ihren"})
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
OWNER_MARKERS = frozenset({"von", "vom", "des", "der"})
"""Words after an office noun before its owner: "das Büro von X", "das Büro des X"."""
RELATIVE_PRONOUNS = frozenset("der die das dessen deren denen welcher welche welches".split())
"""Words that open a relative clause after a comma ("…, der den Angeklagten vertritt")."""
FIRST_PERSON = frozenset({"ich", "wir", "mir", "uns"})
ANAPHORIC_ADJECTIVES = frozenset({"gleiche", "selbe", "genannte", "besagte", "zuständige"})
TITLES = frozenset({"Dr", "Prof", "Herr", "Herrn", "Frau"})
NAME_PARTICLES = frozenset(
    {"von", "van", "de", "der", "den", "di", "da", "bin", "al", "el", "zu", "la", "le", "ter"}
)
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "asch", "at", "az", "ash"})
"""Lower-case articles hyphenated to an Arabic surname: "al-Mikhlafi", "el-Sisi"."""
PREPOSITION_PARTICLES = frozenset({"von", "zu", "der", "den"})
NAME_CONNECTORS = frozenset({"for", "of", "and", "the", "für", "de", "du"})
NAME_LINKS = frozenset({"-", ".", "for", "of", "and", "the", "de"})
ORG_DESCRIPTION_CUTS = frozenset({"aus", "unter", "auf", "bei", "mit", "gegenüber"})
"""Where the name of an organisation ends and its description begins: "die Bundesregierung
aus CDU/CSU und SPD", "die Regierung unter Tony Blair"."""
ABSTRACT_SUFFIXES = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "nis", "nisse", "tät", "täten",
    "ismus", "stoß", "wachstum", "lage",
)  # fmt: skip
"""Endings of nouns that name an abstraction, never a speaker: "Entscheidung", "Sicherheit",
"CO2-Ausstoß"."""
