"""Word-level label sets of the tagger heads.

The quotation corpus' roles overlap (a frame contains its cue and speaker, a nested quote
sits inside another), so every role gets its own head rather than one joint tag set.
``quote`` tags outer quotations, with ``C`` marking a span that continues the previous
quotation (e.g. after an interrupting frame); ``nested`` tags quotations inside quotations.
"""

from __future__ import annotations

from zitat.schema import ROLE_NAMES, Medium, QuoteType

QUOTE_TYPES: tuple[str, ...] = tuple(t.value for t in QuoteType)
QUOTE_LABELS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in QUOTE_TYPES for p in "BCI"))
NESTED_LABELS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in QUOTE_TYPES for p in "BI"))
MEDIUM_LABELS: tuple[str, ...] = ("O", *(m.value for m in Medium))
BIO_LABELS: tuple[str, ...] = ("O", "B", "I")
NER_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")
NER_LABELS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in NER_TYPES for p in "BI"))

ROLE_HEADS: tuple[str, ...] = ROLE_NAMES
"""One BIO head per role besides the quote."""

HEADS: dict[str, tuple[str, ...]] = {
    "quote": QUOTE_LABELS,
    "nested": NESTED_LABELS,
    "medium": MEDIUM_LABELS,
    **{role: BIO_LABELS for role in ROLE_HEADS},
    "ner": NER_LABELS,
}

IGNORE = -100
"""Label id for positions a head is not trained on (e.g. NER labels in quotation data)."""
