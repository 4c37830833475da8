"""The edges of a chosen speaker span, as the corpus marks them.

A candidate can come from a tagger run, the chunker or a rule, and its edges then differ
from the corpus convention in a few regular ways: a comma or colon at either end, a
relative pronoun before the phrase ("…, dem die Polizei"), the determiner left out before
an adjective ("Das isländische Fischereiministerium"), a hyphenated first part without the
rest of the coordination ("Kongress- und Verteidigungskreise"), the "Von" of a name that
opens the sentence ("Von der Leyen"), a determiner at the end ("des Senders das") or a
relative clause after the phrase ("Frank Sichau, der als Sprecher …"), or the addressee after
a personal pronoun or a name ("er der Süddeutschen Zeitung", "Jan Holzner der Welt"). And
the quote without its speaker and cue where a quote without marks ran into its frame.
"""

from __future__ import annotations

from collections.abc import Sequence

from zitat.lang.de.dates import WEEKDAYS
from zitat.lang.de.lexicon import speech_verbs
from zitat.lang.de.words import (
    ADVERBS,
    DATIVE_ARTICLES,
    DETERMINERS,
    LIST_COORDINATORS,
    PARTITIVES,
    PREPOSITIONS,
    PRONOUNS,
)
from zitat.quotations.speaker_candidates import Segment, trimmed
from zitat.speakers.holders import is_role_noun
from zitat.speakers.names import is_first_name, is_name_word
from zitat.speakers.roles import names_abstraction, noun_info

_EDGE_PUNCTUATION = frozenset(",;:–-")
_NAME_ARTICLES = frozenset({"der", "den"})
_RELATIVE_PRONOUNS = frozenset("der die das welcher welche welches".split())
_OBJECT_ARTICLES = frozenset({"die", "das", "den"})
"""Articles of an accusative object, which no name or description continues with."""
_OUTLET_WORDS = 4
"""Words of a phrase read for an outlet noun after a dative article."""


def _attribute_of_noun(words: Sequence[str], k: int) -> bool:
    """Whether ``words[k]`` is an adjective before a noun: "Albrecht Conze, der politische
    Direktor der UN-Mission" is an apposition, not a relative clause."""
    return (
        k + 1 < len(words)
        and words[k].replace("-", "").isalpha()  # "die nordrhein-westfälische Ministerin"
        and words[k].endswith(("e", "en"))
        and words[k + 1][:1].isupper()
    )


def addressee_after_name(words: Sequence[str], span: Segment) -> Segment | None:
    """The addressee a speaker span after a speech verb runs into: "sagte Staatsanwalt Jan
    Holzner der Welt am Sonntag" -> "der Welt am Sonntag"; None when there is none."""
    start, end = span
    verbs = speech_verbs().get(words[start - 1].lower(), ()) if start else ()
    if not any(not form.verb.reports for form in verbs):
        return None  # no verb of saying: "beschuldigte X der Vorbereitung" is a genitive
    k = next((k for k in range(start + 1, end - 1) if _dative_after_name(words, k, start)), None)
    return None if k is None else (k, end)


def _dative_after_name(words: Sequence[str], k: int, start: int) -> bool:
    """Whether a dative article at ``k`` follows a person's name and opens another phrase:
    "Staatsanwalt Jan Holzner der Welt am Sonntag", "Peter Huber dem Sender" ("Sprecher der
    Polizei" keeps the genitive of its role noun). A name alone ("sagte Habeck der
    Süddeutschen Zeitung") may be a plural noun the lexicon lacks ("sagten Angehörige der
    Opfer"), so after it "der" must open an outlet's name; "dem" is never a genitive."""
    name = words[k - 1]
    opens_phrase = words[k + 1][:1].isupper() or _attribute_of_noun(words, k + 1)
    if not (words[k].lower() in DATIVE_ARTICLES and opens_phrase and is_name_word(name)):
        return False
    if k - 1 > start:
        return is_first_name(words[k - 2]) or is_role_noun(words[k - 2])
    return words[k].lower() == "dem" or _names_an_outlet(words, k + 1)


def _names_an_outlet(words: Sequence[str], i: int) -> bool:
    """Whether the phrase from ``i`` (capitalised words and adjectives) holds an outlet noun:
    "Süddeutschen Zeitung", "Nachrichtenagentur AFP", "britischen Zeitung Guardian"."""
    for k in range(i, min(len(words), i + _OUTLET_WORDS)):
        info = noun_info(words[k])
        if info is not None and info.cls == "medium":
            return True
        if not words[k][:1].isupper() and not _attribute_of_noun(words, k):
            return False
    return False


