"""The rules baseline on hand-written German sentences of each form, and on bad input."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zitat import registry
from zitat.lang.de.lexicon import is_report_noun, konjunktiv_forms, speech_verbs
from zitat.quotations.rules import RulesModel, pair_quote_marks
from zitat.schema import Medium, Quotation, QuoteType, Role
from zitat.text.document import ParsedText

MODEL = RulesModel()


def analyse(text: str) -> list[Quotation]:
    (output,) = MODEL.predict([ParsedText.from_text(text)])
    for q in output.quotations:
        for role in (q.quote, q.cue, q.frame, q.speaker, q.addressee):
            if role is not None:
                assert role.text == " ".join(text[s:e] for s, e in role.spans)
    return output.quotations


def pieces(text: str, role: Role | None) -> list[str]:
    """The exact slices of a role, so each test states its spans through the text."""
    return [] if role is None else [text[s:e] for s, e in role.spans]


def test_registered_under_rules() -> None:
    model = registry.quotation_model("rules")
    assert (model.name, model.version) == ("rules", RulesModel.version)


def test_direct_quote_after_colon_frame() -> None:
    text = "Der Minister sagte: „Wir werden das Gesetz ändern.“"
    (q,) = analyse(text)
    assert (q.id, q.type, q.medium) == ("q1", QuoteType.DIRECT, Medium.SPEECH)
    assert pieces(text, q.quote) == ["„Wir werden das Gesetz ändern.“"]
    assert pieces(text, q.cue) == ["sagte"]
    assert pieces(text, q.frame) == ["Der Minister sagte:"]
    assert pieces(text, q.speaker) == ["Der Minister"]
    assert q.addressee is None and q.nested_in is None


def test_speaker_with_apposition_and_name_particle() -> None:
    text = "Die Sprecherin der Stiftung, Heike van Laak, sagte dazu: „Wir bleiben dabei.“"
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == ["Die Sprecherin der Stiftung, Heike van Laak"]
    assert pieces(text, q.cue) == ["sagte"]


def test_direct_quote_with_trailing_frame_and_addressee() -> None:
    text = "„Das Wetter wird besser“, sagte Anna Schmidt zur Lokalzeitung."
    (q,) = analyse(text)
    assert pieces(text, q.quote) == ["„Das Wetter wird besser“"]
    assert pieces(text, q.frame) == [", sagte Anna Schmidt zur Lokalzeitung"]
    assert pieces(text, q.speaker) == ["Anna Schmidt"]
    assert pieces(text, q.addressee) == ["Lokalzeitung"]


def test_quote_split_by_its_frame_is_one_quotation() -> None:
    text = "„Wir sind bereit“, sagte er, „aber nicht um jeden Preis.“"
    (q,) = analyse(text)
    assert pieces(text, q.quote) == ["„Wir sind bereit“", "„aber nicht um jeden Preis.“"]
    assert pieces(text, q.speaker) == ["er"]
    assert pieces(text, q.frame) == [", sagte er"]


def test_quote_inside_a_quote_is_nested() -> None:
    text = "Sie sagte: „Er nannte das ‚völlig absurd‘ und ging dann nach Hause.“"
    outer, inner = analyse(text)
    assert pieces(text, outer.quote) == [
        "„Er nannte das ‚völlig absurd‘ und ging dann nach Hause.“"
    ]
    assert pieces(text, inner.quote) == ["‚völlig absurd‘"]
    assert inner.nested_in == outer.id == "q1"
    assert inner.id == "q2"


def test_quoted_phrase_in_an_indirect_quote_is_nested_with_its_roles() -> None:
    text = "Der Sprecher sagte, die Lage sei „sehr ernst“."
    outer, inner = analyse(text)
    assert (outer.type, inner.type) == (QuoteType.INDIRECT, QuoteType.DIRECT)
    assert pieces(text, outer.quote) == ["die Lage sei „sehr ernst“"]
    assert pieces(text, inner.quote) == ["„sehr ernst“"]
    assert inner.nested_in == outer.id
    assert inner.speaker == outer.speaker and pieces(text, inner.speaker) == ["Der Sprecher"]


@pytest.mark.parametrize(
    ("opening", "closing"), [("»", "«"), ("«", "»"), ('"', '"'), ("“", "”"), ("›", "‹")]
)
def test_every_quotation_mark_style(opening: str, closing: str) -> None:
    quote = f"{opening}Das Team hat hart gearbeitet und verdient den Sieg.{closing}"
    text = f"Die Trainerin erklärte: {quote}"
    (q,) = analyse(text)
    assert pieces(text, q.quote) == [quote]
    assert pieces(text, q.speaker) == ["Die Trainerin"]


def test_writing_and_thought_verbs_set_the_medium() -> None:
    text = (
        "„Der Vertrag ist unterschrieben“, schrieb die Agentur. „Wir sind erleichtert“, glaubt er."
    )
    written, thought = analyse(text)
    assert written.medium is Medium.WRITING
    assert thought.medium is Medium.SPEECH_THOUGHT


def test_headline_quote_with_its_speaker() -> None:
    text = "„Wir schaffen das“: Kanzlerin verteidigt ihren Kurs\n\nDie Debatte geht weiter."
    (q,) = analyse(text)
    assert pieces(text, q.quote) == ["„Wir schaffen das“"]
    assert pieces(text, q.speaker) == ["Kanzlerin"]


def test_sentence_naming_a_speech_act_is_reported() -> None:
    text = "Die Opposition forderte am Mittwoch den Rücktritt des Ministers."
    (q,) = analyse(text)
    assert q.type is QuoteType.REPORTED
    assert pieces(text, q.quote) == [text]
    assert pieces(text, q.speaker) == ["Die Opposition"]


def test_titles_and_scare_quotes_are_not_quotations() -> None:
    assert analyse("Die Raumfähre „Adler“ landete am Montag im sogenannten „Meer der Ruhe“.") == []
    assert analyse("Der Film „Das Boot“ läuft heute im Kino.") == []
    # capitalised names near a cue (a ship, an album) are no Direct quotations of their own
    for text in (
        "Laut der Website wird die „Hvalur 9“ bald auslaufen.",
        "Wie die Plattenfirma mitteilte, erscheint „This Is It“ im Herbst.",
    ):
        assert all(q.type is QuoteType.INDIRECT for q in analyse(text) if q.nested_in is None)


def test_a_newspaper_in_quotation_marks_is_no_quotation() -> None:
    text = "„Wir haben lange verhandelt“, sagte der Minister dem „Spiegel“."
    (q,) = analyse(text)
    assert pieces(text, q.quote) == ["„Wir haben lange verhandelt“"]
    assert pieces(text, q.speaker) == ["der Minister"]
    # the report of a paper is a Reported quotation, the paper in marks its speaker
    text = "Das berichtete die „Automobilwoche“ in ihrer Onlineausgabe."
    (q,) = analyse(text)
    assert q.type is QuoteType.REPORTED and pieces(text, q.speaker) == ["die „Automobilwoche“"]


def test_a_short_statement_or_a_quoted_word_near_a_cue_stays_a_quotation() -> None:
    (q,) = analyse("Er bezeichnete die Demonstranten als „Gesindel“.")
    assert q.type is QuoteType.DIRECT
    (q,) = analyse("Er sagte: „Das stimmt nicht“.")
    assert q.type is QuoteType.DIRECT
    # capitalised words with a frame of their own are a quotation all the same
    for text in (
        "„Frohe Weihnachten“, sagte der Bürgermeister.",
        "Der Bürgermeister sagte: „Frohe Weihnachten“.",
    ):
        assert [q.type for q in analyse(text)] == [QuoteType.DIRECT]


def test_indirect_dass_clause_with_separable_verb() -> None:
    text = "Die Firma teilte am Dienstag mit, dass sie hundert Stellen streiche."
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT
    assert pieces(text, q.quote) == ["dass sie hundert Stellen streiche"]
    assert pieces(text, q.cue) == ["teilte", "mit"]
    assert pieces(text, q.frame) == ["Die Firma teilte am Dienstag mit,"]
    assert pieces(text, q.speaker) == ["Die Firma"]


def test_addressee_of_a_separable_verb_and_the_person_quoted() -> None:
    text = "Die Behörde teilte dem Sender am Abend mit, dass der Flughafen geschlossen bleibe."
    (q,) = analyse(text)
    assert pieces(text, q.addressee) == ["dem Sender"]
    text = "Die Zeitung zitiert den Trainer mit den Worten: „Wir haben heute alles gegeben.“"
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == ["den Trainer"]
    assert q.medium is Medium.SPEECH


def test_konjunktiv_clause_and_its_continuation() -> None:
    text = "Der Bürgermeister erklärte, die Brücke sei marode. Sie müsse sofort gesperrt werden."
    indirect, follow = analyse(text)
    assert indirect.type is QuoteType.INDIRECT
    assert pieces(text, indirect.quote) == ["die Brücke sei marode"]
    assert pieces(text, indirect.speaker) == ["Der Bürgermeister"]
    assert follow.type is QuoteType.INDIRECT_FREE_INDIRECT
    assert pieces(text, follow.quote) == ["Sie müsse sofort gesperrt werden."]
    assert follow.speaker == indirect.speaker
    assert (follow.cue, follow.frame) == (None, None)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "Die SPÖ-Chefin kontert: Wer Milliarden besitze, müsse auch beitragen.",
            "Wer Milliarden besitze, müsse auch beitragen",
            "Die SPÖ-Chefin",
        ),
        (
            "Ihre Kollegin ergänzte, man erwarte 20.000 Menschen.",
            "man erwarte 20.000 Menschen",
            "Ihre Kollegin",
        ),
        (
            "Er habe keinen Kontakt mehr, ließ der 38-Jährige über einen Sprecher ausrichten.",
            "Er habe keinen Kontakt mehr",
            "der 38-Jährige",
        ),
        (
            "Man prüfe alle Vorwürfe, lässt die Ministerin mitteilen.",
            "Man prüfe alle Vorwürfe",
            "die Ministerin",
        ),
        (
            "Der Sprecher hielt fest, das bedeute keinen Rückzug.",
            "das bedeute keinen Rückzug",
            "Der Sprecher",
        ),
    ],
)
def test_news_verbs_and_konjunktiv_forms_of_t_stems(text: str, quote: str, speaker: str) -> None:
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT
    assert pieces(text, q.quote) == [quote] and pieces(text, q.speaker) == [speaker]


def test_an_ordinal_is_no_konjunktiv() -> None:
    assert analyse("Die Norwegerin kam nur auf 76 Meter und wurde am Ende Achte.") == []


def test_a_short_konjunktiv_clause_after_the_cue_is_a_quotation() -> None:
    text = "Der Minister sagte, er werde zurücktreten."
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT and pieces(text, q.quote) == ["er werde zurücktreten"]


def test_trailing_frame_of_an_indirect_quote() -> None:
    text = "Die Lage sei ernst, sagte ein Sprecher des Ministeriums."
    (q,) = analyse(text)
    assert pieces(text, q.quote) == ["Die Lage sei ernst"]
    assert pieces(text, q.frame) == [", sagte ein Sprecher des Ministeriums"]
    assert pieces(text, q.speaker) == ["ein Sprecher des Ministeriums"]


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "René Wagner ist ab heute unser Cheftrainer, sagte Gruber.",
            ["Gruber"],
            ["René Wagner ist ab heute unser Cheftrainer"],
        ),
        (
            "Die Raiders sind hart, sie spielen guten Football, warnte Calaycay, der viele "
            "junge Spieler aufstellt.",
            ["Calaycay"],
            ["Die Raiders sind hart, sie spielen guten Football"],
        ),
        (
            "Viele sind dagegen, viele dafür, erklärte der Bürgermeister am Freitag.",
            ["der Bürgermeister"],
            ["Viele sind dagegen, viele dafür"],
        ),
    ],
)
def test_indicative_clause_before_an_inverted_speech_verb(
    text: str, speaker: list[str], quote: list[str]
) -> None:
    """Text without quotation marks (10kgnad strips them) still gives the statement."""
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT
    assert (pieces(text, q.speaker), pieces(text, q.quote)) == (speaker, quote)


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "Ich glaube nicht, dass wir einen Sportdirektor brauchen, meinte Gruber.",
            ["Gruber"],
            ["Ich glaube nicht, dass wir einen Sportdirektor brauchen"],
        ),
        ("Da müssen wir aufpassen, meinte Calaycay.", ["Calaycay"], ["Da müssen wir aufpassen"]),
    ],
)
def test_a_frame_closing_the_sentence_speaks_all_of_it(
    text: str, speaker: list[str], quote: list[str]
) -> None:
    """Text without quotation marks: "…, meinte X." gives the whole statement before it, even
    when that statement has a speech verb of its own or opens with the adverb "da"."""
    (q,) = analyse(text)
    assert (pieces(text, q.speaker), pieces(text, q.quote)) == (speaker, quote)


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "Als Leung am Sonntag sagte, dass die Proteste keine Revolution seien, meinte er "
            "das ernst.",
            ["Leung"],
            ["dass die Proteste keine Revolution seien, meinte er das ernst"],
        ),
        (
            "Isa sagte, es sei schwierig, das zu bestätigen, bestritt jedoch nicht die Annahme.",
            ["Isa"],
            ["es sei schwierig, das zu bestätigen, bestritt jedoch nicht die Annahme"],
        ),
    ],
)
def test_a_later_verb_without_its_own_subject_leaves_the_first_frame(
    text: str, speaker: list[str], quote: list[str]
) -> None:
    """Counter-examples: a subordinate clause before the later verb, or a verb that shares
    the first subject, is no closing frame (the quote's end stays as the rules had it)."""
    (q,) = analyse(text)
    assert (pieces(text, q.speaker), pieces(text, q.quote)) == (speaker, quote)


def test_a_subordinate_clause_with_da_is_no_statement() -> None:
    assert analyse("Da wir aufpassen müssen, sagte er nichts.") == []


@pytest.mark.parametrize(
    ("text", "speaker", "quote"),
    [
        (
            "Zur Frage nach Neuwahlen sagte Mitterlehner: Das interpretieren Sie richtig.",
            ["Mitterlehner"],
            ["Das interpretieren Sie richtig"],
        ),
        (
            "Der Senatssprecher Richard Meng kritisierte den Kurs: Die Gewerkschaft setzt "
            "nur auf Streik.",
            ["Der Senatssprecher Richard Meng"],
            ["Die Gewerkschaft setzt nur auf Streik"],
        ),
    ],
)
def test_a_statement_after_a_frame_with_a_colon(
    text: str, speaker: list[str], quote: list[str]
) -> None:
    """Text that lost its quotation marks: the main clause after "…, sagte X:" is what X
    said, in the indicative too."""
    (q,) = analyse(text)
    assert (pieces(text, q.speaker), pieces(text, q.quote)) == (speaker, quote)


@pytest.mark.parametrize(
    "text",
    [
        "Das Wetter meinte es gut mit den Zuschauern: Nur kurz fiel ein leichter Regen.",
        "Auch die ersten Namen der Künstler wurden nun bekanntgegeben: Mit dabei sind der Koch "
        "Ferran Adriá und der Künstler Artur Źmijewski.",
        "Neben den Wasserteilchen werden auch Spuren verschiedener Gase erwartet: Kohlendioxid, "
        "Methan und Ammoniak sind darunter.",
    ],
)
def test_a_colon_after_a_verb_of_no_speaker_opens_no_statement(text: str) -> None:
    """Counter-examples: the verb's subject is no one who speaks (a thing, names of others,
    the subject of a passive)."""
    assert [q.type for q in analyse(text) if q.type is QuoteType.INDIRECT] == []


@pytest.mark.parametrize(
    ("text", "outer", "inner"),
    [
        (
            "Ein Polizeisprecher meinte, der Ehemann „konnte und wollte sich mit der Trennung "
            "nicht abfinden“.",
            "der Ehemann „konnte und wollte sich mit der Trennung nicht abfinden“",
            "„konnte und wollte sich mit der Trennung nicht abfinden“",
        ),
        (
            "Die Soldaten hätten „unschuldige Zivilisten kaltblütig getötet“, so Murtha.",
            "Die Soldaten hätten „unschuldige Zivilisten kaltblütig getötet“",
            "„unschuldige Zivilisten kaltblütig getötet“",
        ),
        (
            "Nach Angaben der Gewerkschaft sollen „fünf bis sechs Farmen“ gestürmt worden sein.",
            "sollen „fünf bis sechs Farmen“ gestürmt worden sein",
            "„fünf bis sechs Farmen“",
        ),
    ],
)
def test_a_long_quoted_part_of_an_indirect_clause_is_nested_in_it(
    text: str, outer: str, inner: str
) -> None:
    """Mixed quotation: the reported clause is the quotation, its quoted words nest in it."""
    first, second = analyse(text)
    assert first.type is QuoteType.INDIRECT and pieces(text, first.quote) == [outer]
    assert second.nested_in == first.id and pieces(text, second.quote) == [inner]


@pytest.mark.parametrize(
    "text",
    [
        "Der Minister sagte, als er ankam: „Wir werden alles genau prüfen und dann entscheiden.“",
        "„Wir werden alles genau prüfen und dann entscheiden“, sagte der Minister.",
        "Der Minister sagte am Montag: „Wir werden alles genau prüfen und dann entscheiden.“",
        "Laut Polizei: „Die Lage ist ruhig und seit dem Abend unter Kontrolle.“",
    ],
)
def test_a_quote_after_a_colon_or_opening_its_sentence_stays_direct(text: str) -> None:
    assert [q.type for q in analyse(text)] == [QuoteType.DIRECT]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Die Lage ist ernst.\n\nInterview: «Wir sind nicht bereit»\n\nDie Armee hat Lücken.", []),
        ("Die Lage ist ernst. Kommentar: „Ein Blankoscheck für die Armee“", []),
        ("Die Lage ist ernst. Skudelny: „Wir sind nicht bereit“", ["Skudelny"]),
    ],
)
def test_a_genre_label_before_a_colon_names_no_speaker(text: str, speaker: list[str]) -> None:
    """ "Interview:" or "Kommentar:" before a quote is the text's genre: the quote stays
    Direct without a speaker, while a name as label speaks."""
    (q,) = analyse(text)
    assert q.type is QuoteType.DIRECT and pieces(text, q.speaker) == speaker


