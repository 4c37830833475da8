"""Rules-only baseline: quotation marks, a speech-verb lexicon and a few German patterns.

It is the reference the learned model must beat, and a fallback that needs no PyTorch.
Every role is a set of token indices of the :class:`ParsedText`, so each emitted span
slices the original text exactly. What it finds, in this order:

* Direct: text between paired quotation marks of any German style, with the frame before
  (``X sagte: „…“``) or after (``„…“, sagte X.``) it, split quotes (``„…“, sagte er, „…“``)
  merged, quotes inside quotes nested; short quoted words with no speech verb near them
  (titles, scare quotes) are skipped.
* Indirect: a speech-verb clause followed by a dass/ob, Konjunktiv or zu clause, a trailing
  ``…, sagte X`` / ``…, so X``, and source phrases (``nach Angaben X``, ``X zufolge``,
  ``laut X``, ``wie X mitteilte``).
* IndirectFreeIndirect / FreeIndirect: frameless sentences in Konjunktiv or with
  reportative "soll", attributed to the speaker of the quotation before them.
* Reported: a sentence whose verb names a speech act without giving its content
  ("Die Opposition forderte den Rücktritt."), for the verbs the lexicon marks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from zitat.quotations.lexicon import (
    SpeechVerbForm,
    is_report_noun,
    konjunktiv_forms,
    speech_verbs,
)
from zitat.schema import Medium, ModelOutput, Quotation, QuoteType, Role, Span
from zitat.text.document import ParsedText

# Opening mark -> the marks that close it. "“" opens English-style quotes but closes „;
# the straight double quote closes itself.
_CLOSERS: dict[str, str] = {
    "„": '“”"',
    "»": "«",
    "«": "»",
    "‚": "‘’",
    "›": "‹",
    "‹": "›",
    "“": "”",
    '"': '"',
}
_QUOTE_MARKS = frozenset("".join(_CLOSERS) + "".join(_CLOSERS.values()))
_MAX_QUOTE_TOKENS = 400
"""A quote longer than this is an unbalanced mark, not a quotation."""
_CUE_WINDOW = 12
"""How far before the comma of "X sagte am Montag in Berlin, dass …" its verb may stand."""
_MIN_FREE_STANDING_WORDS = 4
"""Quoted text this short needs a speech verb next to it to count as a quotation."""

_SENTENCE_END = frozenset(".!?")
_CLAUSE_PUNCT = frozenset(",;:()–-")
_PUNCT = _SENTENCE_END | _CLAUSE_PUNCT
_CLAUSE_ENDS = _SENTENCE_END | frozenset(",;:")
_PRONOUNS = frozenset("er sie es ich wir ihr man du".split())
_DETERMINERS = frozenset(
    """der die das den dem des ein eine einer eines einem einen kein keine keiner
    sein seine seiner seines seinem seinen ihr ihre ihrer ihres ihrem ihren
    unser unsere unserer dieser diese dieses diesem diesen jener jene alle beide mehrere
    viele einige zahlreiche""".split()
)
_AUXILIARIES = frozenset(
    """hat hatte hatten haben habe hätte hätten ist war waren sind sei seien wäre wären
    wird wurde wurden werden werde würde würden soll sollte sollen sollten solle
    will wollte wollen wolle kann konnte können könne könnte muss musste müssen müsse
    darf durfte dürfen dürfe dürfte mag möchte""".split()
)
_PREPOSITIONS = frozenset(
    """an am auf aus bei beim durch für gegen gegenüber hinter in im ins mit nach neben
    ohne seit über um unter vom von vor während wegen zu zum zur zwischen trotz laut
    angesichts infolge""".split()
)
_ADDRESSEE_PREPOSITIONS = frozenset("gegenüber zu zum zur an".split())
_CONJUNCTIONS = frozenset("und oder aber doch denn sondern auch jedoch zudem".split())
_ADVERBS = frozenset(
    """dabei dazu darauf damit darüber dagegen daher deshalb dennoch trotzdem zudem außerdem
    gestern heute morgen später nun jetzt damals bereits schon inzwischen unterdessen zuvor
    danach anschließend allerdings jedoch zugleich gleichzeitig ferner hingegen vielmehr
    erst noch dort hier immerhin weiter weiterhin ebenso ebenfalls auch so zuletzt erneut
    kürzlich jüngst zunächst schließlich indes wiederum also sofort bisher derzeit zuerst
    gegenwärtig mittlerweile künftig seither offenbar offensichtlich wohl tatsächlich
    zwar einst ursprünglich letztlich insgesamt ähnlich darin hierin daraufhin dann""".split()
)
_COMPLEMENTIZERS = frozenset("dass ob wonach".split())
_SUBORDINATORS = frozenset(
    """wie da weil als wenn nachdem obwohl während bevor seit damit dass ob zumal sofern
    warum was wer wo wann weshalb wieso""".split()
)
_GENITIVE_STARTS = frozenset(
    "der des eines einer seines seiner ihres ihrer dieses dieser von vom".split()
)
_NAME_PARTICLES = frozenset("van de da di du la le al el bin ibn ten ter dos del della".split())
_PASSIVE_AUXILIARIES = frozenset("wird wurde werden wurden worden".split())
_OBJECT_CASES = frozenset("den dem ihm ihr ihnen".split())
"""Words that start an object, not a subject, in the Vorfeld."""
_NOT_SUBJECT_STARTS = _SUBORDINATORS | _ADVERBS | _PREPOSITIONS | _OBJECT_CASES
"""A Vorfeld starting with one of these is not the subject."""
_REPORTED_SOLLEN = frozenset("soll sollen".split())

_SOURCE_PREPOSITIONS = frozenset("laut gemäß".split())
_IMPERSONAL_CUES = frozenset("heißt hieß geheißen".split())
_WRITTEN_SOURCES = (
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


@dataclass(slots=True)
class _Found:
    """A quotation under construction; roles are token indices."""

    type: QuoteType
    quote: list[int]
    medium: Medium = Medium.SPEECH
    cue: list[int] = field(default_factory=list)
    frame: list[int] = field(default_factory=list)
    speaker: list[int] = field(default_factory=list)
    addressee: list[int] = field(default_factory=list)
    score: float = 0.5
    parent: _Found | None = None


@dataclass(frozen=True, slots=True)
class _Cue:
    tokens: list[int]
    """The verb and its particle or auxiliary, in text order."""
    verb: int
    medium: Medium
    source_after_in: bool = False
    """"heißt es in der Mitteilung": the source is the phrase after "in", not a subject."""


class _Doc:
    """One document's tokens with the lookups every rule needs."""

    def __init__(self, doc: ParsedText) -> None:
        self.doc = doc
        self.words = [t.text for t in doc.tokens]
        self.lower = [w.lower() for w in self.words]
        self.sentence_of = [0] * len(self.words)
        for index, sentence in enumerate(doc.sentences):
            for i in range(sentence.first_token, sentence.last_token):
                self.sentence_of[i] = index
        self.quoted = [False] * len(self.words)
        self._konjunktiv: dict[frozenset[str], list[int]] = {}

    def konjunktiv_between(
        self, start: int, end: int, excluded: frozenset[str] = frozenset()
    ) -> bool:
        """Whether an unquoted Konjunktiv form (not in ``excluded``) stands in [start, end).

        Prefix counts make this O(1): the sentence rules ask it for every comma. They are
        built on first use, after the Direct quotes (and so ``quoted``) are final.
        """
        if excluded not in self._konjunktiv:
            forms = konjunktiv_forms() - excluded
            counts = [0]
            for low, quoted in zip(self.lower, self.quoted, strict=True):
                counts.append(counts[-1] + (low in forms and not quoted))
            self._konjunktiv[excluded] = counts
        counts = self._konjunktiv[excluded]
        return counts[end] > counts[start]

    def paragraph_break_before(self, i: int) -> bool:
        tokens = self.doc.tokens
        return i > 0 and "\n" in self.doc.text[tokens[i - 1].end : tokens[i].start]

    def sentence_range(self, i: int) -> tuple[int, int]:
        sentence = self.doc.sentences[self.sentence_of[i]]
        return sentence.first_token, sentence.last_token

    def is_word(self, i: int) -> bool:
        return self.words[i][:1].isalnum()

    def verb_forms(self, i: int) -> tuple[SpeechVerbForm, ...]:
        word = self.words[i]
        if not word[:1].islower():
            return ()
        return speech_verbs().get(word, ())


