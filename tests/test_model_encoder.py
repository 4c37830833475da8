"""The e5 weights loader, its tokenizer and the windowing of documents."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from zitat.errors import ModelError
from zitat.model.windows import TaggerConfig, collate, make_windows
from zitat.text.document import ParsedText
from zitat.training.encoder import PretrainedEncoder, load_pretrained


@pytest.fixture(scope="module")
def pretrained() -> PretrainedEncoder:
    return load_pretrained(layers=2)


def test_tokenizer_pieces_are_known_vocabulary(pretrained: PretrainedEncoder) -> None:
    tok = pretrained.tokenizer
    pieces = tok.word_pieces("Bundeskanzlerin")
    assert pieces and all(0 < p < pretrained.config.vocab for p in pieces)
    assert tok.unk not in pieces
    # a word after a space starts with the metaspace piece form, one glued to the previous
    # token does not, so the two tokenisations differ
    assert tok.word_pieces("sagte", after_space=True) != tok.word_pieces("sagte", False)
    assert tok.word_pieces("sagte") == tok.word_pieces("sagte")  # cached, deterministic


def test_encoder_gives_contextual_states(pretrained: PretrainedEncoder) -> None:
    tok = pretrained.tokenizer
    ids = [tok.bos, *tok.word_pieces("Die"), *tok.word_pieces("Bank"), tok.eos]
    other = [tok.bos, *tok.word_pieces("Eine"), *tok.word_pieces("Bank"), tok.eos]
    batch = torch.tensor([ids, other])
    with torch.inference_mode():
        states = pretrained.encoder(batch, torch.ones_like(batch, dtype=torch.bool))
    assert states.shape == (2, len(ids), pretrained.config.hidden)
    assert torch.isfinite(states).all()
    # same word, different left context -> different states
    assert not torch.allclose(states[0, -2], states[1, -2])


def test_windows_cover_every_token_once_within_budget(pretrained: PretrainedEncoder) -> None:
    text = " ".join(["Der Sprecher sagte, dass alles gut sei."] * 60) + " " + "lang" * 400
    doc = ParsedText.from_text(text)
    config = TaggerConfig(layers=2, max_pieces=64)
    windows = make_windows(doc, pretrained.tokenizer, config)
    covered = [i for w in windows for i in range(w.token_start, w.token_end)]
    assert covered == list(range(len(doc.tokens)))
    assert all(len(w.piece_ids) <= config.max_pieces for w in windows)
    batch = collate(windows[:3], pretrained.tokenizer.pad)
    assert batch.ids.shape[0] == 3 and batch.word_mask.sum() == sum(
        len(w.first_piece) for w in windows[:3]
    )


def test_corrupt_weights_file_is_a_model_error(tmp_path: Path) -> None:
    bad = tmp_path / "e5.bin"
    bad.write_bytes(b"NOPE" + bytes(100))
    with pytest.raises(ModelError, match="bad magic"):
        load_pretrained(bad)


def test_weights_file_cut_after_its_header_is_a_model_error(tmp_path: Path) -> None:
    from zitat.model.e5file import default_weights_path

    cut = tmp_path / "e5.bin"
    cut.write_bytes(default_weights_path().read_bytes()[:4096])
    with pytest.raises(ModelError, match="damaged"):
        load_pretrained(cut)


def test_empty_weights_file_is_a_model_error(tmp_path: Path) -> None:
    empty = tmp_path / "e5.bin"
    empty.write_bytes(b"")
    with pytest.raises(ModelError, match="cannot read encoder weights"):
        load_pretrained(empty)