def test_a_quote_in_a_frameless_konjunktiv_sentence_nests_in_it() -> None:
    text = (
        "Die Ministerin lobte die Frauen. Sie seien „so gut wie jeder andere geeignet, als "
        "Erzieherinnen zu arbeiten.“ Dann fiel der Satz „Wir schaffen das, und wir werden es "
        "ganz sicher schaffen“."
    )
    outer, inner, last = analyse(text)[-3:]
    assert outer.type is QuoteType.INDIRECT_FREE_INDIRECT and inner.nested_in == outer.id
    assert pieces(text, outer.quote)[0].startswith("Sie seien „so gut")
    assert last.type is QuoteType.DIRECT  # no Konjunktiv outside the marks: a Direct quote


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "Nach dem Störfall fordern sie, dem Betreiber die Lizenz zu entziehen.",
            "dem Betreiber die Lizenz zu entziehen",
        ),
        (
            "Die Regierung hat angekündigt, den Notstand auszurufen, wenn sich nichts ändert.",
            "den Notstand auszurufen, wenn sich nichts ändert",
        ),
    ],
)
def test_an_infinitive_with_zu_after_the_cue_is_an_indirect_quote(text: str, quote: str) -> None:
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT and pieces(text, q.quote) == [quote]


@pytest.mark.parametrize(
    "text",
    [
        "Der Minister sprach lange, zu dem Thema schweigt die Partei bis heute.",
        "Die Sprecherin erklärte die Lage, zu Hause blieb niemand mehr.",
    ],
)
def test_zu_as_a_preposition_makes_no_indirect_quote(text: str) -> None:
    assert all(q.type is not QuoteType.INDIRECT for q in analyse(text))