def edges(
    words: Sequence[str], sentence_starts: frozenset[int], span: Segment
) -> tuple[Segment, Segment | None]:
    """``span`` with the corpus' edges, and the addressee cut off its end if there is one
    (see ``addressee_after_name``)."""
    start, end = span
    if words[start].lower() in PRONOUNS - {"ihr"}:
        return (start, start + 1), None  # a personal pronoun takes no attribute ("Ihr Anwalt")
    relative = next(
        (
            k
            for k in range(start + 1, end - 2)
            if words[k] == ","
            and words[k + 1].lower() in _RELATIVE_PRONOUNS
            and words[k + 2][:1].islower()
            and not _attribute_of_noun(words, k + 2)
        ),
        None,
    )
    if relative is not None:
        end = relative  # "Frank Sichau, der als Sprecher …": a relative clause is no name
    second = next(
        (
            k
            for k in range(start + 1, end - 1)
            if words[k] in _OBJECT_ARTICLES
            and words[k - 1][:1].isupper()
            and words[k - 1].lower() not in DETERMINERS
            and k - 1 not in sentence_starts  # "Ist das Prinzip …", "Worauf das Land …"
            and "," not in words[start:k]
        ),
        None,
    )
    if second is not None:
        # "das Innenministerium die Maßnahme", "der Wiener Zeitung die CIA": a second noun
        # phrase; 4 of the 3,315 gold speakers of train and dev go on so, after a comma or in
        # a list ("Sowohl … als auch das israelische Militär")
        end = second
    addressee = addressee_after_name(words, (start, end))
    if addressee is not None:
        end = addressee[0]
    while start < end - 1 and (
        words[start] in _EDGE_PUNCTUATION
        or words[start].lower() in ADVERBS
        or words[start].lower() in WEEKDAYS
    ):
        # "Mittwoch ein Sprecher der Bahn", "Zumindest Schmid": no gold speaker of train and
        # dev opens with a weekday, one of 3,304 with an adverb ("bisher")
        start += 1
    while end > start + 1 and (
        words[end - 1] in _EDGE_PUNCTUATION
        or words[end - 1].lower() in DETERMINERS
        or words[end - 1].lower() in PREPOSITIONS
    ):
        # "ein Reporter des Senders das", "Angaben aus Justizkreisen vom": no phrase ends in
        # a determiner or a preposition (none of the 3,304 gold speakers of train and dev)
        end -= 1
    if (
        end - start > 2
        and words[start].lower() in DETERMINERS - PARTITIVES
        and words[start + 1].lower() in DETERMINERS
    ):
        start += 1  # "dem die Polizei": a relative pronoun; not "Einer der Feuerwehrmänner"
    before = start - 1
    first = words[start]
    if (
        before >= 0
        and words[before].lower() in DETERMINERS
        and first[:1].islower()
        and first[:1].isalpha()
        and first.lower() not in DETERMINERS
    ):
        start = before  # "Das isländische Fischereiministerium"
    elif (
        before in sentence_starts
        and words[before] == "Von"
        and first.lower() in _NAME_ARTICLES
        and end - start > 1
        and is_name_word(words[start + 1])
        and not names_abstraction(words[start + 1])
    ):
        start = before  # "Von der Leyen" opening the sentence; not "Von der Opposition"
    if (
        words[end - 1].endswith("-")
        and end + 1 < len(words)
        and words[end].lower() in LIST_COORDINATORS
        and words[end + 1][:1].isupper()
    ):
        end += 2  # "Kongress- und Verteidigungskreise"
    return (start, end), addressee


def quote_without(
    words: Sequence[str], quote: Sequence[Segment], frame: Sequence[Segment]
) -> list[Segment]:
    """The ``quote`` of a quotation that is not Reported, without the words of its speaker
    and cue (``frame``): only a Reported quote holds them (of the gold quotations of other
    forms in the corpus' train and dev splits, none of 2,923 speakers and none of 2,449 cues
    overlaps its quote), so where they overlap the quote ran into its frame ("Angaben von
    n24 sind die Gruppen sehr mobil"). Empty when nothing is left: quoted words that are
    the speaker's name ("laut der Website „icelandreview.com“") are no quote."""
    taken = {i for s, e in frame for i in range(s, e)}
    tokens = [i for s, e in quote for i in range(s, e)]
    if not taken.intersection(tokens):
        return list(quote)
    runs: list[Segment] = []
    for i in tokens:
        if i in taken:
            continue
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    # "stellt, Roland Eichhorn, ein …": the commas go where frame words were taken out
    cut = [trimmed(words, (s, e), front=s - 1 in taken, back=e in taken) for s, e in runs]
    return [run for run in cut if run[0] < run[1]]