# ---------------------------------------------------------------------------
# quotation marks
# ---------------------------------------------------------------------------


def pair_quote_marks(doc: ParsedText) -> list[tuple[int, int]]:
    """Token index pairs (opening, closing) of balanced quotation marks, in text order.

    A mark left open at a paragraph break, or for more than ``_MAX_QUOTE_TOKENS`` tokens,
    is dropped, so one unbalanced mark never swallows the rest of an article.
    """
    text, tokens = doc.text, doc.tokens
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    previous_end = 0
    for i, tok in enumerate(tokens):
        mark = tok.text
        if mark not in _QUOTE_MARKS:
            continue
        # only marks change the stack, so checking the stretch since the last one suffices
        if "\n" in text[previous_end : tok.start]:
            stack.clear()
        previous_end = tok.end
        while stack and i - stack[0][1] > _MAX_QUOTE_TOKENS:
            stack.pop(0)
        closing = next(
            (k for k in range(len(stack) - 1, -1, -1) if mark in _CLOSERS[stack[k][0]]), None
        )
        opens_here = mark in _CLOSERS and _starts_quote(text, tok.end)
        # « » ‹ › open in one style and close in the other: an outer match yields to opening
        if closing is not None and not (
            opens_here and mark in "«»‹›" and closing != len(stack) - 1
        ):
            pairs.append((stack[closing][1], i))
            del stack[closing:]
        elif opens_here:
            stack.append((mark, i))
    return sorted(pairs)


def _starts_quote(text: str, end: int) -> bool:
    """An opening mark is followed by text, not by a space or the end."""
    return end < len(text) and not text[end].isspace()


# ---------------------------------------------------------------------------
# noun phrases, cues, speakers
# ---------------------------------------------------------------------------


def _is_adjective_like(word: str) -> bool:
    return (
        word.islower()
        and word not in _AUXILIARIES
        and word not in _PREPOSITIONS
        and word not in _CONJUNCTIONS
        and word not in _ADVERBS
        and word.endswith(("e", "en", "er", "es", "em", "te", "ten"))
    )


