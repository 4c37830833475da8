"""Pronoun resolution against the Potsdam Commentary Corpus (PCC 2.0) coreference layer.

PCC is MMAX2 XML: ``coreference/basedata/<doc>_words.xml`` holds the words,
``coreference/markables/<doc>_sentence_level.xml`` the sentences and
``<doc>_primmark_level.xml`` the noun phrases, each anaphor pointing to its antecedent
(``anaphor_antecedent``). Some markable files are Latin-1. The text is rebuilt from the
words (one space between words, a blank line between sentences), so that every markable is
a character span of it.

The score: of the third-person pronouns (``np_form`` ``pper`` or ``ppos``) whose chain of
antecedents holds a mention the resolver knows (an entity mention of the name finder, or a
role description), the share for which the resolver's antecedent choice
(:meth:`zitat.speakers.candidates.Antecedents.antecedent`, as for a pronoun speaker) is an
entity of that chain. No quotations are read, so earlier speakers weigh nothing here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from zitat.errors import InputError
from zitat.lang.de.words import POSSESSIVE_GENDER
from zitat.schema import AnalysisResult, Article
from zitat.speakers.article import ArticleEntities
from zitat.speakers.candidates import Antecedents
from zitat.speakers.entities import EntitiesEnricher
from zitat.speakers.gender import pronoun_gender
from zitat.text.document import ParsedText
from zitat.text.encoding import decode_bytes

PRONOUN_FORMS = frozenset({"pper", "ppos"})
"""PCC's ``np_form`` of personal and possessive pronouns."""
_NO_ANTECEDENT = "empty"


@dataclass(frozen=True, slots=True)
class Markable:
    start: int
    end: int
    form: str
    antecedent: str


@dataclass(frozen=True, slots=True)
class PccDocument:
    name: str
    text: str
    markables: dict[str, Markable]

    def chain(self, markable: str) -> list[Markable]:
        """The markables ``markable`` refers back to, nearest first."""
        seen = [markable]
        found = []
        current = self.markables[markable].antecedent
        while current in self.markables and current not in seen:
            seen.append(current)
            found.append(self.markables[current])
            current = self.markables[current].antecedent
        return found


@dataclass(frozen=True, slots=True)
class PronounScore:
    pronouns: int
    """Third-person pronouns with an antecedent in the text."""
    resolvable: int
    """Of them, those whose chain holds a mention the resolver knows."""
    right: int

    @property
    def accuracy(self) -> float:
        return self.right / self.resolvable if self.resolvable else 0.0


def _xml(path: Path) -> ElementTree.Element:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc})") from exc
    text = re.sub(
        r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|\sxmlns=\"[^\"]*\"", "", decode_bytes(raw, str(path))
    )
    try:
        return ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise InputError(f"{path}: not MMAX2 XML ({exc})") from exc


def _words_of(span: str, index: dict[str, int]) -> list[int]:
    """Word positions of an MMAX2 span such as ``word_3..word_5,word_9``."""
    words: list[int] = []
    for part in span.split(","):
        first, _, last = part.partition("..")
        words += range(index[first], index[last or first] + 1)
    return words


def read_documents(folder: Path) -> Iterator[PccDocument]:
    """The documents of PCC's ``coreference`` folder, in name order."""
    basedata = folder / "basedata"
    if not basedata.is_dir():
        raise InputError(f"{folder}: no PCC coreference folder (basedata/ missing)")
    for words_file in sorted(basedata.glob("*_words.xml")):
        name = words_file.name.removesuffix("_words.xml")
        markables = folder / "markables"
        ids = [(w.get("id", ""), w.text or "") for w in _xml(words_file).iter("word")]
        index = {word_id: k for k, (word_id, _) in enumerate(ids)}
        sentence_starts = {
            min(_words_of(m.get("span", ""), index))
            for m in _xml(markables / f"{name}_sentence_level.xml").iter("markable")
        }
        starts, pieces, position = [], [], 0
        for k, (_, word) in enumerate(ids):
            if k:
                gap = "\n\n" if k in sentence_starts else " "
                pieces.append(gap)
                position += len(gap)
            starts.append(position)
            pieces.append(word)
            position += len(word)
        found = {}
        for m in _xml(markables / f"{name}_primmark_level.xml").iter("markable"):
            words = _words_of(m.get("span", ""), index)
            found[m.get("id", "")] = Markable(
                starts[words[0]],
                starts[words[-1]] + len(ids[words[-1]][1]),
                m.get("np_form", ""),
                m.get("anaphor_antecedent", _NO_ANTECEDENT),
            )
        yield PccDocument(name, "".join(pieces), found)


def score_pronouns(documents: Iterator[PccDocument]) -> PronounScore:
    """How often the resolver's antecedent of a third-person pronoun is in its PCC chain."""
    pronouns = resolvable = right = 0
    for document in documents:
        parsed = ParsedText.from_text(document.text)
        result = EntitiesEnricher()(
            AnalysisResult(Article(document.name, document.text), []), parsed
        )
        antecedents = Antecedents(ArticleEntities(result, parsed))
        for markable_id, markable in document.markables.items():
            word = document.text[markable.start : markable.end].lower()
            possessive = markable.form == "ppos" and word in POSSESSIVE_GENDER
            gender = pronoun_gender(word) if markable.form == "pper" else None
            earlier = [m for m in document.chain(markable_id) if m.start < markable.start]
            if not (possessive or gender) or not earlier:
                continue
            pronouns += 1
            in_chain = {
                c.ref.id
                for c in antecedents.candidates(markable.start)
                if any(m.start <= c.position < m.end for m in earlier)
            }
            if not in_chain:
                continue
            resolvable += 1
            chosen = (  # as the resolver reads a pronoun or possessive speaker
                antecedents.of_possessive(markable.start, word)
                if gender is None
                else antecedents.of_pronoun(markable.start, word, gender)
            )
            right += chosen is not None and chosen.id in in_chain
    return PronounScore(pronouns, resolvable, right)
