"""A broken model folder (``ZITAT_TAGGER``) is a one-line ModelError, never a traceback.

Inference reads ``tagger.onnx`` (``zitat.model.runtime``); training and export read
``weights.pt`` (``zitat.training.tagger``). Both refuse damaged files the same way.
"""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import onnx
import pytest
import torch
from onnx import TensorProto, helper

from zitat.errors import ModelError
from zitat.model.runtime import ONNX_FILE, OnnxTagger
from zitat.model.windows import CONFIG_FILE, TaggerConfig
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.quotations.learned import SHIPPED_MODEL
from zitat.training.tagger import WEIGHTS_FILE, load_tagger

TAGGER_ENV = "ZITAT_TAGGER"
MARKER = "zitat-fault-test-pickle-ran"


def saved(value: object) -> bytes:
    buffer = io.BytesIO()
    torch.save(value, buffer)
    return buffer.getvalue()


class RunsCode:
    """A pickle that would run a command when loaded without ``weights_only``."""

    def __reduce__(self) -> tuple[Callable[..., object], tuple[str]]:
        return (os.system, (f"echo {MARKER}",))


GOOD = saved({"heads.quote.weight": torch.zeros(3, 4)})
BROKEN_WEIGHTS = {
    "truncated": GOOD[: len(GOOD) // 2],
    "empty": b"",
    "random-bytes": bytes(range(256)) * 8,
    "code-in-pickle": pickle.dumps(RunsCode()),
    "not-a-dict": saved([1, 2, 3]),
    "not-tensors": saved({"heads.quote.weight": "zeros"}),
}


def model_folder(root: Path, weights: bytes | None, config: str | None) -> Path:
    folder = root / "tagger"
    folder.mkdir()
    if weights is not None:
        (folder / WEIGHTS_FILE).write_bytes(weights)
    if config is not None:
        (folder / CONFIG_FILE).write_text(config, encoding="utf-8")
    return folder


def assert_one_line(exc: pytest.ExceptionInfo[ModelError], folder: Path) -> None:
    message = str(exc.value)
    assert "\n" not in message and str(folder) in message


@pytest.mark.parametrize("case", BROKEN_WEIGHTS, ids=str)
def test_corrupt_weights_file_is_a_model_error(
    tmp_path: Path, case: str, capfd: pytest.CaptureFixture[str]
) -> None:
    folder = model_folder(tmp_path, BROKEN_WEIGHTS[case], TaggerConfig().to_json())
    with pytest.raises(ModelError) as exc:
        load_tagger(folder)
    assert_one_line(exc, folder)
    assert MARKER not in capfd.readouterr().out, "loading the weights ran code from the pickle"


@pytest.mark.parametrize(
    ("weights", "config"),
    [(GOOD, None), (None, TaggerConfig().to_json()), (GOOD, "{"), (GOOD, '{"layers": "six"}')],
    ids=["no-config", "no-weights", "config-not-json", "config-wrong-fields"],
)
def test_missing_or_malformed_model_files_are_model_errors(
    tmp_path: Path, weights: bytes | None, config: str | None
) -> None:
    folder = model_folder(tmp_path, weights, config)
    with pytest.raises(ModelError) as exc:
        load_tagger(folder)
    assert_one_line(exc, folder)


def test_weights_of_the_wrong_shape_are_a_model_error(tmp_path: Path) -> None:
    folder = model_folder(tmp_path, GOOD, TaggerConfig(layers=1).to_json())
    with pytest.raises(ModelError, match="do not fit") as exc:
        load_tagger(folder)
    assert_one_line(exc, folder)


def foreign_graph() -> bytes:
    """A valid ONNX model that is not a tagger (one input, one output)."""
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "foreign", [x], [y])
    return helper.make_model(graph).SerializeToString()


def shipped_graph() -> bytes:
    return (SHIPPED_MODEL / ONNX_FILE).read_bytes()


BROKEN_GRAPHS: dict[str, Callable[[], bytes]] = {
    "truncated": lambda: (graph := shipped_graph())[: len(graph) // 2],
    "empty": lambda: b"",
    "random-bytes": lambda: bytes(range(256)) * 8,
    "foreign-graph": foreign_graph,
}


def onnx_folder(root: Path, graph: bytes | None) -> Path:
    folder = model_folder(root, None, (SHIPPED_MODEL / CONFIG_FILE).read_text(encoding="utf-8"))
    if graph is not None:
        (folder / ONNX_FILE).write_bytes(graph)
    return folder


@pytest.mark.parametrize("case", [*BROKEN_GRAPHS, "missing"], ids=str)
def test_broken_onnx_graph_is_a_model_error(tmp_path: Path, case: str) -> None:
    folder = onnx_folder(tmp_path, BROKEN_GRAPHS[case]() if case in BROKEN_GRAPHS else None)
    with pytest.raises(ModelError) as exc:
        OnnxTagger(folder)
    assert_one_line(exc, folder)


def test_foreign_graph_is_valid_onnx() -> None:
    """The foreign-graph case above fails as a misfit, not as unreadable bytes."""
    onnx.checker.check_model(onnx.load_from_string(foreign_graph()))


def test_pipeline_and_cli_report_a_truncated_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = onnx_folder(tmp_path, BROKEN_GRAPHS["truncated"]())
    monkeypatch.setenv(TAGGER_ENV, str(folder))
    with pytest.raises(ModelError):
        Pipeline(PipelineConfig(model="learned"))
    article = tmp_path / "article.txt"
    article.write_text("„Ja“, sagte sie.", encoding="utf-8")
    output = tmp_path / "out.json"
    zitat = str(Path(sys.executable).with_name("zitat"))
    done = subprocess.run(
        [zitat, "analyze", "--model", "learned", str(article), "--format", "json",
         "--output", str(output)],
        capture_output=True, text=True, env={**os.environ, TAGGER_ENV: str(folder)}, timeout=120,
    )  # fmt: skip
    assert done.returncode == ModelError.exit_code, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0 and str(folder) in done.stderr
    assert not output.exists(), "a result file was written although the model did not load"
