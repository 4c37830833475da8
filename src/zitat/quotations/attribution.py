"""Roles from a frame: the speaker span (the cue verb's subject), the addressee, the medium."""

from __future__ import annotations

from zitat.lang.de.dates import WEEKDAYS
from zitat.lang.de.lexicon import cites
from zitat.lang.de.punctuation import CLAUSE_ENDS
from zitat.lang.de.words import (
    ADDRESSED_VERBS,
    ADDRESSEE_NOUNS,
    ADDRESSEE_PREPOSITIONS,
    ADVERBS,
    AS_CUES,
    CONJUNCTIONS,
    CUE_CORRELATES,
    NOT_SUBJECT_STARTS,
    OBJECT_CASES,
    OBLIQUE_DETERMINERS,
    PASSIVE_AUXILIARIES,
    PREPOSITIONS,
    SUBORDINATORS,
)
from zitat.quotations.document import Cue, Doc, Found
from zitat.quotations.phrases import (
    apposition_end,
    dative_article,
    name_in_apposition,
    noun_phrase_end,
)


def subject_of(d: Doc, start: int, cue: Cue, end: int) -> list[int]:
    """The subject of the cue verb.

    In V2 order the Vorfeld is one constituent: a noun phrase there is the subject, with
    its attributes ("Der Einsatzleiter der Polizei in Dortmund erklärte"). A Vorfeld that
    is an adverb, a prepositional phrase or a clause puts the subject right after the
    finite verb ("Dazu sagte ein Sprecher"); "wie X mitteilte" has it after "wie".
    """
    first = cue.tokens[0]
    i = start
    while i < first and (d.lower[i] in CONJUNCTIONS or not d.is_word(i)):
        i += 1
    low = d.lower[i] if i < first else ""
    after_cue = cue.tokens[-1] + 1
    # the cue ends a subordinate clause: "Wie X mitteilte, …"
    if low in SUBORDINATORS and (after_cue >= end or d.words[after_cue] in {",", "."}):
        np_end = noun_phrase_end(d, i + 1, first)
        return list(range(i + 1, apposition_end(d, np_end, first)))
    left: list[int] = []
    possessive = low == "ihr" and i + 1 < first and d.words[i + 1][:1].isupper()
    if low and (low not in NOT_SUBJECT_STARTS or possessive) and not dative_article(d, i, first):
        np_end = apposition_end(d, noun_phrase_end(d, i, first), first)
        left = list(range(i, np_end))
        if np_end > i:
            vorfeld_end = first
            while vorfeld_end > np_end and (
                not d.is_word(vorfeld_end - 1) or d.lower[vorfeld_end - 1] in ADVERBS
            ):
                vorfeld_end -= 1
            if d.lower[first - 1] in CONJUNCTIONS:
                return left  # "Er halte das für richtig und bezeichnete es als …"
            one_phrase = all(d.words[k] != "," for k in range(np_end, vorfeld_end))
            if one_phrase or name_in_apposition(d, i, vorfeld_end):
                return list(range(i, vorfeld_end))
    j = first + 1
    while j < end:
        if d.lower[j] in ADVERBS or d.lower[j] == "sich" or d.verb_forms(j) or d.lower[j] == "es":
            j += 1
        elif _weekday_insert(d, j, end):
            j += 3  # "teilte heute, Freitag, die Behörde mit"
        else:
            break
    if j < end and d.lower[j] in OBJECT_CASES | OBLIQUE_DETERMINERS:
        return left  # an object follows the verb: "Der Experte, …, erwartet einen Anstieg"
    np_end = apposition_end(d, noun_phrase_end(d, j, end), end)
    # nothing after the verb: the noun phrase the Vorfeld starts with is the best guess
    return list(range(j, np_end)) or left


def _weekday_insert(d: Doc, i: int, end: int) -> bool:
    """Whether a weekday set off by commas starts at ``i`` (", Freitag,")."""
    return (
        i + 2 < end and d.words[i] == "," and d.lower[i + 1] in WEEKDAYS and d.words[i + 2] == ","
    )