def _noun_phrase_end(d: _Doc, start: int, limit: int) -> int:
    """End (exclusive) of the noun phrase starting at ``start``; ``start`` if there is none.

    Accepts determiners, adjectives and numbers before capitalised words, parentheses, and
    genitive or von-attributes ("ein Sprecher des Ministeriums", "Angaben von Zeugen").
    """
    if start >= limit or d.words[start][:1].isdigit():
        return start
    if d.lower[start] in _PRONOUNS:
        return start + 1
    i, has_head, open_phrase = start, False, True
    while i < limit:
        word, low = d.words[i], d.lower[i]
        if low in _DETERMINERS or (has_head and low in {"von", "vom"}):
            # after the head only a genitive or von-attribute may follow
            if has_head and low not in _GENITIVE_STARTS:
                break
            open_phrase = True
        elif open_phrase and (
            _is_adjective_like(word) or word[:1].isdigit() or (i > start and low in _ADVERBS)
        ):
            pass
        elif word[:1].isupper() and low not in _ADVERBS and low not in _PREPOSITIONS:
            has_head, open_phrase = True, False
        elif has_head and low in {"und", "sowie"} and _attribute_follows(d, i + 1, limit):
            open_phrase = True  # "Angaben der Polizei und der Feuerwehr"
        elif has_head and _attribute_follows(d, i, limit):
            open_phrase = True
        elif has_head and word == "(":
            close = next((k for k in range(i, min(limit, i + 8)) if d.words[k] == ")"), None)
            if close is None:
                break
            i = close
        elif word == "-" or (has_head and word.isalpha() and word.isupper()):
            pass  # "Nachrichtenagentur AP", "der 23-jährige Sportler"
        elif has_head and word == "." and len(d.words[i - 1]) == 1 and i + 1 < limit:
            pass  # an initial: "George W. Bush"
        elif has_head and low in _NAME_PARTICLES and i + 1 < limit and d.words[i + 1].istitle():
            pass  # "Heike van Laak", "Omar al Bashir"
        else:
            break
        i += 1
    while i > start and not d.is_word(i - 1) and d.words[i - 1] != ")":
        i -= 1
    return i if has_head else start


def _attribute_follows(d: _Doc, i: int, limit: int) -> bool:
    """After a head noun: "Berichten britischer Zeitungen",
    "vom November 2011" continue the noun phrase."""
    if i >= limit:
        return False
    word = d.words[i]
    next_word = d.words[i + 1] if i + 1 < limit else ""
    if d.lower[i] in _GENITIVE_STARTS:
        return True
    if word[:1].isdigit():
        return d.words[i - 1][:1].isupper()
    return _is_adjective_like(word) and word.endswith("er") and next_word[:1].isupper()


def _find_cue(
    d: _Doc, start: int, end: int, verb_end: int | None = None, last: bool = False
) -> _Cue | None:
    """The first (or ``last``) speech verb in tokens [start, end), with its particle or
    auxiliary; ``verb_end`` bounds where the verb itself may stand."""
    positions = range(start, min(end, verb_end or end))
    for i in reversed(positions) if last else positions:
        if d.quoted[i]:
            continue
        for form in d.verb_forms(i):
            tokens = [i]
            if not form.joined:
                particle = _particle_after(d, i, end, form.verb.particle)
                if particle is None:
                    continue
                tokens.append(particle)
            elif (aux := _auxiliary_before(d, i, start)) is not None:
                tokens.insert(0, aux)
            return _Cue(tokens, i, form.verb.medium)
    return None


def _particle_after(d: _Doc, verb: int, end: int, particle: str) -> int | None:
    """The separated particle that closes the verb's clause: "teilte … mit," (not "gab …
    zu Protokoll"). The search stops at the clause's end, so it stays linear."""
    for k in range(verb + 1, end):
        if d.words[k] in _CLAUSE_ENDS:
            return None
        if d.lower[k] == particle and (k + 1 == len(d.words) or not d.is_word(k + 1)):
            return k
    return None


def _auxiliary_before(d: _Doc, i: int, floor: int) -> int | None:
    """The auxiliary of a participle cue in the same clause ("hat ... mitgeteilt")."""
    for k in range(i - 1, max(floor, i - 10) - 1, -1):
        if d.words[k] in _CLAUSE_PUNCT:
            return None
        if d.lower[k] in _AUXILIARIES:
            return k
    return None


