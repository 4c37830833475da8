"""The closed word classes of German and the roles their words play for the rules.

The quotation rules read noun phrases, cues and frames with the classes in the first part;
the speaker modules read mentions, names and pronouns with the second. The closed classes as
a whole (articles, pronouns, prepositions, conjunctions, adverbs, particles, quantifiers)
are read from ``resources/closed_class_de.tsv``. No other module types such a list again.
"""

from __future__ import annotations

import re

from zitat.lang.de.dates import MONTHS, WEEKDAYS
from zitat.lang.de.lexicon import closed_class, with_swiss_spellings
from zitat.schema import Gender

# ---------------------------------------------------------------------------
# the quotation rules
# ---------------------------------------------------------------------------

FIRST_PERSON_WORDS = frozenset(
    """ich mich mir mein meine meiner meines meinem meinen wir uns unser unsere unserer
    unseres unserem unseren""".split()
)
"""Words of a speaker talking of themselves: a statement with them is direct speech."""
PRONOUNS = frozenset("er sie es ich wir ihr man du".split())
DETERMINERS = frozenset(
    """der die das den dem des ein eine einer eines einem einen kein keine keiner
    sein seine seiner seines seinem seinen ihr ihre ihrer ihres ihrem ihren
    unser unsere unserer dieser diese dieses diesem diesen jener jene alle beide mehrere
    viele einige zahlreiche""".split()
)
AUXILIARIES = frozenset(
    """hat hatte hatten haben habe hätte hätten ist war waren sind sei seien wäre wären
    wird wurde wurden werden werde würde würden soll sollte sollen sollten solle
    will wollte wollen wolle kann konnte können könne könnte muss musste müssen müsse
    darf durfte dürfen dürfe dürfte mag möchte""".split()
)
PREPOSITIONS = frozenset(
    """an am auf aus bei beim durch für gegen gegenüber hinter in im ins mit nach neben
    ohne seit über um unter vom von vor während wegen zu zum zur zwischen trotz laut
    angesichts infolge""".split()
)
ADDRESSEE_PREPOSITIONS = frozenset("gegenüber zu zum zur an".split())
ADDRESSEE_NOUNS = {
    "mit": frozenset("interview interviews gespräch gesprächs telefonat telefonats".split()),
    "an": frozenset("brief briefs schreiben appell appells mail e-mail botschaft".split()),
}
"""Nouns of a conversation or a letter whose preposition names the addressee: "in einem
Interview mit der New York Times", "in einem Schreiben an die Mitarbeiter"."""
CUE_CORRELATES = frozenset("davon darauf damit darum darüber daran dafür daraus darin".split())
"""Pronominal adverbs that stand for the quote as the speech verb's complement and belong
to the cue, as the quotation corpus marks them: "geht davon aus, dass", "wies darauf hin"."""
AS_CUES = frozenset("bezeichnen würdigen beschreiben charakterisieren".split())
"""Speech verbs whose "als" belongs to the cue: "bezeichnete den Plan als gescheitert"."""
ADDRESSED_VERBS = frozenset(
    """auffordern aufrufen bitten drängen ermahnen warnen vorwerfen beschuldigen raten
    empfehlen""".split()
)
"""Speech verbs whose object is the addressee ("Er forderte die SPD auf, …", "Sie warf der
Regierung vor, …"); in the passive it is their subject ("Die Anwohner wurden gebeten, …",
"Ihm wird vorgeworfen, …")."""
CONJUNCTIONS = frozenset("und oder aber doch denn sondern auch jedoch zudem".split())
ADVERBS = with_swiss_spellings(
    """dabei dazu hierzu darauf damit darüber dagegen daher deshalb dennoch trotzdem zudem außerdem
    gestern heute morgen später nun jetzt damals bereits schon inzwischen unterdessen zuvor
    danach anschließend allerdings jedoch zugleich gleichzeitig ferner hingegen vielmehr
    erst noch dort hier immerhin weiter weiterhin ebenso ebenfalls auch so zuletzt erneut
    kürzlich jüngst zunächst schließlich indes wiederum also sofort bisher derzeit zuerst
    gegenwärtig mittlerweile künftig seither offenbar offensichtlich wohl tatsächlich
    zwar einst ursprünglich letztlich insgesamt ähnlich darin hierin daraufhin dann
    natürlich sicherlich vielleicht eigentlich wahrscheinlich vermutlich angeblich bekanntlich
    freilich zumindest jedenfalls ohnehin übrigens möglicherweise""".split()
)
COMPLEMENTIZERS = frozenset("dass ob wonach".split())
SUBORDINATORS = frozenset(
    """wie da weil als wenn nachdem obwohl während bevor seit damit dass ob zumal sofern
    warum was wer wo wann weshalb wieso""".split()
)
LASSEN_FORMS = frozenset("ließ ließen lässt lasse ließe".split())
"""Finite forms of "lassen" before the infinitive of a statement made through someone else
("ließ er über einen Sprecher ausrichten", "lässt sie mitteilen")."""
CONTRASTING_SUBORDINATORS = frozenset({"während", "wohingegen"})
"""Conjunctions of a clause that sets a second act against the first: "Die USA lehnten ab,
während die EU-Staaten den Vorstoß begrüßten." reports two speech acts."""
ADVERB_SUBORDINATORS = frozenset({"da"})
"""Subordinators that are adverbs too: "Da müssen wir aufpassen" (verb second) is a main
clause, "Da wir aufpassen müssen" is not."""
CLAUSE_OPENERS = DETERMINERS | PRONOUNS | CONJUNCTIONS | SUBORDINATORS | PREPOSITIONS
"""Lowercase words that are not a clause's finite verb (used to tell a verb-second clause)."""
ADVERBIAL_CLAUSE_OPENERS = frozenset(
    """um ohne statt anstatt nachdem weil als wenn obwohl während bevor seit damit zumal sofern
    da falls sodass""".split()
)
"""Words that open an adverbial clause after a comma ("…, um … zu vermeiden", "…, nachdem
er …"): in the indicative what follows the cue's comma is then no reported content."""
GENITIVE_STARTS = frozenset(
    "der des eines einer seines seiner ihres ihrer dieses dieser von vom".split()
)
PASSIVE_AUXILIARIES = frozenset("wird wurde werden wurden worden".split())
UNNAMED_LABELS = frozenset(
    """frage antwort f a interview kommentar analyse reportage porträt video update fazit
    hintergrund liveticker newsblog leitartikel glosse essay meinung gastbeitrag zitat
    exklusiv eilmeldung""".split()
)
"""Labels before a colon that name no speaker: the interviewer's turns ("Frage: …") and the
genre or section of the text ("Interview: „Wir sind nicht bereit“")."""
OBJECT_CASES = frozenset("den dem ihm ihr ihnen dies".split())
"""Words that start an object, not a subject, in the Vorfeld ("Dies teilte der Sprecher
mit.")."""
OBLIQUE_DETERMINERS = frozenset(
    "einen einem seinen seinem ihren ihrem unseren unserem keinen keinem diesen diesem".split()
)
"""Determiners of the accusative or dative only: "Einen Rücktritt lehnte er ab"."""
NOT_SUBJECT_STARTS = SUBORDINATORS | ADVERBS | PREPOSITIONS | OBJECT_CASES | OBLIQUE_DETERMINERS
"""A Vorfeld starting with one of these is not the subject ("ihr" before a noun is a
possessive: "Ihr Anwalt sagte")."""
REPORTED_SOLLEN = frozenset("soll sollen".split())

