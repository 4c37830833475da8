"""Quotations without quotation marks: Indirect patterns, frameless (Indirect)FreeIndirect
continuations and Reported speech acts, each found sentence by sentence."""

from __future__ import annotations

from zitat.lang.de.lexicon import first_names, speech_verbs
from zitat.lang.de.punctuation import QUOTE_MARKS
from zitat.lang.de.words import (
    ADVERB_SUBORDINATORS,
    ADVERBIAL_CLAUSE_OPENERS,
    ADVERBS,
    CLAUSE_OPENERS,
    CLOSED_CLASS,
    COMPLEMENTIZERS,
    CONTRASTING_SUBORDINATORS,
    DETERMINERS,
    FIRST_PERSON_WORDS,
    KONJUNKTIV_TWO,
    LASSEN_FORMS,
    PASSIVE_AUXILIARIES,
    PREPOSITIONS,
    PRONOUNS,
    REPORTED_SOLLEN,
    SUBORDINATORS,
    VERB_PARTICLES,
)
from zitat.quotations.attribution import agent, attribute, passive, subject_of
from zitat.quotations.cues import complement_cue, find_cue, so_cue, source_cue, source_medium
from zitat.quotations.document import (
    Cue,
    Doc,
    Found,
    strip_punct,
    trim_commas,
    without_full_stop,
)
from zitat.quotations.fragments import MIN_UNMARKED_WORDS
from zitat.quotations.phrases import leading_noun_phrase
from zitat.schema import Medium, QuoteType
from zitat.speakers.roles import noun_info

_CUE_WINDOW = 12
"""How far before the comma of "X sagte am Montag in Berlin, dass …" its verb may stand."""


def _with_commas(d: Doc, frame: list[int], start: int, end: int) -> list[int]:
    """``frame`` with the commas right before and after it within [start, end)."""
    if not frame:
        return frame
    before = [frame[0] - 1] if frame[0] - 1 >= start and d.words[frame[0] - 1] == "," else []
    after = [frame[-1] + 1] if frame[-1] + 1 < end and d.words[frame[-1] + 1] == "," else []
    return before + frame + after


def _source_phrase(d: Doc, start: int, end: int) -> Found | None:
    """An Indirect quotation introduced by a source phrase: the rest of the sentence."""
    source = source_cue(d, start, end)
    if source is None:
        return None
    cue, speaker = source
    frame = sorted({cue, *speaker})
    quote = trim_commas(d, [k for k in range(*strip_punct(d, start, end)) if k not in frame])
    if len(quote) < 3:
        return None
    medium = source_medium(d, speaker)
    return Found(QuoteType.INDIRECT, quote, medium, [cue], frame, speaker, score=0.7)


def indirect_in_sentence(d: Doc, start: int, end: int) -> Found | None:
    """One Indirect quotation in the sentence [start, end), if a pattern fits."""
    if any(d.quoted[i] for i in range(start, end)):
        return None
    found = _wie_frame(d, start, end)
    if found is not None:
        return found
    colon = _colon_statement(d, start, end)
    if colon is not None:
        return colon
    complement = _cue_complement(d, start, end)
    trailing = _trailing_frame(d, start, end)
    if complement is not None and not _closes_over(d, start, complement, trailing):
        return complement
    if trailing is not None:
        return trailing
    if d.lower[start] == "demnach":
        q_start, q_end = strip_punct(d, start + 1, end)
        return Found(
            QuoteType.INDIRECT,
            list(range(q_start, q_end)),
            Medium.SPEECH_WRITING,
            [start],
            [start],
            score=0.6,
        )
    return _source_phrase(d, start, end)


def _closes_over(d: Doc, start: int, complement: Found, trailing: Found | None) -> bool:
    """Whether the frame that closes the sentence speaks all of it, although a cue before
    has a complement that swallows that frame: "Ich glaube nicht, dass wir … brauchen,
    meinte Gruber." (not when the inverted verb shares the first subject, "…, bestritt
    jedoch …", or the sentence opens with a subordinate clause, "Als X sagte, dass …, …")."""
    return (
        trailing is not None
        and trailing.cue[0] in complement.quote
        and _subject_after_cue(d, trailing)
        and not _subordinate_start(d, start)
    )


