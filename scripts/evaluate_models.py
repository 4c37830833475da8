"""Score every available quotation model on the corpus' dev split; write the ``eval`` section
of docs/benchmarks.md.

    make eval    # = python scripts/evaluate_models.py --data ../shared/data

With ``--variants`` it scores the models on variants of the split instead (other quotation
marks, paragraphs re-wrapped; see :mod:`zitat.evaluation.variants`) and writes the
``variants`` section.

A model that cannot be loaded (no weights yet, missing dependency) is skipped with the
reason in the report. To add rows, call :func:`evaluate_models` with more model names.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from zitat.errors import ZitatError
from zitat.evaluation import metric
from zitat.evaluation.corpus import predict_documents
from zitat.evaluation.report import update_section
from zitat.evaluation.variants import variant_document, variants
from zitat.formats.corpus_json import CORPUS_ROLES, iter_corpus
from zitat.model import runtime
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.schema import QuoteType

MODELS: tuple[str, ...] = ("rules", "tagger", "learned")
ROOT = Path(__file__).resolve().parents[1]
COMMAND = "make eval  (python scripts/evaluate_models.py --data ../shared/data)"
VARIANTS_COMMAND = (
    "python scripts/evaluate_models.py --data ../shared/data --variants --models learned"
)


@dataclass(frozen=True, slots=True)
class ModelRun:
    """One model's predictions on the split, scored."""

    name: str
    model_id: str
    evaluation: metric.Evaluation
    seconds: float
    words: int
    threads: int
    """Threads the run could use: ONNX Runtime's intra-op threads for a model that runs the
    tagger, else 1 (pure Python)."""

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def run_model(name: str, docs: Sequence[dict[str, Any]]) -> ModelRun:
    """Predict ``docs`` with model ``name`` (loading excluded from the timing) and score them."""
    pipeline = Pipeline(PipelineConfig(model=name))
    started = time.perf_counter()
    predicted = list(predict_documents(pipeline, docs))
    seconds = time.perf_counter() - started
    words = sum(len(doc["originalText"].split()) for doc in docs)
    tagger = getattr(pipeline.model, "tagger", None)
    threads = tagger.threads if isinstance(tagger, runtime.OnnxTagger) else 1
    evaluation = metric.evaluate(docs, predicted)
    return ModelRun(name, pipeline.model_id, evaluation, seconds, words, threads)


def evaluate_models(
    names: Sequence[str], docs: Sequence[dict[str, Any]]
) -> tuple[list[ModelRun], dict[str, str]]:
    """Runs of the models that load, and why each other one was skipped."""
    runs: list[ModelRun] = []
    skipped: dict[str, str] = {}
    for name in names:
        try:
            runs.append(run_model(name, docs))
        except (ZitatError, ImportError, OSError) as exc:
            skipped[name] = f"{type(exc).__name__}: {exc}".replace(f"{ROOT}/", "")
            print(f"skipping model {name!r}: {skipped[name]}", file=sys.stderr)
    return runs, skipped


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    return [_row(header), _row(["---"] * len(header)), *(_row(r) for r in rows)]


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        cpu = names[0] if names else cpu
    return (
        f"{cpu}, {os.cpu_count()} cores ({runtime.int8_instructions()} for int8), "
        f"Python {platform.python_version()}"
    )


def _speaker_lines(runs: Sequence[ModelRun]) -> list[str]:
    """Where each model's Direct speakers go astray, and how many of them any model finds."""
    outcomes = {run.model_id: metric.speaker_outcomes(run.evaluation) for run in runs}
    rows = []
    for model_id, by_quote in outcomes.items():
        tally = Counter(by_quote.values())
        rows.append([f"`{model_id}`", *(tally[o] for o in metric.SPEAKER_OUTCOMES)])
    total = max((len(o) for o in outcomes.values()), default=0)
    anyone = {key for o in outcomes.values() for key, what in o.items() if what == "found"}
    return [
        f"Direct quotations with a gold speaker ({total}): what each model's paired "
        "prediction says of the speaker (*quotation missed*: no prediction paired with it).",
        "",
        *_table(["model", *metric.SPEAKER_OUTCOMES], rows),
        "",
        f"Found by at least one of these models: {len(anyone)}/{total} "
        f"({_pct(len(anyone) / total if total else 0.0)} %).",
    ]


