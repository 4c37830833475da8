"""Speaker candidates, their features and the ranker's choice, on hand-made tags."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from zitat.errors import ModelError
from zitat.quotations.speaker_candidates import ArticleView, Candidate
from zitat.quotations.speaker_features import FEATURE_NAMES, INDEX, feature_rows
from zitat.quotations.speaker_ranker import SpeakerRanker
from zitat.quotations.speaker_spans import quote_without
from zitat.schema import Medium, Quotation, QuoteType, Role
from zitat.text.document import ParsedText
from zitat.training.speaker_train import Examples, document_examples, speaker_f1

HEADS_WITH_P = ("cue", "speaker", "addressee")
TEXT = (
    "Die Ministerin Anna Berg lobte das Projekt.\n"
    "Zumindest sagte sie der Zeitung: „Wir schaffen das, „sicher“.“"
)


def _role(text: str, piece: str, occurrence: int = 0) -> Role:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return Role.from_spans(text, [(start, start + len(piece))])


def _view(
    speaker_words: tuple[str, ...] = ("Anna", "Berg"),
    form: QuoteType = QuoteType.DIRECT,
    cue: bool = True,
) -> ArticleView:
    doc = ParsedText.from_text(TEXT)
    words = [t.text for t in doc.tokens]
    n = len(words)
    tags = {head: ["O"] * n for head in ("speaker", "ner")}
    probabilities = {
        head: np.tile([1.0, 0.0, 0.0], (n, 1)) for head in ("cue", "speaker", "addressee")
    }
    for k, word in enumerate(speaker_words):
        i = words.index(word)
        tags["speaker"][i] = "B" if k == 0 else "I"
        probabilities["speaker"][i] = [0.1, 0.8, 0.1] if k == 0 else [0.1, 0.1, 0.8]
    tags["ner"][words.index("Anna")] = "B-PER"
    tags["ner"][words.index("Berg")] = "I-PER"
    outer = Quotation(
        "q1",
        form,
        Medium.SPEECH,
        quote=_role(TEXT, "„Wir schaffen das, „sicher“.“"),
        cue=_role(TEXT, "sagte") if cue else None,
        speaker=_role(TEXT, "Zumindest"),
        addressee=_role(TEXT, "der Zeitung"),
    )
    nested = Quotation(
        "q2", QuoteType.DIRECT, Medium.SPEECH, quote=_role(TEXT, "„sicher“"), nested_in="q1"
    )
    return ArticleView(doc, tags, probabilities, [outer, nested], {"rules": []})


def _by_text(view: ArticleView, candidates: list[Candidate]) -> dict[str, Candidate]:
    return {" ".join(view.words[slice(*c.span)]): c for c in candidates}


def test_candidates_come_from_every_source_and_merge() -> None:
    view = _view()
    found = _by_text(view, view.candidates(0))
    assert found["Anna Berg"].sources == {"tagged", "soft", "entity"}
    assert "chunk" in found["Die Ministerin Anna Berg"].sources
    assert found["sie"].sources == {"pronoun"}
    assert found["Zumindest"].sources == {"current"}
    assert "chunk" in found["der Zeitung"].sources
    previous = view.candidates(0, previous=[(0, 2)])
    assert "previous" in _by_text(view, previous)["Die Ministerin"].sources


def test_no_candidate_runs_on_across_a_sentence_end() -> None:
    view = _view(speaker_words=("Projekt", ".", "Zumindest"))
    spans = {c.span for c in view.candidates(0)}
    assert all(view.sentence[s] == view.sentence[e - 1] for s, e in spans)
    found = _by_text(view, view.candidates(0))
    assert "tagged" in found["Projekt"].sources  # its sentence's part, without the full stop
    assert "tagged" in found["Zumindest"].sources
    # counter-example: a run inside one sentence stays whole
    assert "tagged" in _by_text(view, _view().candidates(0))["Anna Berg"].sources


def test_a_dateline_cut_from_a_tagged_run_is_no_candidate() -> None:
    text = "Wien/Linz – Präsident Christoph Leitl sagte: „Wir schaffen das.“"
    doc = ParsedText.from_text(text)
    words = [t.text for t in doc.tokens]
    n = len(words)
    tags = {"speaker": ["O"] * n, "ner": ["O"] * n}
    probabilities = {h: np.tile([1.0, 0.0, 0.0], (n, 1)) for h in ("cue", "speaker", "addressee")}
    for k in range(words.index("Leitl") + 1):
        tags["speaker"][k] = "B" if k == 0 else "I"
    quote = Quotation(
        "q1", QuoteType.DIRECT, Medium.SPEECH, quote=_role(text, "„Wir schaffen das.“")
    )
    view = ArticleView(doc, tags, probabilities, [quote], {"rules": []})
    found = _by_text(view, view.candidates(0))
    assert "tagged" in found["Präsident Christoph Leitl"].sources
    assert not any("Wien" in text and "tagged" in c.sources for text, c in found.items())


def test_features_describe_position_grammar_and_tagger() -> None:
    view = _view()
    candidates = view.candidates(0)
    rows = feature_rows(view, 0, candidates, previous=[])
    assert rows.shape == (len(candidates) + 1, len(FEATURE_NAMES))
    assert rows[0, INDEX["is_none"]] == 1.0 and rows[1:, INDEX["is_none"]].sum() == 0
    found = _by_text(view, candidates)
    row = {text: rows[1 + candidates.index(c)] for text, c in found.items()}
    name, outlet, pronoun, adverb = (
        row["Anna Berg"],
        row["der Zeitung"],
        row["sie"],
        row["Zumindest"],
    )
    assert name[INDEX["entity_PER"]] == 1.0 and name[INDEX["sentences_apart_1"]] == 1.0
    assert name[INDEX["paragraphs_apart_1"]] == 1.0 and name[INDEX["side_before"]] == 1.0
    assert name[INDEX["speaker_p_mean"]] == pytest.approx(0.9)
    assert outlet[INDEX["overlaps_addressee"]] == 1.0 and outlet[INDEX["sentences_apart_0"]] == 1.0
    assert pronoun[INDEX["first_pronoun"]] == 1.0 and pronoun[INDEX["cue_gap_log"]] == 0.0
    assert adverb[INDEX["first_vorfeld"]] == 1.0 and adverb[INDEX["sentence_initial"]] == 1.0
    assert rows[:, INDEX["form_Direct"]].min() == 1.0


def _ranker_preferring(feature: str) -> SpeakerRanker:
    """A ranker whose score is the given feature (0 for "no speaker")."""
    size = len(FEATURE_NAMES)
    hidden = np.zeros((size, 1), dtype=np.float32)
    hidden[INDEX[feature], 0] = 1.0
    return SpeakerRanker(
        np.zeros(size, np.float32), np.ones(size, np.float32), hidden, np.zeros(1), np.ones(1), 0.0
    )


def test_ranker_picks_the_marked_candidate_and_nested_quotes_share_it() -> None:
    view = _view(speaker_words=("sie",))
    outer, nested = _ranker_preferring("source_tagged").attribute(view)
    assert outer.speaker is not None and outer.speaker.text == "sie"
    assert TEXT[slice(*outer.speaker.spans[0])] == "sie"
    assert nested.speaker == outer.speaker
    assert outer.quote == view.quotations[0].quote and outer.cue == view.quotations[0].cue


def test_ranker_may_choose_no_speaker_for_a_quotation_without_cue() -> None:
    view = _view(cue=False)
    outer, nested = _ranker_preferring("source_previous").attribute(view)
    assert outer.speaker is None and nested.speaker is None


@pytest.mark.parametrize(("form", "cue"), [(QuoteType.REPORTED, False), (QuoteType.DIRECT, True)])
def test_a_reported_or_cued_quotation_left_without_speaker_keeps_the_rules_subject(
    form: QuoteType, cue: bool
) -> None:
    outer, _ = _ranker_preferring("source_previous").attribute(_view(form=form, cue=cue))
    assert outer.speaker is not None and outer.speaker.text == "Zumindest"  # the rules' span


def test_shipped_weights_load_and_score() -> None:
    ranker = SpeakerRanker.load()
    view = _view()
    scores = ranker.scores(feature_rows(view, 0, view.candidates(0)))
    assert scores.shape == (len(view.candidates(0)) + 1,) and np.isfinite(scores).all()


def test_weights_of_other_features_are_refused(tmp_path: Path) -> None:
    (tmp_path / "ranker.json").write_text('{"features": ["x"], "weights": {}}')
    with pytest.raises(ModelError, match="other features"):
        SpeakerRanker.load(tmp_path)


def test_training_labels_the_candidate_that_matches_the_gold_speaker() -> None:
    view = _view()
    outer = view.quotations[0]
    gold = dataclasses.replace(outer, speaker=_role(TEXT, "Anna Berg"), cue=None)
    elsewhere = dataclasses.replace(gold, id="g2", quote=_role(TEXT, "lobte das Projekt"))
    (example,), unpaired = document_examples(view, [gold, elsewhere])
    candidates = view.candidates(0)
    chosen = candidates[example.target - 1]
    assert " ".join(view.words[slice(*chosen.span)]) == "Anna Berg"
    assert example.overlap[example.target] == 2 and example.gold_size == 2
    assert unpaired == 1  # the gold quotation "lobte das Projekt" pairs with nothing
    assert example.rows.shape == (len(candidates) + 1, len(FEATURE_NAMES))


def test_proxy_speaker_f1_counts_like_the_corpus_scorer() -> None:
    # quotation 1: gold speaker of 2 tokens, candidate rows (none, 2 of 4 tokens right,
    # 2 of 2 right); quotation 2: no gold speaker, rows (none, a 1-token candidate)
    data = Examples(
        rows=np.zeros((5, len(FEATURE_NAMES)), dtype=np.float32),
        offsets=np.array([0, 3, 5]),
        target=np.array([2, 0]),
        overlap=np.array([0, 2, 2, 0, 0]),
        size=np.array([0, 4, 2, 0, 1]),
        gold_size=np.array([2, 0]),
        unpaired_gold=1,
    )
    best = speaker_f1(data, np.array([2, 0]))
    assert best == {"precision": 1.0, "recall": 0.5, "f1": pytest.approx(2 / 3)}
    worse = speaker_f1(data, np.array([1, 1]))  # precision (0.5 + 0) / 2, recall 1 / 2
    assert worse["precision"] == 0.25 and worse["recall"] == 0.5


def test_a_span_that_opens_or_ends_with_a_coordinator_is_no_candidate() -> None:
    text = "Grüne und Christdemokraten nannten das „schlechten Stil“."
    doc = ParsedText.from_text(text)
    n = len(doc.tokens)
    tags = {head: ["O"] * n for head in ("speaker", "ner")}
    tags["speaker"][:2] = ["B", "I"]  # the tagger's "Grüne und"
    tags["speaker"][2] = "B"  # and its "Christdemokraten"
    probabilities = {head: np.tile([1.0, 0.0, 0.0], (n, 1)) for head in ("cue", "addressee")}
    probabilities["speaker"] = np.tile([1.0, 0.0, 0.0], (n, 1))
    quote = Quotation("q1", QuoteType.DIRECT, Medium.SPEECH, quote=_role(text, "„schlechten Stil“"))
    view = ArticleView(doc, tags, probabilities, [quote], {"rules": []})
    found = _by_text(view, view.candidates(0))
    assert "Grüne und" not in found
    assert found["Christdemokraten"].sources >= {"tagged"}
    assert "Grüne" in found  # the chunker's noun phrase


@pytest.mark.parametrize(
    ("text", "tagged", "candidate"),
    [
        # "der" with an adjective in -en before the verb: a dative Vorfeld, no subject
        ("Der englisch-sprachigen Zeitung sagte Filep Karma: „Wir geben nicht auf.“", 3, False),
        # counter-example: a nominative "Der neue Präsident" is the subject
        ("Der neue Präsident sagte am Montag: „Wir geben nicht auf.“", 3, True),
    ],
)
def test_an_oblique_vorfeld_before_the_verb_is_no_candidate(
    text: str, tagged: int, candidate: bool
) -> None:
    view, span = _tagged_view(text, 0, tagged, QuoteType.DIRECT)
    assert (span in _by_text(view, view.candidates(0))) is candidate


def _tagged_view(text: str, start: int, end: int, form: QuoteType) -> tuple[ArticleView, str]:
    """A view of ``text`` whose one quotation is its „…“ and whose tagger marks the words
    ``start``..``end`` as a speaker span; and that span's words."""
    doc = ParsedText.from_text(text)
    n = len(doc.tokens)
    tags = {head: ["O"] * n for head in ("speaker", "ner")}
    tags["speaker"][start:end] = ["B"] + ["I"] * (end - start - 1)
    probabilities = {head: np.tile([1.0, 0.0, 0.0], (n, 1)) for head in HEADS_WITH_P}
    quoted = text[text.index("„") : text.index("“") + 1]
    quote = Quotation("q1", form, Medium.SPEECH, quote=_role(text, quoted))
    view = ArticleView(doc, tags, probabilities, [quote], {"rules": []})
    return view, " ".join(t.text for t in doc.tokens[start:end])


