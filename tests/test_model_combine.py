"""Combining the tagger's and the rules' quotations, and the training options behind them."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from zitat.quotations.learned import SHIPPED_MODEL, EnsembleConfig, LearnedModel, combine
from zitat.schema import Medium, Quotation, QuoteType, Role
from zitat.text.document import ParsedText
from zitat.training.tagger import load_tagger, new_tagger
from zitat.training.train import parse_weights, start_from, tagger_config

TEXT = "Ähnlich äußerte sich der Präsident Bush: „Die USA haben die Lage im Griff.“"
QUOTE = "„Die USA haben die Lage im Griff.“"


def _role(part: str) -> Role:
    start = TEXT.index(part)
    return Role.from_spans(TEXT, [(start, start + len(part))])


def _quotation(quote: str, speaker: str | None = None, cue: str | None = None) -> Quotation:
    return Quotation(
        id="q1",
        type=QuoteType.DIRECT,
        medium=Medium.SPEECH,
        quote=_role(quote),
        cue=_role(cue) if cue else None,
        speaker=_role(speaker) if speaker else None,
    )


@pytest.mark.parametrize("lead", ["rules", "tagger"])
def test_the_lead_keeps_its_roles_and_the_other_fills_the_empty_ones(lead: str) -> None:
    ruled = [_quotation(QUOTE, speaker="der Präsident Bush")]
    tagged = [_quotation(QUOTE, speaker="Ähnlich", cue="äußerte")]
    (q,) = combine(tagged, ruled, EnsembleConfig(lead=lead, add_forms=()))
    assert q.speaker is not None
    assert q.speaker.text == ("der Präsident Bush" if lead == "rules" else "Ähnlich")
    assert q.cue is not None and q.cue.text == "äußerte"


def test_the_other_model_adds_only_the_chosen_forms_it_alone_found() -> None:
    tagged = [_quotation(QUOTE), _quotation("der Präsident Bush")]
    ruled = [_quotation(QUOTE, speaker="der Präsident Bush")]
    assert len(combine(tagged, ruled, EnsembleConfig(lead="rules", add_forms=()))) == 1
    both = combine(tagged, ruled, EnsembleConfig(lead="rules", add_forms=("Direct",)))
    assert [q.quote.text for q in both] == ["der Präsident Bush", QUOTE]
    assert [q.id for q in both] == ["q1", "q2"]


def test_loss_weights_are_parsed_and_checked() -> None:
    assert parse_weights(["addressee=3", "ner=0.5"]) == {"addressee": 3.0, "ner": 0.5}
    with pytest.raises(ValueError, match="HEAD=NUMBER"):
        parse_weights(["adressee=3"])
    with pytest.raises(ValueError):
        parse_weights(["addressee=many"])


def test_a_shallower_tagger_starts_from_the_lower_layers_of_a_trained_one(
    tmp_path: Path,
) -> None:
    trained, _ = load_tagger(SHIPPED_MODEL)
    student, _ = new_tagger(tagger_config(2, SHIPPED_MODEL))
    start_from(student, SHIPPED_MODEL)
    for name, value in student.state_dict().items():
        if not name.startswith("encoder.word."):
            assert torch.allclose(value, trained.state_dict()[name]), name
    with pytest.raises(SystemExit, match="cannot start from"):
        start_from(student, tmp_path)


def test_a_labelled_turn_of_the_rules_is_one_quotation_with_its_label_as_speaker() -> None:
    text = (
        "STANDARD: Wie geht es weiter?\n\n"
        "Gewessler: Wir verhandeln. Ich bin zuversichtlich, dass wir eine Einigung haben.\n\n"
        "STANDARD: Woran liegt das?\n\n"
        "Gewessler: Das müssen Sie die ÖVP fragen.\n"
    )
    (output,) = LearnedModel().predict([ParsedText.from_text(text)])
    turn = next(q for q in output.quotations if q.quote.text.startswith("Wir verhandeln"))
    assert turn.type is QuoteType.DIRECT
    assert turn.quote.text.endswith("Einigung haben.")
    assert turn.speaker is not None and turn.speaker.text == "Gewessler"
    # no quotation of the tagger's inside the turn is left beside it
    inside = [q for q in output.quotations if q is not turn and "zuversichtlich" in q.quote.text]
    assert all(q.nested_in == turn.id for q in inside)
