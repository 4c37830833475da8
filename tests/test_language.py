"""The language check: non-German articles are warned about or skipped; short ones are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zitat.schema import Article
from zitat.text import language
from zitat.text.language import (
    MIN_CONFIDENCE,
    MIN_WORDS,
    LangCheck,
    checked_articles,
    foreign_language,
    language_filter,
    plainly_german,
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

DUTCH = (
    "De gemeenteraad heeft dinsdagavond het nieuwe fietsnetwerk goedgekeurd. "
    '"Dit is een goede dag voor iedereen die naar het werk fietst", zei de burgemeester '
    "na de stemming tegen journalisten. Volgens hem gaan de eerste fietspaden in het "
    "voorjaar open."
)
DANISH = (
    "Byrådet godkendte tirsdag aften det nye netværk af cykelstier. "
    '"Det er en god dag for alle, der cykler på arbejde", sagde borgmesteren til '
    "journalisterne efter afstemningen, og han tilføjede, at der vil være nye stier til "
    "foråret, og at de første åbner i maj."
)
ENGLISH_QUOTING_GERMAN = (
    "The city council approved the new cycling network on Tuesday evening, after a long "
    "debate about costs and parking. The mayor said the plan was overdue and quoted a German "
    'visitor who had told him: "Das ist nicht schlecht, aber es ist auch noch nicht genug." '
    "The first lanes would open next spring, and the council expects more riders by the end "
    "of the year."
)
"""English with a German quotation dense in German function words (7 of its 65 words)."""


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (ENGLISH, "en"),
        (FRENCH, "fr"),
        (DUTCH, "nl"),
        (DANISH, "da"),
        (ENGLISH_QUOTING_GERMAN, "en"),
    ],
)
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


@pytest.mark.parametrize("text", [ENGLISH, FRENCH, DUTCH, DANISH, ENGLISH_QUOTING_GERMAN])
def test_foreign_texts_are_never_plainly_german(text: str) -> None:
    assert not plainly_german(language._WORD_RE.findall(text))


def test_german_news_is_judged_without_the_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_identifier() -> None:
        raise AssertionError("py3langid was asked about plainly German text")

    monkeypatch.setattr(language, "_identifier", no_identifier)
    assert plainly_german(language._WORD_RE.findall(GERMAN))
    assert foreign_language(GERMAN) is None


def test_plainly_german_texts_are_german_to_the_identifier(shared_data: Path) -> None:
    """The shortcut changes no verdict: every train and dev text that it calls German, the
    identifier does not call foreign either (and it calls almost all of them German)."""
    paths = sorted((shared_data / "news_quotation_2024").glob("*/*.json"))
    if not paths:
        pytest.skip("news_quotation_2024 train/dev not found")
    plain = 0
    for path in paths:
        text = json.loads(path.read_text(encoding="utf-8"))["originalText"]
        words = language._WORD_RE.findall(text, 0, language._WINDOW)
        if len(words) >= MIN_WORDS and plainly_german(words):
            plain += 1
            code, confidence = language._identifier().classify(text[: language._WINDOW])
            assert code == "de" or confidence < MIN_CONFIDENCE, path.name
    assert plain >= 0.98 * len(paths)
