"""Cues: the speech verb of a frame with its particle or auxiliary, "so X", "heißt es",
and source phrases ("nach Angaben der Polizei", "laut X", "X zufolge")."""

from __future__ import annotations

from collections.abc import Iterable

from zitat.lang.de.lexicon import is_report_noun
from zitat.lang.de.punctuation import CLAUSE_ENDS, CLAUSE_PUNCT
from zitat.lang.de.words import (
    AUXILIARIES,
    DETERMINERS,
    IMPERSONAL_CUES,
    PRONOUNS,
    SOURCE_PREPOSITIONS,
    WRITTEN_SOURCES,
)
from zitat.quotations.document import Cue, Doc
from zitat.quotations.phrases import noun_phrase_end, noun_phrase_start
from zitat.schema import Medium


def find_cue(
    d: Doc, start: int, end: int, verb_end: int | None = None, last: bool = False
) -> Cue | None:
    """The first (or ``last``) speech verb in tokens [start, end), with its particle or
    auxiliary; ``verb_end`` bounds where the verb itself may stand."""
    positions = range(start, min(end, verb_end or end))
    for i in reversed(positions) if last else positions:
        if d.quoted[i]:
            continue
        joined: Cue | None = None
        for form in d.verb_forms(i):
            if form.joined:
                if joined is None:
                    aux = None if _past_tense(d.lower[i]) else _auxiliary_before(d, i, start)
                    joined = Cue([i] if aux is None else [aux, i], i, form.verb.medium)
                continue
            particle = _particle_after(d, i, end, form.verb.particle)
            if particle is not None:
                # the separated particle says which verb it is: "forderte … auf" is
                # "auffordern", not "fordern"
                return Cue([i, particle], i, form.verb.medium)
        if joined is not None:
            return joined
    return None


def _past_tense(word: str) -> bool:
    """A finite past form of a weak verb ("sagte", "erklärten"), which takes no auxiliary:
    in "Er war anwesend und sagte …" the "war" is a verb of its own."""
    return word.endswith(("te", "ten")) and not word.startswith("ge")


def _particle_after(d: Doc, verb: int, end: int, particle: str) -> int | None:
    """The separated particle that closes the verb's clause: "teilte … mit," (not "gab …
    zu Protokoll"), also after inserts set off by commas, an apposition or a relative clause
    ("gab der Gouverneur der Provinz, Ali Ihsan Su, bekannt"; not "gab nach, und sie stimmte
    zu"). The search stops at the clause's end, so it stays linear."""
    inserts = 0
    for k in range(verb + 1, end):
        if d.words[k] == "," and inserts < _MAX_INSERTS and _opens_insert(d, k + 1, end, particle):
            inserts += 1
            continue
        if d.words[k] in CLAUSE_ENDS:
            return None
        if d.lower[k] == particle and (k + 1 == len(d.words) or not d.is_word(k + 1)):
            return k
    return None


_MAX_INSERTS = 2
"""Commas an inserted apposition may add between a verb and its particle (one insert opens
and closes with one comma each)."""


def _opens_insert(d: Doc, i: int, end: int, particle: str) -> bool:
    """Whether the word at ``i``, after a comma, opens an insert (a name, a noun or a
    determiner, whose forms relative pronouns share) or is the particle after one."""
    if i >= end:
        return False
    return d.words[i][:1].isupper() or d.lower[i] in DETERMINERS or d.lower[i] == particle


_AUXILIARY_WINDOW = 25
"""How far before a participle cue its auxiliary may stand (within its clause)."""


def _auxiliary_before(d: Doc, i: int, floor: int) -> int | None:
    """The auxiliary of a participle cue in the same clause ("hat ... mitgeteilt")."""
    for k in range(i - 1, max(floor, i - _AUXILIARY_WINDOW) - 1, -1):
        if d.words[k] in CLAUSE_PUNCT:
            return None
        if d.lower[k] in AUXILIARIES:
            return k
    return None


def so_cue(d: Doc, i: int) -> Cue | None:
    """ "…, so der Sprecher" and "…, heißt es in der Mitteilung"; not "…, so dass …"."""
    if i + 1 < len(d.words) and d.lower[i] == "so" and _source_follows(d, i + 1):
        return Cue([i], i, Medium.SPEECH)
    return _heisst_es_cue(d, i, min(len(d.words), i + 2))


def _source_follows(d: Doc, i: int) -> bool:
    """Whether a source can start at ``i``: a name, a noun, a determiner or a pronoun."""
    return d.words[i][:1].isupper() or d.lower[i] in DETERMINERS or d.lower[i] in PRONOUNS


def _heisst_es_cue(d: Doc, start: int, end: int) -> Cue | None:
    """ "heißt es", "hieß es", "hatte es geheißen": the source is a document."""
    for i in range(start, end):
        if d.lower[i] in IMPERSONAL_CUES:
            it = next(
                (k for k in range(max(start, i - 2), min(end, i + 2)) if d.lower[k] == "es"), None
            )
            if it is not None:
                aux = _auxiliary_before(d, i, start) if d.lower[i] == "geheißen" else None
                tokens = sorted({i, it} | ({aux} if aux is not None else set()))
                return Cue(tokens, i, Medium.WRITING, source_after_in=True)
    return None


def complement_cue(d: Doc, start: int, end: int) -> Cue | None:
    """The cue before a complement clause: a speech verb, or "heißt es" ("Aus
    Regierungskreisen hieß es, man sei auf gutem Weg")."""
    return find_cue(d, start, end) or _heisst_es_cue(d, start, end)


def frame_cue(d: Doc, start: int, end: int) -> Cue | None:
    return find_cue(d, start, end, last=True) or _heisst_es_cue(d, start, end)


def source_cue(d: Doc, start: int, end: int) -> tuple[int, list[int]] | None:
    """The cue and speaker of "nach Angaben der Polizei", "Seiner Meinung nach",
    "X zufolge" or "laut X" in tokens [start, end)."""
    for i in range(start, end):
        if d.quoted[i]:
            continue
        low = d.lower[i]
        speaker: list[int] = []
        if low == "nach" and i + 1 < end:
            np_end = noun_phrase_end(d, i + 1, end)
            if any(is_report_noun(d.words[k]) for k in range(i + 1, np_end)):
                speaker = list(range(i + 1, np_end))
        if (low == "nach" and not speaker) or low == "zufolge":
            np_start = noun_phrase_start(d, start, i)
            if np_start < i and (low == "zufolge" or is_report_noun(d.words[i - 1])):
                speaker = list(range(np_start, i))
        if low in SOURCE_PREPOSITIONS:
            speaker = list(range(i + 1, noun_phrase_end(d, i + 1, end)))
        if speaker:
            return i, speaker
    return None


def source_medium(d: Doc, speaker: Iterable[int]) -> Medium:
    written = any(d.lower[k].endswith(WRITTEN_SOURCES) for k in speaker)
    return Medium.WRITING if written else Medium.SPEECH_WRITING