def test_first_person_sentence_goes_on_with_the_unmarked_speaker() -> None:
    text = (
        "Wir fahren morgen nach Wien, sagte der Trainer. Unsere Mannschaft ist bereit. "
        "Das Spiel beginnt um acht Uhr.\n\nUnser Stadion ist fast ausverkauft."
    )
    first, second = analyse(text)
    assert second.type is QuoteType.FREE_INDIRECT
    assert pieces(text, second.quote) == ["Unsere Mannschaft ist bereit."]
    assert pieces(text, second.speaker) == pieces(text, first.speaker) == ["der Trainer"]


def test_first_person_without_an_unmarked_quotation_before_is_no_quotation() -> None:
    """A commentary written in the first person, and a sentence after a marked quote."""
    assert analyse("Wir sollten mehr in Schulen investieren. Unsere Kinder verdienen es.") == []
    text = "„Wir sind bereit“, sagte der Trainer. Wir werden sehen, ob das stimmt."
    assert [q.type for q in analyse(text)] == [QuoteType.DIRECT]


@pytest.mark.parametrize(
    "text",
    [
        "Als der Zug endlich hielt, erklärte der Schaffner die Lage.",  # subordinate clause
        "Wir fuhren am Abend nach Hause, erzählte der Vater seinen Kindern die Geschichte.",
        "Das Wetter war schlecht, also sagte er das Treffen ab.",  # no inverted speech verb
        "Kurz danach, sagte er.",  # too short to be a statement
        "Der Aufprall beschädigte den Transporter, so dass ein Teil der Ladung austrat.",
        "Die Regenfälle haben nachgelassen, so genannte Notunterkünfte bleiben offen.",
    ],
)
def test_indicative_clause_counter_examples(text: str) -> None:
    assert analyse(text) == []


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "quote"),
    [
        (
            "Nach Angaben der Feuerwehr wurde niemand schwer verletzt.",
            ["Nach"],
            ["Angaben der Feuerwehr"],
            ["wurde niemand schwer verletzt"],
        ),
        (
            "Dem Bericht zufolge stieg die Zahl der Unfälle deutlich.",
            ["zufolge"],
            ["Dem Bericht"],
            ["stieg die Zahl der Unfälle deutlich"],
        ),
        (
            "Die Preise steigen laut Statistikamt weiter an.",
            ["laut"],
            ["Statistikamt"],
            ["Die Preise steigen", "weiter an"],
        ),
        (
            "Wie die Polizei mitteilte, wurde der Fahrer festgenommen.",
            ["Wie", "mitteilte"],
            ["die Polizei"],
            ["wurde der Fahrer festgenommen"],
        ),
    ],
)
def test_source_phrases(text: str, cue: list[str], speaker: list[str], quote: list[str]) -> None:
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT
    assert (pieces(text, q.cue), pieces(text, q.speaker), pieces(text, q.quote)) == (
        cue,
        speaker,
        quote,
    )


