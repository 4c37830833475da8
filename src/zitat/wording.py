"""Counts in messages: ``1 quotation``, ``2 quotations``, ``1,500 articles``."""

from __future__ import annotations


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """``count`` and ``noun``, in the plural (``noun + "s"`` unless given) when not one."""
    word = noun if count == 1 else (plural_form or noun + "s")
    return f"{count:,} {word}"
