"""Train the NER head alone on the shipped encoder: ``python -m zitat.training.train_ner``.

The encoder and the quotation heads stay exactly as they are. The encoder's word states
are computed once per corpus from the exported graph (``zitat.training.word_states``, cached
in ``--cache``); a new NER head (``zitat.training.ner_head``: an MLP over each word and its
neighbours) is trained on them, put into the tagger
folder's ``weights.pt`` and ``config.json`` in place of the old one, and the folder is
exported again (``zitat.training.export``).

Data: GermEval 2014 dev, Europarl NER train and the DFKI SmartData v1 corpus (train and
test files, entity types mapped in ``zitat.model.data.SMARTDATA_TYPES``). SmartData marks
no MISC entities, so its unmarked words are trained as "O or MISC" (the loss is the
probability of that set) rather than as O. ``--holdout N`` keeps the last N GermEval dev
sentences out of training, scores entity F1 on them after every epoch and writes the best
epoch; with ``--holdout 0`` the last epoch is written.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import torch
from torch.nn import functional as F

from zitat.evaluation.ner import Entity, NerScore, score_entities
from zitat.model.data import Example, load_europarl, load_germeval, load_smartdata
from zitat.model.labels import IGNORE, NER_LABELS
from zitat.model.windows import load_config
from zitat.quotations.decode import bio_segments
from zitat.training.export import export_folder
from zitat.training.ner_head import NerHead
from zitat.training.tagger import WEIGHTS_FILE, new_tagger, save_tagger
from zitat.training.word_states import WordStates, cached_states

DEFAULT_MODEL = Path(__file__).resolve().parents[1] / "resources" / "models" / "tagger"
GERMEVAL_DEV = "germeval2014_ner/NER-de-dev.tsv"
EUROPARL_TRAIN = "europarl_ner_de/train.tsv"
SMARTDATA_FILES = (
    "smartdata_corpus/v1_20180119/train.json.gz",
    "smartdata_corpus/v1_20180119/test.json.gz",
)
SMARTDATA_SOURCES = ("news", "rss", "tweet")
MISC_LABELS = tuple(i for i, label in enumerate(NER_LABELS) if label.endswith("-MISC"))


@dataclass(slots=True)
class Window:
    states: np.ndarray  # [W, H] float16
    labels: np.ndarray  # [W] label ids
    marks_misc: bool  # False: an unmarked word may be MISC


def _windows(states: WordStates, marks_misc: bool) -> list[Window]:
    return [Window(s, y, marks_misc) for s, y in states.windows()]


def allowed_labels(labels: torch.Tensor, marks_misc: torch.Tensor) -> torch.Tensor:
    """[B, W, labels] bool: the labels a word may take. A labelled word: its label; an
    unlabelled word (O) of a corpus without MISC: O or MISC; an untrained word: none."""
    n = len(NER_LABELS)
    known = labels.clamp(min=0)
    allowed = F.one_hot(known, n).bool() & (labels != IGNORE).unsqueeze(-1)
    maybe_misc = (labels == 0) & ~marks_misc.unsqueeze(-1)
    for label in MISC_LABELS:
        allowed[..., label] |= maybe_misc
    return allowed


def set_loss(logits: torch.Tensor, allowed: torch.Tensor) -> torch.Tensor:
    """Mean negative log-probability of each trained word's allowed label set."""
    trained = allowed.any(-1)
    in_set = logits.masked_fill(~allowed, float("-inf")).logsumexp(-1)
    return (logits.logsumexp(-1) - in_set)[trained].mean()


def collate(windows: list[Window]) -> tuple[torch.Tensor, ...]:
    """States [B, W, H], labels [B, W] (IGNORE where padded), word mask, marks-MISC [B]."""
    width = max(len(w.labels) for w in windows)
    hidden = windows[0].states.shape[1]
    states = torch.zeros(len(windows), width, hidden)
    labels = torch.full((len(windows), width), IGNORE, dtype=torch.long)
    for b, w in enumerate(windows):
        states[b, : len(w.labels)] = torch.from_numpy(w.states.astype(np.float32))
        labels[b, : len(w.labels)] = torch.from_numpy(w.labels)
    marks = torch.tensor([w.marks_misc for w in windows])
    mask = torch.zeros(len(windows), width, dtype=torch.bool)
    for b, w in enumerate(windows):
        mask[b, : len(w.labels)] = True
    return states, labels, mask, marks


def entities(labels: list[int]) -> list[tuple[int, int, str]]:
    tags = [NER_LABELS[i] if i >= 0 else "O" for i in labels]
    return [(s, e, kind) for _, kind, (s, e) in bio_segments(tags)]