def _wie_frame(d: Doc, start: int, end: int) -> Found | None:
    """ "Wie X mitteilte, …" / "…, wie X mitteilte." """
    for wie in (k for k in range(start, end) if d.lower[k] == "wie"):
        if wie > start and d.words[wie - 1] != ",":
            continue
        clause_end = next((k for k in range(wie, end) if d.words[k] in {",", "."}), end)
        cue = find_cue(d, wie + 1, clause_end)
        if cue is None or cue.tokens[-1] != clause_end - 1:
            continue
        frame = list(range(wie, clause_end))
        rest = [k for k in range(*strip_punct(d, start, end)) if k not in frame]
        found = Found(QuoteType.INDIRECT, trim_commas(d, rest), score=0.8)
        attribute(d, found, wie, clause_end, cue)
        found.cue = [wie, *cue.tokens]
        # the frame keeps its commas, as the corpus marks them: "Wie X mitteilte, …"
        found.frame = _with_commas(d, found.frame, start, end)
        return found if found.quote else None
    return None


def _cue_complement(d: Doc, start: int, end: int) -> Found | None:
    """ "X sagte, dass …" / "X sagte, er sei …" / "X gab an, sich … zu fühlen" """
    for comma in (k for k in range(start + 1, end - 1) if d.words[k] in {",", ":"}):
        # the verb stands at most _CUE_WINDOW tokens before the comma (linear in the sentence)
        cue = complement_cue(d, max(start, comma - _CUE_WINDOW), comma)
        if cue is None:
            continue
        q_start, q_end = strip_punct(d, comma + 1, end)
        if q_end <= q_start:
            return None
        adverbial = d.lower[comma + 1] in ADVERBIAL_CLAUSE_OPENERS
        complement = d.konjunktiv_between(q_start, min(q_end, q_start + 8)) or (
            # "…, um … zu vermeiden", "…, nachdem er … zu sehen war": in the indicative an
            # adverbial clause is the speaker's circumstance, not what was said
            not adverbial
            and (
                d.lower[comma + 1] in COMPLEMENTIZERS
                or (q_end - 1 > q_start and d.lower[q_end - 2] == "zu")
                or (
                    d.lower[q_end - 1].startswith("zu") and d.lower[q_end - 1][2:] in speech_verbs()
                )
                or _infinitive_clause(d, q_start, q_end)
                # "X meinte, der Ehemann „konnte sich nicht abfinden“": the marks say it
                or any(d.words[k] in QUOTE_MARKS for k in range(comma + 2, q_end))
            )
        )
        if not complement:
            break
        found = Found(QuoteType.INDIRECT, list(range(q_start, q_end)), score=0.8)
        attribute(d, found, start, comma + 1, cue)
        return found
    return None


def _colon_statement(d: Doc, start: int, end: int) -> Found | None:
    """ "…, sagte Mitterlehner: Das interpretieren Sie richtig." in text that lost its
    quotation marks: after a frame that ends in a colon the statement itself follows, a main
    clause that opens in upper case."""
    colon = next((k for k in range(end - 2, start, -1) if d.words[k] == ":"), None)
    if colon is None:
        return None
    cue = find_cue(d, max(start, colon - _CUE_WINDOW), colon, last=True)
    q_start, q_end = strip_punct(d, colon + 1, end)
    if cue is None or q_start >= q_end or not d.words[q_start][:1].isupper():
        return None
    if not _main_clause(d, q_start, q_end):
        return None
    found = Found(QuoteType.INDIRECT, list(range(q_start, q_end)), score=0.8)
    attribute(d, found, start, colon + 1, cue)
    return found if _speaking_subject(d, found) else None