SOURCE_PREPOSITIONS = frozenset("laut gemäß".split())
IMPERSONAL_CUES = with_swiss_spellings("heißt hieß geheißen".split())
WRITTEN_SOURCES = (
    "zeitung",
    "bericht",
    "brief",
    "schreiben",
    "mitteilung",
    "erklärung",
    "magazin",
    "blatt",
    "studie",
    "website",
    "internetseite",
    "dokument",
)

KONJUNKTIV_TWO = frozenset("wäre wären hätte hätten würde würden könnten müssten dürften".split())
"""Konjunktiv II forms: excluded where only an unambiguous Konjunktiv I may count."""

# ---------------------------------------------------------------------------
# the speakers
# ---------------------------------------------------------------------------

CLOSED_CLASS: frozenset[str] = frozenset(closed_class())
"""Every closed-class word, lower case: never the name of an entity."""
THIRD_PERSON_SUBJECTS = frozenset("er sie es man".split())
"""Pronouns that are the subject of a verb in the third person singular."""
NO_SPEAKER_PRONOUNS = frozenset({"es", "man"})
"""The expletive and the generic pronoun: alone they name no speaker ("Es wird befürchtet,
dass …", "Aber man betont auch, dass …"). Of the 3,304 gold speakers of the corpus' train
and dev splits five are one of them (a neuter "es" for "das Gericht"), and the `learned`
model named none of those right (0 of 23 such speakers on train and dev)."""


def adjective_like(word: str) -> bool:
    """Whether ``word`` is lower case with an adjective's ending ("neue", "großen")."""
    return word.isalpha() and word.islower() and word.endswith(("e", "en", "er", "es", "em"))