@torch.inference_mode()
def holdout_score(head: NerHead, windows: list[Window]) -> NerScore:
    """Exact-span entity F1 of the head's argmax tags (as inference decodes them)."""
    head.eval()
    gold: list[Entity] = []
    predicted: list[Entity] = []
    for n, w in enumerate(windows):
        states = torch.from_numpy(w.states.astype(np.float32)).unsqueeze(0)
        tags = head(states)[0].argmax(-1).tolist()
        gold.extend((n, *e) for e in entities(w.labels.tolist()))
        predicted.extend((n, *e) for e in entities(tags))
    head.train()
    return score_entities(gold, predicted)


def train_head(
    train: list[Window], holdout: list[Window], args: argparse.Namespace
) -> tuple[NerHead, list[dict[str, float]]]:
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    head = NerHead(train[0].states.shape[1], args.hidden, args.context, len(NER_LABELS))
    opt = torch.optim.AdamW(head.parameters(), lr=args.lr, weight_decay=0.01)
    per_epoch = (len(train) + args.batch - 1) // args.batch
    total = per_epoch * args.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / total))
    best, best_state, history = -1.0, dict(head.state_dict()), []
    started = time.time()
    for epoch in range(1, args.epochs + 1):
        order = sorted(train, key=lambda w: len(w.labels) + rng.random() * 8)
        chunks = [order[i : i + args.batch] for i in range(0, len(order), args.batch)]
        rng.shuffle(chunks)
        running = 0.0
        for chunk in chunks:
            states, labels, mask, marks = collate(chunk)
            states = F.dropout(states, args.dropout)
            loss = set_loss(head(states, mask), allowed_labels(labels, marks))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
            running += float(loss.detach())
        row = {"epoch": epoch, "loss": running / len(chunks), "seconds": time.time() - started}
        if holdout:
            score = holdout_score(head, holdout)
            row |= {"precision": score.precision, "recall": score.recall, "f1": score.f1}
        history.append(row)
        print(json.dumps(row), flush=True)
        if not holdout or row["f1"] > best:
            best = row.get("f1", 0.0)
            best_state = {k: v.detach().clone() for k, v in head.state_dict().items()}
    head.load_state_dict(best_state)
    head.eval()
    return head, history


def install_head(head: NerHead, source: Path, out: Path) -> None:
    """Write ``source``'s tagger with ``head`` as its NER head to ``out`` (weights.pt and
    config.json; every other weight is copied unchanged)."""
    config = replace(load_config(source), ner_hidden=head.hidden, ner_context=head.context)
    tagger, _ = new_tagger(config)
    state = torch.load(source / WEIGHTS_FILE, map_location="cpu", weights_only=True)
    kept = {k: v.to(torch.float32) for k, v in state.items() if not k.startswith("heads.ner.")}
    kept |= {f"heads.ner.{k}": v for k, v in head.state_dict().items()}
    tagger.load_state_dict(kept, strict=False)
    save_tagger(tagger, out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL, help="tagger folder to read")
    ap.add_argument("--out", type=Path, help="folder to write (default: --model itself)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/zitat-ner-states"))
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--context", type=int, default=2, help="neighbours read on each side")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=32, help="windows per step")
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--holdout", type=int, default=0, help="last N GermEval dev sentences")
    ap.add_argument(
        "--smartdata-sources",
        default="news,rss",
        help=f"comma-separated SmartData document sources, of {','.join(SMARTDATA_SOURCES)}",
    )
    ap.add_argument("--no-export", action="store_true", help="score only, write nothing")
    args = ap.parse_args(argv)
    needed = (GERMEVAL_DEV, EUROPARL_TRAIN, *SMARTDATA_FILES)
    missing = [part for part in needed if not (args.data / part).exists()]
    if missing:
        print(f"train_ner: {args.data} lacks {', '.join(missing)} (pass --data)", file=sys.stderr)
        return 2
    torch.set_num_threads(1)

    def states(name: str, examples: list[Example]) -> WordStates:
        return cached_states(args.model, examples, args.cache, name)

    started = time.time()
    germeval = _windows(states("germeval-dev", load_germeval(args.data / GERMEVAL_DEV)), True)
    cut = len(germeval) - args.holdout
    train = germeval[:cut]
    holdout = germeval[cut:]
    train += _windows(states("europarl-train", load_europarl(args.data / EUROPARL_TRAIN)), True)
    for path in SMARTDATA_FILES:
        split = Path(path).name.split(".")[0]
        for source in args.smartdata_sources.split(","):
            examples = load_smartdata(args.data / path, (source,))
            train += _windows(states(f"smartdata-v1-{split}-{source}", examples), False)
    print(
        f"{len(train)} training windows, {len(holdout)} held out; word states ready after "
        f"{time.time() - started:.0f} s",
        flush=True,
    )
    head, history = train_head(train, holdout, args)
    if args.no_export:
        return 0
    out = args.out or args.model
    install_head(head, args.model, out)
    record = {"args": {k: str(v) for k, v in vars(args).items()}, "history": history}
    (out / "ner_training.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    print(f"exported to {export_folder(out)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