def _speaking_subject(d: Doc, found: Found) -> bool:
    """Whether the speaker of a frame is someone who speaks: right after its verb ("sagte
    Mitterlehner:", not the passive "werden auch Spuren … erwartet:"), a pronoun, or a phrase
    with a first name or a speaker noun before any attribute ("Der Senatssprecher Richard
    Meng"); not "Das Wetter meinte es gut mit …:" nor "die ersten Namen der beteiligten
    Künstler wurden bekanntgegeben:"."""
    if not found.speaker:
        return False
    if found.speaker[0] == found.cue[0] + 1 or d.lower[found.speaker[0]] in PRONOUNS:
        return True
    names = first_names()
    for k in found.speaker:
        if k > found.speaker[0] and (d.lower[k] in DETERMINERS or d.lower[k] in PREPOSITIONS):
            return False
        info = noun_info(d.words[k]) if d.words[k][:1].isupper() else None
        if d.words[k] in names or (info is not None and info.cls != "statement"):
            return True
    return False


def _trailing_frame(d: Doc, start: int, end: int) -> Found | None:
    """ "…, sagte X." / "…, so X." / "…, so X, …" / "…, ließ X ausrichten." """
    for comma in (k for k in range(start + 2, end - 1) if d.words[k] == ","):
        cue = (
            find_cue(d, comma + 1, end, comma + 2)
            or so_cue(d, comma + 1)
            or _caused_cue(d, comma + 1, end)
        )
        if cue is None:
            continue
        f_end = without_full_stop(d, end)
        resumes = _resumes_after_frame(d, cue, f_end)
        reported = d.konjunktiv_between(start, comma) or (
            resumes is not None and d.konjunktiv_between(resumes, end)
        )
        indicative = not reported and d.lower[comma + 1] != "so"
        if indicative and not _main_clause(d, start, comma):
            continue
        q_start, q_end = strip_punct(d, start, comma)
        quote = list(range(q_start, q_end))
        if resumes is not None:
            quote += range(*strip_punct(d, resumes + 1, end))
            f_end = resumes
        found = Found(QuoteType.INDIRECT, quote, score=0.7)
        attribute(d, found, comma, f_end, cue)
        if not indicative or _subject_after_cue(d, found):
            return found
    return None


def _caused_cue(d: Doc, i: int, end: int) -> Cue | None:
    """ "ließ der 38-Jährige über einen Sprecher ausrichten": a form of "lassen" at ``i`` and
    the speech verb that ends its clause, the cue of a statement made through someone."""
    if d.lower[i] not in LASSEN_FORMS:
        return None
    last = without_full_stop(d, end)
    cue = find_cue(d, last - 1, last)
    if cue is None or cue.verb != last - 1:
        return None
    return Cue([i, cue.verb], cue.verb, cue.medium)


def reported_act(d: Doc, start: int, end: int) -> list[Found]:
    """A sentence that tells of a speech act without giving its content ("Die Opposition
    kritisierte den Plan scharf."): the whole sentence is the quote, the subject speaks. A
    contrasting clause with a speech act of its own is a second one ("Merz nannte die Zusage
    „ein leeres Versprechen“, während Lang von einem „wichtigen Signal“ sprach.")."""
    cue = find_cue(d, start, end, start + _CUE_WINDOW) or _closing_participle(d, start, end)
    if cue is None or not _reports(d, cue):
        return []
    speaker = agent(d, start, end) if passive(d, cue) else subject_of(d, start, cue, end)
    if not speaker:
        return []
    for comma in range(cue.tokens[-1] + 1, end - 2):
        if d.words[comma] == "," and d.lower[comma + 1] in CONTRASTING_SUBORDINATORS:
            other = _contrasting_act(d, comma + 1, end)
            if other is not None:
                return [_report(start, comma, cue, speaker), other]
            break
    return [_report(start, end, cue, speaker)]


def _report(start: int, end: int, cue: Cue, speaker: list[int]) -> Found:
    """Reported speech: the tokens [start, end) are the quote, ``speaker`` the subject."""
    return Found(
        QuoteType.REPORTED, list(range(start, end)), cue.medium, speaker=speaker, score=0.4
    )


