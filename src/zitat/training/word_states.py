"""The shipped encoder's word states, read from the exported graph and cached on disk.

Training a head alone (``zitat.training.train_ner``) needs the states the other heads read:
the state of each word's first piece, exactly as the int8 graph computes it at inference.
They are taken from the graph's one ``GatherElements`` node (``Tagger.tag``'s gather of the
first pieces), computed once per corpus and kept in an ``.npz`` file named after the graph's
hash, so that a second run reads them back instead of running the encoder again. The labels
are not cached: they are read from the examples on every run, so that a change in how a
corpus is labelled needs no new states.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort

from zitat.errors import ModelError
from zitat.model.data import Example
from zitat.model.e5file import E5File, dequantize_rows
from zitat.model.runtime import INPUTS, ONNX_FILE
from zitat.model.windows import collate, load_config, make_windows

STATE_OP = "GatherElements"


@dataclass(slots=True)
class WordStates:
    """Word states of every window of a corpus, concatenated, with the NER labels."""

    states: np.ndarray  # [words, H] float16
    labels: np.ndarray  # [words] int64 NER label ids (IGNORE where untrained)
    lengths: np.ndarray  # [windows] words per window, in order

    def windows(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(states, labels) of each window."""
        ends = np.cumsum(self.lengths)
        return [
            (self.states[e - n : e], self.labels[e - n : e])
            for n, e in zip(self.lengths.tolist(), ends.tolist(), strict=True)
        ]


def graph_hash(folder: Path) -> str:
    return hashlib.sha256((folder / ONNX_FILE).read_bytes()).hexdigest()[:12]


def _state_session(folder: Path) -> ort.InferenceSession:
    """The tagger graph with its word states as the only output, on one thread."""
    model = onnx.load(str(folder / ONNX_FILE))
    gathers = [n for n in model.graph.node if n.op_type == STATE_OP]
    if len(gathers) != 1:
        raise ModelError(f"{folder / ONNX_FILE} has {len(gathers)} {STATE_OP} nodes, not 1")
    del model.graph.output[:]
    model.graph.output.append(
        onnx.helper.make_tensor_value_info(gathers[0].output[0], onnx.TensorProto.FLOAT, None)
    )
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )


def compute_states(folder: Path, examples: list[Example]) -> WordStates:
    """Run the exported encoder of ``folder`` over every window of ``examples`` (one window
    per run, as inference does)."""
    config = load_config(folder)
    e5 = E5File(layers=config.layers)
    quants, scales = e5.word_table()
    session = _state_session(folder)
    states, lengths = [], []
    for ex in examples:
        for window in make_windows(ex.doc, e5.tokenizer, config):
            batch = collate([window], e5.tokenizer.pad)
            words = dequantize_rows(quants, scales, batch.ids)
            feeds = dict(zip(INPUTS, (words, batch.attention, batch.first_piece), strict=True))
            (out,) = session.run(None, feeds)
            states.append(out[0].astype(np.float16))
            lengths.append(window.token_end - window.token_start)
    return WordStates(np.concatenate(states), _labels(examples), np.asarray(lengths))


def _labels(examples: list[Example]) -> np.ndarray:
    """The NER labels of every word of ``examples``, in order (the windows of a document
    cover its words one after another)."""
    return np.asarray([label for ex in examples for label in ex.labels["ner"]], dtype=np.int64)


def cached_states(folder: Path, examples: list[Example], cache: Path, name: str) -> WordStates:
    """``compute_states``, read from ``cache/<name>-<graph hash>.npz`` when it is there."""
    path = cache / f"{name}-{graph_hash(folder)}.npz"
    if not path.is_file():
        result = compute_states(folder, examples)
        cache.mkdir(parents=True, exist_ok=True)
        np.savez(path, states=result.states, lengths=result.lengths)
        return result
    with np.load(path) as saved:
        states, lengths = saved["states"], saved["lengths"]
    labels = _labels(examples)
    if len(labels) != len(states):
        raise ModelError(
            f"{path} holds {len(states)} word states for {len(labels)} words: "
            "made from other examples; delete it"
        )
    return WordStates(states, labels, lengths)