def test_ids_follow_text_order() -> None:
    text = (
        "Nach Angaben der Polizei gab es keine Verletzten. "
        "Der Sprecher sagte: „Wir hatten großes Glück an diesem Abend.“"
    )
    quotations = analyse(text)
    assert [q.id for q in quotations] == ["q1", "q2"]
    assert [q.type for q in quotations] == [QuoteType.INDIRECT, QuoteType.DIRECT]


@pytest.mark.parametrize("text", ["", "   \n\n ", "Heute scheint die Sonne über Berlin."])
def test_texts_without_quotations(text: str) -> None:
    assert analyse(text) == []


def test_unbalanced_mark_does_not_swallow_the_article() -> None:
    text = (
        "Er sagte: „Das ist falsch und bleibt es auch.\n\n"
        "Ein neuer Absatz beginnt. „Hier steht ein ganzes Zitat mit vielen Worten“, sagte sie."
    )
    quotations = analyse(text)
    paragraph = text.index("\n\n")
    for q in quotations:
        assert all(end <= paragraph or start > paragraph for start, end in q.quote.spans)
    (q,) = (q for q in quotations if q.type is QuoteType.DIRECT)
    assert pieces(text, q.quote) == ["„Hier steht ein ganzes Zitat mit vielen Worten“"]
    assert pieces(text, q.speaker) == ["sie"]


def test_quote_marks_pair_innermost_first() -> None:
    doc = ParsedText.from_text("„a ‚b‘ c“ »d« “e”")
    marks = [
        (doc.text[doc.tokens[o].start], doc.text[doc.tokens[c].start])
        for o, c in pair_quote_marks(doc)
    ]
    assert marks == [("„", "“"), ("‚", "‘"), ("»", "«"), ("“", "”")]


def test_a_quote_over_paragraphs_reopens_in_each_and_is_one_quotation() -> None:
    text = (
        "Die Ministerin sagte: „Wir werden das prüfen. Es dauert.\n\n"
        "„Dann entscheiden wir, was zu tun ist.“\n\nDie Opposition widersprach."
    )
    doc = ParsedText.from_text(text)
    ((open_, close),) = pair_quote_marks(doc)
    assert (
        doc.tokens[open_].start == text.index("„") and doc.tokens[close].end == text.index("“") + 1
    )
    (quotation,) = analyse(text)
    assert pieces(text, quotation.quote) == [text[text.index("„") : text.index("“") + 1]]
    assert pieces(text, quotation.speaker) == ["Die Ministerin"]


def test_an_unclosed_mark_does_not_run_into_the_next_paragraph() -> None:
    doc = ParsedText.from_text("Er sagte: „Wir kommen.\n\nSie sagte: „Nein.“")
    ((open_, _),) = pair_quote_marks(doc)
    assert doc.tokens[open_].start == doc.text.rindex("„")


@pytest.mark.parametrize(("opening", "closing"), [("„", "“"), ('"', '"'), ("«", "»")])
def test_a_quote_whose_next_paragraph_is_not_reopened_is_one_quotation(
    opening: str, closing: str
) -> None:
    text = (
        f"Scholz sagte: {opening}Wir werden eine Lösung finden.\n\n"
        f"Niemand muss sich Sorgen machen.{closing}\n\nDie Opposition schwieg."
    )
    doc = ParsedText.from_text(text)
    ((open_, close),) = pair_quote_marks(doc)
    assert doc.text[doc.tokens[open_].start : doc.tokens[close].end].endswith("machen." + closing)
    (quotation,) = analyse(text)
    assert pieces(text, quotation.speaker) == ["Scholz"]


