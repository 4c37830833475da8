"""A light fallback name finder, used only when the model found no entity mentions.

Persons: a known first name or a title ("Dr.", "Frau") or a singular role noun
("Außenministerin Rice") followed by capitalised words. Organisations: acronyms ("BGH",
"GdP"), names ending in a company word ("Northwest Airlines", "Siemens AG") and
organisation nouns with their genitive or name ("Gewerkschaft der Polizei",
"Staatsanwaltschaft Krefeld"). Every later bare use of a found surname is a mention too.
"""

from __future__ import annotations

import re
from functools import cache

from zitat.lang.de.lexicon import first_names, org_suffixes
from zitat.lang.de.punctuation import QUOTE_CLOSERS, QUOTE_OPENERS
from zitat.lang.de.words import (
    ARABIC_ARTICLES,
    COMPANY_NOUNS,
    FUNCTION_WORDS,
    NAME_CONNECTORS,
    NAME_PARTICLES,
    POSSESSIVES,
    PREPOSITION_PARTICLES,
    TITLES,
)
from zitat.schema import EntityMention
from zitat.speakers.roles import noun_info
from zitat.text.document import ParsedText
from zitat.text.tokenize import Token

ROMAN_NUMERALS = frozenset({"I", "II", "III", "IV", "V"})
NOT_ORGANISATIONS = frozenset(
    {"USA", "UdSSR", "BRD", "DDR", "UK", "GB", "US", "TV", "PC", "CD", "DVD", "NATO-"}
)
_ACRONYM = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜ]*[A-ZÄÖÜ]$")


def is_name_word(word: str) -> bool:
    """A capitalised word that is no function word, acronym or speaker noun; a first name
    that is also a month counts ("August Gächter"), and so does a surname after an Arabic
    article ("al-Mikhlafi")."""
    particle, _, rest = word.partition("-")
    if rest and particle in ARABIC_ARTICLES:
        word = rest
    return (
        word[:1].isupper()
        and word.replace("-", "").replace("'", "").isalpha()
        and (word not in FUNCTION_WORDS or word in first_names())
        and not word.isupper()
        and noun_info(word) is None
    )


def is_first_name(word: str) -> bool:
    """A known first name, also hyphenated ("Gerd-Jürgen")."""
    names = first_names()
    return word in names or ("-" in word and all(part in names for part in word.split("-")))


def opens_next_name(name_length: int, last_word: str, word: str) -> bool:
    """``word``, after a name of ``name_length`` words ending in ``last_word``, opens the next
    person's name: a first name after at least two words that end in a surname ("traf Angela
    Merkel Emmanuel Macron"); after another first name it is a middle name ("Hans Werner
    Sinn", "José Luis Rodríguez Zapatero")."""
    return name_length >= 2 and is_first_name(word) and not is_first_name(last_word)


@cache
def is_acronym(word: str) -> bool:
    return (
        2 <= len(word) <= 6 and bool(_ACRONYM.match(word)) and sum(c.isupper() for c in word) >= 2
    )


