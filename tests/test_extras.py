"""The base install and its extras: a command whose extra is missing names it in one line.

A missing module is simulated by ``sys.modules[name] = None``, which makes importing it fail
(and ``importlib.util.find_spec`` report it absent), as in an install without the extra.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cli_support import cli_runner
from zitat.errors import MissingExtraError
from zitat.extras import EXTRAS, require

ROOT = Path(__file__).resolve().parents[1]
OPTIONAL = ("torch", "onnx", "dask", "distributed", "matplotlib", "scipy", "pyarrow",
            "trafilatura", "fastapi", "uvicorn", "jinja2", "pandas", "spacy")  # fmt: skip
"""What the base install (analyse, store, CLI) must not import."""


def without(monkeypatch: pytest.MonkeyPatch, *modules: str) -> None:
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)


def test_pyproject_declares_every_extra_and_dev_holds_them_all() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert set(EXTRAS) <= set(extras)
    dev = next(req for req in extras["dev"] if req.startswith("zitat["))
    assert set(dev.removeprefix("zitat[").removesuffix("]").split(",")) == set(EXTRAS)
    base = " ".join(project["dependencies"])
    for module in ("torch", "onnx>", "dask", "matplotlib", "scipy", "pyarrow", "fastapi"):
        assert module not in base


def test_require_names_feature_extra_and_module(monkeypatch: pytest.MonkeyPatch) -> None:
    without(monkeypatch, "matplotlib")
    with pytest.raises(MissingExtraError) as caught:
        require("zitat stats --plot", "plot")
    assert str(caught.value) == (
        "zitat stats --plot needs the 'plot' extra (matplotlib is not installed): "
        "pip install 'zitat[plot]'"
    )
    assert isinstance(caught.value, ImportError) and caught.value.name == "matplotlib"
    require("zitat analyze", "eval")  # scipy is installed here: nothing raised


@pytest.mark.parametrize(
    ("module", "command", "extra"),
    [
        ("fastapi", ["serve"], "serve"),
        ("uvicorn", ["serve"], "serve"),
        ("dask", ["batch", "in.jsonl", "--out", "out"], "batch"),
        ("scipy", ["evaluate", "--gold", ".", "--pred", "."], "eval"),
        ("pyarrow", ["export", "--format", "parquet", "-o", "x.parquet", "--db", "s.db"],
         "parquet"),
    ],
)  # fmt: skip
def test_a_command_without_its_extra_says_which_to_install(
    module: str,
    command: list[str],
    extra: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    without(monkeypatch, module)
    outcome = cli_runner(monkeypatch, capsys)(*command)
    assert outcome.code == MissingExtraError.exit_code
    name = " ".join(["zitat", command[0], *(command[1:3] if extra == "parquet" else [])])
    assert outcome.err == (
        f"zitat: error: {name} needs the '{extra}' extra ({module} is not installed): "
        f"pip install 'zitat[{extra}]'\n"
    )


def test_reading_html_without_its_extra_says_which_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>„Ja“, sagte sie.</p></body></html>", encoding="utf-8")
    without(monkeypatch, "trafilatura")
    outcome = cli_runner(monkeypatch, capsys, "analyze", "--model", "rules")(page)
    assert outcome.code != 0
    assert "reading HTML needs the 'html' extra" in outcome.err
    assert "pip install 'zitat[html]'" in outcome.err


def test_training_without_its_extra_says_which_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [m for m in sys.modules if m.startswith("zitat.training")]:
        monkeypatch.delitem(sys.modules, name)
    without(monkeypatch, "torch")
    with pytest.raises(MissingExtraError, match=r"needs the 'train' extra \(torch is not"):
        importlib.import_module("zitat.training.train")
    monkeypatch.setattr(sys, "argv", ["-m"])  # as `python -m zitat.training.train` sets it
    with pytest.raises(SystemExit, match=r"^zitat: error: zitat.training needs the 'train'"):
        importlib.import_module("zitat.training.train")


def test_analysis_needs_no_extra(tmp_path: Path) -> None:
    """`zitat analyze` on a text file, with every optional module made unimportable."""
    code = (
        "import sys\n"
        f"for name in {OPTIONAL!r}: sys.modules[name] = None\n"
        "from zitat.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, "analyze", str(ROOT / "examples" / "article.txt"),
         "--format", "json"],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert '"quotations"' in done.stdout