def test_lexicon_inflects_separable_and_strong_verbs() -> None:
    verbs = speech_verbs()
    assert {(f.verb.lemma, f.joined) for f in verbs["teilte"]} == {("mitteilen", False)}
    assert {(f.verb.lemma, f.joined) for f in verbs["mitteilte"]} == {("mitteilen", True)}
    assert {f.verb.lemma for f in verbs["gab"]} >= {"angeben", "bekanntgeben", "zugeben"}
    assert verbs["schrieb"][0].verb.medium is Medium.WRITING
    assert "meine" not in verbs  # the possessive, not "meinen"
    assert is_report_noun("Polizeiangaben") and not is_report_noun("angaben")
    assert "sei" in konjunktiv_forms()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "„",
                "“",
                "»",
                "«",
                '"',
                "‚",
                "‘",
                ",",
                ".",
                ":",
                "\n\n",
                " ",
                "sagte",
                "er",
                "Der Minister",
                "dass",
                "sei",
                "nach Angaben der",
                "Polizei",
                "zufolge",
                "laut",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_spans_slice_adversarial_text(text: str) -> None:
    for q in analyse(text):
        for role in (q.quote, q.cue, q.frame, q.speaker, q.addressee):
            for start, end in role.spans if role else ():
                assert 0 <= start < end <= len(text)
                assert text[start:end].strip() == text[start:end]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Ähnlich äußerte sich der Präsident George W. Bush: „Wir haben die Lage im Griff.“",
            "der Präsident George W. Bush",
        ),
        (
            "Der Vorsitzende des Verbands in Deutschland, Michael Knipper, kritisierte die "
            "Entscheidung scharf: „Das ist ein Fehler.“",
            "Der Vorsitzende des Verbands in Deutschland, Michael Knipper",
        ),
        (
            "Der englischsprachigen Zeitung sagte Filep Karma: „Ich kämpfe weiter.“",
            "Filep Karma",
        ),
    ],
)
def test_subject_of_the_cue_is_the_speaker(text: str, speaker: str) -> None:
    (q,) = analyse(text)
    assert q.type == QuoteType.DIRECT
    assert " ".join(pieces(text, q.speaker)) == speaker


def test_coordinated_cue_takes_only_the_subject_noun_phrase() -> None:
    text = "Er halte die Verlängerung für vertretbar und bezeichnete sie als „maßvoll und nötig“."
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == ["Er"]


def test_interview_turns_are_whole_quotations_of_their_label() -> None:
    text = (
        "Im Interview spricht Minister Poposki über Europa. STANDARD: Wie wird Ihr Land auf "
        "die Kontingente reagieren? Poposki: Wir stimmen uns mit den Partnern ab, und das "
        "„sehr eng“. STANDARD: Was erwarten Sie von Brüssel? Poposki: Mehr Hilfe an der "
        "Grenze, und zwar bald."
    )
    found = [q for q in analyse(text) if q.nested_in is None and q.type is QuoteType.DIRECT]
    assert [pieces(text, q.quote)[0][:12] for q in found] == [
        "Wie wird Ihr",
        "Wir stimmen ",
        "Was erwarten",
        "Mehr Hilfe a",
    ]
    assert [pieces(text, q.speaker) for q in found] == [["STANDARD"], ["Poposki"]] * 2
    (nested,) = [q for q in analyse(text) if q.nested_in is not None]
    assert nested.quote.text == "„sehr eng“"


@pytest.mark.parametrize(
    "text",
    [
        "Termin: Montag, 12 Uhr im großen Saal des Rathauses. Ort: Rathaus am Markt der Stadt.",
        "Spanien – Slowakei 2:0. Tore: Alba (5.), Iniesta (30.). Tor: Thill (92.) Estland – "
        "Litauen 1:0. Tore: Rooney (13.), Kane (77.). Tor: Vassiljev (71.) Schweiz siegt.",
    ],
)
def test_labels_seen_once_and_lists_make_no_interview(text: str) -> None:
    assert not [q for q in analyse(text) if q.type is QuoteType.DIRECT]


def test_a_frame_set_into_the_sentence_leaves_both_halves_quoted() -> None:
    text = "Dieses Gespräch, so Beckenbauer weiter, hätte unabhängig davon stattfinden können."
    (q,) = analyse(text)
    assert pieces(text, q.quote) == [
        "Dieses Gespräch",
        "hätte unabhängig davon stattfinden können",
    ]
    assert pieces(text, q.speaker) == ["Beckenbauer"]


def test_a_quotation_without_marks_under_four_words_is_a_whole_clause() -> None:
    """Short unmarked quotes are kept only as the whole clause closing a sentence (issue 14:
    no fragments; pieces cut from a sentence are tested in test_quotation_fragments)."""
    text = "Der Sprecher sagte, er komme. Die Polizei erklärte, sie werde den Fall genau prüfen."
    assert [q.quote.text for q in analyse(text)] == [
        "er komme",
        "sie werde den Fall genau prüfen",
    ]


def test_a_first_person_statement_after_a_name_and_colon_is_direct() -> None:
    text = "Das Team spielte schwach. Fink: Wenn wir gut spielen, kommen wir weiter. Fazit: Gut."
    (q,) = analyse(text)
    assert q.type is QuoteType.DIRECT
    assert pieces(text, q.quote) == ["Wenn wir gut spielen, kommen wir weiter."]
    assert pieces(text, q.speaker) == ["Fink"]


