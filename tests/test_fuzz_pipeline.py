"""The analysis pipeline (rules model) on adversarial text: exact offsets, same answer twice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given

from fuzz_support import QUOTE_MARKS, TARGETS, analyse, check_result, pipeline
from zitat.schema import Article

PIPELINE = next(target for target in TARGETS if target.name == "pipeline")


def test_pipeline_survives_fuzzed_text() -> None:
    given(PIPELINE.strategy)(PIPELINE.check)()


@pytest.mark.parametrize(
    "text",
    [
        "„" * 5_000 + "sagte er.",
        "“" * 5_000,
        " ".join(QUOTE_MARKS) * 200,
        "„Ja, sagte sie. " * 2_000,
        "\u200b".join("„Nein“, sagte Scholz.") * 100,
        "e\u0301" * 20_000 + " sagte sie.",
        "\ud800„Wir\udfff“, sagte sie.\ud800",
        "\x00" * 100 + "„Ja“, sagte sie." + "\x00",
        "\u202e„ajn“, etgas sie.\u202c \u05e9\u05dc\u05d5\u05dd sagte er.",
    ],
    ids=["openers", "closers", "all-marks", "unclosed", "zero-width", "combining", "surrogates",
         "nul", "rtl"],
)  # fmt: skip
def test_adversarial_documents_keep_exact_offsets(text: str) -> None:
    assert analyse(text) is not None


def cpu_seconds(text: str, runs: int = 1) -> float:
    """The least CPU time of ``runs`` analyses (the machine is shared: wall time says little)."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        check_result(pipeline().analyze(Article(id="timed", text=text)), text)
        times.append(time.process_time() - started)
    return min(times)


@pytest.mark.parametrize(
    ("head", "repeated", "tail"),
    [
        ("„", "Wir halten Kurs und ", "“, sagte Scholz."),
        ("", "„Ja“, sagte sie. ", ""),
        ("", "Angela Merkel ", "sagte."),
        ("", "„", ""),
        ("", "Dr. ", ""),
        ("", "wie X mitteilte ", "."),
        ("„", "Wir halten Kurs, ", "“, sagte Scholz"),
        ("", "er sei gut, ", "sagte sie."),
        ("", "Das sei gut, so ", "Scholz."),
    ],
    ids=["direct", "quotes", "names", "openers", "abbreviations", "wie", "direct-commas",
         "konjunktiv-commas", "so-commas"],
)  # fmt: skip
def test_analysis_time_grows_linearly(head: str, repeated: str, tail: str) -> None:
    """Four times the text may take at most eight times as long (quadratic would be 16)."""

    def text(chars: int) -> str:
        return head + repeated * (chars // len(repeated)) + tail

    small = cpu_seconds(text(5_000), runs=3)
    large = cpu_seconds(text(20_000), runs=2)
    assert large < 8 * max(small, 0.01), f"5k chars: {small:.3f} s, 20k chars: {large:.3f} s"


@pytest.mark.parametrize(
    "sentence",
    [
        "„" + "Wir halten Kurs und " * 5_000 + "“, sagte Scholz",
        "Er sagte, dass " + "die Lage ernst sei und " * 4_400 + "man handeln müsse",
        "Wort" * 25_000,
    ],
    ids=["direct", "indirect", "one-token"],
)
def test_hundred_thousand_character_sentence(sentence: str) -> None:
    """One sentence of ~100k characters: exact offsets within a bounded time."""
    assert len(sentence) >= 100_000
    assert analyse(sentence) is not None  # offsets exact, same answer twice
    assert cpu_seconds(sentence) < 10, "a 100k-character sentence took over 10 s of CPU"


DETERMINISM_SCRIPT = """
import json, sys
sys.path.insert(0, "tests")
from fuzz_support import analyse
from zitat.schema import result_to_dict
texts = json.loads(sys.stdin.read())
print(json.dumps([result_to_dict(analyse(text)) for text in texts], sort_keys=True))
"""


def test_same_answer_in_processes_with_different_hash_seeds() -> None:
    """Set and dict order may differ between processes; the analysis must not."""
    root = Path(__file__).resolve().parents[1]
    texts = [
        (root / "examples" / "article.txt").read_text(encoding="utf-8"),
        "„Ja“, sagte Scholz. „Nein“, sagte Merkel. Baerbock sagte, sie sei dafür.",
        "Der Sprecher des Ministeriums erklärte, man werde prüfen. „Gut“, so Habeck.",
    ]
    answers = [
        subprocess.run(
            [sys.executable, "-c", DETERMINISM_SCRIPT],
            input=json.dumps(texts), capture_output=True, text=True, check=True, cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300,
        ).stdout
        for seed in ("1", "2", "3")
    ]  # fmt: skip
    assert json.loads(answers[0]) and answers[0] == answers[1] == answers[2]