NO_VERBS_IN_E = frozenset(
    "wurde nahe inklusive exklusive lange gerne alleine böse hunderte tausende dutzende "
    "weitere andere".split()
)
"""Frequent words in "-e" that are no Konjunktiv I: the past "wurde", and adverbs,
postpositions and quantifiers that follow a noun ("Risiken inklusive", "Elf weitere")."""
ADJECTIVE_ENDINGS_IN_E = ("ische", "liche", "ige", "ene", "ale", "ere", "ende", "ive")
"""Endings of adjectives in "-e" ("geschlossene Fonds", "größere Gefahr"); before a noun
a word with one of them is an adjective, not a verb."""


def konjunktiv_one_shape(word: str, following: str) -> bool:
    """Whether ``word``, before the token ``following``, has the shape of a Konjunktiv I in
    the third person singular ("schaffe", "bringe"; ``konjunktiv_de.txt`` lists the common
    forms): lower case, ending in "-e" but not in the "-te" of a weak past ("brachte"), no
    closed-class word nor one of :data:`NO_VERBS_IN_E`, and not an adjective before its noun.
    Only right after its subject is such a word a verb (``quotations.document.Doc``)."""
    if not (len(word) >= 4 and word.isalpha() and word.islower() and word.endswith("e")):
        return False
    if word.endswith("te") or word in CLOSED_CLASS or word in NO_VERBS_IN_E:
        return False
    return not (following[:1].isupper() and word.endswith(ADJECTIVE_ENDINGS_IN_E))


FUNCTION_WORDS: frozenset[str] = frozenset(
    w.capitalize() for w in (*CLOSED_CLASS, *WEEKDAYS, *MONTHS)
)
"""Capitalised words that never start a name: closed-class words at a sentence start,
weekdays and months."""