def eval_section(
    runs: Sequence[ModelRun], skipped: dict[str, str], docs: Sequence[dict[str, Any]], split: str
) -> str:
    """The Markdown of the ``eval`` section of docs/benchmarks.md."""
    gold_types = Counter(a["type"] for doc in docs for a in doc["annotations"])
    types = [t.value for t in QuoteType]
    headline = []
    for run in runs:
        scores = run.evaluation.headline()
        found, total = metric.speaker_found(run.evaluation)
        headline.append(
            [
                f"`{run.model_id}`",
                *(
                    _pct(getattr(scores[group], value))
                    for group in ("messages", "roles", "joint")
                    for value in ("precision", "recall", "f1")
                ),
                _pct(scores["form"].f1),
                _pct(scores["stwr"].f1),
                f"{_pct(found / total if total else 0.0)} ({found}/{total})",
                f"{run.words_per_second:,.0f}",
                run.threads,
            ]
        )
    per_role = [
        [f"`{run.model_id}`", *(_pct(prf.f1) for prf in run.evaluation.per_role().values())]
        for run in runs
    ]
    per_type = []
    for run in runs:
        by_type = run.evaluation.per_type()
        per_type.append(
            [f"`{run.model_id}`"]
            + [_pct(by_type[t]["joint"].f1) if t in by_type else "–" for t in types]
        )
    lines = [
        f"## Quotation attribution: news_quotation_2024 {split}",
        "",
        f"Measured by `{COMMAND}` on {datetime.now(UTC):%Y-%m-%d}; machine: {_machine()}. "
        f"{len(docs)} documents, {sum(gold_types.values())} gold quotations "
        f"({', '.join(f'{t} {gold_types[t]}' for t in types)}). All scores in %.",
        "",
        *_table(
            [
                "model",
                "Messages P",
                "Messages R",
                "Messages F1",
                "Roles P",
                "Roles R",
                "Roles F1",
                "Joint P",
                "Joint R",
                "**Joint F1**",
                "Form F1",
                "STWR F1",
                "Direct speaker found",
                "words/s",
                "threads",
            ],
            headline,
        ),
        "",
        "F1 per role (macro over pairs):",
        "",
        *_table(["model", *CORPUS_ROLES], per_role),
        "",
        "Joint F1 per gold type (an unpaired prediction counts under its predicted type):",
        "",
        *_table(["model", *types], per_type),
        "",
        *_speaker_lines(runs),
        "",
        "**Metric** (the corpus authors' scorer, `zitat evaluate`): per document, gold and "
        "predicted quotations are paired one-to-one by a Hungarian assignment on the token F1 "
        "of their quotes (+0.01 same type, +0.001 same medium as tie-breakers); per pair and "
        "role (quote, addressee, cue, frame, speaker) tokens are TP/FP/FN, unpaired quotations "
        "are all FP or all FN. Messages, Roles (the four roles pooled) and Joint (all five) are "
        "macro averages of per-pair precision and recall; Form (type) and STWR (medium) are "
        "micro over pairs. *Direct speaker found*: share of gold Direct quotations with a "
        "speaker whose paired prediction's speaker shares a token with it. *words/s*: "
        "whitespace-separated words of the split over the wall time of analysis plus "
        "conversion to the corpus format (model loading excluded); *threads*: ONNX Runtime's "
        "intra-op threads when the model runs the tagger (int8), else 1 (pure Python).",
        "",
        "For orientation (published, not measured here): the rules-based QUiTE system scored "
        "Joint F1 39.06 on this corpus' withheld test split (GermEval 2023 SpkAtt overview).",
    ]
    if skipped:
        lines += ["", "Not evaluated:", ""]
        lines += [f"- `{name}`: {reason}" for name, reason in skipped.items()]
    return "\n".join(lines)


def variants_section(names: Sequence[str], docs: Sequence[dict[str, Any]], split: str) -> str:
    """The Markdown of the ``variants`` section: Joint F1 of each model on each variant."""
    rows: list[list[object]] = []
    original: dict[str, float] = {}
    for variant, rewrite in {"original": None, **variants()}.items():
        varied = docs if rewrite is None else [variant_document(d, rewrite) for d in docs]
        runs, _ = evaluate_models(names, varied)
        for run in runs:
            joint = run.evaluation.headline()["joint"].f1
            original.setdefault(run.model_id, joint)
            delta = 100 * (joint - original[run.model_id])
            rows.append([variant, f"`{run.model_id}`", _pct(joint), f"{delta:+.1f}"])
            print(f"{variant}: {run.model_id} Joint F1 {_pct(joint)}", file=sys.stderr)
    return "\n".join(
        [
            f"## Robustness: news_quotation_2024 {split} in other typography",
            "",
            f"Measured by `{VARIANTS_COMMAND}` on {datetime.now(UTC):%Y-%m-%d}; machine: "
            f"{_machine()}. Each variant rewrites the articles character for character, so the "
            "gold annotations hold unchanged: every „ and “ replaced by the marks named, or "
            "every paragraph broken into lines of at most 70 columns at spaces (hard line "
            "wraps, paragraphs still separated as in the corpus). Scores in %; Δ against the "
            "original split.",
            "",
            *_table(["variant", "model", "Joint F1", "Δ"], rows),
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--split", default="dev", help="corpus split to score (default: dev)")
    parser.add_argument("--models", nargs="+", default=list(MODELS), help="models to score")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument(
        "--variants", action="store_true", help="score variants of the split (typography)"
    )
    args = parser.parse_args(argv)
    folder = args.data / "news_quotation_2024" / args.split
    try:
        docs = [doc for _, doc in iter_corpus(folder)]
    except ZitatError as exc:
        print(f"evaluate_models: {exc}", file=sys.stderr)
        return 2
    if args.variants:
        section = variants_section(args.models, docs, args.split)
        update_section(args.out, "variants", section)
        print(section)
        return 0
    runs, skipped = evaluate_models(args.models, docs)
    section = eval_section(runs, skipped, docs, args.split)
    update_section(args.out, "eval", section)
    print(section)
    return 0 if runs else 1


if __name__ == "__main__":
    sys.exit(main())
