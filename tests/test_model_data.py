"""Training examples: pre-tokenised text keeps its words, debate roles land on the right heads."""

from __future__ import annotations

from zitat.model.data import gepade_example
from zitat.model.labels import IGNORE
from zitat.text.document import ParsedText


def test_sentences_keep_their_words_and_boundaries() -> None:
    doc = ParsedText.from_sentences([["Er", "sagte", "."], ["Ja", "!"]])
    assert [doc.text[t.start : t.end] for t in doc.tokens] == ["Er", "sagte", ".", "Ja", "!"]
    assert [(s.first_token, s.last_token) for s in doc.sentences] == [(0, 3), (3, 5)]
    assert [doc.text[s.start : s.end] for s in doc.sentences] == ["Er sagte .", "Ja !"]
    assert doc.sentence_of_token(3) == 1


def test_debate_roles_label_cue_speaker_and_addressee_only() -> None:
    raw = {
        "Sentences": [
            {"SentenceId": 0, "Tokens": ["Merkel", "teilte", "uns", "mit", ",", "es", "reiche"]},
            {"SentenceId": 1, "Tokens": ["Sie", "hat", "gesprochen", "."]},
        ],
        "Annotations": [
            {
                "Source": ["0:0"],
                "Cue": ["0:1"],
                "PTC": ["0:3"],
                "Addr": ["0:2"],
                "Message": ["0:5", "0:6"],
            },
            {"Source": ["1:0"], "Cue": ["1:2"], "PTC": [], "Addr": [], "Message": []},
        ],
    }
    labels = gepade_example(raw).labels
    # the separated particle starts a second cue span, as in the news corpus
    assert labels["cue"][:7] == [0, 1, 0, 1, 0, 0, 0]
    assert labels["speaker"][:7] == [1, 0, 0, 0, 0, 0, 0]
    assert labels["addressee"][:7] == [0, 0, 1, 0, 0, 0, 0]
    # a speech event without a message is no quotation here: its roles stay untrained
    assert labels["speaker"][7] == labels["cue"][9] == IGNORE
    assert labels["cue"][7:11] == [0, 0, IGNORE, 0]
    for head in ("quote", "nested", "medium", "frame", "ner"):
        assert set(labels[head]) == {IGNORE}, head


def test_debate_event_without_an_addressee_labels_none() -> None:
    raw = {
        "Sentences": [{"SentenceId": 0, "Tokens": ["Sie", "sagte", ",", "es", "reiche"]}],
        "Annotations": [
            {"Source": ["0:0"], "Cue": ["0:1"], "PTC": [], "Addr": [], "Message": ["0:3", "0:4"]}
        ],
    }
    labels = gepade_example(raw).labels
    assert labels["addressee"] == [0, 0, 0, 0, 0]
    assert labels["cue"] == [0, 1, 0, 0, 0]
