"""The fallback name finder and the lexicon behind it."""

from __future__ import annotations

from zitat.schema import Gender
from zitat.speakers.gender import name_gender, pronoun_gender, role_gender
from zitat.speakers.names import find_names
from zitat.speakers.roles import noun_info
from zitat.text.document import ParsedText


def names(text: str) -> list[tuple[str, str]]:
    found = find_names(ParsedText.from_text(text))
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.label) for m in found]


def test_persons_from_first_names_titles_and_role_nouns() -> None:
    assert names("Gestern traf Angela Merkel den Gast.") == [("Angela Merkel", "PER")]
    assert names("Dann sprach Dr. Kowalczyk lange.") == [("Kowalczyk", "PER")]
    assert names("Außenministerin Baerbock reiste ab. Baerbock sagte nichts.") == [
        ("Baerbock", "PER"),
        ("Baerbock", "PER"),
    ]
    assert names("Dann sprach Ursula von der Leyen.") == [("Ursula von der Leyen", "PER")]


def test_a_first_name_after_a_surname_opens_the_next_person() -> None:
    assert names("Gestern traf Angela Merkel Emmanuel Macron.") == [
        ("Angela Merkel", "PER"),
        ("Emmanuel Macron", "PER"),
    ]
    # counter-examples: middle names and double surnames stay one name
    assert names("Dann sprach Hans Werner Sinn.") == [("Hans Werner Sinn", "PER")]
    assert names("Dann sprach José Luis Rodríguez Zapatero.") == [
        ("José Luis Rodríguez Zapatero", "PER")
    ]
    assert names("Dann sprach Andrés Manuel López Obrador.") == [
        ("Andrés Manuel López Obrador", "PER")
    ]


def test_genitives_and_common_nouns_after_roles_are_no_names() -> None:
    assert names("Der Innenminister Frankreichs sprach.") == []
    assert names("Sie sagte, ihre Mandantin Angst hatte.") == []


def test_organisations_from_suffixes_acronyms_and_organisation_nouns() -> None:
    found = names(
        "Die Siemens AG und die Gewerkschaft der Polizei (GdP) stritten mit der "
        "Staatsanwaltschaft München I über „People's Alliance for Democracy“ (PAD)."
    )
    assert ("Siemens AG", "ORG") in found
    assert ("Gewerkschaft der Polizei", "ORG") in found
    assert ("GdP", "ORG") in found
    assert ("Staatsanwaltschaft München I", "ORG") in found
    assert ("People's Alliance for Democracy", "ORG") in found


def test_shouted_words_are_no_acronyms() -> None:
    assert names("DAS IST ALLES FALSCH, sagte die NATO.") == [("NATO", "ORG")]


def test_noun_analysis_covers_compounds_inflection_and_gender() -> None:
    minister = noun_info("Außenministerin")
    assert minister is not None and minister.cls == "role" and minister.gender is Gender.FEMALE
    assert noun_info("Polizeisprechers") is not None
    assert (
        noun_info("Medienberichten") is not None and noun_info("Medienberichten").cls == "document"
    )  # type: ignore[union-attr]
    assert noun_info("Samt") is None  # no "Amt" inside
    assert noun_info("Banke") is None  # a surname, not "Bank"
    assert role_gender(["Sprecherin"]) is Gender.FEMALE
    assert role_gender(["Mitglied"]) is Gender.UNKNOWN
    assert pronoun_gender("Er") is Gender.MALE and pronoun_gender("Haus") is None
    assert name_gender(["Frau", "Kowalczyk"]) is Gender.FEMALE
    assert name_gender(["Andrea", "Rossi"]) is Gender.UNKNOWN  # given to both