@pytest.mark.parametrize(
    ("text", "speaker", "addressee"),
    [
        (
            "Gegenüber Spiegel Online sagte der Sprecher, die Lage sei ernst.",
            ["der Sprecher"],
            ["Spiegel Online"],
        ),
        (
            "In einem Interview mit der New York Times erklärte er, er werde nicht zurücktreten.",
            ["er"],
            ["der New York Times"],
        ),
        ("Er forderte die SPD auf, den Vertrag zu unterschreiben.", ["Er"], ["die SPD"]),
        ("Sie warf der Regierung vor, die Lage auszunutzen.", ["Sie"], ["der Regierung"]),
        ("Merkel sagte hierzu der Zeitung, sie sei zufrieden.", ["Merkel"], ["der Zeitung"]),
        # passive: the addressed are the subject, the agent speaks
        (
            "Die Anwohner wurden von der Polizei gebeten, die Fenster geschlossen zu halten.",
            ["der Polizei"],
            ["Die Anwohner"],
        ),
        ("Ihm wird vorgeworfen, Geld unterschlagen zu haben.", [], ["Ihm"]),
    ],
)
def test_the_addressee_of_a_frame(text: str, speaker: list[str], addressee: list[str]) -> None:
    (q,) = analyse(text)
    assert (pieces(text, q.speaker), pieces(text, q.addressee)) == (speaker, addressee)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a genitive attribute of the speaker, not a dative addressee
        ("Die Lage sei ernst, sagte der Sprecher der Zeitung.", ["der Sprecher der Zeitung"]),
        ("Sie warnte vor einer Eskalation, die Lage sei ernst.", ["Sie"]),
        # a passive speech verb that addresses no one: its agent speaks
        ("Vom Ministerium wurde mitgeteilt, dass die Schule schließt.", ["Ministerium"]),
    ],
)
def test_no_addressee_where_the_frame_names_none(text: str, speaker: list[str]) -> None:
    (q,) = analyse(text)
    assert (pieces(text, q.speaker), q.addressee) == (speaker, None)


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Die Ermittlungen machten ihren Abgang wahrscheinlicher, meint auch Claudio Couto.",
            ["Claudio Couto"],
            ["meint"],
        ),
        (
            "Eine Insolvenz der Bank war kein Thema, erinnerte sich Lejsek.",
            ["Lejsek"],
            ["erinnerte sich"],
        ),
        (
            "Vor dem Absturz wurde kein Notsignal gesendet, teilte der Direktor der Behörde, "
            "Bagus Puruhito, mit.",
            ["der Direktor der Behörde, Bagus Puruhito"],
            ["teilte", "mit"],
        ),
    ],
)
def test_inverted_frame_after_adverbs_or_an_apposition(
    text: str, speaker: list[str], cue: list[str]
) -> None:
    """Text without quotation marks: the subject of "…, meint auch X." may follow adverbs or
    "sich", and a separated particle may follow an apposition set off by commas."""
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT
    assert (pieces(text, q.speaker), pieces(text, q.cue)) == (speaker, cue)


@pytest.mark.parametrize(
    "text",
    [
        "Die Fraktion der Grünen, meldeten unterdessen Kritik am Vorhaben der Koalition an.",
        "Von der Zusammenarbeit beider Standorte, dem neuen Standort in Pune, verspricht sich "
        "der Konzern Synergieeffekte.",
        "Der Minister gab nach, und die Opposition stimmte zu.",
    ],
)
def test_no_inverted_frame_where_the_subject_stands_before_the_verb(text: str) -> None:
    """Counter-examples: before the comma stands no clause but the subject with an apposition
    or a prepositional phrase, so what follows the adverb or "sich" is an object; and a
    particle after a new clause belongs to that clause's verb."""
    assert analyse(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Dies teilte ein Sprecher des Ministeriums mit.", ["ein Sprecher des Ministeriums"]),
        (
            "Das teilte heute, Freitag, die Bundeswettbewerbsbehörde auf ihrer Homepage mit.",
            ["die Bundeswettbewerbsbehörde"],
        ),
        (
            "Der Experte, Professor in Bonn, erwartet jedoch einen steigenden Druck auf die "
            "Veranstalter.",
            ["Der Experte"],
        ),
    ],
)
def test_the_subject_of_a_reported_act_is_no_object(text: str, speaker: list[str]) -> None:
    """ "Dies" in the Vorfeld and a phrase in the accusative after the verb are objects; an
    Austrian weekday set off by commas ("heute, Freitag,") stands before the subject."""
    (q,) = analyse(text)
    assert q.type is QuoteType.REPORTED and pieces(text, q.speaker) == speaker


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        (
            "Die Ermittlungen machten ihren Abgang wahrscheinlicher, meint Claudio Couto, "
            "Politologe an der Universität.",
            [],
        ),
        (
            "„Wir gewinnen“, sagte Meier, Sprecher der Partei, gegenüber der Zeitung.",
            ["der Zeitung"],
        ),
    ],
)
def test_no_addressee_inside_the_speakers_apposition(text: str, addressee: list[str]) -> None:
    """An apposition after the speaker is skipped: its "an der Universität" is no addressee,
    while an addressee after the apposition is still found."""
    (q,) = analyse(text)
    assert pieces(text, q.addressee) == addressee


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("Podolski sagte, er freue sich über den Wechsel.", ["er freue sich über den Wechsel"]),
        (
            "Der Minister erklärte, das Paket schaffe Sicherheit.",
            ["das Paket schaffe Sicherheit"],
        ),
        (
            "Der Minister sagte, er sei zufrieden. Das Paket schaffe Sicherheit.",
            ["er sei zufrieden", "Das Paket schaffe Sicherheit."],
        ),
    ],
)
def test_a_konjunktiv_one_of_any_verb_reports(text: str, quotes: list[str]) -> None:
    """Konjunktiv I forms beyond the listed ones ("freue", "schaffe") mark reported speech
    when they stand right after the subject of their clause."""
    assert [pieces(text, q.quote) for q in analyse(text)] == [[quote] for quote in quotes]


@pytest.mark.parametrize(
    "sentence",
    [
        "Elf weitere Menschen wurden verletzt.",
        "Der Bau wurde im Februar genehmigt.",
        "Das Thema geschlossene Fonds beschäftigt die Gerichte.",
        "Die Kämpfe nahe der Metropole gehen weiter.",
        "Neue große Projekte sind geplant.",
    ],
)
def test_words_in_e_that_are_no_konjunktiv(sentence: str) -> None:
    """Counter-examples after a reported clause: a quantifier, "wurde", an adjective before
    its noun, a postposition and adjectives opening a sentence report nothing."""
    text = f"Der Minister sagte, er sei zufrieden. {sentence}"
    assert [pieces(text, q.quote) for q in analyse(text)] == [["er sei zufrieden"]]


