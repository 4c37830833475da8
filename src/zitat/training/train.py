"""Fine-tune the tagger: ``python -m zitat.training.train --data ../shared/data``.

Trains quotation roles on news_quotation_2024/train and NER on GermEval 2014 dev plus
Europarl NER train, in one multi-task run over a shared encoder; selects the epoch with
the best dev score (token-level F1 of the quotation heads) and writes the weights, the
model card data and the ONNX export that inference runs (``zitat.training.export``) to ``--out``.

``--layers N --init DIR`` trains a shallower tagger that starts from the lower layers and
the heads of a trained one; ``--loss-weight addressee=3`` scales one head's loss. Both were
used for the comparison in docs/benchmarks.md ("Speed against accuracy").
``--gepade-windows N`` adds N windows of SpkAtt-2023 Bundestag debates per epoch, which
train the cue, speaker and addressee heads only (measured in the model card; not used for
the shipped weights).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from torch.nn import functional as F

from zitat.errors import ModelError
from zitat.model.data import (
    Example,
    load_europarl,
    load_gepade,
    load_germeval,
    load_quotation_split,
)
from zitat.model.e5file import PieceTokenizer
from zitat.model.labels import HEADS, IGNORE
from zitat.model.windows import TaggerConfig, Window, collate, load_config, make_windows
from zitat.training.export import export_folder
from zitat.training.tagger import WEIGHTS_FILE, Tagger, new_tagger, save_tagger

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "resources" / "models" / "tagger"
TRAINING_DATA = (
    "news_quotation_2024/train",
    "news_quotation_2024/dev",
    "germeval2014_ner/NER-de-dev.tsv",
    "europarl_ner_de/train.tsv",
)
"""What training reads from ``--data``, checked before the slow start."""
GEPADE_TRAIN = "spkatt2023_gepade/data/train/task1"
"""Bundestag debates with cue, speaker and addressee roles (read with --gepade-windows)."""


@dataclass(slots=True)
class Item:
    window: Window
    labels: dict[str, list[int]]


def to_items(
    examples: list[Example], tokenizer: PieceTokenizer, config: TaggerConfig
) -> list[Item]:
    items = []
    for ex in examples:
        for w in make_windows(ex.doc, tokenizer, config):
            items.append(
                Item(w, {h: lab[w.token_start : w.token_end] for h, lab in ex.labels.items()})
            )
    return items


def batches(items: list[Item], max_pieces: int, rng: random.Random) -> list[list[Item]]:
    """Length-bucketed batches of about ``max_pieces`` padded pieces each."""
    order = sorted(items, key=lambda it: len(it.window.piece_ids) + rng.random())
    out: list[list[Item]] = []
    cur: list[Item] = []
    for it in order:
        longest = max([len(it.window.piece_ids)] + [len(c.window.piece_ids) for c in cur])
        if cur and longest * (len(cur) + 1) > max_pieces:
            out.append(cur)
            cur = []
        cur.append(it)
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def label_tensor(items: list[Item], head: str, n_words: int) -> torch.Tensor:
    y = torch.full((len(items), n_words), IGNORE, dtype=torch.long)
    for b, it in enumerate(items):
        lab = it.labels[head]
        y[b, : len(lab)] = torch.tensor(lab)
    return y


def step_loss(
    tagger: Tagger, items: list[Item], pad_id: int, weights: dict[str, float]
) -> torch.Tensor:
    """Sum of the heads' cross-entropies, each scaled by its weight (default 1)."""
    batch = collate([it.window for it in items], pad_id)
    logits = tagger(batch)
    total = torch.zeros(())
    for head, out in logits.items():
        y = label_tensor(items, head, out.shape[1])
        if (y != IGNORE).any():
            loss = F.cross_entropy(out.reshape(-1, out.shape[-1]), y.reshape(-1))
            total = total + weights.get(head, 1.0) * loss
    return total


def parse_weights(specs: list[str]) -> dict[str, float]:
    """``["addressee=3"]`` → ``{"addressee": 3.0}``; unknown heads are refused."""
    weights = {}
    for spec in specs:
        head, _, value = spec.partition("=")
        if head not in HEADS or not value:
            raise ValueError(f"--loss-weight wants HEAD=NUMBER with a known head, got {spec!r}")
        weights[head] = float(value)
    return weights


@torch.inference_mode()
def dev_scores(tagger: Tagger, items: list[Item], pad_id: int) -> dict[str, float]:
    """Token-level micro F1 of the non-O labels per head (a fast proxy for selection)."""
    tagger.eval()
    counts: dict[str, list[int]] = {}
    for chunk in [items[i : i + 32] for i in range(0, len(items), 32)]:
        logits = tagger(collate([it.window for it in chunk], pad_id))
        for head, out in logits.items():
            y = label_tensor(chunk, head, out.shape[1])
            valid = y != IGNORE
            if not valid.any():
                continue
            pred = out.argmax(-1)
            c = counts.setdefault(head, [0, 0, 0])
            c[0] += int(((pred == y) & (y > 0) & valid).sum())
            c[1] += int(((pred > 0) & valid).sum())
            c[2] += int(((y > 0) & valid).sum())
    tagger.train()
    return {h: 2 * tp / max(1, p + g) for h, (tp, p, g) in counts.items()}


def _jsonable(value: object) -> object:
    return str(value) if isinstance(value, Path) else value


def tagger_config(layers: int, init: Path | None) -> TaggerConfig:
    """The config of a tagger to train: ``layers`` deep, with the NER head of the tagger it
    starts from (``--init``), or a linear one."""
    if init is None:
        return TaggerConfig(layers=layers)
    try:
        start = load_config(init)
    except ModelError as exc:
        raise SystemExit(f"train: cannot start from {init}: {exc}") from exc
    return TaggerConfig(layers=layers, ner_hidden=start.ner_hidden, ner_context=start.ner_context)