def _addressee(d: Doc, start: int, end: int, named: bool = False) -> list[int]:
    """The addressee after the verb: "zur Nachrichtenagentur dpa", "gegenüber der Zeitung",
    "dem Sender"; ``named``: the speaker was found before ``start``. An insert set off by
    commas is skipped, and one that runs to ``end`` ends the search: in "meint Claudio
    Couto, Politologe an der Universität" the university is no addressee."""
    i = start - 1
    while i + 1 < end:
        i += 1
        if d.words[i] == ",":
            i = next((k for k in range(i + 1, end) if d.words[k] == ","), end)
            continue
        # "sagte er der Zeitung": a "der" right after the subject is no genitive of it
        dative = d.lower[i] == "dem" or (
            d.lower[i] == "der" and named and all(d.lower[k] in ADVERBS for k in range(start, i))
        )
        if d.lower[i] in ADDRESSEE_PREPOSITIONS or dative:
            first = i if dative else i + 1
            np_end = noun_phrase_end(d, first, end)
            if np_end > first:
                return list(range(first, np_end))
    return []


def _addressee_in_frame(d: Doc, start: int, end: int, speaker: list[int]) -> list[int]:
    """An addressee anywhere in the frame, before the verb too: "Gegenüber Spiegel Online
    sagte er", "In einem Interview mit der New York Times erklärte er"."""
    for i in range(start, end - 1):
        low = d.lower[i]
        by_noun = low in ADDRESSEE_NOUNS and d.lower[i - 1] in ADDRESSEE_NOUNS[low] if i else False
        if (low == "gegenüber" or by_noun) and i + 1 not in speaker and not d.quoted[i]:
            np_end = noun_phrase_end(d, i + 1, end)
            if np_end > i + 1 and not set(range(i + 1, np_end)) & set(speaker):
                return list(range(i + 1, np_end))
    return []


def _cue_words(d: Doc, cue: Cue, end: int) -> list[int]:
    """The cue's tokens with the words of its clause that the corpus counts to the cue: the
    reflexive "sich" ("äußerte sich"), a pronominal adverb standing for the quote ("geht
    davon aus", "wies darauf hin"), the "als" of "bezeichnete … als" and "mit den Worten"."""
    words = set(cue.tokens)
    wanted = {"sich"} | CUE_CORRELATES | ({"als"} if _lemma(d, cue) in AS_CUES else set())
    for k in range(cue.tokens[0] + 1, end):
        if d.words[k] in CLAUSE_ENDS or d.quoted[k]:
            break
        if d.lower[k] == "mit" and d.lower[k + 1 : k + 3] == ["den", "worten"]:
            words.update(range(k, k + 3))  # "wird mit den Worten zitiert"
        if d.lower[k] in wanted:
            words.add(k)
            wanted -= (
                {d.lower[k], *CUE_CORRELATES} if d.lower[k] in CUE_CORRELATES else {d.lower[k]}
            )
    return sorted(words)


def _lemma(d: Doc, cue: Cue) -> str | None:
    """The cue verb's infinitive, told apart by its separated particle if it has one."""
    particle = d.lower[cue.tokens[-1]] if cue.tokens[-1] > cue.verb else None
    return next(
        (
            f.verb.lemma
            for f in d.verb_forms(cue.verb)
            if (f.verb.particle == particle if particle else f.joined)
        ),
        None,
    )


def _addresses(d: Doc, cue: Cue) -> bool:
    """Whether the cue's verb takes the addressee as its object (``ADDRESSED_VERBS``)."""
    return _lemma(d, cue) in ADDRESSED_VERBS


def passive(d: Doc, cue: Cue) -> bool:
    """Whether the cue is a participle with a form of "werden": "wurde … kritisiert",
    "Besonders kritisiert wurde …", "ist kritisiert worden"; not the future "wird … sagen"
    (an infinitive). Its subject is what was said or whom it was said to, never the
    speaker."""
    verb = cue.verb
    if any(d.lower[verb] == f.verb.lemma for f in d.verb_forms(verb) if f.joined):
        return False
    before = any(d.lower[k] in PASSIVE_AUXILIARIES for k in cue.tokens if k != verb)
    return before or (verb + 1 < len(d.words) and d.lower[verb + 1] in PASSIVE_AUXILIARIES)


def _object_addressee(d: Doc, cue: Cue, after: int, end: int) -> list[int]:
    """The object of "auffordern", "bitten", "vorwerfen" …: "Er forderte die SPD auf", "bat
    die Regierung"."""
    if not _addresses(d, cue):
        return []
    i = after
    while i < end and (d.lower[i] in ADVERBS or d.lower[i] in {"sich", "es"}):
        i += 1
    if i >= end or d.lower[i] in PREPOSITIONS or d.lower[i] in OBJECT_CASES - {"den"}:
        return []
    np_end = noun_phrase_end(d, i, end)
    return list(range(i, np_end))