def test_a_colon_frame_before_nothing_but_punctuation_is_no_quotation() -> None:
    """Found by the property test: the statement after "sagte:" may be empty."""
    assert analyse("Er sagte: .") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Aus Regierungskreisen hieß es, man sei auf gutem Weg.", ["Regierungskreisen"]),
        ("In dem Antrag heißt es, die Lage sei ernst.", ["dem Antrag"]),
        ("Seitens der Polizei hieß es am Montag, man ermittle.", ["der Polizei"]),
        ("Es heißt, er sei krank.", []),
    ],
)
def test_heisst_es_before_a_reported_clause(text: str, speaker: list[str]) -> None:
    """ "heißt es, …" frames an Indirect quotation; its source follows "in", "aus" or
    "seitens", and a bare "Es heißt" names none."""
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT and pieces(text, q.speaker) == speaker


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("«Die Lage ist angespannt», sagte Sommaruga gegenüber «Blick».", ["«Blick»"]),
        ("„Die Lage ist angespannt“, sagte Sommaruga dem „Spiegel“.", ["dem „Spiegel“"]),
        ("Der Minister sagte dem „Spiegel“: „Wir handeln jetzt.“", ["dem „Spiegel“"]),
    ],
)
def test_a_name_in_marks_in_the_frame_is_its_addressee(text: str, addressee: list[str]) -> None:
    """A name in quotation marks is no quotation; in the frame it is the addressee."""
    (q,) = analyse(text)
    assert q.type is QuoteType.DIRECT and pieces(text, q.addressee) == addressee


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("«Wir prüfen Massnahmen», hiess es aus dem Bundesamt.", ["dem Bundesamt"], ["hiess es"]),
        ("Die Ministerin äusserte sich: «Das ist gut so.»", ["Die Ministerin"], ["äusserte sich"]),
    ],
)
def test_swiss_spelling(text: str, speaker: list[str], cue: list[str]) -> None:
    """Swiss German writes "ss" for "ß": "hiess es", "äusserte"."""
    (q,) = analyse(text)
    assert (pieces(text, q.speaker), pieces(text, q.cue)) == (speaker, cue)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Laut Polizei und Feuerwehr gab es keine Verletzten.", ["Polizei und Feuerwehr"]),
        (
            "Nach Angaben von Rotem Kreuz und Caritas fehlen in den Quartieren Betten.",
            ["Angaben von Rotem Kreuz und Caritas"],
        ),
        ("Laut Polizei gab es keine Verletzten und Sie können beruhigt sein.", ["Polizei"]),
    ],
)
def test_a_source_may_name_two_bodies(text: str, speaker: list[str]) -> None:
    """ "und" before a name or noun adds a second head to the source; before a closed-class
    word ("und Sie") it ends the phrase."""
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Die für Bildung zuständige Ministerin sagte, die Schulen seien bereit.",
            ["Die für Bildung zuständige Ministerin"],
        ),
        (
            "Der seit 1970 regierende Sultan sagte, er sei krank.",
            ["Der seit 1970 regierende Sultan"],
        ),
        # counter-example: a prepositional phrase after the noun is no attribute before it
        ("Der Minister sagte in Berlin, die Lage sei ernst.", ["Der Minister"]),
    ],
)
def test_a_prepositional_phrase_inside_an_attribute(text: str, speaker: list[str]) -> None:
    """ "der [für Bildung zuständige] Minister": a prepositional phrase before a participle
    stays inside the noun phrase."""
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == speaker


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        (
            "„Am Ende zahlen die Verbraucher“, sagte die Chefökonomin der Weltbank, Indermit "
            "Gill, der Nachrichtenagentur Reuters.",
            ["der Nachrichtenagentur Reuters"],
        ),
        # counter-example: a relative clause after the apposition names no addressee
        (
            "„Am Ende zahlen die Verbraucher“, sagte der Chef der Bank, Hans Meier, der die "
            "Zahlen kennt.",
            [],
        ),
    ],
)
def test_an_addressee_after_the_speakers_apposition(text: str, addressee: list[str]) -> None:
    (q,) = analyse(text)
    assert pieces(text, q.addressee) == addressee


def test_a_separated_particle_names_the_verb() -> None:
    text = "Er forderte die Partei am Montag auf, den Vertrag zu unterschreiben."
    (q,) = analyse(text)
    assert pieces(text, q.cue) == ["forderte", "auf"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Der Minister geht davon aus, dass die Lage ernst ist.", ["geht davon aus"]),
        ("Er wies darauf hin, dass die Frist ablaufe.", ["wies darauf hin"]),
        ("Er äußerte sich zufrieden: „Wir sind weiter als gedacht.“", ["äußerte sich"]),
        ("Sie bezeichnete den Plan als „völlig gescheitert“.", ["bezeichnete", "als"]),
        (
            "Der Minister wurde mit den Worten zitiert, die Lage sei ernst.",
            ["wurde mit den Worten zitiert"],
        ),
        (
            "Die Gewerkschaft hat am Montag in Berlin nach langen Verhandlungen mit dem "
            "Arbeitgeberverband eine Erhöhung gefordert: „Wir brauchen mehr Geld.“",
            ["hat", "gefordert"],
        ),
    ],
)
def test_the_cue_has_the_words_the_corpus_counts_to_it(text: str, cue: list[str]) -> None:
    """The reflexive, a pronominal adverb standing for the quote, "als" after "bezeichnen",
    "mit den Worten", and an auxiliary far before its participle."""
    (q,) = analyse(text)
    assert pieces(text, q.cue) == cue


def test_words_of_the_next_clause_stay_out_of_the_cue() -> None:
    text = "Er sagte, dass er sich darauf freue."
    (q,) = analyse(text)
    assert pieces(text, q.cue) == ["sagte"]


def test_a_name_in_marks_inside_an_indirect_quote_is_no_nested_quotation() -> None:
    text = "Laut der Website werde die „Hvalur 9“, ein Schiff der Firma Hvalur, bald auslaufen."
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT and q.nested_in is None
    # words in lower case are quoted words: a nested Direct quote (the counter-example)
    text = "Laut der Website werde die „Hvalur 9“ „so bald wie möglich“ auslaufen."
    outer, inner = analyse(text)
    assert inner.nested_in == outer.id and pieces(text, inner.quote) == ["„so bald wie möglich“"]


@pytest.mark.parametrize(
    "text",
    [
        "Er rief in Buenos Aires an, um sein Abo zu kündigen.",
        "Die Lotsen hatten den Hubschrauber gemeldet, nachdem er nicht mehr zu sehen war.",
    ],
)
def test_an_adverbial_clause_in_the_indicative_is_no_reported_content(text: str) -> None:
    assert all(q.type is not QuoteType.INDIRECT for q in analyse(text))


def test_an_adverbial_clause_in_the_konjunktiv_is_reported() -> None:
    """The counter-example: "…, weil/falls … habe" gives the speaker's reasons."""
    text = "Der Anwalt erklärte, weil die Versicherung es versäumt habe, sei sie haftbar."
    (q,) = analyse(text)
    assert q.type is QuoteType.INDIRECT and pieces(text, q.speaker) == ["Der Anwalt"]


def test_a_title_in_marks_is_the_source_of_laut() -> None:
    text = "Laut „Welt“ soll er sich in der Anstalt befinden."
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == ["„Welt“"]
    assert pieces(text, q.quote) == ["soll er sich in der Anstalt befinden"]


