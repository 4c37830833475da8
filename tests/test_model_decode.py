"""Decoding word tags into quotations: grouping, nesting, role linking, offsets."""

from __future__ import annotations

from zitat.model.labels import HEADS
from zitat.quotations.decode import WordTags, bio_segments, decode
from zitat.text.document import ParsedText


def _tags(doc: ParsedText, **marks: dict[str, str]) -> WordTags:
    """Tags per head from {head: {word: tag}} (first occurrence of each word)."""
    words = [t.text for t in doc.tokens]
    tags = {head: ["O"] * len(words) for head in HEADS}
    for head, by_word in marks.items():
        for word, tag in by_word.items():
            tags[head][words.index(word)] = tag
    return WordTags(tags, [0.9] * len(words))


def _blank(text: str) -> tuple[ParsedText, list[str], dict[str, list[str]]]:
    """A parsed text, its words and every head's tags all "O", to mark by hand."""
    doc = ParsedText.from_text(text)
    words = [t.text for t in doc.tokens]
    return doc, words, {head: ["O"] * len(words) for head in HEADS}


def _tag_run(tags: dict[str, list[str]], words: range, label: str, prefix: str = "B") -> None:
    for k, i in enumerate(words):
        tags["quote"][i] = f"{prefix}-{label}" if k == 0 else f"I-{label}"


def test_bio_segments_splits_on_b_and_label_change() -> None:
    tags = ["B-PER", "I-PER", "O", "I-ORG", "B-ORG", "I-LOC"]
    assert bio_segments(tags) == [
        ("B", "PER", (0, 2)),
        ("I", "ORG", (3, 4)),
        ("B", "ORG", (4, 5)),
        ("I", "LOC", (5, 6)),
    ]


def test_split_direct_quote_with_frame_is_one_quotation() -> None:
    text = "„Wir bleiben“, sagte Müller, „und kämpfen.“"
    doc, words, tags = _blank(text)
    first = range(0, 4)  # „ Wir bleiben “
    second = range(words.index("und") - 1, len(words))
    for k, i in enumerate(first):
        tags["quote"][i] = "B-Direct" if k == 0 else "I-Direct"
        tags["medium"][i] = "Speech"
    for k, i in enumerate(second):
        tags["quote"][i] = "C-Direct" if k == 0 else "I-Direct"
        tags["medium"][i] = "Speech"
    tags["cue"][words.index("sagte")] = "B"
    tags["speaker"][words.index("Müller")] = "B"
    (q,) = decode(doc, WordTags(tags, [1.0] * len(words)))
    assert len(q.quote.spans) == 2
    assert [text[s:e] for s, e in q.quote.spans] == ["„Wir bleiben“", "„und kämpfen.“"]
    assert q.cue is not None and q.cue.text == "sagte"
    assert q.speaker is not None and q.speaker.text == "Müller"
    assert q.type.value == "Direct" and q.medium.value == "Speech"


def test_roles_go_to_the_nearest_quotation_of_their_sentence() -> None:
    text = "Anna sagte, es regne heute viel. Bernd meinte, es schneie morgen früh."
    doc, words, tags = _blank(text)
    for start in (words.index("es"), len(words) - 5):
        _tag_run(tags, range(start, start + 4), "Indirect")
    tags["speaker"][words.index("Anna")] = "B"
    tags["speaker"][words.index("Bernd")] = "B"
    q1, q2 = decode(doc, WordTags(tags, [1.0] * len(words)))
    assert q1.speaker is not None and q1.speaker.text == "Anna"
    assert q2.speaker is not None and q2.speaker.text == "Bernd"


def test_free_indirect_inherits_speaker_and_nested_shares_roles() -> None:
    text = "Der Minister sagte, der Plan sei „gut“. Er werde bald umgesetzt."
    doc = ParsedText.from_text(text)
    tags = _tags(
        doc,
        quote={"der": "B-Indirect", "Plan": "I-Indirect", "sei": "I-Indirect"},
        speaker={"Der": "B", "Minister": "I"},
        cue={"sagte": "B"},
    )
    words = [t.text for t in doc.tokens]
    for i in range(words.index("„"), words.index("“") + 1):
        tags.tags["quote"][i] = "I-Indirect"
        tags.tags["nested"][i] = "B-Direct" if words[i] == "„" else "I-Direct"
    er = words.index("Er")
    for i in range(er, len(words)):
        tags.tags["quote"][i] = ("B-" if i == er else "I-") + "FreeIndirect"
    outer, nested, free = decode(doc, tags)
    assert nested.nested_in == outer.id
    assert nested.quote.text == "„gut“"
    assert nested.speaker == outer.speaker and nested.cue == outer.cue
    assert free.type.value == "FreeIndirect"
    assert free.speaker is not None and free.speaker.text == "Der Minister"
    for q in (outer, nested, free):
        for role in (q.quote, q.cue, q.speaker):
            if role is not None:
                assert all(text[s:e] in role.text for s, e in role.spans)
    assert free.cue is None