@pytest.mark.parametrize(
    ("text", "tagged", "candidate"),
    [
        ("Es wird befürchtet, dass „die Lage kippt“.", 1, False),  # the expletive
        ("Aber man betont, dass „die Lage ruhig ist“.", 2, False),  # generic, after "Aber"
        # counter-examples: a personal pronoun, and "es" inside a longer tagged span
        ("Er sagte, dass „die Lage ruhig ist“.", 1, True),
        ("Es Devlet sagte, dass „die Lage ruhig ist“.", 2, True),
    ],
)
def test_the_expletive_or_generic_pronoun_alone_is_no_candidate(
    text: str, tagged: int, candidate: bool
) -> None:
    start = 1 if text.startswith("Aber") else 0
    view, span = _tagged_view(text, start, tagged, QuoteType.INDIRECT)
    assert (span in _by_text(view, view.candidates(0))) is candidate


def _cited_view(text: str, tagged: str, current: str, cue: str) -> ArticleView:
    """A one-quotation view of ``text``: the tagger marks ``tagged``, the rules read
    ``current`` as the speaker of the quotation at the text's „…“."""
    doc = ParsedText.from_text(text)
    n = len(doc.tokens)
    tags = {"speaker": ["O"] * n, "ner": ["O"] * n}
    start = text.index(tagged)
    for i, token in enumerate(doc.tokens):
        if start <= token.start < start + len(tagged):
            tags["speaker"][i] = "B" if token.start == start else "I"
    probabilities = {
        head: np.tile([1.0, 0.0, 0.0], (n, 1)) for head in ("cue", "speaker", "addressee")
    }
    quote = text[text.index("„") : text.index("“") + 1]
    quotation = Quotation(
        "q1",
        QuoteType.DIRECT,
        Medium.SPEECH,
        quote=_role(text, quote),
        cue=_role(text, cue),
        speaker=_role(text, current),
    )
    return ArticleView(doc, tags, probabilities, [quotation], {"rules": []})


