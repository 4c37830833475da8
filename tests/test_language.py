"""The language check: non-German articles are warned about or skipped; short ones are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from zitat.schema import Article
from zitat.text.language import (
    MIN_WORDS,
    LangCheck,
    checked_articles,
    foreign_language,
    language_filter,
)

ROOT = Path(__file__).resolve().parents[1]
GERMAN = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
ENGLISH = (
    "The city council approved the new cycling network on Tuesday evening. "
    '"This is a good day for everyone who rides to work," the mayor told reporters '
    "after the vote, adding that the first lanes would open next spring."
)
FRENCH = (
    "Le conseil municipal a approuvé mardi soir le nouveau réseau cyclable. "
    "« C'est une bonne journée pour tous ceux qui vont au travail à vélo », a déclaré "
    "le maire aux journalistes après le vote, en ajoutant que les premières pistes "
    "ouvriraient au printemps prochain."
)


@pytest.mark.parametrize(("text", "code"), [(ENGLISH, "en"), (FRENCH, "fr")])
def test_foreign_articles_are_recognised(text: str, code: str) -> None:
    language = foreign_language(text)
    assert language is not None and language.code == code and language.confidence >= 0.9


def test_german_and_short_texts_are_not_flagged() -> None:
    assert foreign_language(GERMAN) is None
    short = " ".join(ENGLISH.split()[: MIN_WORDS - 1])
    assert foreign_language(short) is None
    assert foreign_language(" ".join(ENGLISH.split()[: MIN_WORDS + 5])) is not None


@pytest.mark.parametrize(
    ("mode", "kept", "warned"),
    [
        (LangCheck.WARN, ["de", "en"], ["en"]),
        (LangCheck.SKIP, ["de"], ["en"]),
        (LangCheck.OFF, ["de", "en"], []),
    ],
)
def test_modes_warn_skip_or_do_nothing(mode: LangCheck, kept: list[str], warned: list[str]) -> None:
    warnings: list[str] = []
    articles = [Article(id="de", text=GERMAN), Article(id="en", text=ENGLISH)]
    admitted = checked_articles(articles, language_filter(mode, warnings.append))
    assert [a.id for a in admitted] == kept
    assert len(warnings) == len(warned)
    for warning, article_id in zip(warnings, warned, strict=True):
        assert f"article {article_id!r} looks English (en), not German" in warning
        assert warning.endswith("(skipped)") == (mode is LangCheck.SKIP)