def test_a_fragment_joins_the_quotation_of_its_sentence_or_goes() -> None:
    text = (
        "Der Minister sagte, die Regierung werde das Gesetz prüfen und auch Trump wird kommen. "
        "Am Abend wurden in der Stadt Lichter angezündet."
    )
    doc, words, tags = _blank(text)
    clause = words.index("die")
    _tag_run(tags, range(clause, clause + 6), "Indirect")  # die Regierung … prüfen
    trump = words.index("Trump")
    _tag_run(tags, range(trump - 1, trump + 2), "Indirect")  # auch Trump wird
    lonely = words.index("wurden")
    _tag_run(tags, range(lonely, lonely + 3), "Indirect")  # wurden in der
    (q,) = decode(doc, WordTags(tags, [0.9] * len(words)))
    assert [text[s:e] for s, e in q.quote.spans] == [
        "die Regierung werde das Gesetz prüfen",
        "auch Trump wird",
    ]


def test_short_quoted_words_are_no_fragment() -> None:
    text = "Er nannte das „ganz schlecht“."
    doc, words, tags = _blank(text)
    _tag_run(tags, range(words.index("„"), words.index("“") + 1), "Direct")
    (q,) = decode(doc, WordTags(tags, [0.9] * len(words)))
    assert q.quote.text == "„ganz schlecht“"


def test_a_newspaper_in_quotation_marks_is_no_quotation() -> None:
    text = "Das sagte er der „Neuen Zürcher Zeitung“ und dem Blatt „Neue Welt“."
    doc, words, tags = _blank(text)
    for opening in (i for i, w in enumerate(words) if w == "„"):
        _tag_run(tags, range(opening, words.index("“", opening) + 1), "Direct")
    # the name after "der" goes; after a noun it is no name by this rule and stays
    assert [q.quote.text for q in decode(doc, WordTags(tags, [0.9] * len(words)))] == [
        "„Neue Welt“"
    ]


def test_a_quote_closed_at_a_paragraph_end_does_not_run_on() -> None:
    def quotes(text: str) -> list[str]:
        doc, words, tags = _blank(text)
        _tag_run(tags, range(0, len(words) - 1), "Direct")  # one run over both paragraphs
        return [q.quote.text for q in decode(doc, WordTags(tags, [0.9] * len(words)))]

    assert quotes("„Das wird wehtun.“\n\nAuf die Frage, ob das gehe, sagte er: nein.") == [
        "„Das wird wehtun.“"
    ]
    assert quotes("„Das wird wehtun.“\n\n„Wir sparen anderswo, sagte er.“ x") == [
        "„Das wird wehtun.“",
        "„Wir sparen anderswo, sagte er.“",
    ]
    # counter-example: a quote over two paragraphs leaves the first one open
    assert quotes("„Das wird wehtun.\n\n„Wir sparen anderswo, sagte er.“ x") == [
        "„Das wird wehtun.\n\n„Wir sparen anderswo, sagte er.“"
    ]


def test_two_quotes_of_one_form_that_a_comma_parts_are_one() -> None:
    text = (
        "Wenn Flüchtlinge zu uns kommen, müssen wir ihnen helfen, meinte der Ortschef. "
        "Man prüfe das sehr genau, die Lage sei ernst, sagte sie."
    )
    doc, words, tags = _blank(text)
    _tag_run(tags, range(0, 5), "Indirect")  # Wenn … kommen
    _tag_run(tags, range(6, 10), "Indirect")  # müssen … helfen
    man = words.index("Man")
    _tag_run(tags, range(man, man + 5), "FreeIndirect")  # Man prüfe das sehr genau
    _tag_run(tags, range(man + 6, man + 10), "Indirect")  # die Lage sei ernst
    quotes = [
        [text[s:e] for s, e in q.quote.spans]
        for q in decode(doc, WordTags(tags, [0.9] * len(words)))
    ]
    assert quotes[0] == ["Wenn Flüchtlinge zu uns kommen, müssen wir ihnen helfen"]
    # counter-example: another form after the comma stays a quotation of its own
    assert quotes[1:] == [["Man prüfe das sehr genau"], ["die Lage sei ernst"]]