def test_the_person_an_active_zitieren_cites_keeps_the_rules_reading() -> None:
    text = "Die Agentur RIA Novosti zitiert dazu Néstor Kirchner mit folgenden Worten: „Nein.“"
    view = _cited_view(text, "Die Agentur RIA Novosti", "Néstor Kirchner", "zitiert")
    (quotation,) = _ranker_preferring("source_tagged").attribute(view)
    assert quotation.speaker is not None and quotation.speaker.text == "Néstor Kirchner"


@pytest.mark.parametrize(
    ("text", "tagged", "current", "cue"),
    [
        # the rules' reading after a preposition is the document, not the source
        (
            "„Nein.“, zitiert die Zeitung aus ihrer Stellungnahme.",
            "die Zeitung",
            "ihrer",
            "zitiert",
        ),
        # passive: the subject before the verb spoke; the ranker decides as for any cue
        (
            "Kirchner wird von der Agentur mit den Worten zitiert: „Nein.“",
            "der Agentur",
            "Kirchner",
            "zitiert",
        ),
        # another verb of saying: the ranker decides
        (
            "Die Agentur meldet dazu Kirchner mit den Worten: „Nein.“",
            "Die Agentur",
            "Kirchner",
            "meldet",
        ),
    ],
)
def test_other_frames_leave_the_speaker_to_the_ranker(
    text: str, tagged: str, current: str, cue: str
) -> None:
    view = _cited_view(text, tagged, current, cue)
    (quotation,) = _ranker_preferring("source_tagged").attribute(view)
    assert quotation.speaker is not None and quotation.speaker.text == tagged


