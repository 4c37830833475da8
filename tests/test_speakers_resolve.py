"""Speaker resolution inside one article, on hand-written German examples."""

from __future__ import annotations

import pytest

from speakers_support import enrich, quotation, speaker_names, speakers_of
from zitat.schema import EntityKind, Gender, iter_role_spans


def test_pronoun_goes_to_the_last_fitting_speaker() -> None:
    text = (
        "Bundeskanzlerin Angela Merkel besuchte am Montag Paris. Sie sagte, die Gespräche "
        "seien gut gewesen. Präsident Emmanuel Macron lobte den Besuch. Er sagte, man sei "
        "sich einig. Sie fügte hinzu, man werde weiter reden."
    )
    qs = [
        quotation(text, "0", "die Gespräche seien gut gewesen", "Sie"),
        quotation(text, "1", "man sei sich einig", "Er"),
        quotation(text, "2", "man werde weiter reden", "Sie", nth=2),
    ]
    result = enrich(text, qs)
    assert speaker_names(result) == [
        ("Angela Merkel", "person"),
        ("Emmanuel Macron", "person"),
        ("Angela Merkel", "person"),
    ]
    merkel = result.quotations[0].speaker.entity  # type: ignore[union-attr]
    assert merkel is not None and merkel.gender is Gender.FEMALE
    assert merkel.role == "Bundeskanzlerin"


def test_surname_and_role_noun_resolve_to_the_full_name() -> None:
    text = (
        "Der GdP-Vorsitzende Konrad Freiberg kritisierte den Plan. Freiberg sagte, das sei "
        "ein Irrweg. Der GdP-Vorsitzende erklärte, man brauche mehr Personal."
    )
    qs = [
        quotation(text, "0", "das sei ein Irrweg", "Freiberg", nth=2),
        quotation(text, "1", "man brauche mehr Personal", "Der GdP-Vorsitzende", nth=2),
    ]
    assert speaker_names(enrich(text, qs)) == [("Konrad Freiberg", "person")] * 2


def test_anonymous_document_group_and_organisation_sources() -> None:
    text = (
        "Ein Sprecher des Ministeriums sagte, die Lage sei ernst. In einer Erklärung des "
        "Weißen Hauses hieß es, man prüfe alles. Experten warnten, es werde teuer. Nach "
        "Angaben der Polizei gab es drei Verletzte."
    )
    qs = [
        quotation(text, "0", "die Lage sei ernst", "Ein Sprecher des Ministeriums"),
        quotation(text, "1", "man prüfe alles", "einer Erklärung des Weißen Hauses"),
        quotation(text, "2", "es werde teuer", "Experten"),
        quotation(text, "3", "gab es drei Verletzte", "Angaben der Polizei"),
    ]
    names = speaker_names(enrich(text, qs))
    assert names == [
        ("Sprecher des Ministeriums (anonym)", "anonymous"),
        ("Erklärung des Weißen Hauses", "document"),
        ("Experten", "group"),
        ("Polizei", "organisation"),
    ]


def test_coordinated_speakers_form_a_group() -> None:
    text = "Anna Schmidt und Peter Müller erklärten, sie seien zufrieden."
    qs = [quotation(text, "0", "sie seien zufrieden", "Anna Schmidt und Peter Müller")]
    assert speaker_names(enrich(text, qs)) == [("Anna Schmidt und Peter Müller", "group")]


def test_apposition_names_the_speaker_and_keeps_the_role() -> None:
    text = "Sein Sondergesandter für Nordkorea, Stephen Biegun, sagte, es gebe Fortschritte."
    qs = [
        quotation(
            text, "0", "es gebe Fortschritte", "Sein Sondergesandter für Nordkorea, Stephen Biegun"
        )
    ]
    entity = enrich(text, qs).quotations[0].speaker.entity  # type: ignore[union-attr]
    assert entity is not None
    assert (entity.name, entity.kind) == ("Stephen Biegun", EntityKind.PERSON)
    assert entity.role is not None and "Sondergesandter" in entity.role


def test_unresolvable_speakers_stay_null_and_never_get_a_made_up_name() -> None:
    text = "Man sagt, es werde regnen. Es hieß, alles sei gut."
    qs = [
        quotation(text, "0", "es werde regnen", "Man"),
        quotation(text, "1", "alles sei gut", None),
    ]
    result = enrich(text, qs)
    assert speaker_names(result) == [None, None]
    assert all(e.kind != "person" for e in result.entities)


def test_nested_first_person_takes_the_outer_speaker() -> None:
    text = "Peter Müller sagte: „Ich habe gesagt, dass ich bleibe.“"
    outer = quotation(text, "0", "„Ich habe gesagt, dass ich bleibe.“", "Peter Müller")
    inner = quotation(text, "1", "dass ich bleibe", "Ich")
    inner.nested_in = "0"
    assert speaker_names(enrich(text, [inner, outer])) == [("Peter Müller", "person")] * 2


