"""The named-entity head: a small MLP over each word's state and its neighbours' states.

A linear head sees one word at a time; names are easier to delimit and type with the words
around them ("Präsident" before, "sagte" after). ``NerHead`` projects every word state once
into one chunk per neighbour offset (``-context`` … ``+context``), shifts each chunk by its
offset along the word axis (zeros past the window's edges or where ``word_mask`` is false),
adds them, and classifies the result. It reads the same word states as the other heads, so
the encoder runs once for all of them.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F


class NerHead(nn.Module):
    def __init__(self, states: int, hidden: int, context: int, labels: int) -> None:
        super().__init__()
        self.context = context
        self.hidden = hidden
        self.project = nn.Linear(states, (2 * context + 1) * hidden)
        self.out = nn.Linear(hidden, labels)

    def forward(self, firsts: torch.Tensor, word_mask: torch.Tensor | None = None) -> torch.Tensor:
        """Logits [B, W, labels] from word states [B, W, H]; ``word_mask`` [B, W] marks real
        words (padded ones then contribute nothing to their neighbours)."""
        chunks = self.project(firsts)
        if word_mask is not None:
            chunks = chunks * word_mask.unsqueeze(-1).to(chunks.dtype)
        parts = chunks.split(self.hidden, dim=-1)
        mixed = parts[self.context]
        for k in range(1, self.context + 1):
            # the word k to the left: shift right by k (zeros in front); to the right: left by k
            left, right = parts[self.context - k], parts[self.context + k]
            mixed = mixed + F.pad(left, (0, 0, k, 0))[:, : firsts.shape[1]]
            mixed = mixed + F.pad(right, (0, 0, 0, k))[:, k:]
        return self.out(F.gelu(mixed))
