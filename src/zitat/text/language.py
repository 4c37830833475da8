"""Is an article German? zitat's models only know German news; other languages are warned
about or skipped.

The language is identified with py3langid (a naive Bayes model over byte n-grams that ships
inside the package; nothing is downloaded). Texts under :data:`MIN_WORDS` words are not
judged: on a headline or a sentence the guess is unreliable.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

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


def foreign_language(text: str) -> Language | None:
    """The language of ``text`` when it is surely not German; None when it is German, too
    short to judge (under :data:`MIN_WORDS` words) or the identifier is unsure."""
    if len(_WORD_RE.findall(text, 0, 20_000)) < MIN_WORDS:
        return None
    code, confidence = _identifier().classify(text[:20_000])
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
