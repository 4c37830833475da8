"""Is an article German? zitat's models only know German news; other languages are warned
about or skipped.

The language is identified with py3langid (a naive Bayes model over byte n-grams that ships
inside the package; nothing is downloaded). Texts under :data:`MIN_WORDS` words are not
judged: on a headline or a sentence the guess is unreliable. A text with many German and
few foreign function words (:func:`plainly_german`) is German without asking py3langid, so
a German news stream seldom loads its model (about 0.6 s per process).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from zitat.lang.de.words import GERMAN_MARKERS
from zitat.schema import Article

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

GERMAN = "de"
LANGUAGE_WARNING = "language"
"""The ``kind`` of the API's warning about a text that is not German."""
MIN_WORDS = 20
"""Shorter texts are not judged."""
MIN_CONFIDENCE = 0.9
"""A text is called non-German only when the identifier is at least this sure."""
FOREIGN_MARKERS = frozenset(
    "the and of to that for with on are be this by from his have said he she they we "
    "you has were been but which would their or its there when if can about what "
    "into than them our your "  # English
    "les et est une que pour dans pas qui avec ce il elle sont nous vous "  # French
    "las por con para se lo como más pero su "  # Spanish
    "gli della sono anche che non "  # Italian
    "het een niet dat op voor met zijn ook naar maar wordt heeft hij zij "  # Dutch
    "og och att är som til till på af av med det ikke inte jeg "  # Danish, Swedish
    "się że jest jak oraz przez não uma mais foi ao pelo pela "  # Polish, Portuguese
    "ve bir bu için ile olarak çok daha".split()  # Turkish
)
"""Frequent function words of the other languages that German text hardly uses (German
words such as *du*, *da*, *je*, *nie*, *per* or *worden* are left out)."""
FOREIGN_WEIGHT = 1.5
"""How much a foreign function word counts against a German one."""
MIN_MARKER_SHARE = 0.07
"""A text is German without asking the identifier when its :data:`GERMAN_MARKERS`, less
:data:`FOREIGN_WEIGHT` times its :data:`FOREIGN_MARKERS`, are at least this share of its
words. Of the 1,875 German news texts of news_quotation_2024 and 10kgnad (none of which
py3langid calls foreign) 1,866 pass; of 1,161 sentence-by-sentence English–German mixtures
that py3langid calls foreign none does (the highest share 0.024)."""
_WINDOW = 20_000
"""Characters judged: the start of a text says its language."""

_WORD_RE = re.compile(r"\w+")
_NAMES = {
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "tr": "Turkish",
    "ru": "Russian",
    "da": "Danish",
    "sv": "Swedish",
    "cs": "Czech",
}


class LangCheck(StrEnum):
    """What to do with an article that is not German."""

    WARN = "warn"
    SKIP = "skip"
    OFF = "off"


@dataclass(frozen=True)
class Language:
    code: str
    """ISO 639-1, e.g. ``en``."""
    confidence: float

    @property
    def name(self) -> str:
        return _NAMES.get(self.code, self.code)


@functools.cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def plainly_german(words: list[str]) -> bool:
    """Whether German function words outweigh foreign ones in ``words`` by at least
    :data:`MIN_MARKER_SHARE` (see there)."""
    lowered = [word.lower() for word in words]
    german = sum(word in GERMAN_MARKERS for word in lowered)
    foreign = sum(word in FOREIGN_MARKERS for word in lowered)
    return bool(words) and german - FOREIGN_WEIGHT * foreign >= MIN_MARKER_SHARE * len(words)


def foreign_language(text: str) -> Language | None:
    """The language of ``text`` when it is surely not German; None when it is German, too
    short to judge (under :data:`MIN_WORDS` words) or the identifier is unsure."""
    words = _WORD_RE.findall(text, 0, _WINDOW)
    if len(words) < MIN_WORDS or plainly_german(words):
        return None
    code, confidence = _identifier().classify(text[:_WINDOW])
    if code == GERMAN or confidence < MIN_CONFIDENCE:
        return None
    return Language(str(code), float(confidence))


def language_warning(article: Article) -> str | None:
    """A one-line warning when ``article`` is not German, else None."""
    language = foreign_language(article.text)
    if language is None:
        return None
    return (
        f"article {article.id!r} looks {language.name} ({language.code}), not German; "
        "zitat only analyses German text"
    )


ArticleFilter = Callable[[Article], bool]
"""Whether to analyse an article (False: leave it out)."""


def language_filter(mode: LangCheck, warn: Callable[[str], None]) -> ArticleFilter:
    """A filter passing each non-German article's warning to ``warn`` and, with
    :attr:`LangCheck.SKIP`, leaving it out; with :attr:`LangCheck.OFF` nothing is checked."""

    def admit(article: Article) -> bool:
        if mode is LangCheck.OFF or (warning := language_warning(article)) is None:
            return True
        warn(warning + (" (skipped)" if mode is LangCheck.SKIP else ""))
        return mode is not LangCheck.SKIP

    return admit


def checked_articles(articles: Iterable[Article], admit: ArticleFilter) -> Iterator[Article]:
    """The ``articles`` that ``admit`` lets through."""
    return (article for article in articles if admit(article))