def test_a_past_tense_verb_takes_no_auxiliary() -> None:
    """ "war … und sagte": the "war" is a verb of its own, not the cue's auxiliary."""
    text = "Podolski war anwesend und sagte bei der Gelegenheit, er sei mit dem Wechsel zufrieden."
    (q,) = analyse(text)
    assert pieces(text, q.cue) == ["sagte"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Einen Rücktritt lehnte er ab: „Dafür gibt es keinen Grund.“", "er"),
        ("Seinem Nachfolger sagte sie: „Viel Glück.“", "sie"),
        ("Diesen Vorwurf wies der Minister zurück: „Das ist falsch.“", "der Minister"),
        # counter-examples: a possessive "Ihr" and a nominative article open a subject
        ("Ihr Anwalt sagte: „Sie ist unschuldig.“", "Ihr Anwalt"),
        ("Seine Sprecherin sagte: „Er ist krank.“", "Seine Sprecherin"),
        ("Einer der Ärzte sagte: „Es wird knapp.“", "Einer der Ärzte"),
    ],
)
def test_an_object_in_the_vorfeld_is_no_speaker(text: str, speaker: str) -> None:
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Zumindest sagte er, man werde weiter reden.",
        "Natürlich sagte er, man werde weiter reden.",
        "Vielleicht sagte er, man werde weiter reden.",
    ],
)
def test_a_sentence_adverb_in_the_vorfeld_is_no_speaker(text: str) -> None:
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == ["er"]


def test_a_reported_act_in_the_perfect_ends_with_its_participle() -> None:
    text = (
        "Erdogan hatte die Behandlung der Uiguren in der chinesischen Provinz Xinjiang im "
        "Jahr 2009 als eine Art Völkermord bezeichnet."
    )
    (q,) = analyse(text)
    assert q.type is QuoteType.REPORTED
    assert pieces(text, q.speaker) == ["Erdogan"]
    # counter-examples: a participle of no reporting verb, and one that does not close the
    # sentence's clause with an auxiliary near its start
    assert analyse("Erdogan hatte das Haus in Istanbul vor vielen Jahren verkauft.") == []
    assert analyse("Vor dem Treffen in Ankara mit den Vertretern der Opposition bezeichnet.") == []
    passive = "Mehr Fahrgäste werden auf den Linien U1 und U6 ab dem 13. Dezember 2015 erwartet."
    assert analyse(passive) == []  # a passive: the subject does not speak


def test_an_unnamed_question_label_is_a_turn_without_speaker() -> None:
    text = "Frage: Herr Lindner, wie geht es weiter?\nLindner: Wir verhandeln weiter."
    question, answer = analyse(text)
    assert pieces(text, question.quote) == ["Herr Lindner, wie geht es weiter?"]
    assert question.speaker is None
    assert pieces(text, answer.speaker) == ["Lindner"]
    # counter-example: a statement after the label is no question
    assert analyse("Frage: Das ist nicht geklärt.") == []


def test_a_short_interview_turn_is_whole() -> None:
    text = (
        "STANDARD: Warum erst jetzt?\n\nGewessler: Wir haben die Daten erst seit dem Frühjahr."
        "\n\nSTANDARD: Und die Kosten?\n\nGewessler: Die sind überschaubar.\n\n"
        "Die Bilanz: drei Tote."
    )
    quotes = [(pieces(text, q.quote), pieces(text, q.speaker)) for q in analyse(text)]
    assert (["Und die Kosten?"], ["STANDARD"]) in quotes
    assert (["Die sind überschaubar."], ["Gewessler"]) in quotes
    # counter-example: a label of no interview before a short phrase opens no quotation
    assert all("drei Tote." not in quote for quote, _ in quotes)


def test_a_contrasting_clause_with_its_own_speech_act_is_a_second_report() -> None:
    text = (
        "CDU-Chef Friedrich Merz nannte die Zusage „ein leeres Versprechen“, während "
        "Grünen-Chefin Ricarda Lang von einem „wichtigen Signal“ sprach."
    )
    found = [(q.type, pieces(text, q.quote), pieces(text, q.speaker)) for q in analyse(text)]
    assert (
        QuoteType.REPORTED,
        ["CDU-Chef Friedrich Merz nannte die Zusage „ein leeres Versprechen“"],
        ["CDU-Chef Friedrich Merz"],
    ) in found
    assert (QuoteType.DIRECT, ["„wichtigen Signal“"], ["Grünen-Chefin Ricarda Lang"]) in found
    # counter-example: a contrasting clause without a speech act stays in the report
    text = "Die Opposition kritisierte den Plan, während die Regierung im Urlaub war."
    (q,) = analyse(text)
    assert q.type is QuoteType.REPORTED and pieces(text, q.quote) == [text]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # passive: the subject is what was said; the agent, if any, said it
        ("Die Entscheidung wurde von der Opposition scharf kritisiert.", ["der Opposition"]),
        ("Der Plan ist vom Stadtrat kritisiert worden.", ["Stadtrat"]),
        ("Es wird befürchtet, dass die Preise steigen.", []),
        # counter-examples: the future tense is active, and "zitiert" names the speaker
        ("Die Kanzlerin wird morgen erklären, dass sie zurücktritt.", ["Die Kanzlerin"]),
        ("Der Minister wird mit den Worten zitiert: „Wir schaffen das.“", ["Der Minister"]),
        ("Die Opposition kritisierte die Entscheidung scharf.", ["Die Opposition"]),
    ],
)
def test_the_speaker_of_a_passive_frame_is_its_agent(text: str, speaker: list[str]) -> None:
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == speaker


def test_a_passive_report_without_agent_is_no_quotation() -> None:
    """ "Besonders kritisiert wurde …" names no one who spoke: the Vorfeld is no speaker."""
    assert analyse("Besonders kritisiert wurde die Berichterstattung der Medien.") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "aus" names the source, "in" may be the place
        ("Alles sei in Ordnung, hieß es in Brüssel aus der EU-Kommission.", ["der EU-Kommission"]),
        # counter-examples: "in" alone, and "vom" as a date after the source
        ("In dem Antrag heißt es, die Stadt solle sparen.", ["dem Antrag"]),
        (
            "In einer Erklärung vom Freitag heißt es, die Stadt solle sparen.",
            ["einer Erklärung vom Freitag"],
        ),
    ],
)
def test_the_source_of_heisst_es(text: str, speaker: list[str]) -> None:
    (q,) = analyse(text)
    assert pieces(text, q.speaker) == speaker