DEFINITE = frozenset({"der", "die", "das", "den", "dem", "des"})
ARTICLE_CONTRACTIONS = frozenset("im am beim vom zum zur".split())
"""Prepositions fused with "dem" or "der"."""
BEFORE_QUOTED_NAMES = (
    DEFINITE - {"den"} | ARTICLE_CONTRACTIONS | SOURCE_PREPOSITIONS | {"gegenüber"}
)
"""Words before a name in quotation marks: articles ("dem „Spiegel“", "im „Standard“") and
the prepositions of sources and addressees ("laut „Reuters“", "gegenüber «Blick»"); "den"
is left out, as it mostly precedes scare-quoted nouns ("gegen den „Terrorismus“", "vor den
„…theorien“")."""
INDEFINITE = frozenset({"ein", "eine", "einen", "einem", "einer", "eines"})
PLURAL_WORDS = frozenset(
    "beide beiden alle mehrere einige viele zahlreiche andere anderen manche".split()
)
COORDINATORS = frozenset({"und", "sowie", "auch"})
PARTITIVES = frozenset(
    "einer eine eines einige keiner keine keines alle beide viele mehrere".split()
)
"""Pronouns before a genitive ("Einer der Ärzte"), not relative pronouns."""
SOMEONE = frozenset({"jemand", "irgendjemand", "irgendwer"})
"""Indefinite pronouns of a person: a speaker so described is anonymous."""
DATIVE_PREPOSITIONS = frozenset("laut nach von mit gegenüber bei aus".split())
"""Prepositions with a dative (or, "laut", also a genitive) object: a bare noun after them
has the plural ending -n ("laut Experten", "nach Veranstaltern")."""
DATIVE_ARTICLES = frozenset({"der", "dem"})
"""Articles that open a dative after a name: "sagte Jan Holzner der Welt am Sonntag"."""
LIST_COORDINATORS = frozenset({"und", "oder", "sowie"})
"""Conjunctions that join the parts of a list: no mention opens or ends with one."""
SPEAKER_PREPOSITIONS = frozenset(
    "laut nach von vom zufolge gemäß in im aus bei mit gegenüber an".split()
)
"""Prepositions that introduce a speaker ("laut", "nach Angaben von") or a place."""
OBLIQUE_MARKERS = SPEAKER_PREPOSITIONS | frozenset(
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
"""First person pronouns that, as the speaker of a nested quote, name the outer speaker."""
ANAPHORIC_ADJECTIVES = frozenset({"gleiche", "selbe", "genannte", "besagte", "zuständige"})
GERMAN_MARKERS = frozenset(
    "und der nicht ist sich auf für dass daß auch wird werden wurde eine einen einem einer "
    "zu zum zur von bei nach über aus hat sind oder aber noch".split()
)
"""Frequent German function words that other languages written in Latin script hardly use,
for the language check (``zitat.text.language``); *die*, *den*, *in*, *des* or *er* are left
out: they are Dutch, Danish, English or French words too."""
VERB_PARTICLES = frozenset(
    """ab an auf aus bei dar ein entgegen fest fort her heraus herbei hin hinaus los mit nach
    still vor voran vorbei weg weiter wieder zurück zusammen""".split()
)
"""Separable verb particles before the "zu" of an infinitive ("auszurufen", "stillzulegen")."""
TITLES = frozenset({"Dr", "Prof", "Herr", "Herrn", "Frau"})
ADDRESS_GENDER: dict[str, Gender] = {
    "herr": Gender.MALE,
    "herrn": Gender.MALE,
    "frau": Gender.FEMALE,
}
"""Forms of address, lower case, and the gender they give the name after them."""
NAME_PARTICLES = frozenset(
    {"von", "van", "de", "der", "den", "di", "da", "bin", "al", "el", "zu", "la", "le", "ter"}
)
"""Lower-case words inside a person's name, German and foreign ("Ursula von der Leyen",
"Vincent van Gogh"): what the speaker modules read names with."""
FOREIGN_NAME_PARTICLES = frozenset(
    "van de da di du la le al el bin ibn ten ter dos del della".split()
)
"""The particles of non-German names the quotation rules let into a noun phrase ("Charles
de Gaulle"); "von", "zu", "der" and "den" they read as prepositions and articles. The two
sets have drifted apart (this one has "du", "ibn", "ten", "dos", "del", "della" as well);
they stay two so that neither model's output changes."""
ARABIC_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "asch", "at", "az", "ash"})
"""Lower-case articles hyphenated to an Arabic surname: "al-Mikhlafi", "el-Sisi"."""
PREPOSITION_PARTICLES = frozenset({"von", "zu", "der", "den"})
NAME_CONNECTORS = frozenset({"for", "of", "and", "the", "für", "de", "du"})
NAME_LINKS = frozenset({"-", ".", "for", "of", "and", "the", "de"})
RUN_ON_OBJECTS = frozenset({"den", "dem", "einen", "einem"})
"""Articles of an object that a speaker span may run on into after its noun: "die Polizei
einem Interessenten", "die EU-Kommission einen britischen Pressebericht"."""
ORG_DESCRIPTION_CUTS = frozenset({"aus", "unter", "auf", "bei", "mit", "gegenüber"})
"""Where the name of an organisation ends and its description begins: "die Bundesregierung
aus CDU/CSU und SPD", "die Regierung unter Tony Blair"."""
ABSTRACT_SUFFIXES = (
    "ung", "ungen", "heit", "heiten", "keit", "keiten", "nis", "nisse", "tät", "täten",
    "ismus", "stoß", "wachstum", "lage",
)  # fmt: skip
"""Endings of nouns that name an abstraction, never a speaker: "Entscheidung", "Sicherheit",
"CO2-Ausstoß"."""

COUNTRY_ADJECTIVE = re.compile(r"ische[nmrs]?$")
"""Adjectives of countries and peoples ("französische", "ecuadorianischen"): before a role
noun they describe an office ("der französische Präsident"), not a known person."""

COUNTRY_PREFIXES = frozenset({"US", "UK", "GB"})
"""First parts of a role compound that name a country ("US-Präsident"): its office."""
PARTIES = frozenset(
    """cdu csu spd fdp afd grüne grünen linke bsw ödp npd övp spö fpö neos kpö bzö svp sp glp
    evp mitte""".split()
)
"""Parties of Germany, Austria and Switzerland as the first part of a role compound ("ÖVP-Chef",
"SPD-Vorsitzende"), in lower case: the office that "der Parteichef" names again."""
DATING_PREFIXES = frozenset({"ex", "alt", "ehemals"})
"""First parts of a role compound that date the role without changing it: "Ex-SPÖ-Chef",
"Altkanzler"."""
MEDIUM_KINDS = {
    "zeitung": "paper",
    "zeitschrift": "magazine",
    "magazin": "magazine",
    "sender": "broadcaster",
    "agentur": "agency",
}
"""Stems of speaker nouns that mean an outlet, with the kind of outlet: "die Zeitung" is the
paper the article named last ("sagte er der Welt am Sonntag"), "der Sender" the broadcaster.
Not "Website" or "Portal": sites of anyone."""
MEDIUM_STEMS = frozenset(MEDIUM_KINDS)
COMPANY_NOUNS = frozenset({"firma", "firmen", "konzern", "unternehmen"})
"""Stems of speaker nouns that mean a company: "das Unternehmen" is the company the article
named last ("Volkswagen AG", "der Baukonzern OAS")."""