@pytest.mark.parametrize(
    ("text", "quote", "frame", "rest"),
    [
        # a quote without marks that ran into its frame: "(Laut) Angaben von n24 sind …"
        ("Angaben von n24 sind die Gruppen mobil", (2, 7), [(0, 3)], [(3, 7)]),
        # the speaker inside, set off by commas: both commas go with it
        (
            "Die Nähe stellt , Roland Eichhorn , ein Risiko dar",
            (0, 10),
            [(4, 6)],
            [(0, 3), (7, 10)],
        ),
        # no overlap: the quote stays as it is, its closing mark too
        ("Er sagte : „ Wir bleiben . “", (3, 8), [(0, 1)], [(3, 8)]),
        # speaker and cue: "…, so Murtha" ran into the quote
        ("Die Lage sei ernst , so Murtha", (0, 7), [(6, 7), (5, 6)], [(0, 4)]),
        # quoted words that are the speaker's name: nothing is left
        ("laut der Website „ icelandreview.com “", (3, 6), [(1, 6)], []),
    ],
)
def test_a_quote_loses_the_words_of_its_frame(
    text: str, quote: tuple[int, int], frame: list[tuple[int, int]], rest: list[tuple[int, int]]
) -> None:
    assert quote_without(text.split(), [quote], frame) == rest
