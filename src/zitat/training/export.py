"""Export a trained tagger folder to ONNX, the form inference runs (``zitat.model.runtime``).

Usage: python -m zitat.training.export FOLDER [--float32]

Reads FOLDER/weights.pt and config.json and writes FOLDER/tagger.onnx. By default its
matrices are quantised to int8 (ONNX Runtime dynamic quantisation, one scale per output
channel, weights in 7 bits so that every x86 CPU computes the same result), which makes
inference about 1.5× faster for a dev Joint F1 within half a point of float32 (measured in
docs/benchmarks.md). Training calls this itself; run it by hand after
changing weights some other way.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import warnings
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from torch import nn

from zitat.errors import ModelError
from zitat.model.runtime import INPUTS, ONNX_FILE
from zitat.model.windows import Batch, collate, make_windows
from zitat.text.document import ParsedText
from zitat.training.tagger import Tagger, load_tagger

_SAMPLE = "Der Minister sagte am Montag: „Wir werden das prüfen.“ Die Opposition widersprach."
"""Any text: the exporter traces one batch and marks batch, piece and word axes dynamic."""


class _Graph(nn.Module):
    """``Tagger.tag`` with its logits as a tuple in head order (ONNX outputs are positional)."""

    def __init__(self, tagger: Tagger) -> None:
        super().__init__()
        self.tagger = tagger

    def forward(
        self, words: torch.Tensor, attention: torch.Tensor, first_piece: torch.Tensor
    ) -> tuple[torch.Tensor, ...]:
        return tuple(self.tagger.tag(words, attention, first_piece).values())


def export_onnx(tagger: Tagger, batch: Batch, out: Path, int8: bool) -> None:
    """Write ``tagger`` as an ONNX graph to ``out`` (int8 weights when ``int8``), tracing it
    on ``batch``."""
    words = tagger.encoder.word(torch.from_numpy(batch.ids))
    args = (words, torch.from_numpy(batch.attention), torch.from_numpy(batch.first_piece))
    heads = list(tagger.config.heads)
    axes = {"words": {0: "batch", 1: "pieces"}, "attention": {0: "batch", 1: "pieces"}}
    axes |= {"first_piece": {0: "batch", 1: "words"}}
    axes |= {head: {0: "batch", 1: "words"} for head in heads}
    tagger.eval()
    with tempfile.TemporaryDirectory() as tmp, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notice
        plain = Path(tmp) / "float32.onnx"
        torch.onnx.export(
            _Graph(tagger),
            args,
            str(plain),
            input_names=list(INPUTS),
            output_names=heads,
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
        if not int8:
            out.write_bytes(plain.read_bytes())
            return
        root = logging.getLogger()
        level = root.level
        root.setLevel(logging.ERROR)  # the quantiser logs advice on pre-processing as warnings
        try:
            # 7-bit weights: CPUs without VNNI multiply u8 activations by s8 weights in pairs
            # summed into int16, which full 8-bit weights can saturate (so results would
            # depend on the CPU); 2 * 255 * 64 stays below 2**15
            quantize_dynamic(
                plain, out, weight_type=QuantType.QInt8, per_channel=True, reduce_range=True
            )
        finally:
            root.setLevel(level)


def export_folder(folder: Path, int8: bool = True) -> Path:
    """Export the tagger in ``folder`` to ``folder/tagger.onnx``."""
    tagger, tokenizer = load_tagger(folder)
    sample = make_windows(ParsedText.from_text(_SAMPLE), tokenizer, tagger.config)
    out = folder / ONNX_FILE
    export_onnx(tagger, collate(sample, tokenizer.pad), out, int8)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path, help="a tagger folder (weights.pt, config.json)")
    ap.add_argument("--float32", action="store_true", help="keep float32 weights (4× larger)")
    args = ap.parse_args(argv)
    try:
        out = export_folder(args.folder, int8=not args.float32)
    except ModelError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