def start_from(tagger: Tagger, folder: Path) -> None:
    """Copy a trained tagger's weights into ``tagger``, keeping only the layers it has:
    a shallower student starts from the lower layers and the heads of a deeper model."""
    try:
        state = torch.load(folder / WEIGHTS_FILE, map_location="cpu", weights_only=True)
    except OSError as exc:
        raise SystemExit(f"train: cannot start from {folder}: {exc}") from exc
    mine = tagger.state_dict()
    kept = {k: v.to(torch.float32) for k, v in state.items() if k in mine}
    missing = set(mine) - set(kept) - {k for k in mine if k.startswith("encoder.word.")}
    if missing:
        raise SystemExit(f"train: {folder} lacks {sorted(missing)[:3]}")
    tagger.load_state_dict(kept, strict=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--batch-pieces", type=int, default=2400)
    ap.add_argument("--layers", type=int, default=6)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--ner-sentences", type=int, default=4000, help="NER sentences per epoch")
    ap.add_argument(
        "--gepade-windows",
        type=int,
        default=0,
        help="windows of SpkAtt-2023 debates per epoch (cue, speaker, addressee heads)",
    )
    ap.add_argument(
        "--loss-weight",
        action="append",
        default=[],
        metavar="HEAD=W",
        help="scale one head's loss, e.g. addressee=3 (repeatable)",
    )
    ap.add_argument(
        "--init",
        type=Path,
        help="start from a trained tagger folder (its first --layers layers and its heads)",
    )
    ap.add_argument("--limit-docs", type=int, default=0, help="debug: use only N train docs")
    args = ap.parse_args(argv)
    try:
        weights = parse_weights(args.loss_weight)
    except ValueError as exc:
        ap.error(str(exc))
    needed = TRAINING_DATA + ((GEPADE_TRAIN,) if args.gepade_windows else ())
    missing = [part for part in needed if not (args.data / part).exists()]
    if missing:
        print(f"train: {args.data} lacks {', '.join(missing)} (pass --data)", file=sys.stderr)
        return 2

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    config = tagger_config(args.layers, args.init)
    tagger, tokenizer = new_tagger(config)
    if args.init:
        start_from(tagger, args.init)
    tagger.encoder.requires_grad_(True)
    tagger.encoder.word.requires_grad_(False)

    corpus = args.data / "news_quotation_2024"
    train_docs = load_quotation_split(corpus / "train")
    if args.limit_docs:
        train_docs = train_docs[: args.limit_docs]
    dev_items = to_items(load_quotation_split(corpus / "dev"), tokenizer, config)
    quote_items = to_items(train_docs, tokenizer, config)
    ner_examples = load_germeval(args.data / "germeval2014_ner" / "NER-de-dev.tsv")
    ner_examples += load_europarl(args.data / "europarl_ner_de" / "train.tsv")
    ner_items = to_items(ner_examples, tokenizer, config)
    gepade_items = (
        to_items(load_gepade(args.data / GEPADE_TRAIN), tokenizer, config)
        if args.gepade_windows
        else []
    )
    print(
        f"train windows: {len(quote_items)} quotation, {len(ner_items)} NER, "
        f"{len(gepade_items)} debates; dev {len(dev_items)}",
        flush=True,
    )

    head_params = [p for n, p in tagger.named_parameters() if n.startswith("heads.")]
    enc_params = [
        p for n, p in tagger.named_parameters() if not n.startswith("heads.") and p.requires_grad
    ]
    opt = torch.optim.AdamW(
        [{"params": enc_params, "lr": args.lr}, {"params": head_params, "lr": args.head_lr}],
        weight_decay=0.01,
    )
    plan = [
        batches(
            quote_items
            + rng.sample(ner_items, min(args.ner_sentences, len(ner_items)))
            + rng.sample(gepade_items, min(args.gepade_windows, len(gepade_items))),
            args.batch_pieces,
            rng,
        )
        for _ in range(args.epochs)
    ]
    total_steps = sum(len(p) for p in plan)
    warmup = max(1, total_steps // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt,
        lambda s: min((s + 1) / warmup, max(0.0, (total_steps - s) / (total_steps - warmup))),
    )
    best, history = -1.0, []
    step, started = 0, time.time()
    tagger.train()
    for epoch, epoch_batches in enumerate(plan, 1):
        running = 0.0
        for i, items in enumerate(epoch_batches, 1):
            loss = step_loss(tagger, items, tokenizer.pad, weights)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(tagger.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            running += float(loss.detach())
            if i % 20 == 0:
                rate = step / (time.time() - started)
                print(
                    f"epoch {epoch} step {i}/{len(epoch_batches)} loss {running / 20:.3f} "
                    f"({rate:.2f} steps/s, eta {(total_steps - step) / rate / 60:.1f} min)",
                    flush=True,
                )
                running = 0.0
        scores = dev_scores(tagger, dev_items, tokenizer.pad)
        selection = sum(scores[h] for h in ("quote", "cue", "frame", "speaker")) / 4
        history.append({"epoch": epoch, "selection": selection, **scores})
        print(f"epoch {epoch} dev {json.dumps(scores)} selection {selection:.4f}", flush=True)
        if selection > best:
            best = selection
            save_tagger(tagger, args.out)
            print(f"saved to {args.out}", flush=True)
    (args.out / "training.json").write_text(
        json.dumps(
            {"args": {k: _jsonable(v) for k, v in vars(args).items()}, "history": history}, indent=1
        ),
        encoding="utf-8",
    )
    print(f"exported the best epoch to {export_folder(args.out)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
