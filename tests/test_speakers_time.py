"""Time anchoring against the article date."""

from __future__ import annotations

import pytest

from speakers_support import enrich, quotation
from zitat.speakers.time import find_times

# 2024-03-13 is a Wednesday.
TODAY = "2024-03-13"


def resolve(text: str, date: str | None = TODAY) -> tuple[str | None, str | None, str | None]:
    (found,) = find_times(text, date)
    return found.date, found.range_start, found.range_end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er sagte am Sonntag, es regne.", ("2024-03-10", None, None)),
        ("Am Mittwoch sagte sie das.", ("2024-03-13", None, None)),
        ("Am vergangenen Mittwoch sagte sie das.", ("2024-03-06", None, None)),
        ("Die Wahl findet am Sonntag statt.", ("2024-03-17", None, None)),
        ("Das Treffen ist für Freitag geplant.", ("2024-03-15", None, None)),
        ("Er sagte gestern Abend, es regne.", ("2024-03-12", None, None)),
        ("Am gestrigen Dienstag sprach sie.", ("2024-03-12", None, None)),
        ("Das war vergangene Woche.", (None, "2024-03-04", "2024-03-10")),
        ("Er sprach im Januar darüber.", (None, "2024-01-01", "2024-01-31")),
        ("Er sprach im Mai darüber.", (None, "2023-05-01", "2023-05-31")),
        ("Sie sprach vor wenigen Tagen darüber.", (None, "2024-03-06", "2024-03-12")),
        ("Sie sprach vor zwei Wochen darüber.", ("2024-02-28", None, None)),
        ("Das sagte er 2018.", (None, "2018-01-01", "2018-12-31")),
        ("Das galt von 2001 bis 2005.", (None, "2001-01-01", "2005-12-31")),
        ("Am Montag, den 24. Januar 2005, sagte er das.", ("2005-01-24", None, None)),
        ("Das war am 11. Septembers 2001 klar.", ("2001-09-11", None, None)),
        ("Er will im ersten Quartal 2025 starten.", (None, "2025-01-01", "2025-03-31")),
        ("Das war Ende Februar.", (None, "2024-02-21", "2024-02-29")),
    ],
)
def test_expressions_resolve_against_the_article_date(
    text: str, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert resolve(text) == expected


def test_nach_dem_letzten_gipfel_is_kept_but_unresolved() -> None:
    assert resolve("Nach dem letzten Gipfel sagte er das.") == (None, None, None)


def test_impossible_dates_stay_unresolved() -> None:
    assert resolve("Das war vor 5000 Jahren.") == (None, None, None)
    assert resolve("Das war vor 99999999 Tagen.") == (None, None, None)
    assert resolve("Am 31. Februar sagte er das.") == (None, None, None)


def test_without_article_date_relative_expressions_keep_their_text_only() -> None:
    (found,) = find_times("Er sagte gestern, es regne.", None)
    assert found.text == "gestern" and not found.resolved
    assert resolve("Am 3. Mai 2004 sagte er das.", None) == ("2004-05-03", None, None)


def test_quotation_takes_the_time_of_its_own_sentence_not_of_the_quote() -> None:
    text = "Am Montag sagte Peter Müller, am Sonntag sei alles gut gewesen. Er lachte."
    q = quotation(text, "0", "am Sonntag sei alles gut gewesen", "Peter Müller")
    q.cue = q.speaker
    (result,) = enrich(text, [q]).quotations
    assert result.when is not None
    assert (result.when.text, result.when.date) == ("Am Montag", "2024-03-11")
    start, end = result.when.spans[0]
    assert text[start:end] == "Am Montag"


def test_quotation_without_anchor_gets_the_article_date_marked_as_such() -> None:
    text = "Peter Müller sagte, alles sei gut."
    (result,) = enrich(text, [quotation(text, "0", "alles sei gut", "Peter Müller")]).quotations
    assert result.when is not None
    assert (result.when.date, result.when.from_article_date) == (TODAY, True)
    assert result.when.spans == ()