def _contrasting_act(d: Doc, start: int, end: int) -> Found | None:
    """The speech act of the clause "während Lang von einem „wichtigen Signal“ sprach" at
    ``start``: its verb ends it, its subject follows the conjunction."""
    last = without_full_stop(d, end)
    cue = find_cue(d, start + 1, last, last=True)
    if cue is None or cue.tokens[-1] != last - 1 or not _reports(d, cue):
        return None  # "…, während die CDU nur auf 32,8 Prozent kam": no speech act
    speaker = subject_of(d, start, cue, end)
    return _report(start, end, cue, speaker) if speaker else None


def _reports(d: Doc, cue: Cue) -> bool:
    return d.verb_forms(cue.verb)[0].verb.reports


def _closing_participle(d: Doc, start: int, end: int) -> Cue | None:
    """A participle cue that closes the sentence after an auxiliary near its start ("Erdogan
    hatte die Behandlung … als Völkermord bezeichnet.")."""
    last = without_full_stop(d, end)
    cue = find_cue(d, start, last, last=True)
    if cue is None or cue.verb < last - 1 or len(cue.tokens) < 2:
        return None
    if d.lower[cue.tokens[0]] in PASSIVE_AUXILIARIES:
        return None  # "Mehr Fahrgäste werden … erwartet": the subject does not speak
    return cue if cue.tokens[0] < start + _CUE_WINDOW else None


def free_indirect(d: Doc, start: int, end: int, previous: Found | None) -> Found | None:
    """A sentence without frame that still reports: in Konjunktiv (IndirectFreeIndirect) or
    with reportative "soll" (FreeIndirect). It continues the quotation before it; with none
    before it, only Konjunktiv I counts, and the previous sentence's subject speaks."""
    konjunktiv = d.konjunktiv_between(start, end)
    reportative = any(d.lower[i] in REPORTED_SOLLEN for i in range(start, end))
    kind = QuoteType.INDIRECT_FREE_INDIRECT if konjunktiv else QuoteType.FREE_INDIRECT
    if previous is not None and (
        konjunktiv or reportative or _speaker_goes_on(d, start, end, previous)
    ):
        return Found(
            kind,
            list(range(start, end)),
            previous.medium,
            speaker=list(previous.speaker),
            score=0.5,
        )
    reported_perfect = reportative and d.lower[strip_punct(d, start, end)[1] - 1] in {
        "haben",
        "sein",
    }
    if (
        previous is None
        and start > 0
        and (d.konjunktiv_between(start, end, KONJUNKTIV_TWO) or reported_perfect)
    ):
        before = d.doc.sentences[d.sentence_of[start - 1]]
        if d.paragraph_break_before(start) or d.quoted[start - 1]:
            return None
        speaker = leading_noun_phrase(d, before.first_token, before.last_token)
        return Found(kind, list(range(start, end)), Medium.SPEECH, speaker=speaker, score=0.3)
    return None


def _speaker_goes_on(d: Doc, start: int, end: int, previous: Found) -> bool:
    """ "…, sagte Calaycay. Aber wir wissen auch, dass …": in text without quotation marks
    a sentence in the first person right after an unmarked quotation with a speaker goes
    on with that speaker's words (news prose is not written in the first person)."""
    return (
        previous.type is QuoteType.INDIRECT
        and bool(previous.speaker)
        and bool(previous.frame)
        and max(previous.frame[-1], previous.quote[-1]) >= start - 2
        and not d.paragraph_break_before(start)
        and any(d.lower[i] in FIRST_PERSON_WORDS for i in range(start, end))
    )


