"""Inference through ONNX Runtime: the exported graph computes what the PyTorch tagger does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
import torch
from onnx import numpy_helper

from zitat.model.e5file import PieceTokenizer
from zitat.model.runtime import ONNX_FILE, SPINNING, OnnxTagger, int8_instructions
from zitat.model.windows import Batch, TaggerConfig, collate, make_windows
from zitat.quotations.learned import SHIPPED_MODEL
from zitat.text.document import ParsedText
from zitat.training.export import export_onnx
from zitat.training.tagger import load_tagger, new_tagger, save_tagger

PARAGRAPH = (
    "„Wir werden die Steuern nicht erhöhen“, sagte Finanzministerin Anna Berg am Montag in "
    "Berlin. Die Opposition warf ihr vor, die Lage zu beschönigen. Der Verband der "
    "Steuerzahler erklärte, man begrüße die Zusage, bleibe aber skeptisch. Nach Angaben des "
    "Ministeriums soll der Haushalt im Herbst beschlossen werden."
)


def padded_batch(tokenizer: PieceTokenizer, config: TaggerConfig) -> Batch:
    """Two windows of different lengths, so that padding and masking are exercised."""
    texts = [PARAGRAPH, "Er sagte: „Nein.“"]
    windows = [w for t in texts for w in make_windows(ParsedText.from_text(t), tokenizer, config)]
    return collate(windows, tokenizer.pad)


def torch_logits(tagger: torch.nn.Module, batch: Batch) -> dict[str, np.ndarray]:
    tagger.eval()
    with torch.inference_mode():
        return {head: out.numpy() for head, out in tagger(batch).items()}


@pytest.mark.parametrize(
    "config",
    [TaggerConfig(layers=2), TaggerConfig(layers=2, ner_hidden=8, ner_context=2)],
    ids=["linear heads", "NER head over neighbouring words"],
)
def test_float32_export_reproduces_the_torch_tagger(tmp_path: Path, config: TaggerConfig) -> None:
    """A small untrained tagger, exported without quantisation, traced on one batch shape
    and run on another: the logits must match PyTorch's at every real word."""
    tagger, tokenizer = new_tagger(config)
    save_tagger(tagger, tmp_path)
    trace = collate(make_windows(ParsedText.from_text("Ja."), tokenizer, tagger.config), 1)
    export_onnx(tagger, trace, tmp_path / "tagger.onnx", int8=False)
    batch = padded_batch(tokenizer, tagger.config)
    expected = torch_logits(tagger, batch)
    got = OnnxTagger(tmp_path).run(batch)
    assert list(got) == list(expected)
    for head, logits in expected.items():
        mask = batch.word_mask
        np.testing.assert_allclose(got[head][mask], logits[mask], rtol=1e-3, atol=1e-4)


def test_shipped_int8_graph_agrees_with_the_shipped_weights() -> None:
    """The shipped ``tagger.onnx`` is the shipped ``weights.pt`` exported and quantised: its
    decisions agree with the float32 PyTorch tagger on nearly every word."""
    tagger, tokenizer = load_tagger(SHIPPED_MODEL)
    batch = padded_batch(tokenizer, tagger.config)
    expected = torch_logits(tagger, batch)
    got = OnnxTagger(SHIPPED_MODEL).run(batch)
    mask = batch.word_mask
    for head in ("quote", "cue", "speaker", "frame"):
        same = got[head].argmax(-1)[mask] == expected[head].argmax(-1)[mask]
        assert same.mean() >= 0.95, head


def test_sleeping_worker_threads_give_the_logits_of_spinning_ones() -> None:
    """Idle worker threads sleep (spinning ones starved the Python work between windows on
    shared cores); how a run is split among the threads is unchanged, so are the logits."""
    tagger = OnnxTagger(SHIPPED_MODEL, threads=2)
    assert tagger._session.get_session_options().get_session_config_entry(SPINNING) == "0"
    batch = padded_batch(tagger.tokenizer, tagger.config)
    sleeping = tagger.run(batch)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    options.inter_op_num_threads = 1
    options.add_session_config_entry(SPINNING, "1")
    tagger._session = ort.InferenceSession(
        str(SHIPPED_MODEL / ONNX_FILE), options, providers=["CPUExecutionProvider"]
    )
    spinning = tagger.run(batch)
    for head, logits in sleeping.items():
        assert np.array_equal(logits, spinning[head]), head


def test_shipped_int8_weights_cannot_saturate_cpus_without_vnni() -> None:
    """Without VNNI, x86 CPUs add pairs of u8 x s8 products in int16: weights within
    ±64 keep 2 * 255 * 64 below 2**15, so every CPU computes the same logits."""
    graph = onnx.load(str(SHIPPED_MODEL / "tagger.onnx"))
    weights = [
        numpy_helper.to_array(init)
        for init in graph.graph.initializer
        if init.data_type == onnx.TensorProto.INT8
    ]
    assert len(weights) >= 6 * 4  # q/k/v, output and two feed-forward matrices per layer
    assert max(int(np.abs(w.astype(np.int16)).max()) for w in weights) <= 64


def test_analysis_does_not_import_torch() -> None:
    """Inference runs on ONNX Runtime alone, which keeps start-up short."""
    code = (
        "import sys; from zitat.pipeline import Pipeline, PipelineConfig; "
        "from zitat.schema import Article; "
        "p = Pipeline(PipelineConfig(model='learned')); "
        "r = p.analyze(Article('a', '„Ja“, sagte sie.')); "
        "assert r.quotations, 'no quotation found'; "
        "assert 'torch' not in sys.modules, 'torch was imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        ("fpu sse avx2 avx512f avx512_vnni", "AVX512-VNNI"),
        ("fpu avx2 avx_vnni", "AVX-VNNI"),
        ("fpu sse avx2 fma", "AVX2 without VNNI"),
        ("fpu sse", "no AVX2"),
    ],
)
def test_int8_instructions_name_the_cpus_int8_path(
    tmp_path: Path, flags: str, expected: str
) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nflags\t\t: {flags}\n")
    assert int8_instructions(cpuinfo) == expected
    assert int8_instructions(tmp_path / "absent") == "unknown"