def attribute(d: Doc, found: Found, start: int, end: int, cue: Cue | None) -> None:
    """Fill cue, frame, speaker, addressee and medium from the frame tokens [start, end)."""
    found.frame = [i for i in range(start, end) if not d.quoted[i]]
    if cue is None:
        return
    found.cue = _cue_words(d, cue, end)
    found.medium = cue.medium
    if cue.source_after_in:
        found.speaker = _source_after_in(d, start, end)
    elif passive(d, cue) and _addresses(d, cue):
        # "Die Anwohner wurden (von der Polizei) gebeten": the subject is addressed, the
        # agent speaks
        found.addressee = subject_of(d, start, cue, end) or _vorfeld(d, start, cue)
        found.speaker = agent(d, start, end)
        return
    elif passive(d, cue) and not cites(d.words[cue.verb]):
        # "Der Plan wurde (vom Rat) kritisiert"; but "X wird mit den Worten zitiert"
        found.speaker = agent(d, start, end)
    else:
        found.speaker = subject_of(d, start, cue, end)
        if _quotes_someone(d, cue):
            found.speaker = _quoted_person(d, cue, found.speaker, end) or found.speaker
    after = max(cue.verb, found.speaker[-1] if found.speaker else 0) + 1
    if _closes_apposition(d, after, end, found.speaker):
        after += 1  # "sagte die Chefin der Bank, Indermit Gill, der Nachrichtenagentur Reuters"
    limit = cue.tokens[-1] if cue.tokens[-1] > after else end
    found.addressee = (
        _addressee(d, after, limit, named=bool(found.speaker))
        or _addressee_in_frame(d, start, end, found.speaker)
        or _object_addressee(d, cue, after, limit)
    )


def _closes_apposition(d: Doc, i: int, end: int, speaker: list[int]) -> bool:
    """Whether the comma at ``i`` closes an apposition of the speaker before it and an
    addressee follows ("X, Chefökonomin der Weltbank, der Nachrichtenagentur Reuters"; not a
    relative clause: "einen Insider, der die Zahl kennt")."""
    if i + 2 >= end or d.words[i] != "," or "," not in (d.words[k] for k in speaker):
        return False
    word = d.lower[i + 1]
    dative = word in {"dem", "der"} and d.words[i + 2][:1].isupper()
    return dative or word in ADDRESSEE_PREPOSITIONS


def _vorfeld(d: Doc, start: int, cue: Cue) -> list[int]:
    """The noun phrase before the finite verb ("Dem Niederländer wird vorgeworfen")."""
    first = min(cue.tokens)
    return list(range(start, noun_phrase_end(d, start, first)))


def agent(d: Doc, start: int, end: int) -> list[int]:
    """The agent of a passive frame: "von der Polizei", "vom Gericht"."""
    for i in range(start, end - 1):
        if d.lower[i] in {"von", "vom"} and not d.quoted[i]:
            np_end = noun_phrase_end(d, i + 1, end)
            if np_end > i + 1:
                return list(range(i + 1, np_end))
    return []


def _quotes_someone(d: Doc, cue: Cue) -> bool:
    """Active "zitieren": the subject reports, the object is the one who spoke."""
    return cites(d.words[cue.verb]) and not any(
        d.lower[k] in PASSIVE_AUXILIARIES for k in cue.tokens
    )


def _quoted_person(d: Doc, cue: Cue, subject: list[int], end: int) -> list[int]:
    """ "Der Spiegel zitiert den Prediger mit den Worten": the object after the verb."""
    for k in range(cue.verb + 1, end):
        if k in subject or d.lower[k] in ADVERBS or d.lower[k] in PREPOSITIONS:
            continue
        np_end = noun_phrase_end(d, k, end)
        return list(range(k, np_end))
    return []


_HEISST_ES_SOURCES = frozenset("in im aus von vom seitens".split())
"""Prepositions before the source of "heißt es": "In dem Antrag heißt es", "Aus
Regierungskreisen hieß es", "Vom Ministerium hieß es" ("bei" is left out: "Bei dem
Gespräch hieß es" names the occasion)."""


def _source_after_in(d: Doc, start: int, end: int) -> list[int]:
    """The source after the first of :data:`_HEISST_ES_SOURCES` in a "heißt es" frame; a
    source with "aus" or "seitens" comes first, an "in" may be the place: "hieß es in
    Brüssel aus der EU-Kommission" ("vom" may be a date: "in einer Erklärung vom Freitag")."""
    found = [i for i in range(start, end) if d.lower[i] in _HEISST_ES_SOURCES]
    for i in sorted(found, key=lambda i: d.lower[i] not in ("aus", "seitens")):
        np_end = noun_phrase_end(d, i + 1, end)
        if np_end > i + 1:
            return list(range(i + 1, np_end))
    return []
