"""Training and evaluation without the shared data: one clear line, exit 2, nothing written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD_DOC = ROOT / "tests" / "fixtures" / "corpus"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def assert_clear_failure(done: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    message = done.stderr.strip()
    assert message.count("\n") == 0, message
    for part in expected:
        assert part in message


@pytest.fixture()
def partial_data(tmp_path: Path) -> Path:
    """A data folder with the quotation corpus' dev split only (train and NER sets missing)."""
    dev = tmp_path / "data" / "news_quotation_2024" / "dev"
    dev.mkdir(parents=True)
    for document in GOLD_DOC.glob("*.json"):
        (dev / document.name).write_bytes(document.read_bytes())
    return tmp_path / "data"


@pytest.mark.parametrize("layout", ["absent", "partial"])
def test_training_without_data_says_what_is_missing(
    tmp_path: Path, partial_data: Path, layout: str
) -> None:
    data = tmp_path / "nowhere" if layout == "absent" else partial_data
    out = tmp_path / "model"
    done = run(
        "-m", "zitat.training.train", "--data", str(data), "--out", str(out), "--epochs", "1"
    )
    assert_clear_failure(done, str(data), "news_quotation_2024/train")
    assert not out.exists(), "the training script wrote a model folder without data"


def test_model_evaluation_without_data_writes_no_benchmarks(tmp_path: Path) -> None:
    data = tmp_path / "nowhere"
    benchmarks = tmp_path / "benchmarks.md"
    done = run("scripts/evaluate_models.py", "--data", str(data), "--out", str(benchmarks))
    assert_clear_failure(done, str(data))
    assert not benchmarks.exists()


def test_corpus_evaluation_of_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    zitat = str(Path(sys.executable).with_name("zitat"))
    done = subprocess.run(
        [zitat, "evaluate", "--gold", str(tmp_path / "gold"), "--pred", str(GOLD_DOC)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and str(tmp_path / "gold") in done.stderr