class _Finder:
    def __init__(self, doc: ParsedText) -> None:
        self.doc = doc
        self.tokens = doc.tokens
        self.found: list[EntityMention] = []
        self.taken: set[int] = set()
        self.capitalised = [i for i, t in enumerate(self.tokens) if t.text[:1].isupper()]
        """Indices of the capitalised tokens: every name starts with one."""

    def mention(self, first: int, last: int, label: str) -> None:
        start, end = self.tokens[first].start, self.tokens[last].end
        self.found.append(EntityMention(start, end, label, self.doc.text[start:end]))
        self.taken.update(range(first, last + 1))

    def name_run(self, i: int) -> int:
        """Index of the last token of the capitalised run starting at ``i`` (or i-1 if none)."""
        toks, last, j = self.tokens, i - 1, i
        while j < len(toks):
            tok = toks[j]
            if last == j - 1 and opens_next_name(j - i, toks[last].text, tok.text):
                break
            if is_name_word(tok.text) and tok.start >= (toks[j - 1].end if j > i else 0):
                last = j
                j += 1
            elif (  # initials: "Donald J. Trump"
                len(tok.text) == 1
                and tok.text.isupper()
                and j + 1 < len(toks)
                and toks[j + 1].text == "."
            ):
                j += 2
            elif (particles := self._particles(j)) and (
                # "Ursula von der Leyen", "Lula da Silva"; not "John Sifton von Human Rights"
                j == i + 1 or not any(p.text in PREPOSITION_PARTICLES for p in particles)
            ):
                j += len(particles)
            else:
                break
        return last

    def _particles(self, j: int) -> list[Token]:
        """One or two name particles at ``j`` followed by a name word ("von der Leyen")."""
        toks = self.tokens
        for width in (1, 2):
            run = toks[j : j + width]
            if (
                len(run) == width
                and all(t.text in NAME_PARTICLES for t in run)
                and j + width < len(toks)
                and is_name_word(toks[j + width].text)
            ):
                return run
        return []

    def persons(self) -> None:
        toks, resume = self.tokens, 0
        for i in self.capitalised:
            if i < resume:
                continue
            word = toks[i].text
            start = i
            if word in TITLES:
                start = i + 2 if i + 1 < len(toks) and toks[i + 1].text == "." else i + 1
                last = self.name_run(start)
            elif is_first_name(word):
                last = self.name_run(i)
                if last <= i:  # a first name alone ("Paul") is too weak
                    last = -1
            elif (
                (info := noun_info(word)) is not None
                and info.cls in ("role", "adjrole")
                and (i == 0 or toks[i - 1].text.lower() not in POSSESSIVES)
            ):  # "Außenministerin Rice"; not "ihre Mandantin Angst hatte"
                start, last = self._after_role(i)
            else:
                last = -1
            if last >= start:
                self.mention(start, last, "PER")
                resume = last + 1

    def _after_role(self, i: int) -> tuple[int, int]:
        """The name after the role noun at ``i``: "Außenministerin Rice", "Premierminister des
        Kosovos Hashim Thaçi", "Präsidentschaftskandidat der MDC, Morgan Tsvangirai"."""
        toks = self.tokens
        start = i + 1
        if (
            start + 1 < len(toks)
            and toks[start].text in ("des", "der")
            and toks[start + 1].text[:1].isupper()
            and noun_info(toks[start + 1].text) is None  # not "des Senders Sky News"
            and (toks[start + 1].text.endswith("s") or toks[start + 1].text.isupper())
        ):
            start += 2  # a genitive attribute, then the name
        comma = start < len(toks) and toks[start].text == ","
        start += comma
        last = self.name_run(start)
        if last == start and (comma or toks[start].text.endswith("s") or start > i + 1):
            return start, -1  # one word after a comma or a genitive is too weak: "Frankreichs"
        if last >= start and toks[last].text in org_suffixes():
            return start, -1  # "Reporter Sky News": a company
        return start, last

    def surnames(self) -> None:
        """Bare later (or earlier) uses of the last word of every person found."""
        surnames = {m.text.split()[-1] for m in self.found if m.label == "PER"}
        for i in self.capitalised:
            if i not in self.taken and self.tokens[i].text in surnames:
                self.mention(i, i, "PER")

    def organisations(self) -> None:
        """Company names first ("BBC News": not the acronym alone), then acronyms and nouns."""
        toks, suffixes = self.tokens, org_suffixes()
        for i in self.capitalised:
            if (
                toks[i].text in suffixes
                and i > 0
                and i not in self.taken
                and self._capitalised(i - 1)
            ):
                first = i - 1
                while first > 0 and self._capitalised(first - 1):
                    first -= 1
                self.mention(first, i, "ORG")
        for i in self.capitalised:
            if is_acronym(toks[i].text) and i not in self.taken:
                self._named_before_bracket(i)
        for i in self.capitalised:
            word = toks[i].text
            if i in self.taken:
                continue
            if is_acronym(word) and word not in NOT_ORGANISATIONS and not self._shouting(i):
                self.mention(i, i, "ORG")
            elif (info := noun_info(word)) is not None and info.cls in ("org", "medium"):
                first = i - 1 if i > 0 and self._place_adjective(i - 1) else i
                last = self._org_complement(i)
                if last == i + 1 and info.stem in COMPANY_NOUNS:
                    first = last  # "der Bezahlfernsehkonzern Sky", "die Firma Limbach": a name
                if last > i or first < i or self._bracketed_acronym(i):
                    self.mention(first, last, "ORG")

    def _named_before_bracket(self, i: int) -> None:
        """ "„People's Alliance for Democracy“ (PAD)", "Movement for Democratic Change (MDC)":
        the name an acronym in brackets stands for is an organisation too."""
        toks = self.tokens
        if not (1 < i < len(toks) - 1 and toks[i - 1].text == "(" and toks[i + 1].text == ")"):
            return
        first = last = i - 2
        if last in self.taken:
            return
        if toks[last].text in QUOTE_CLOSERS:
            opener = next(
                (
                    k
                    for k in range(last - 1, max(-1, last - 10), -1)
                    if toks[k].text in QUOTE_OPENERS
                ),
                None,
            )
            if opener is None or opener + 1 > last - 1:
                return
            first, last = opener + 1, last - 1
        else:
            if not self._capitalised(last):
                return
            while first > 0 and last - first < 6:
                if self._capitalised(first - 1):
                    first -= 1
                elif (
                    first > 1
                    and toks[first - 1].text in NAME_CONNECTORS
                    and self._capitalised(first - 2)
                ):
                    first -= 2
                else:
                    break
        if not any(k in self.taken for k in range(first, last + 1)):
            self.mention(first, last, "ORG")

    def _shouting(self, i: int) -> bool:
        """Inside a run of upper-case words ("DONALD TRUMP SAGTE"), caps mark no acronym."""
        toks = self.tokens
        return any(
            0 <= k < len(toks)
            and len(toks[k].text) > 1
            and toks[k].text.isalpha()
            and toks[k].text.isupper()
            for k in (i - 1, i + 1)
        )

    def _capitalised(self, i: int) -> bool:
        word = self.tokens[i].text
        return word[:1].isupper() and word not in FUNCTION_WORDS and i not in self.taken

    def _place_adjective(self, i: int) -> bool:
        """ "Berliner", "Deutsche" before an organisation noun (not at a sentence start)."""
        word = self.tokens[i].text
        sentence = self.doc.sentences[self.doc.sentence_of_token(i)]
        return (
            i != sentence.first_token
            and self._capitalised(i)
            and word.endswith(("er", "e", "en", "es"))
            and noun_info(word) is None
        )

    def _bracketed_acronym(self, i: int) -> bool:
        toks = self.tokens
        return (
            i + 3 < len(toks)
            and toks[i + 1].text == "("
            and is_acronym(toks[i + 2].text)
            and toks[i + 3].text == ")"
        )

    def _org_complement(self, i: int) -> int:
        """Last token of "Gewerkschaft der Polizei", "Staatsanwaltschaft München I",
        "Schutzvereinigung für Wertpapierbesitz" from the head."""
        toks, last = self.tokens, i
        while (
            last + 2 < len(toks)
            and toks[last + 1].text in ("der", "des", "für")
            and toks[last + 2].text[:1].isupper()
            and last - i < 4
        ):
            last += 2  # "Verband der Veteranen des Befreiungskriegs"
        if (
            last == i
            and i + 1 < len(toks)
            and is_name_word(toks[i + 1].text)
            and (i + 1) not in self.taken
        ):
            last = i + 1
        if last > i and last + 1 < len(toks) and toks[last + 1].text in ROMAN_NUMERALS:
            last += 1
        return last


def find_names(doc: ParsedText) -> list[EntityMention]:
    """Person and organisation mentions of ``doc``, in text order, never overlapping."""
    finder = _Finder(doc)
    finder.persons()
    finder.surnames()
    finder.organisations()
    return sorted(finder.found, key=lambda m: m.start)
