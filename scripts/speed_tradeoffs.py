"""What encoder depth and precision cost and buy: dev Joint F1 against speed.

Usage: python scripts/speed_tradeoffs.py --data ../shared/data [--tagger DIR ...] [--float32]

Each variant is the `learned` model (tagger + rules, as its ensemble.json says) with one
tagger folder: the shipped one by default, or folders written by
`python -m zitat.training.train --layers N --out DIR` (not shipped), each run from its int8
ONNX export. With --float32 every folder is also scored re-exported with float32 weights
(in a temporary folder). Speed is measured on the dev articles, the encoder alone and the
whole quotation model; results go to the `tradeoffs` section of docs/benchmarks.md.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zitat.evaluation import metric
from zitat.evaluation.corpus import predict_documents
from zitat.evaluation.report import benchmark_parser, update_section
from zitat.formats.corpus_json import iter_corpus
from zitat.model import runtime
from zitat.model.runtime import ONNX_FILE
from zitat.model.windows import collate, make_windows
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.quotations.learned import SHIPPED_MODEL, LearnedModel
from zitat.text.document import ParsedText
from zitat.training.export import export_folder

ROOT = Path(__file__).resolve().parents[1]
RUNS = 2
"""Timed passes over dev per variant; the fastest counts (the machine's noise only slows)."""


@dataclass(frozen=True, slots=True)
class Variant:
    label: str
    folder: Path  # holds the tagger.onnx that is scored


def float32_copy(folder: Path, tmp: Path) -> Path:
    """A copy of ``folder`` in ``tmp`` with its tagger re-exported with float32 weights."""
    copy = tmp / f"{folder.name}-float32"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns(ONNX_FILE))
    export_folder(copy, int8=False)
    return copy


def encoder_rate(model: LearnedModel, docs: list[ParsedText]) -> float:
    """Pieces per second of the tagger alone over every dev window, one run per window as
    the model runs them."""
    windows = [w for doc in docs for w in make_windows(doc, model.tokenizer, model.tagger.config)]
    batches = [collate([window], model.tokenizer.pad) for window in windows]
    model.tagger.run(batches[0])  # warm-up
    started = time.perf_counter()
    for batch in batches:
        model.tagger.run(batch)
    seconds = time.perf_counter() - started
    return sum(len(w.piece_ids) for w in windows) / seconds


def score(variant: Variant, raws: list[dict[str, Any]]) -> dict[str, Any]:
    model = LearnedModel(variant.folder)
    pipeline = Pipeline(PipelineConfig(model="rules", enrichers=()))
    pipeline.model = model  # the variant instead of the registered model
    docs = [ParsedText.from_text(raw["originalText"]) for raw in raws]
    pieces_per_second = encoder_rate(model, docs)
    seconds = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        predicted = list(predict_documents(pipeline, raws))
        seconds = min(seconds, time.perf_counter() - started)
    evaluation = metric.evaluate(raws, predicted)
    found, total = metric.speaker_found(evaluation)
    words = sum(len(raw["originalText"].split()) for raw in raws)
    return {
        "label": variant.label,
        "layers": model.tagger.config.layers,
        "joint": evaluation.headline()["joint"].f1,
        "direct_speaker": found / total if total else 0.0,
        "pieces_per_second": pieces_per_second,
        "words_per_second": words / seconds,
    }


def _training_command(folder: Path) -> str:
    """How a compared tagger was trained, from the arguments its training.json records."""
    path = folder / "training.json"
    if not path.is_file():
        return "training arguments not recorded"
    recorded = json.loads(path.read_text(encoding="utf-8"))["args"]
    skipped = {"data", "out", "threads", "limit_docs", "loss_weight", "init"}
    parts = [f"--{k.replace('_', '-')} {v}" for k, v in recorded.items() if k not in skipped]
    if recorded.get("init"):
        parts.append(f"--init {recorded['init']}")
    parts += [f"--loss-weight {w}" for w in recorded.get("loss_weight", [])]
    parts.append(f"--out {folder}")
    return f"`python -m zitat.training.train {' '.join(parts)}`"


def main() -> int:
    ap = benchmark_parser(__doc__, ROOT)
    ap.add_argument("--tagger", type=Path, action="append", default=[])
    ap.add_argument("--float32", action="store_true", help="also score float32 exports")
    args = ap.parse_args()
    raws = [raw for _, raw in iter_corpus(args.data / "news_quotation_2024" / "dev")]
    folders = [SHIPPED_MODEL, *args.tagger]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            name = "shipped" if folder == SHIPPED_MODEL else folder.name
            variants = [Variant(f"{name}, int8", folder)]
            if args.float32:
                variants.append(Variant(f"{name}, float32", float32_copy(folder, Path(tmp))))
            for variant in variants:
                result = score(variant, raws)
                rows.append(
                    f"| {result['label']} | {result['layers']} | {100 * result['joint']:.1f} | "
                    f"{100 * result['direct_speaker']:.1f} | "
                    f"{result['pieces_per_second']:,.0f} | {result['words_per_second']:,.0f} |"
                )
                print(rows[-1], flush=True)
    trained = [f"- `{folder.name}`: {_training_command(folder)}" for folder in args.tagger]
    cpu = platform.processor() or platform.machine()
    options = "".join(f" --tagger {f}" for f in args.tagger) + (
        " --float32" if args.float32 else ""
    )
    markdown = "\n".join(
        [
            "## Speed against accuracy: encoder depth and precision",
            "",
            f"`learned` (tagger + rules) on the {len(raws)} dev articles; {os.cpu_count()} "
            f"CPU cores ({cpu}; {runtime.int8_instructions()} for int8), ONNX Runtime on "
            f"every core; measured {time.strftime('%Y-%m-%d')}."
            + (
                " Folders other than the shipped one were trained for this comparison and "
                "are not shipped (each followed by `python scripts/select_ensemble.py "
                "--model-dir FOLDER`):"
                if trained
                else ""
            ),
            "",
            *([*trained, ""] if trained else []),
            "| tagger | encoder layers | dev Joint F1 | Direct speaker found, % | "
            "encoder pieces/s | quotation model words/s |",
            "|---|---:|---:|---:|---:|---:|",
            *rows,
            "",
            "Words/s times `predict` of the quotation model with the rules, without the "
            f"entity and speaker enrichers (fastest of {RUNS} passes); pieces/s times the "
            "encoder's forward pass alone. Speeds on this virtual machine move by up to a "
            "third between runs with the host's load: compare the rows of one run.",
            f"Reproduce: `python scripts/speed_tradeoffs.py --data ../shared/data{options}`.",
        ]
    )
    update_section(args.report, "tradeoffs", markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
