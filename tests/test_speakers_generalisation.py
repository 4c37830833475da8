"""Speaker kinds and references as Austrian news writes them (issue 15, 10kgnad), each rule
with the counter-examples it must not fire on."""

from __future__ import annotations

from speakers_support import enrich, quotation, speaker_names
from zitat.speakers.names import is_name_word


def test_month_first_names_and_arabic_articles_are_name_words() -> None:
    assert is_name_word("August") and is_name_word("al-Mikhlafi")
    assert not is_name_word("Montag") and not is_name_word("al-") and not is_name_word("alle")


def test_full_name_with_month_first_name_and_arabic_article() -> None:
    text = (
        "Die Spurensuche beginnt bei dem Arbeitsmarktexperten August Gächter. Die Lage sei "
        "gut, sagt Gächter. Als Grund nannte Außenminister Abdel-Malek al-Mikhlafi, man "
        "verhandle nicht."
    )
    qs = [
        quotation(text, "0", "Die Lage sei gut", "Gächter", nth=2),
        quotation(text, "1", "man verhandle nicht", "Außenminister Abdel-Malek al-Mikhlafi"),
    ]
    assert speaker_names(enrich(text, qs)) == [
        ("August Gächter", "person"),
        ("Abdel-Malek al-Mikhlafi", "person"),
    ]


def test_a_month_stays_no_person() -> None:
    text = "Im August sagte die Polizei, es gebe keine Spur."
    result = enrich(text, [quotation(text, "0", "es gebe keine Spur", "die Polizei")])
    assert speaker_names(result) == [("Polizei", "organisation")]
    assert all(e.name != "August" for e in result.entities)


def test_agent_nouns_of_the_lexicon_are_roles_and_their_plurals_groups() -> None:
    text = (
        "Das haben Brandermittler bestätigt, es sei eine Zigarette gewesen. Die Einigung "
        "komme bald, sagen Insider. Die Politik schade ihm, warnen Kommentatoren. Der "
        "norwegische Soziologe Marko Valenta hat die Diaspora untersucht. Es gebe eine "
        "Lehre, sagt Valenta."
    )
    qs = [
        quotation(text, "0", "es sei eine Zigarette gewesen", "Brandermittler"),
        quotation(text, "1", "Die Einigung komme bald", "Insider"),
        quotation(text, "2", "Die Politik schade ihm", "Kommentatoren"),
        quotation(text, "3", "Es gebe eine Lehre", "Valenta", nth=2),
    ]
    assert speaker_names(enrich(text, qs)) == [
        ("Brandermittler", "group"),
        ("Insider", "group"),
        ("Kommentatoren", "group"),
        ("Marko Valenta", "person"),
    ]
