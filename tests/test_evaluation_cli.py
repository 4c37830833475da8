from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from zitat import registry
from zitat.cli import main
from zitat.formats.corpus_json import read_document
from zitat.schema import Medium, ModelOutput, Quotation, QuoteType, Role
from zitat.text.document import ParsedText

GOLD = Path(__file__).parent / "fixtures" / "eval_gold"


class QuoteMarksModel:
    """A stand-in model: every „…“ is a direct quotation without roles."""

    name = "marks"
    version = "test"

    def predict(self, docs: Sequence[ParsedText]) -> list[ModelOutput]:
        return [
            ModelOutput(
                [
                    Quotation(
                        f"m{i}",
                        QuoteType.DIRECT,
                        Medium.SPEECH,
                        Role.from_spans(doc.text, [match.span()]),
                    )
                    for i, match in enumerate(re.finditer("„[^“]*“", doc.text))
                ]
            )
            for doc in docs
        ]


@pytest.fixture(autouse=True)
def marks_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.QUOTATION_MODELS, "marks", f"{__name__}:QuoteMarksModel")
    monkeypatch.setattr(registry, "_instances", {})


def zitat(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["zitat", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


def test_predict_then_evaluate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "pred"
    code, _, err = zitat(
        ["predict", "--dataset", str(GOLD), "--out", str(out), "--model", "marks"],
        monkeypatch,
        capsys,
    )
    assert code == 0, err
    assert "2 documents predicted with marks@test" in err
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in GOLD.iterdir())
    for path in GOLD.iterdir():
        gold, pred = read_document(path), read_document(out / path.name)
        for key in ("documentName", "originalText", "sentences", "tokens"):
            assert pred[key] == gold[key]
    pred = read_document(out / "1 - Müller bleibt hart (2024-03-04).json")
    assert [a["quote"]["text"] for a in pred["annotations"]] == [
        "„Wir bleiben hart“",
        "„nie wieder“",
    ]

    code, stdout, _ = zitat(
        ["evaluate", "--gold", str(GOLD), "--pred", str(out), "--json"], monkeypatch, capsys
    )
    assert code == 0
    scores = json.loads(stdout)
    # both predictions match a gold quote exactly; two gold quotations stay unpaired
    assert scores["headline"]["messages"]["precision"] == 1.0
    assert scores["headline"]["messages"]["recall"] == 0.5
    assert scores["counts"]["pairs"] == 2
    assert scores["counts"]["unpaired_gold"] == 2

    code, stdout, _ = zitat(
        ["evaluate", "--gold", str(GOLD), "--pred", str(out)], monkeypatch, capsys
    )
    assert code == 0
    assert re.search(r"Messages\s*│\s*1\.0000\s*│\s*0\.5000", stdout)
    assert "STWR" in stdout and "speaker" in stdout and "Direct" in stdout


def test_missing_predictions_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = zitat(
        ["evaluate", "--gold", str(GOLD), "--pred", str(tmp_path)], monkeypatch, capsys
    )
    assert code == 0
    assert "2 gold documents have no prediction" in err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["evaluate", "--gold", "{empty}", "--pred", "{gold}"], 2, "no corpus JSON files"),
        (["evaluate", "--gold", "{empty}/nope", "--pred", "{gold}"], 2, "not a folder"),
        (["predict", "--dataset", "{gold}", "--out", "{gold}"], 2, "--out must differ"),
        (["predict", "--dataset", "{gold}", "--out", "{empty}", "--model", "nope"], 3, "nope"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(
    args: list[str],
    code: int,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    filled = [a.format(empty=tmp_path, gold=GOLD) for a in args]
    got, _, err = zitat(filled, monkeypatch, capsys)
    assert got == code
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def _script() -> ModuleType:
    path = Path(__file__).parents[1] / "scripts" / "evaluate_models.py"
    spec = importlib.util.spec_from_file_location("evaluate_models", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    return module


def test_make_eval_scores_loadable_models_and_names_the_others(tmp_path: Path) -> None:
    split = tmp_path / "data" / "news_quotation_2024" / "dev"
    shutil.copytree(GOLD, split)
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\n<!-- BEGIN:speed -->\nkept\n<!-- END:speed -->\n")
    script = _script()
    args = ["--data", str(tmp_path / "data"), "--models", "marks", "nope", "--out", str(page)]
    assert script.main(args) == 0
    text = page.read_text(encoding="utf-8")
    assert "kept" in text and "<!-- BEGIN:eval -->" in text
    row = next(line for line in text.splitlines() if line.startswith("| `marks@test`"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    # Messages P, R, F1 as in test_predict_then_evaluate; the stand-in finds no speaker for
    # either gold Direct quotation
    assert cells[1:4] == ["100.0", "50.0", "66.7"]
    assert cells[12] == "0.0 (0/2)"
    assert "- `nope`: ModelError" in text
    assert f"{os.cpu_count()} cores" in text


def test_make_eval_fails_without_any_model(tmp_path: Path) -> None:
    split = tmp_path / "news_quotation_2024" / "dev"
    shutil.copytree(GOLD, split)
    script = _script()
    args = ["--data", str(tmp_path), "--models", "nope", "--out", str(tmp_path / "b.md")]
    assert script.main(args) == 1
    assert script.main(["--data", str(tmp_path / "missing")]) == 2