def test_all_caps_names_no_date_and_many_entities_do_not_crash() -> None:
    firsts = ["Anna", "Peter", "Maria", "Thomas", "Julia", "Stefan"]
    people = " ".join(
        f"Minister {firsts[i % 6]} K{chr(97 + i // 26 % 26)}{chr(97 + i % 26)}mann traf Gäste."
        for i in range(300)
    )
    text = f"{people} DONALD TRUMP SAGTE, ALLES SEI GUT. Er sagte, man komme wieder."
    qs = [
        quotation(text, "0", "ALLES SEI GUT", "DONALD TRUMP"),
        quotation(text, "1", "man komme wieder", "Er"),
    ]
    result = enrich(text, qs, date=None)
    assert len([e for e in result.entities if e.kind == "person"]) >= 300
    assert not [e for e in result.entities if e.name in ("SAGTE", "ALLES", "GUT")]
    trump = result.quotations[0].speaker.entity  # type: ignore[union-attr]
    assert trump is not None and trump.id == "per:donald-trump"
    for start, end in iter_role_spans(result):
        assert 0 <= start < end <= len(text)
    for entity in result.entities:
        for mention in entity.mentions:
            assert " ".join(text[s:e] for s, e in mention.spans) == mention.text
    assert result.quotations[0].when is None  # no date, no anchor: nothing invented


def test_the_issue_examples() -> None:
    text = (
        "Aus dem Präsidialamt hieß es, die Reise finde statt. Einem vertraulichen Bericht "
        "zufolge ist das Geld weg. Beide Seiten erklärten, sie seien bereit. Außenminister "
        "Mike Pompeo sagte, man rede weiter. Der US-Präsident sagte, er sei zufrieden."
    )
    qs = [
        quotation(text, "0", "die Reise finde statt", "Aus dem Präsidialamt"),
        quotation(text, "1", "ist das Geld weg", "Einem vertraulichen Bericht"),
        quotation(text, "2", "sie seien bereit", "Beide Seiten"),
        quotation(text, "3", "man rede weiter", "Außenminister Mike Pompeo"),
        quotation(text, "4", "er sei zufrieden", "Der US-Präsident"),
    ]
    assert speaker_names(enrich(text, qs)) == [
        ("Präsidialamt", "organisation"),
        ("vertraulichen Bericht", "document"),
        ("Beide Seiten", "group"),
        ("Mike Pompeo", "person"),
        ("US-Präsident (anonym)", "anonymous"),  # the article names no president
    ]


def test_role_stops_at_the_speech_verb_before_it() -> None:
    text = "„Wir bleiben hart“, sagte Innenministerin Nancy Faeser. Sie wolle weitermachen."
    qs = [
        quotation(text, "0", "„Wir bleiben hart“", "Innenministerin Nancy Faeser"),
        quotation(text, "1", "Sie wolle weitermachen.", "Innenministerin Nancy Faeser"),
    ]
    result = enrich(text, qs)
    roles = [q.speaker.entity.role for q in result.quotations]  # type: ignore[union-attr]
    assert roles == ["Innenministerin", "Innenministerin"]


@pytest.mark.parametrize(
    ("opening", "role"),
    [
        ("Am Montag besuchte", "Bundeskanzlerin"),
        ("Dort traf die scheidende", "scheidende Bundeskanzlerin"),
        ("Am Montag sprach die gewählte", "gewählte Bundeskanzlerin"),
        ("Heute sprach seine ehemalige", "ehemalige Bundeskanzlerin"),
    ],
    ids=["past-tense-verb", "participle", "adjective-in-te", "after-possessive"],
)
def test_a_role_takes_in_its_adjectives_but_not_a_verb(opening: str, role: str) -> None:
    text = f"{opening} Bundeskanzlerin Angela Merkel die Stadt. „Wir bleiben dran“, sagte sie."
    qs = [quotation(text, "0", "„Wir bleiben dran“", "sie")]
    entity = enrich(text, qs).quotations[0].speaker.entity  # type: ignore[union-attr]
    assert entity is not None and entity.name == "Angela Merkel"
    assert entity.role == role


def test_an_unnamed_resident_is_an_anonymous_source() -> None:
    text = "Eine Anwohnerin sagte, der Lärm sei unerträglich."
    result = enrich(text, [quotation(text, "0", "der Lärm sei unerträglich", "Eine Anwohnerin")])
    entity = result.quotations[0].speaker.entity  # type: ignore[union-attr]
    assert entity is not None
    assert (entity.kind, entity.gender, entity.role) == (
        EntityKind.ANONYMOUS,
        Gender.FEMALE,
        "Anwohnerin",
    )