def _subject(d: _Doc, start: int, cue: _Cue, end: int) -> list[int]:
    """The subject of the cue verb.

    In V2 order the Vorfeld is one constituent: a noun phrase there is the subject, with
    its attributes ("Der Einsatzleiter der Polizei in Dortmund erklärte"). A Vorfeld that
    is an adverb, a prepositional phrase or a clause puts the subject right after the
    finite verb ("Dazu sagte ein Sprecher"); "wie X mitteilte" has it after "wie".
    """
    first = cue.tokens[0]
    i = start
    while i < first and (d.lower[i] in _CONJUNCTIONS or not d.is_word(i)):
        i += 1
    low = d.lower[i] if i < first else ""
    after_cue = cue.tokens[-1] + 1
    # the cue ends a subordinate clause: "Wie X mitteilte, …"
    if low in _SUBORDINATORS and (after_cue >= end or d.words[after_cue] in {",", "."}):
        np_end = _noun_phrase_end(d, i + 1, first)
        return list(range(i + 1, _apposition_end(d, np_end, first)))
    left: list[int] = []
    if low and low not in _NOT_SUBJECT_STARTS and not _dative_article(d, i, first):
        np_end = _apposition_end(d, _noun_phrase_end(d, i, first), first)
        left = list(range(i, np_end))
        if np_end > i:
            vorfeld_end = first
            while vorfeld_end > np_end and (
                not d.is_word(vorfeld_end - 1) or d.lower[vorfeld_end - 1] in _ADVERBS
            ):
                vorfeld_end -= 1
            if d.lower[first - 1] in _CONJUNCTIONS:
                return left  # "Er halte das für richtig und bezeichnete es als …"
            one_phrase = all(d.words[k] != "," for k in range(np_end, vorfeld_end))
            if one_phrase or _name_in_apposition(d, i, vorfeld_end):
                return list(range(i, vorfeld_end))
    j = first + 1
    while j < end and (
        d.lower[j] in _ADVERBS or d.lower[j] == "sich" or d.verb_forms(j) or d.lower[j] == "es"
    ):
        j += 1
    np_end = _apposition_end(d, _noun_phrase_end(d, j, end), end)
    # nothing after the verb: the noun phrase the Vorfeld starts with is the best guess
    return list(range(j, np_end)) or left


def _dative_article(d: _Doc, i: int, limit: int) -> bool:
    """ "Der englischsprachigen Zeitung sagte X": "der" + an adjective in -en is no subject."""
    return (
        d.lower[i] == "der"
        and i + 1 < limit
        and _is_adjective_like(d.words[i + 1])
        and d.words[i + 1].endswith("en")
    )


def _name_in_apposition(d: _Doc, start: int, end: int) -> bool:
    """A Vorfeld of one noun phrase and a name after its only comma: "Der Vorsitzende des
    Verbands in Deutschland, Michael Knipper, kritisierte …"."""
    commas = [k for k in range(start, end) if d.words[k] == ","]
    if len(commas) != 1 or commas[0] + 1 >= end:
        return False
    name = range(commas[0] + 1, end)
    return all(
        d.words[k][:1].isupper() or d.lower[k] in _NAME_PARTICLES or d.words[k] in {"(", ")"}
        for k in name
    ) and not any(d.lower[k] in _SUBORDINATORS for k in range(start, commas[0]))


def _apposition_end(d: _Doc, np_end: int, limit: int) -> int:
    """Extend over an apposition: "der Sprecher, Hans Meier," / "Hans Meier, Präsident der …"."""
    if np_end < limit and d.words[np_end] == "," and d.lower[np_end + 1 : np_end + 2] != ["so"]:
        inner = _noun_phrase_end(d, np_end + 1, limit)
        if inner > np_end + 1 and (inner == limit or d.words[inner] in {",", ":"}):
            return inner
    return np_end


def _addressee(d: _Doc, start: int, end: int) -> list[int]:
    """The addressee: "zur Nachrichtenagentur dpa", "gegenüber der Zeitung", "dem Sender"."""
    for i in range(start, end):
        if d.lower[i] in _ADDRESSEE_PREPOSITIONS or d.lower[i] == "dem":
            first = i if d.lower[i] == "dem" else i + 1
            np_end = _noun_phrase_end(d, first, end)
            if np_end > first:
                return list(range(first, np_end))
    return []


def _attribute(d: _Doc, found: _Found, start: int, end: int, cue: _Cue | None) -> None:
    """Fill cue, frame, speaker, addressee and medium from the frame tokens [start, end)."""
    found.frame = [i for i in range(start, end) if not d.quoted[i]]
    if cue is None:
        return
    found.cue = cue.tokens
    found.medium = cue.medium
    if cue.source_after_in:
        found.speaker = _source_after_in(d, start, end)
    else:
        found.speaker = _subject(d, start, cue, end)
        if _quotes_someone(d, cue):
            found.speaker = _quoted_person(d, cue, found.speaker, end) or found.speaker
    after = max(cue.verb, found.speaker[-1] if found.speaker else 0) + 1
    found.addressee = _addressee(d, after, cue.tokens[-1] if cue.tokens[-1] > after else end)


def _quotes_someone(d: _Doc, cue: _Cue) -> bool:
    """Active "zitieren": the subject reports, the object is the one who spoke."""
    forms = d.verb_forms(cue.verb)
    passive = any(d.lower[k] in _PASSIVE_AUXILIARIES for k in cue.tokens)
    return bool(forms) and forms[0].verb.lemma == "zitieren" and not passive


def _quoted_person(d: _Doc, cue: _Cue, subject: list[int], end: int) -> list[int]:
    """ "Der Spiegel zitiert den Prediger mit den Worten": the object after the verb."""
    for k in range(cue.verb + 1, end):
        if k in subject or d.lower[k] in _ADVERBS or d.lower[k] in _PREPOSITIONS:
            continue
        np_end = _noun_phrase_end(d, k, end)
        return list(range(k, np_end))
    return []


