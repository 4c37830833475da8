"""Closed word classes of German the rules model reads its patterns with.

One home for these lists: the quotation rules (noun phrases, cues, frames) import them from
here instead of typing them again.
"""

from __future__ import annotations

SENTENCE_END = frozenset(".!?")
CLAUSE_PUNCT = frozenset(",;:()–-")
PUNCT = SENTENCE_END | CLAUSE_PUNCT
CLAUSE_ENDS = SENTENCE_END | frozenset(",;:")
FIRST_PERSON = frozenset(
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
CONJUNCTIONS = frozenset("und oder aber doch denn sondern auch jedoch zudem".split())
ADVERBS = frozenset(
    """dabei dazu darauf damit darüber dagegen daher deshalb dennoch trotzdem zudem außerdem
    gestern heute morgen später nun jetzt damals bereits schon inzwischen unterdessen zuvor
    danach anschließend allerdings jedoch zugleich gleichzeitig ferner hingegen vielmehr
    erst noch dort hier immerhin weiter weiterhin ebenso ebenfalls auch so zuletzt erneut
    kürzlich jüngst zunächst schließlich indes wiederum also sofort bisher derzeit zuerst
    gegenwärtig mittlerweile künftig seither offenbar offensichtlich wohl tatsächlich
    zwar einst ursprünglich letztlich insgesamt ähnlich darin hierin daraufhin dann""".split()
)
COMPLEMENTIZERS = frozenset("dass ob wonach".split())
SUBORDINATORS = frozenset(
    """wie da weil als wenn nachdem obwohl während bevor seit damit dass ob zumal sofern
    warum was wer wo wann weshalb wieso""".split()
)
GENITIVE_STARTS = frozenset(
    "der des eines einer seines seiner ihres ihrer dieses dieser von vom".split()
)
NAME_PARTICLES = frozenset("van de da di du la le al el bin ibn ten ter dos del della".split())
PASSIVE_AUXILIARIES = frozenset("wird wurde werden wurden worden".split())
OBJECT_CASES = frozenset("den dem ihm ihr ihnen".split())
"""Words that start an object, not a subject, in the Vorfeld."""
NOT_SUBJECT_STARTS = SUBORDINATORS | ADVERBS | PREPOSITIONS | OBJECT_CASES
"""A Vorfeld starting with one of these is not the subject."""
REPORTED_SOLLEN = frozenset("soll sollen".split())

SOURCE_PREPOSITIONS = frozenset("laut gemäß".split())
IMPERSONAL_CUES = frozenset("heißt hieß geheißen".split())
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
