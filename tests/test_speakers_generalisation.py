"""Speaker kinds and references as Austrian news writes them (issue 15, 10kgnad), each rule
with the counter-examples it must not fire on."""

from __future__ import annotations

import dataclasses

from speakers_support import enrich, quotation, span_of, speaker_names, speakers_of
from zitat.schema import EntityMention, Quotation, Role
from zitat.speakers.entities import build_entities
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
    assert speakers_of(
        text,
        ("Die Lage sei gut", "Gächter", 2),
        ("man verhandle nicht", "Außenminister Abdel-Malek al-Mikhlafi"),
    ) == [
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
    assert speakers_of(
        text,
        ("es sei eine Zigarette gewesen", "Brandermittler"),
        ("Die Einigung komme bald", "Insider"),
        ("Die Politik schade ihm", "Kommentatoren"),
        ("Es gebe eine Lehre", "Valenta", 2),
    ) == [
        ("Brandermittler", "group"),
        ("Insider", "group"),
        ("Kommentatoren", "group"),
        ("Marko Valenta", "person"),
    ]


def test_plural_organisation_nouns_are_groups() -> None:
    text = (
        "Es seien Schüsse gefallen, teilten die russischen Behörden mit. Die Polizei sagte, "
        "es gebe Verletzte. Die Parteien erklärten, man rede weiter."
    )
    assert speakers_of(
        text,
        ("Es seien Schüsse gefallen", "die russischen Behörden"),
        ("es gebe Verletzte", "Die Polizei"),
        ("man rede weiter", "Die Parteien"),
    ) == [
        ("russischen Behörden", "group"),
        ("Polizei", "organisation"),
        ("Parteien", "group"),
    ]


def test_a_definite_role_noun_after_a_quoted_person_is_that_person() -> None:
    text = (
        "Die Chancen steigen, sagt der norwegische Soziologe Marko Valenta. Der Forscher "
        "meint, es brauche Zeit. Bürgermeister Johannes Ebner sagte, man helfe. Die "
        "Lage sei ernst, meinte der Sprecher. Die Schule sei voll, sagte der Direktor der "
        "Waldorfschule."
    )
    assert speakers_of(
        text,
        ("Die Chancen steigen", "der norwegische Soziologe Marko Valenta"),
        ("es brauche Zeit", "Der Forscher"),
        ("man helfe", "Bürgermeister Johannes Ebner"),
        ("Die Lage sei ernst", "der Sprecher"),
        ("Die Schule sei voll", "der Direktor der Waldorfschule"),
    ) == [
        ("Marko Valenta", "person"),
        ("Marko Valenta", "person"),
        ("Johannes Ebner", "person"),
        ("Sprecher (anonym)", "anonymous"),  # a spokesperson speaks for someone else
        ("Direktor der Waldorfschule (anonym)", "anonymous"),  # a role of its own
    ]


def test_a_role_noun_after_a_quoted_person_of_another_gender_is_someone_new() -> None:
    text = "Man helfe, sagte Bürgermeisterin Anna Berger. Der Forscher meinte, es dauere."
    assert speakers_of(
        text, ("Man helfe", "Bürgermeisterin Anna Berger"), ("es dauere", "Der Forscher")
    )[1] == ("Forscher (anonym)", "anonymous")


def test_a_relative_clause_is_cut_from_the_speaker_but_not_an_apposition() -> None:
    text = (
        "Der Angeklagte Johann Mantler schwieg. Das sei keine Untreue, sagte Anwalt Herbert "
        "Eichenseder, der den Angeklagten Mantler vertritt. Man prüfe alles, sagte Gülsen "
        "Celebi, die Anwältin der Frau."
    )
    assert speakers_of(
        text,
        (
            "Das sei keine Untreue",
            "Anwalt Herbert Eichenseder, der den Angeklagten Mantler vertritt",
        ),
        ("Man prüfe alles", "Gülsen Celebi, die Anwältin der Frau"),
    ) == [
        ("Herbert Eichenseder", "person"),
        ("Gülsen Celebi", "person"),
    ]


def test_a_definite_document_and_demnach_take_the_document_named_with_its_subject() -> None:
    text = (
        "Das Sozialministerium hat die lange gehaltene Studie über die Öffnung für "
        "Asylsuchende publiziert. Demnach würde die Arbeitslosigkeit steigen. Der Minister "
        "schwieg. Die Studie rechnet mit 33.000 Anträgen, heißt es. Ein Bericht sagt, es "
        "werde teuer."
    )
    assert speakers_of(
        text,
        ("würde die Arbeitslosigkeit steigen", "Demnach"),
        ("rechnet mit 33.000 Anträgen", "Die Studie"),
        ("es werde teuer", "Ein Bericht"),
    ) == [
        ("Studie über die Öffnung für Asylsuchende", "document"),
        ("Studie über die Öffnung für Asylsuchende", "document"),
        ("Bericht", "document"),  # another document
    ]


def test_demnach_without_a_document_nearby_keeps_its_antecedent() -> None:
    text = (
        "Die Studie über die Öffnung wurde publiziert. Der Minister schwieg lange. Am "
        "Montag sprach die Polizei mit Journalisten. Demnach gebe es keine Spur."
    )
    assert speakers_of(text, ("gebe es keine Spur", "Demnach")) != [
        ("Studie über die Öffnung", "document"),
    ]
    text = "Die Polizei ermittelt. Die Studie sei falsch, hieß es."
    result = enrich(text, [quotation(text, "0", "sei falsch", "Die Studie")])
    assert speaker_names(result) == [("Studie", "document")]  # no subject named before


def test_the_office_of_a_person_is_an_organisation_named_after_the_person() -> None:
    text = (
        "Die Sängerin Nichelle Nichols hatte einen Schlaganfall. Es gehe ihr gut, teilte "
        "ihr Management mit. Im Büro von SPÖ-Verhandler Josef Ostermayer hieß es, man "
        "verhandle. Das Büro sagte, es gebe Termine."
    )
    assert speakers_of(
        text,
        ("Es gehe ihr gut", "ihr Management"),
        ("man verhandle", "Büro von SPÖ-Verhandler Josef Ostermayer"),
        ("es gebe Termine", "Das Büro"),
    ) == [
        ("Management von Nichelle Nichols", "organisation"),
        ("Büro von Josef Ostermayer", "organisation"),
        ("Büro", "organisation"),  # no owner named: the office itself
    ]


def test_one_name_word_right_after_a_role_noun_is_a_person() -> None:
    text = (
        "Außenminister Abdel-Malek al-Mikhlafi kam nicht. Man verhandle nicht, schrieb "
        "Außenminister Abdel-Malek. Es gebe Gespräche, sagte ein Vertreter Kaliforniens."
    )
    assert speakers_of(
        text,
        ("Man verhandle nicht", "Außenminister Abdel-Malek", 2),
        ("Es gebe Gespräche", "ein Vertreter Kaliforniens"),
    ) == [
        ("Abdel-Malek al-Mikhlafi", "person"),
        ("Vertreter Kaliforniens (anonym)", "anonymous"),
    ]


def test_a_modified_office_after_a_quoted_person_is_someone_new() -> None:
    text = (
        "Senator John McCain sagte, es gebe Fragen. Der amerikanische Präsident sagte, "
        "man foltere nicht."
    )
    assert speakers_of(
        text,
        ("es gebe Fragen", "Senator John McCain"),
        ("man foltere nicht", "Der amerikanische Präsident"),
    )[1] == (
        "amerikanische Präsident (anonym)",
        "anonymous",
    )


def test_a_state_that_is_also_a_first_name_speaks_as_an_organisation() -> None:
    text = "China wirft den Diplomaten vor, Pässe zu fälschen."
    result = enrich(text, [quotation(text, "0", "Pässe zu fälschen", "China")])
    assert speaker_names(result) == [("China", "organisation")]


def test_a_surname_the_tagger_took_for_an_organisation_joins_the_person() -> None:
    text = "Christoph Leitl lobte den Plan. Leitl sprach von einem Meilenstein. Die ÖBB schwieg."
    mentions = [
        EntityMention(0, 15, "PER", "Christoph Leitl"),
        EntityMention(32, 37, "ORG", "Leitl"),
        EntityMention(70, 73, "ORG", "ÖBB"),
    ]
    entities = {e.name: e.kind for e in build_entities(mentions, text)}
    assert entities == {"Christoph Leitl": "person", "ÖBB": "organisation"}
    # a surname taken for a place ("Jagland"), but not a state named like one
    text = "Thorbjørn Jagland kam. Jagland: Absolut. Georgia Island schwieg. Island zahlt."
    mentions = [
        EntityMention(0, 17, "PER", "Thorbjørn Jagland"),
        EntityMention(23, 30, "LOC", "Jagland"),
        EntityMention(41, 55, "PER", "Georgia Island"),
        EntityMention(65, 71, "LOC", "Island"),
    ]
    entities = {e.name: e.kind for e in build_entities(mentions, text)}
    assert entities["Thorbjørn Jagland"] == "person" and "Jagland" not in entities
    assert entities["Island"] == "location"


def test_classifier_before_an_acronym_goes_and_a_compound_keeps_its_own_name() -> None:
    text = (
        "Das Ministerium schwieg. Laut Industriestaatenorganisation OECD sinkt die Quote. "
        "Das Innenministerium sagte, man prüfe. Die Staatsanwaltschaft Krefeld sagte, es "
        "gebe eine Spur."
    )
    assert speakers_of(
        text,
        ("sinkt die Quote", "Industriestaatenorganisation OECD"),
        ("man prüfe", "Das Innenministerium"),
        ("es gebe eine Spur", "Die Staatsanwaltschaft Krefeld"),
    ) == [
        ("OECD", "organisation"),
        ("Innenministerium", "organisation"),  # not the "Ministerium" named before
        ("Staatsanwaltschaft Krefeld", "organisation"),
    ]


def test_a_company_noun_refers_back_to_the_company_named_before() -> None:
    text = (
        "Die Volkswagen AG baut Stellen ab. Das sei nötig, teilte das Unternehmen mit. "
        "Nach Unternehmensangaben sind 3000 Stellen betroffen. Nach Polizeiangaben blieb es "
        "ruhig."
    )
    assert speakers_of(
        text,
        ("Das sei nötig", "das Unternehmen"),
        ("sind 3000 Stellen betroffen", "Unternehmensangaben"),
        ("blieb es ruhig", "Polizeiangaben"),
    ) == [
        ("Volkswagen AG", "organisation"),
        ("Volkswagen AG", "organisation"),
        ("Polizei", "organisation"),  # no police named before: the description
    ]


def test_organisations_named_after_their_class_noun_are_a_group_quoted_again() -> None:
    text = (
        "Die Verluste seien hoch, teilten die Gläubigerschutzverbände Creditreform und AKV "
        "Europa mit. Die Firma sei überschuldet, so die Verbände. Experten aus Deutschland "
        "und Frankreich sagten, das sei normal."
    )
    assert speakers_of(
        text,
        ("Die Verluste seien hoch", "die Gläubigerschutzverbände Creditreform und AKV Europa"),
        ("Die Firma sei überschuldet", "die Verbände"),
        ("das sei normal", "Experten aus Deutschland und Frankreich"),
    ) == [
        ("Creditreform und AKV Europa", "group"),
        ("Creditreform und AKV Europa", "group"),
        ("Experten aus Deutschland und Frankreich", "group"),  # no names of members
    ]


def test_a_bare_organisation_noun_means_the_compound_the_text_used_before() -> None:
    text = (
        "Das Sozialministerium hat die Studie publiziert. Die Lage sei ernst, erklärte das "
        "Ministerium. Die Gerichte seien überlastet, sagte das Gericht."
    )
    assert speakers_of(
        text,
        ("Die Lage sei ernst", "das Ministerium"),
        ("Die Gerichte seien überlastet", "das Gericht"),
    ) == [
        ("Sozialministerium", "organisation"),
        ("Gericht", "organisation"),  # no court named before: the description
    ]


def test_a_company_noun_without_a_company_before_stays_a_description() -> None:
    text = "Die Polizei Krefeld ermittelt. Das sei nötig, teilte das Unternehmen mit."
    assert speakers_of(text, ("Das sei nötig", "das Unternehmen")) == [
        ("Unternehmen", "organisation")
    ]


def test_the_spokesperson_of_a_named_person_is_anonymous_and_stays_the_same_source() -> None:
    text = (
        "Das sei falsch, sagte ein Sprecher der zuständigen Landesrätin Martina Berthold "
        "(Grüne). Man prüfe alles, erklärte der Sprecher. Der Sprecher der Landesrätin "
        "sagte, es gebe Termine. Das sei gut, sagte die Präsidentin des Verbands Cinzia "
        "Franchini."
    )
    described = ("Sprecher der zuständigen Landesrätin Martina Berthold (anonym)", "anonymous")
    assert speakers_of(
        text,
        ("Das sei falsch", "ein Sprecher der zuständigen Landesrätin Martina Berthold (Grüne)"),
        ("Man prüfe alles", "der Sprecher"),
        ("es gebe Termine", "Der Sprecher der Landesrätin"),
        ("Das sei gut", "die Präsidentin des Verbands Cinzia Franchini"),
    ) == [
        described,
        described,
        described,
        ("Cinzia Franchini", "person"),  # the person follows the organisation, not a role
    ]


def test_a_later_role_noun_is_not_an_earlier_anonymous_source_of_another_role() -> None:
    text = (
        "Das sei falsch, sagte ein Sprecher der Polizei. Der Sprecher der Feuerwehr sagte, "
        "es brenne. Ein Arzt sagte, es gebe Verletzte. Der Sprecher sagte, man helfe."
    )
    assert speakers_of(
        text,
        ("Das sei falsch", "ein Sprecher der Polizei"),
        ("es brenne", "Der Sprecher der Feuerwehr"),
        ("es gebe Verletzte", "Ein Arzt"),
        ("man helfe", "Der Sprecher", 2),
    ) == [
        ("Sprecher der Polizei (anonym)", "anonymous"),
        ("Sprecher der Feuerwehr (anonym)", "anonymous"),  # another body: someone new
        ("Arzt (anonym)", "anonymous"),
        ("Sprecher der Feuerwehr (anonym)", "anonymous"),  # the latest spokesperson
    ]


def test_a_genitive_role_noun_after_a_noun_is_plural_but_a_subject_is_one_person() -> None:
    text = (
        "Nach Erkenntnissen der Ermittler war es Brandstiftung. Es sei ernst, sagte der "
        "Ermittler. Laut Angaben der Ärztin gebe es Verletzte."
    )
    assert speakers_of(
        text,
        ("war es Brandstiftung", "Erkenntnissen der Ermittler"),
        ("Es sei ernst", "der Ermittler", 2),
        ("gebe es Verletzte", "Angaben der Ärztin"),
    ) == [
        ("Ermittler", "group"),
        ("Ermittler (anonym)", "anonymous"),
        ("Ärztin (anonym)", "anonymous"),  # a woman: "der" is her genitive
    ]


def test_collectives_persons_and_coordinated_names() -> None:
    text = (
        "Siegfried Grigg und Tilo Berlin schwiegen lange. Das Turkvolk beklagt "
        "Unterdrückung. Man verhandle, sagte eine Person mit Kenntnis der Gespräche. Grigg "
        "und Berlin hatten ein Geständnis abgelegt, hieß es. Siemens und Bosch sagten, "
        "man liefere."
    )
    assert speakers_of(
        text,
        ("Unterdrückung", "Das Turkvolk"),
        ("Man verhandle", "eine Person mit Kenntnis der Gespräche"),
        ("hatten ein Geständnis abgelegt", "Grigg und Berlin"),
        ("man liefere", "Siemens und Bosch"),
    ) == [
        ("Turkvolk", "group"),
        ("Person mit Kenntnis der Gespräche (anonym)", "anonymous"),
        ("Siegfried Grigg und Tilo Berlin", "group"),
        ("Siemens und Bosch", "group"),  # no persons: named as written
    ]


def test_a_role_noun_after_a_phrase_heads_the_speaker() -> None:
    text = (
        "Das sei nicht haltbar, erklärt der an der Studie beteiligte Politologe Georg "
        "Spitaler vom Verein für Geschichte."
    )
    speaker = "der an der Studie beteiligte Politologe Georg Spitaler vom Verein für Geschichte"
    result = enrich(text, [quotation(text, "0", "Das sei nicht haltbar", speaker)])
    assert speaker_names(result) == [("Georg Spitaler", "person")]


def test_a_state_tagged_as_a_person_is_an_organisation() -> None:
    text = "China wirft den Diplomaten vor, Pässe zu fälschen. Anna Schmidt schwieg."
    mentions = [EntityMention(0, 5, "PER", "China"), EntityMention(51, 63, "PER", "Anna Schmidt")]
    entities = {e.name: e.kind for e in build_entities(mentions, text)}
    assert entities == {"China": "organisation", "Anna Schmidt": "person"}


def test_a_name_after_an_article_less_role_noun_wins_over_its_number() -> None:
    text = (
        "Der Pfarrer Giles Fraser predigte. Es sei eine Schande, schrieb Guardian-Kolumnist "
        "Pfarrer Giles. Es sei gut, sagten Pfarrer."
    )
    assert speakers_of(
        text,
        ("Es sei eine Schande", "Guardian-Kolumnist Pfarrer Giles"),
        ("Es sei gut", "Pfarrer", 3),
    ) == [("Giles Fraser", "person"), ("Pfarrer", "group")]


def test_a_role_compound_with_another_first_part_is_another_role() -> None:
    text = (
        "SPÖ-Chef Andreas Babler sprach von Raub. Das Budget sei knapp, sagte der Wifo-Chef. "
        "US-Präsident Joe Biden reiste ab. Die Lage sei gut, sagte der Präsident."
    )
    assert speakers_of(
        text, ("Das Budget sei knapp", "der Wifo-Chef"), ("Die Lage sei gut", "der Präsident")
    ) == [
        ("Wifo-Chef (anonym)", "anonymous"),  # not the SPÖ-Chef
        ("Joe Biden", "person"),  # a bare role noun is the compound named before
    ]


def test_a_role_noun_does_not_refer_to_a_holder_of_the_other_gender() -> None:
    text = (
        "Die Präsidentin des Fiskalrats, Christine Mayrhuber, warnte. Der Präsident sagte, "
        "es gehe. Die Präsidentin sagte, es werde knapp."
    )
    assert speakers_of(
        text, ("es gehe", "Der Präsident"), ("es werde knapp", "Die Präsidentin")
    ) == [
        ("Präsident (anonym)", "anonymous"),
        ("Christine Mayrhuber", "person"),
    ]


def test_the_synonyms_of_an_office_refer_to_its_holder() -> None:
    text = (
        "Premier David Cameron warnte vor dem Brexit. Die Preise würden steigen, erklärte der "
        "Premierminister. Staatsanwalt Herbert Harammer verlas die Anklage. Das Geld sei "
        "verschoben worden, sagte der Ankläger."
    )
    qs = [
        quotation(text, "0", "Die Preise würden steigen", "der Premierminister"),
        quotation(text, "1", "Das Geld sei verschoben worden", "der Ankläger"),
    ]
    assert speaker_names(enrich(text, qs)) == [
        ("David Cameron", "person"),
        ("Herbert Harammer", "person"),
    ]
    # counter-example: a minister of finance is no head of government
    text = "Finanzminister Peter Huber schwieg. Es gebe keinen Plan, sagte der Premierminister."
    assert speakers_of(text, ("Es gebe keinen Plan", "der Premierminister")) == [
        ("Premierminister (anonym)", "anonymous")
    ]


def test_a_possessive_description_is_not_its_possessor() -> None:
    text = (
        "Es sei zu spät gewesen, sagte die Anwältin Gülsen Celebi. Ihre Mandantin sagte, sie "
        "habe Angst gehabt. Ihr Sprecher Max Berg sagte, man prüfe das."
    )
    assert speakers_of(
        text,
        ("Es sei zu spät gewesen", "die Anwältin Gülsen Celebi"),
        ("sie habe Angst gehabt", "Ihre Mandantin"),
        ("man prüfe das", "Ihr Sprecher Max Berg"),
    ) == [
        ("Gülsen Celebi", "person"),
        ("Mandantin (anonym)", "anonymous"),  # her client, not the quoted lawyer
        ("Max Berg", "person"),  # counter-example: a name says who it is
    ]


def test_a_bare_medium_noun_is_the_outlet_addressed_before() -> None:
    text = (
        "Die Anklage sei fertig, sagte Staatsanwalt Jan Holzner der Welt am Sonntag. Der "
        "Prozess sei lang, schreibt die Zeitung. Man prüfe, sagte er dem Ministerium. Es sei "
        "teuer, meldet der Sender."
    )

    def addressed(q: Quotation, addressee: str) -> Quotation:
        return dataclasses.replace(q, addressee=Role.from_spans(text, [span_of(text, addressee)]))

    qs = [
        addressed(
            quotation(text, "0", "Die Anklage sei fertig", "Staatsanwalt Jan Holzner"),
            "der Welt am Sonntag",
        ),
        quotation(text, "1", "Der Prozess sei lang", "die Zeitung"),
        addressed(quotation(text, "2", "Man prüfe", "er"), "dem Ministerium"),
        quotation(text, "3", "Es sei teuer", "der Sender"),
    ]
    start = text.index("Welt am Sonntag")
    outlet = EntityMention(start, start + len("Welt am Sonntag"), "ORG", "Welt am Sonntag")
    names = speaker_names(enrich(text, qs, mentions=[outlet]))
    assert names[1] == ("Welt am Sonntag", "organisation")
    # counter-examples: the ministry addressed later is no outlet, and "der Sender" is a
    # broadcaster, which the paper is not
    assert names[3] == ("Sender", "organisation")


def test_a_time_an_adverb_or_an_object_after_the_speaker_is_no_part_of_its_name() -> None:
    text = (
        "Es gebe keine Pläne, teilte das Verteidigungsministerium am Donnerstag mit. Man "
        "prüfe das, sagte das Wirtschaftsministerium heute. Laut Angaben der Polizei einem "
        "Interessenten gegenüber sei die Villa verkauft. Es sei ernst, hieß es in einem "
        "Memorandum vom August 2002."
    )
    assert speakers_of(
        text,
        ("Es gebe keine Pläne", "das Verteidigungsministerium am Donnerstag"),
        ("Man prüfe das", "das Wirtschaftsministerium heute"),
        ("sei die Villa verkauft", "Angaben der Polizei einem Interessenten"),
        ("Es sei ernst", "einem Memorandum vom August 2002"),
    ) == [
        ("Verteidigungsministerium", "organisation"),
        ("Wirtschaftsministerium", "organisation"),
        ("Polizei", "organisation"),
        # counter-example: a document keeps its date
        ("Memorandum vom August 2002", "document"),
    ]


def test_an_interview_label_in_capitals_names_the_outlet() -> None:
    text = "STANDARD: Wie geht es weiter? Die Lage sei ernst, sagte die DPA. Das sagte die NASA."
    assert speakers_of(
        text,
        ("Wie geht es weiter?", "STANDARD"),
        ("Die Lage sei ernst", "die DPA"),
        ("Das", "die NASA"),
    ) == [
        ("Der Standard", "organisation"),  # as the outlet list writes it
        ("dpa", "organisation"),
        ("NASA", "organisation"),  # counter-example: an acronym keeps its capitals
    ]


def test_a_party_compound_may_describe_someone_named_with_another_role() -> None:
    text = (
        "Parteichef Jarosław Kaczyński kritisierte das Urteil. Das sei ein Skandal, sagte der "
        "PiS-Vorsitzende."
    )
    assert speakers_of(text, ("Das sei ein Skandal", "der PiS-Vorsitzende")) == [
        ("Jarosław Kaczyński", "person")
    ]


def test_an_age_describes_someone_named_with_a_role_but_no_spokesperson() -> None:
    text = "Präsident Harald Mahrer lobte das Paket. Es schaffe Sicherheit, sagte der 52-Jährige."
    assert speakers_of(text, ("Es schaffe Sicherheit", "der 52-Jährige")) == [
        ("Harald Mahrer", "person")
    ]
    # counter-example: an age says nothing of a spokesman named with his role
    text = (
        "Laut Justizsprecher Joachim Banke passierte nichts. Es gehe ihm nur um die Kinder, "
        "sagte der 39-Jährige."
    )
    assert speakers_of(text, ("Es gehe ihm nur um die Kinder", "der 39-Jährige")) == [
        ("39-Jährige (anonym)", "anonymous")
    ]


def test_a_party_member_noun_is_a_role() -> None:
    """ "der Republikaner", "der Konservative" are roles of a person: one quoted just before
    is meant, not an organisation called "Republikaner"."""
    text = (
        "US-Präsident Donald Trump hat neue Zölle angekündigt. „Wir werden unsere Industrie "
        "schützen“, sagte Trump. Die Zölle seien nötig, sagte der Republikaner."
    )
    assert speakers_of(
        text,
        ("„Wir werden unsere Industrie schützen“", "Trump", 2),
        ("Die Zölle seien nötig", "der Republikaner"),
    ) == [("Donald Trump", "person"), ("Donald Trump", "person")]


def test_a_bare_medium_noun_is_an_outlet_the_text_named_though_it_was_no_speaker() -> None:
    text = (
        "Die russische Nachrichtenagentur RIA Novosti berichtete über den Gipfel. Die Banken "
        "hätten versagt, meldete später die gleiche Nachrichtenagentur."
    )
    assert speakers_of(text, ("Die Banken hätten versagt", "die gleiche Nachrichtenagentur")) == [
        ("RIA Novosti", "organisation")
    ]
    # counter-example: a medium noun before a verb names no outlet
    text = "Die Zeitung berichtete am Montag. Der Preis steige, schrieb die Zeitung."
    assert speakers_of(text, ("Der Preis steige", "die Zeitung")) == [("Zeitung", "organisation")]


def test_a_bare_role_noun_after_a_dative_preposition_is_one_person() -> None:
    text = (
        "Staatsanwalt Herbert Harammer verlas die Anklage. Die Stiftung war laut Ankläger "
        "eine Konstruktion. Laut Anklägern sei es viel."
    )
    assert speakers_of(text, ("eine Konstruktion", "Ankläger"), ("sei es viel", "Anklägern")) == [
        ("Herbert Harammer", "person"),  # the prosecutor named before
        ("Anklägern", "group"),  # counter-example: the dative plural
    ]
    text = "Der Gipfel endete am Abend. Laut Beobachter sei das Klima frostig gewesen."
    assert speakers_of(text, ("sei das Klima frostig gewesen", "Beobachter")) == [
        ("Beobachter (anonym)", "anonymous")  # one observer, never named
    ]


def test_someone_unnamed_is_an_anonymous_source() -> None:
    text = "Pass auf, rief jemand aus seinem Team. Der Regisseur Max Berg lachte."
    assert speakers_of(text, ("Pass auf", "jemand aus seinem Team")) == [
        ("jemand aus seinem Team (anonym)", "anonymous")
    ]


def test_a_company_noun_before_a_name_is_no_part_of_the_name() -> None:
    text = (
        "Beim britischen Bezahlfernsehkonzern Sky steigt der Einfluss der Familie. Murdoch "
        "werde Chef, teilte das Unternehmen mit. Die Staatsanwaltschaft Krefeld ermittelt."
    )
    result = enrich(text, [quotation(text, "0", "Murdoch werde Chef", "das Unternehmen")])
    assert speaker_names(result) == [("Sky", "organisation")]
    names = {e.name for e in result.entities}
    assert "Bezahlfernsehkonzern Sky" not in names
    # counter-example: an authority keeps its head noun
    assert "Staatsanwaltschaft Krefeld" in names


def test_austrian_and_newsroom_role_nouns_are_roles() -> None:
    text = (
        "Der Produzent John Lueftner drehte in Wien. Das sei teuer gewesen, sagte Lueftner. "
        "Die Wissenschafter sagen, das Klima ändere sich."
    )
    assert speakers_of(
        text,
        ("Das sei teuer gewesen", "Lueftner", 2),
        ("das Klima ändere sich", "Die Wissenschafter"),
    ) == [
        ("John Lueftner", "person"),  # the role is no part of the name
        ("Wissenschafter", "group"),  # the Austrian spelling of "Wissenschaftler"
    ]
    text = "Die Börsen fielen im Jänner. Die Krise komme erst, warnt der Ökonom."
    assert speakers_of(text, ("Die Krise komme erst", "der Ökonom")) == [
        ("Ökonom (anonym)", "anonymous")  # a person, not an organisation
    ]


def test_an_austrian_press_release_is_a_document() -> None:
    text = "In einer Aussendung heißt es, man werde die Ursache genau untersuchen."
    assert speakers_of(text, ("man werde die Ursache genau untersuchen", "einer Aussendung")) == [
        ("Aussendung", "document")
    ]


def test_a_woman_named_by_an_unlisted_noun_in_erin_is_a_person() -> None:
    text = (
        "«Das ist reine Aufrüstung», sagt SP-Nationalrätin Priska Seiler Graf. Die Zürcherin "
        "fordert stattdessen mehr Geld. Severin Freund sagte, er springe wieder."
    )
    assert speakers_of(
        text,
        ("Das ist reine Aufrüstung", "SP-Nationalrätin Priska Seiler Graf"),
        ("fordert stattdessen mehr Geld", "Die Zürcherin"),
        ("er springe wieder", "Severin Freund"),
    ) == [
        ("Priska Seiler Graf", "person"),
        ("Priska Seiler Graf", "person"),  # the woman just quoted, not an organisation
        ("Severin Freund", "person"),  # counter-example: a first name in -erin
    ]


def test_the_party_leader_is_the_leader_named_with_the_party() -> None:
    text = (
        "Das sei wichtig, sagte ÖVP-Chef Reinhold Mitterlehner. Rüffel gab es vom Parteichef. "
        "Man rede weiter, sagte der Parteichef. Es gebe Gespräche, sagte Wifo-Chef Karl "
        "Aiginger. Das sei falsch, meinte der SPÖ-Chef."
    )
    assert speakers_of(
        text,
        ("Das sei wichtig", "ÖVP-Chef Reinhold Mitterlehner"),
        ("Rüffel gab es", "Parteichef"),
        ("Man rede weiter", "der Parteichef"),
        ("Es gebe Gespräche", "Wifo-Chef Karl Aiginger"),
        ("Das sei falsch", "der SPÖ-Chef"),
    ) == [
        ("Reinhold Mitterlehner", "person"),
        ("Reinhold Mitterlehner", "person"),  # "vom Parteichef": one, the one named
        ("Reinhold Mitterlehner", "person"),
        ("Karl Aiginger", "person"),
        ("SPÖ-Chef (anonym)", "anonymous"),  # counter-example: another party's leader
    ]


def test_a_counterpart_is_a_role_noun_and_no_part_of_the_name() -> None:
    text = (
        "Trainer Chris Calaycay war zufrieden. Sein Tiroler Konterpart Shuan Fatah erwartete "
        "ein enges Spiel. Ein Kontrahent sagte, es werde schwer."
    )
    assert speakers_of(
        text,
        ("erwartete ein enges Spiel", "Sein Tiroler Konterpart Shuan Fatah"),
        ("es werde schwer", "Ein Kontrahent"),
    ) == [("Shuan Fatah", "person"), ("Kontrahent (anonym)", "anonymous")]