def _strip(d: _Doc, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past leading and trailing punctuation other than quote marks."""
    while start < end and d.words[start] in _PUNCT:
        start += 1
    while end > start and d.words[end - 1] in _PUNCT:
        end -= 1
    return start, end


# ---------------------------------------------------------------------------
# Direct
# ---------------------------------------------------------------------------


def _direct(d: _Doc, pairs: list[tuple[int, int]]) -> tuple[list[_Found], list[tuple[int, int]]]:
    """Direct quotations, and the quoted stretches not taken for one (titles, words)."""
    found: list[_Found] = []
    rejected: list[tuple[int, int]] = []
    closing_of = dict(pairs)
    consumed: set[int] = set()
    # top-level quotes do not overlap and come in text order: only the last can hold this one
    outer: tuple[int, int, _Found] | None = None
    for open_, close in pairs:
        if open_ in consumed:
            continue
        parent = outer[2] if outer and outer[0] < open_ and close < outer[1] else None
        if parent is not None:
            nested = _Found(QuoteType.DIRECT, list(range(open_, close + 1)), parent.medium)
            nested.parent, nested.score = parent, 0.4
            found.append(nested)
            continue
        quotation = _attribute_direct(d, open_, close, closing_of, consumed)
        if quotation is None:
            rejected.append((open_, close))
            continue
        for i in quotation.quote:
            d.quoted[i] = True
        found.append(quotation)
        outer = (open_, close, quotation)
    return found, rejected


def _attribute_direct(
    d: _Doc, open_: int, close: int, closing_of: dict[int, int], consumed: set[int]
) -> _Found | None:
    """The Direct quotation between the marks at ``open_`` and ``close`` with its frame, or
    None for a title or scare quote. Frames are tried in order: headline colon, trailing
    frame (merging a split quote, whose opening mark goes into ``consumed``), leading frame
    (speech verb, source phrase, or a speaker before a colon), verb right after the quote.
    """
    words = sum(1 for i in range(open_ + 1, close) if d.is_word(i))
    found = _Found(QuoteType.DIRECT, list(range(open_, close + 1)), score=0.9)
    s_start, s_end = d.sentence_range(open_)
    _, s_end = d.sentence_range(close)
    # a whole statement, not a quoted phrase: long, or sentences of its own
    free_standing = words >= _MIN_FREE_STANDING_WORDS and (
        words >= 8
        or any(d.words[i] in _SENTENCE_END for i in range(open_, close))
        or (open_ == s_start and close + 2 >= s_end)
    )
    n = len(d.words)
    # headline style: „Wir schaffen das“: Merkel verteidigt ihren Kurs
    if open_ == s_start and close + 2 < n and d.words[close + 1] == ":":
        speaker = _leading_noun_phrase(d, close + 2, s_end)
        if speaker:
            found.speaker, found.frame, found.score = speaker, [close + 1, *speaker], 0.6
            return found
    # after: „…“, sagte er.  /  „…“, sagte er, „…“
    if close + 2 < n and d.words[close + 1] == ",":
        end = close + 2
        while end < n and d.words[end] not in _SENTENCE_END and d.words[end] not in _CLOSERS:
            end += 1
        # the verb comes first, or after an auxiliary: "…“, hatte er damals gesagt."
        verb_end = end if d.lower[close + 2] in _AUXILIARIES else close + 5
        cue = _find_cue(d, close + 2, end, verb_end) or _so_cue(d, close + 2)
        if cue is not None:
            frame_end = end
            if end in closing_of and d.words[end - 1] == ",":
                frame_end = end - 1
                found.quote += range(end, closing_of[end] + 1)
                consumed.add(end)
            _attribute(d, found, close + 1, frame_end, cue)
            return found
    # before: X sagte: „…“  /  X bezeichnete ihn als „…“
    frame_start = max([s_start, *(k + 1 for k in range(s_start, open_) if d.quoted[k])])
    if frame_start < open_:
        if _names_a_title(d, open_, frame_start) and not free_standing:
            return None
        if d.lower[open_ - 1] == "als":  # "nannte ihn einen …", "bezeichnete es als „…“"
            _attribute(d, found, frame_start, open_, _find_cue(d, frame_start, open_))
            found.speaker = found.speaker or _leading_noun_phrase(d, frame_start, open_)
            return found
        cue = _frame_cue(d, frame_start, open_)
        if cue is not None and not free_standing and _inside_reported_clause(d, cue, open_):
            return None  # "X sagte, er sei „…“": an indirect quote holding a quoted phrase
        near = cue is not None and (open_ - cue.tokens[-1] <= 6 or d.words[open_ - 1] == ":")
        if cue is not None and (near or free_standing):
            _attribute(d, found, frame_start, open_, cue)
            return found
        source = _source_cue(d, frame_start, open_)
        if source is not None:
            _attribute(d, found, frame_start, open_, None)
            found.cue, found.speaker = [source[0]], source[1]
            found.frame = sorted({source[0], *source[1]})
            found.medium = _source_medium(d, source[1])
            return found
        if d.words[open_ - 1] == ":":
            # "Merkel: „Wir schaffen das“" (headline style) or a colon frame without verb
            speaker = _leading_noun_phrase(d, frame_start, open_)
            if free_standing or (speaker and speaker[-1] == open_ - 2):
                _attribute(d, found, frame_start, open_, None)
                found.speaker, found.score = speaker, 0.7
                return found
    # after, without comma: „…“ hatte er gesagt.
    if close + 1 < s_end and (free_standing or d.verb_forms(close + 1)):
        cue = _find_cue(d, close + 1, min(s_end, close + 6))
        if cue is not None:
            end = s_end - 1 if d.words[s_end - 1] in _SENTENCE_END else s_end
            _attribute(d, found, close + 1, end, cue)
            return found
    if free_standing:
        found.score = 0.6
        return found
    return None


def _inside_reported_clause(d: _Doc, cue: _Cue, open_: int) -> bool:
    """The quote opens after words of a clause that follows the cue's comma."""
    comma = next((k for k in range(cue.tokens[-1] + 1, open_) if d.words[k] == ","), None)
    return comma is not None and any(d.is_word(k) for k in range(comma + 1, open_))


def _names_a_title(d: _Doc, open_: int, frame_start: int) -> bool:
    """ "die Mondlandefähre „Eagle“", "im Magazin „Spiegel“": a noun names what follows."""
    before = open_ - 1
    return before > frame_start and d.words[before][:1].isupper() and d.is_word(before)


def _so_cue(d: _Doc, i: int) -> _Cue | None:
    """ "…, so der Sprecher" and "…, heißt es in der Mitteilung"."""
    if i < len(d.words) and d.lower[i] == "so":
        return _Cue([i], i, Medium.SPEECH)
    return _heisst_es_cue(d, i, min(len(d.words), i + 2))


def _heisst_es_cue(d: _Doc, start: int, end: int) -> _Cue | None:
    """ "heißt es", "hieß es", "hatte es geheißen": the source is a document."""
    for i in range(start, end):
        if d.lower[i] in _IMPERSONAL_CUES:
            it = next(
                (k for k in range(max(start, i - 2), min(end, i + 2)) if d.lower[k] == "es"), None
            )
            if it is not None:
                aux = _auxiliary_before(d, i, start) if d.lower[i] == "geheißen" else None
                tokens = sorted({i, it} | ({aux} if aux is not None else set()))
                return _Cue(tokens, i, Medium.WRITING, source_after_in=True)
    return None


def _source_after_in(d: _Doc, start: int, end: int) -> list[int]:
    """ "In dem Antrag heißt es" -> "dem Antrag"."""
    for i in range(start, end):
        if d.lower[i] in {"in", "im"}:
            return list(range(i + 1, _noun_phrase_end(d, i + 1, end)))
    return []


def _frame_cue(d: _Doc, start: int, end: int) -> _Cue | None:
    return _find_cue(d, start, end, last=True) or _heisst_es_cue(d, start, end)


def _leading_noun_phrase(d: _Doc, start: int, end: int) -> list[int]:
    """ "BKA-Präsident Ziercke:" - a frame without verb names its speaker first; after a
    leading adverb, behind the verb ("Hier sparte der Präsident nicht mit Kritik:")."""
    if d.lower[start] in _ADVERBS and start + 2 < end:
        start += 2
    if d.lower[start] in _ADVERBS or d.lower[start] in _PREPOSITIONS:
        return []
    return list(range(start, _apposition_end(d, _noun_phrase_end(d, start, end), end)))


# ---------------------------------------------------------------------------
# Indirect
# ---------------------------------------------------------------------------


_KONJUNKTIV_TWO = frozenset("wäre wären hätte hätten würde würden könnten müssten dürften".split())
"""Konjunktiv II forms: excluded where only an unambiguous Konjunktiv I may count."""


def _source_cue(d: _Doc, start: int, end: int) -> tuple[int, list[int]] | None:
    """The cue and speaker of "nach Angaben der Polizei", "Seiner Meinung nach",
    "X zufolge" or "laut X" in tokens [start, end)."""
    for i in range(start, end):
        if d.quoted[i]:
            continue
        low = d.lower[i]
        speaker: list[int] = []
        if low == "nach" and i + 1 < end:
            np_end = _noun_phrase_end(d, i + 1, end)
            if any(is_report_noun(d.words[k]) for k in range(i + 1, np_end)):
                speaker = list(range(i + 1, np_end))
        if (low == "nach" and not speaker) or low == "zufolge":
            np_start = _noun_phrase_start(d, start, i)
            if np_start < i and (low == "zufolge" or is_report_noun(d.words[i - 1])):
                speaker = list(range(np_start, i))
        if low in _SOURCE_PREPOSITIONS:
            speaker = list(range(i + 1, _noun_phrase_end(d, i + 1, end)))
        if speaker:
            return i, speaker
    return None


def _source_phrase(d: _Doc, start: int, end: int) -> _Found | None:
    """An Indirect quotation introduced by a source phrase: the rest of the sentence."""
    source = _source_cue(d, start, end)
    if source is None:
        return None
    cue, speaker = source
    frame = sorted({cue, *speaker})
    quote = _trim_commas(d, [k for k in range(*_strip(d, start, end)) if k not in frame])
    if len(quote) < 3:
        return None
    medium = _source_medium(d, speaker)
    return _Found(QuoteType.INDIRECT, quote, medium, [cue], frame, speaker, score=0.7)


def _trim_commas(d: _Doc, tokens: list[int]) -> list[int]:
    while tokens and d.words[tokens[0]] in _CLAUSE_PUNCT:
        tokens = tokens[1:]
    while tokens and d.words[tokens[-1]] in _CLAUSE_PUNCT:
        tokens = tokens[:-1]
    return tokens


def _source_medium(d: _Doc, speaker: Iterable[int]) -> Medium:
    written = any(d.lower[k].endswith(_WRITTEN_SOURCES) for k in speaker)
    return Medium.WRITING if written else Medium.SPEECH_WRITING


def _noun_phrase_start(d: _Doc, floor: int, end: int) -> int:
    """Start of the noun phrase ending right before ``end`` ("ersten Annahmen" zufolge)."""
    i = end
    while i > floor:
        word, low = d.words[i - 1], d.lower[i - 1]
        if d.quoted[i - 1] or not (
            word[:1].isupper() or low in _DETERMINERS or _is_adjective_like(word) or low in {"von"}
        ):
            break
        if low in _ADVERBS or (word[:1].isupper() and low in _PREPOSITIONS):
            break
        i -= 1
    return i


def _indirect_in_sentence(d: _Doc, start: int, end: int) -> _Found | None:
    """One Indirect quotation in the sentence [start, end), if a pattern fits."""
    if any(d.quoted[i] for i in range(start, end)):
        return None
    # "Wie X mitteilte, …" / "…, wie X mitteilte."
    for wie in (k for k in range(start, end) if d.lower[k] == "wie"):
        if wie > start and d.words[wie - 1] != ",":
            continue
        clause_end = next((k for k in range(wie, end) if d.words[k] in {",", "."}), end)
        cue = _find_cue(d, wie + 1, clause_end)
        if cue is None or cue.tokens[-1] != clause_end - 1:
            continue
        frame = list(range(wie, clause_end))
        rest = [k for k in range(*_strip(d, start, end)) if k not in frame]
        found = _Found(QuoteType.INDIRECT, _trim_commas(d, rest), score=0.8)
        _attribute(d, found, wie, clause_end, cue)
        found.cue = [wie, *cue.tokens]
        return found if found.quote else None
    # X sagte, dass ... / X sagte, er sei ... / X gab an, sich ... zu fühlen
    for comma in (k for k in range(start + 1, end - 1) if d.words[k] in {",", ":"}):
        # the verb stands at most _CUE_WINDOW tokens before the comma (linear in the sentence)
        cue = _find_cue(d, max(start, comma - _CUE_WINDOW), comma)
        if cue is None:
            continue
        q_start, q_end = _strip(d, comma + 1, end)
        if q_end <= q_start:
            return None
        complement = (
            d.lower[comma + 1] in _COMPLEMENTIZERS
            or d.konjunktiv_between(q_start, min(q_end, q_start + 8))
            or (q_end - 1 > q_start and d.lower[q_end - 2] == "zu")
            or (d.lower[q_end - 1].startswith("zu") and d.lower[q_end - 1][2:] in speech_verbs())
        )
        if not complement:
            return None
        found = _Found(QuoteType.INDIRECT, list(range(q_start, q_end)), score=0.8)
        _attribute(d, found, start, comma + 1, cue)
        return found
    # ... , sagte X.  /  ..., so X.
    for comma in (k for k in range(start + 2, end - 1) if d.words[k] == ","):
        cue = _find_cue(d, comma + 1, end, comma + 2) or _so_cue(d, comma + 1)
        if cue is None or (not d.konjunktiv_between(start, comma) and d.lower[comma + 1] != "so"):
            continue
        q_start, q_end = _strip(d, start, comma)
        found = _Found(QuoteType.INDIRECT, list(range(q_start, q_end)), score=0.7)
        f_end = end - 1 if d.words[end - 1] in _SENTENCE_END else end
        _attribute(d, found, comma, f_end, cue)
        return found
    if d.lower[start] == "demnach":
        q_start, q_end = _strip(d, start + 1, end)
        return _Found(
            QuoteType.INDIRECT,
            list(range(q_start, q_end)),
            Medium.SPEECH_WRITING,
            [start],
            [start],
            score=0.6,
        )
    return _source_phrase(d, start, end)


# ---------------------------------------------------------------------------
# the model
# ---------------------------------------------------------------------------


def _find_all(doc: ParsedText) -> list[_Found]:
    """Direct quotes first; then, sentence by sentence outside them, Indirect patterns,
    frameless continuations of the quotation before, and Reported speech acts."""
    d = _Doc(doc)
    found, rejected = _direct(d, pair_quote_marks(doc))
    covered = {i for f in found for i in f.quote}
    previous: _Found | None = None
    by_sentence: dict[int, _Found] = {}
    for f in found:
        by_sentence.setdefault(d.sentence_of[f.quote[0]], f)
    for index, sentence in enumerate(doc.sentences):
        start, end = sentence.first_token, sentence.last_token
        if start >= end:
            continue
        # only an Indirect quote carries its speaker into the next paragraph
        if d.paragraph_break_before(start) and previous and previous.type is not QuoteType.INDIRECT:
            previous = None
        if index in by_sentence:
            previous = by_sentence[index]
            continue
        if any(i in covered for i in range(start, end)):
            continue
        indirect = _indirect_in_sentence(d, start, end)
        if indirect is not None:
            found.append(indirect)
            previous = indirect
            continue
        follow = _free_indirect(d, start, end, previous)
        if follow is not None:
            if (
                previous is not None
                and previous.type is follow.type
                and previous.quote
                and (previous.quote[-1] == start - 1)
            ):
                previous.quote += follow.quote
            else:
                found.append(follow)
                previous = follow
            continue
        reported = _reported(d, start, end)
        if reported is not None:
            found.append(reported)
            previous = reported
            continue
        if d.paragraph_break_before(start):
            previous = None
    _inherit_speakers(found)
    return found + _nested_in_indirect(found, rejected)


_INHERIT_DISTANCE = 80
"""A frameless Direct quote continues the quotation at most this many tokens before it."""


def _inherit_speakers(found: list[_Found]) -> None:
    """A Direct quote standing alone continues the speaker of the quotation before it."""
    ordered = sorted(found, key=lambda f: f.quote[0])
    for before, current in pairwise(ordered):
        if (
            current.type is QuoteType.DIRECT
            and not current.frame
            and not current.speaker
            and current.parent is None
            and current.quote[0] - before.quote[-1] <= _INHERIT_DISTANCE
        ):
            current.speaker = list(before.speaker)
            current.medium = before.medium


def _nested_in_indirect(found: list[_Found], pairs: list[tuple[int, int]]) -> list[_Found]:
    """Quoted words inside an indirect quote are a nested Direct quote of the same speaker."""
    nested = []
    for open_, close in pairs:
        outer = next(
            (
                f
                for f in found
                if f.type is not QuoteType.DIRECT and open_ in f.quote and close in f.quote
            ),
            None,
        )
        if outer is not None:
            inner = _Found(
                QuoteType.DIRECT,
                list(range(open_, close + 1)),
                outer.medium,
                list(outer.cue),
                list(outer.frame),
                list(outer.speaker),
                list(outer.addressee),
                0.5,
                outer,
            )
            nested.append(inner)
    return nested


def _reported(d: _Doc, start: int, end: int) -> _Found | None:
    """A sentence that tells of a speech act without giving its content ("Die Opposition
    kritisierte den Plan scharf."): the whole sentence is the quote, the subject speaks."""
    cue = _find_cue(d, start, end, start + _CUE_WINDOW)
    if cue is None or not d.verb_forms(cue.verb)[0].verb.reports:
        return None
    speaker = _subject(d, start, cue, end)
    if not speaker:
        return None
    return _Found(
        QuoteType.REPORTED, list(range(start, end)), cue.medium, speaker=speaker, score=0.4
    )


def _free_indirect(d: _Doc, start: int, end: int, previous: _Found | None) -> _Found | None:
    """A sentence without frame that still reports: in Konjunktiv (IndirectFreeIndirect) or
    with reportative "soll" (FreeIndirect). It continues the quotation before it; with none
    before it, only Konjunktiv I counts, and the previous sentence's subject speaks."""
    konjunktiv = d.konjunktiv_between(start, end)
    reportative = any(d.lower[i] in _REPORTED_SOLLEN for i in range(start, end))
    kind = QuoteType.INDIRECT_FREE_INDIRECT if konjunktiv else QuoteType.FREE_INDIRECT
    if previous is not None and (konjunktiv or reportative):
        return _Found(
            kind,
            list(range(start, end)),
            previous.medium,
            speaker=list(previous.speaker),
            score=0.5,
        )
    reported_perfect = reportative and d.lower[_strip(d, start, end)[1] - 1] in {"haben", "sein"}
    if (
        previous is None
        and start > 0
        and (d.konjunktiv_between(start, end, _KONJUNKTIV_TWO) or reported_perfect)
    ):
        before = d.doc.sentences[d.sentence_of[start - 1]]
        if d.paragraph_break_before(start) or d.quoted[start - 1]:
            return None
        speaker = _leading_noun_phrase(d, before.first_token, before.last_token)
        return _Found(kind, list(range(start, end)), Medium.SPEECH, speaker=speaker, score=0.3)
    return None


def _spans(doc: ParsedText, indices: Iterable[int]) -> tuple[Span, ...]:
    """Character spans of runs of consecutive tokens."""
    spans: list[Span] = []
    previous = -2
    for i in sorted(set(indices)):
        tok = doc.tokens[i]
        if i == previous + 1 and spans:
            spans[-1] = (spans[-1][0], tok.end)
        else:
            spans.append((tok.start, tok.end))
        previous = i
    return tuple(spans)


def _role(doc: ParsedText, indices: list[int]) -> Role | None:
    return Role.from_spans(doc.text, _spans(doc, indices)) if indices else None


def to_quotations(doc: ParsedText, found: list[_Found]) -> list[Quotation]:
    """Number the quotations q1, q2, … in text order and build the shared schema."""
    ordered = sorted((f for f in found if f.quote), key=lambda f: (min(f.quote), -len(f.quote)))
    ids = {id(f): f"q{n}" for n, f in enumerate(ordered, start=1)}
    quotations = []
    for f in ordered:
        quote = _role(doc, f.quote)
        assert quote is not None
        quotations.append(
            Quotation(
                id=ids[id(f)],
                type=f.type,
                medium=f.medium,
                quote=quote,
                cue=_role(doc, f.cue),
                frame=_role(doc, f.frame),
                speaker=_role(doc, f.speaker),
                addressee=_role(doc, f.addressee),
                nested_in=ids.get(id(f.parent)) if f.parent is not None else None,
                score=f.score,
            )
        )
    return quotations


class RulesModel:
    """Quotation marks plus a speech-verb lexicon: fast, transparent, no training."""

    name = "rules"
    version = "2"

    def predict(self, docs: Sequence[ParsedText]) -> list[ModelOutput]:
        return [ModelOutput(to_quotations(doc, _find_all(doc))) for doc in docs]