def _infinitive_clause(d: Doc, start: int, end: int) -> bool:
    """Whether the clause from ``start`` (to the next comma) has an infinitive with "zu":
    "X fordern, dem Betreiber die Lizenz zu entziehen", "X kündigte an, den Notstand
    auszurufen, wenn …" (not "zu dem Schluss", "zum Beispiel")."""
    for k in range(start, end):
        word = d.lower[k]
        if word == ",":
            return False
        follows = k + 1 < end and d.words[k + 1][:1].islower()
        if word == "zu" and follows and d.lower[k + 1] not in DETERMINERS:
            return True
        particle, zu, rest = word.partition("zu")
        if zu and particle in VERB_PARTICLES and len(rest) > 2 and rest.endswith("n"):
            return True
    return False


def _main_clause(d: Doc, start: int, comma: int) -> bool:
    """Whether the words before "…, sagte X." can be a statement in the indicative, as text
    without quotation marks gives one ("René Wagner ist ab heute unser Cheftrainer, sagte
    Gruber."): not a subordinate clause ("Als der Zug hielt, erklärte der Schaffner die
    Lage.") and not too short to be a statement."""
    words = sum(1 for k in range(start, comma) if d.is_word(k))
    return words >= MIN_UNMARKED_WORDS and not _subordinate_start(d, start)


def _subordinate_start(d: Doc, start: int) -> bool:
    """Whether the clause at ``start`` opens with a subordinator: "Als der Zug hielt", "Da
    wir aufpassen müssen"; not the adverb "da" before its verb ("Da müssen wir aufpassen")."""
    if d.lower[start] not in SUBORDINATORS:
        return False
    if d.lower[start] not in ADVERB_SUBORDINATORS or start + 1 >= len(d.words):
        return True
    after = d.words[start + 1]
    low = d.lower[start + 1]
    return not (after[:1].islower() and after.isalpha() and low not in CLAUSE_OPENERS)


def _subject_after_cue(d: Doc, found: Found) -> bool:
    """Whether the inverted speech verb has its subject after it and no object after that
    subject ("…, erzählte der Vater seinen Kindern die Geschichte" is no frame)."""
    if not found.speaker or found.speaker[0] <= found.cue[0]:
        return False
    if found.speaker[0] > found.cue[0] + 1 and not _subject_after_adverbs(d, found):
        return False
    after = found.speaker[-1] + 1
    frame_end = found.frame[-1] + 1 if found.frame else after
    return after >= frame_end or not (d.lower[after] in DETERMINERS or d.words[after][:1].isupper())


_NOT_VERBS = CLOSED_CLASS | ADVERBS


def _subject_after_adverbs(d: Doc, found: Found) -> bool:
    """Whether only adverbs and "sich" stand between the inverted verb and its subject
    ("…, meint auch Claudio Couto", "…, erinnerte sich Lejsek") in a frame after one clause:
    no comma in the quote, and a lower-case word there that can be its verb. Otherwise the
    subject stands before the verb and what follows the adverb is its object ("Die Fraktion
    der Grünen, meldeten unterdessen Kritik an.", "Der Experte, Professor in Bonn, erwartet
    jedoch einen steigenden Druck")."""
    between = range(found.cue[0] + 1, found.speaker[0])
    if any(d.lower[k] not in ADVERBS and d.lower[k] != "sich" for k in between):
        return False
    quote = [k for k in found.quote if k < found.cue[0]]
    return all(d.words[k] != "," for k in quote) and any(
        d.words[k].isalpha() and d.words[k].islower() and d.lower[k] not in _NOT_VERBS
        for k in quote
    )


def _resumes_after_frame(d: Doc, cue: Cue, end: int) -> int | None:
    """The comma after a frame set into the sentence ("Dieses Gespräch, so X weiter, hätte
    …"), where the quote goes on with its verb; None when the frame runs to ``end`` or an
    apposition or relative clause follows ("…, sagte X, der Vorsitzende der Partei")."""
    comma = next((k for k in range(cue.tokens[-1] + 1, end) if d.words[k] == ","), None)
    if comma is None or comma + 2 >= end:
        return None
    word = d.words[comma + 1]
    verb_like = word[:1].islower() and d.lower[comma + 1] not in DETERMINERS | SUBORDINATORS
    return comma if verb_like else None