def test_criticism_and_avowal_are_statements_of_their_owner() -> None:
    """ "nach Bekunden seines Arztes", "lautet ihre Kritik": the owner speaks; "nach
    Kritik" without one names nobody (it was the organisation "Kritik")."""
    text = (
        "Donald Trump ist nach Bekunden seines Arztes gesund. Die Reform wurde nach Kritik "
        "gestoppt. Es bleibe ruhig, sagt Melanie Berg. Nötig sei mehr Geld, lautet ihre Kritik."
    )
    names = speakers_of(
        text,
        ("gesund", "Bekunden seines Arztes"),
        ("gestoppt", "Kritik"),
        ("Nötig sei mehr Geld", "ihre Kritik"),
    )
    assert names[0] == ("Arzt (anonym)", "anonymous")
    assert names[1] is None
    assert names[2] == ("Melanie Berg", "person")


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        (
            "Biochemiker warnen, die Stoffe seien gefährlich.",
            "Biochemiker",
            ("Biochemiker", "group"),
        ),
        ("Der Däne sagte, er sei zufrieden.", "Der Däne", ("Däne (anonym)", "anonymous")),
        (
            "Die Tierschützer erklärten, das sei grausam.",
            "Die Tierschützer",
            ("Tierschützer", "group"),
        ),
        # counter-examples: the states "Schweden" and "Ungarn" are no Swedes or Hungarians
        ("Schweden erklärte, man sei bereit.", "Schweden", ("Schweden", "organisation")),
        ("Ungarn erklärte, man sei bereit.", "Ungarn", ("Ungarn", "organisation")),
    ],
)
def test_people_named_by_what_they_do_or_where_they_are_from(
    text: str, speaker: str, expected: tuple[str, str]
) -> None:
    """Role nouns of speaker_nouns.tsv: they were organisations ("Biochemiker", "der Däne")."""
    assert _one_speaker(text, text.split(", ", 1)[1].rstrip("."), speaker) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        (
            "Die Virologen des Bonner Universitätsklinikums erklärten, das Virus sei harmlos.",
            "Die Virologen des Bonner Universitätsklinikums",
            ("Virologen des Bonner Universitätsklinikums", "group"),
        ),
        (
            "Ein Sprecher der Landespolizeidirektion Tirol sagte, die Straße sei gesperrt.",
            "Ein Sprecher der Landespolizeidirektion Tirol",
            ("Sprecher der Landespolizeidirektion Tirol (anonym)", "anonymous"),
        ),
        # counter-example: the name after the genitive's noun is the role's person
        (
            "Die Präsidentin des Verbands Cinzia Franchini sagte, das sei falsch.",
            "Die Präsidentin des Verbands Cinzia Franchini",
            ("Cinzia Franchini", "person"),
        ),
    ],
)
def test_a_name_after_a_genitive_article_is_no_person_of_the_role(
    text: str, speaker: str, expected: tuple[str, str]
) -> None:
    """The words after "des", "der" or "am" name an organisation or a place, not the person
    the role noun describes (they were persons "Bonner Universitätsklinikums", "Supreme
    Court", "Landespolizeidirektion Tirol")."""
    assert _one_speaker(text, text.split(", ", 1)[1].rstrip("."), speaker) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "nth", "expected"),
    [
        (
            "Landeshauptmann Peter Kaiser (SPÖ) stellte das Budget vor. Der Landeshauptmann "
            "sagte, das sei ein guter Tag.",
            "Der Landeshauptmann",
            1,
            ("Peter Kaiser", "person"),
        ),
        (
            "Die Landeshauptfrau Johanna Mikl-Leitner trat vor die Presse. Die Landeshauptfrau "
            "erklärte, sie sei zufrieden.",
            "Die Landeshauptfrau",
            2,
            ("Johanna Mikl-Leitner", "person"),
        ),
        (
            "Die deutsche EU-Abgeordnete Julia Reda (Piraten) sagte, das sei falsch.",
            "Die deutsche EU-Abgeordnete Julia Reda (Piraten)",
            1,
            ("Julia Reda", "person"),
        ),
    ],
)
def test_austrian_governors_and_a_name_before_its_party(
    text: str, speaker: str, nth: int, expected: tuple[str, str]
) -> None:
    """ "Landeshauptmann" was no role noun at all (the organisation "Landeshauptmann"), and a
    party in brackets hid the name before it ("Julia Reda (Piraten)" was anonymous)."""
    assert _one_speaker(text, text.rsplit(", ", 1)[1].rstrip("."), speaker, nth) == expected


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "expected"),
    [
        (
            "In dem Antrag heißt es, die Stadt solle sparen.",
            "die Stadt solle sparen",
            "dem Antrag",
            ("Antrag", "document"),
        ),
        (
            "Der Gesetzentwurf sieht vor, dass die Stadt sparen solle.",
            "dass die Stadt sparen solle",
            "Der Gesetzentwurf",
            ("Gesetzentwurf", "document"),
        ),
        # a document named in the genitive is named in the nominative
        (
            "Nach Angaben eines Gutachtens sei die Lage ernst.",
            "sei die Lage ernst",
            "Angaben eines Gutachtens",
            ("Gutachten", "document"),
        ),
    ],
)
def test_motions_and_drafts_are_documents(
    text: str, quote: str, speaker: str, expected: tuple[str, str]
) -> None:
    """They were organisations ("Antrag", "Gesetzentwurf") or kept the genitive."""
    assert _one_speaker(text, quote, speaker) == expected


def _one_speaker(text: str, quote: str, speaker: str, nth: int = 1) -> tuple[str, str] | None:
    """The speaker entity of the one quotation ``quote`` of ``text`` said by ``speaker``
    (its ``nth`` occurrence)."""
    (found,) = speaker_names(enrich(text, [quotation(text, "0", quote, speaker, nth=nth)]))
    return found
