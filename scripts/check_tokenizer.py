"""Prove that the sub-word tokenizer gives the pieces of the former pure-Python one.

Usage: python scripts/check_tokenizer.py --data ../shared/data [--reference REV]

The former implementation (a Viterbi search in Python, replaced by Hugging Face
``tokenizers``) is loaded from git, ``src/zitat/model/e5file.py`` at ``--reference``, and
both tokenize, over the train and dev articles of news_quotation_2024: every word as the
tagger sees it (``ParsedText.from_text``), after a space and glued to the previous token,
and every sentence as one string (spaces become metaspaces, so the search runs over long
inputs). Prints the counts and the first differences; the exit code is 1 if any differ.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path

from zitat.model.e5file import E5File
from zitat.text.document import ParsedText

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = "5c046875a0ea7d51cbf2b04ba8a6f5dc6172bfeb"
"""The last commit whose tokenizer is the Python Viterbi search."""
SPLITS = ("train", "dev")


def reference_module(revision: str) -> types.ModuleType:
    """``zitat.model.e5file`` as it was at ``revision``."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:src/zitat/model/e5file.py"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("e5file_reference")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(source, f"{revision[:7]}:e5file.py", "exec"), module.__dict__)
    return module


def corpus_texts(data: Path) -> Iterator[str]:
    for split in SPLITS:
        folder = data / "news_quotation_2024" / split
        files = sorted(folder.glob("*.json"))
        if not files:
            raise SystemExit(f"no corpus files in {folder}")
        for path in files:
            yield json.loads(path.read_text(encoding="utf-8"))["originalText"]


def inputs(data: Path) -> tuple[set[tuple[str, bool]], set[str]]:
    """The words (each with both spacing flags) and the sentences of the corpus."""
    words: set[tuple[str, bool]] = set()
    sentences: set[str] = set()
    for text in corpus_texts(data):
        doc = ParsedText.from_text(text)
        words.update((tok.text, flag) for tok in doc.tokens for flag in (True, False))
        sentences.update(text[s.start : s.end] for s in doc.sentences)
    return words, sentences


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--reference", default=REFERENCE, help="git revision of the old tokenizer")
    args = ap.parse_args()
    words, sentences = inputs(args.data)
    old = reference_module(args.reference).E5File().tokenizer
    new = E5File().tokenizer
    cases = sorted(words) + [(s, True) for s in sorted(sentences)]
    started = time.perf_counter()
    expected = [old.word_pieces(text, flag) for text, flag in cases]
    old_seconds = time.perf_counter() - started
    started = time.perf_counter()
    got = [new.word_pieces(text, flag) for text, flag in cases]
    new_seconds = time.perf_counter() - started
    differ = [(c, e, g) for c, e, g in zip(cases, expected, got, strict=True) if e != g]
    pieces = sum(map(len, expected))
    print(
        f"{len(words):,} word cases, {len(sentences):,} sentences ({', '.join(SPLITS)}); "
        f"{pieces:,} pieces; reference {args.reference[:7]} {old_seconds:.1f} s, "
        f"now {new_seconds:.1f} s; {len(differ)} differ"
    )
    for (text, flag), want, have in differ[:10]:
        print(f"  {text[:60]!r} after_space={flag}: reference {want[:12]} now {have[:12]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
