"""Coverage-guided fuzzing of the readers with atheris (libFuzzer): bytes in, articles or a
clear InputError out, under the invariants of tests/fuzz_support.py.

hypothesis (tests/test_fuzz_readers.py) generates structured documents; this harness mutates
raw bytes towards new branches of the decoder, the format sniffing and the readers.

Usage:
    pip install -e '.[fuzz]'
    python scripts/fuzz/readers_atheris.py -max_total_time=120 [corpus folder]
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))

with atheris.instrument_imports(include=["zitat"]):
    import fuzz_support

SUFFIXES = (".txt", ".html", ".json", ".jsonl", "")


def one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    suffix = SUFFIXES[provider.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
    fuzz_support.read_file(provider.ConsumeBytes(provider.remaining_bytes()), suffix)


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
