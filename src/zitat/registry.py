"""Named, swappable components (spaCy-style): quotation models and result enrichers.

A component registers a factory under a name; the pipeline builds it from its config.
Factories are imported lazily so that ``--model rules`` never loads the encoder. A factory
takes, as keyword arguments, those of the pipeline's options that it names (``folder``,
``threads``); a component is built once per process for each name and options it takes.
"""

from __future__ import annotations

import importlib
import inspect
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from zitat.errors import ModelError
from zitat.schema import AnalysisResult, ModelOutput
from zitat.text.document import ParsedText


class QuotationModel(Protocol):
    """Finds quotations with their roles (and, if it can, entity mentions) in documents."""

    name: str
    version: str

    def predict(self, docs: Sequence[ParsedText]) -> list[ModelOutput]: ...


class Enricher(Protocol):
    """A step after quotation finding: entities, speaker resolution, time anchoring."""

    @property
    def requires(self) -> tuple[str, ...]:
        """The enrichers whose output this one reads: they must run before it."""

    def __call__(self, result: AnalysisResult, doc: ParsedText) -> AnalysisResult: ...


# name -> "module:factory"
QUOTATION_MODELS: dict[str, str] = {
    "rules": "zitat.quotations.rules:RulesModel",
    "learned": "zitat.quotations.learned:LearnedModel",
    "tagger": "zitat.quotations.learned:TaggerModel",
}
ENRICHERS: dict[str, str] = {
    "entities": "zitat.speakers.entities:EntitiesEnricher",
    "speakers": "zitat.speakers.resolve:SpeakersEnricher",
    "time": "zitat.speakers.time:TimeEnricher",
}
DEFAULT_ENRICHERS: tuple[str, ...] = ("entities", "speakers", "time")

MODEL_FOLDER_ENV = "ZITAT_TAGGER"
"""The environment variable naming the tagger's model folder when a config names none."""

Options = tuple[tuple[str, object], ...]
"""The options a component was built with, sorted by name (a cache key)."""

_instances: dict[tuple[str, str, Options], object] = {}


def env_model_folder() -> Path | None:
    """The model folder ``$ZITAT_TAGGER`` names; None (the shipped model) when it is unset."""
    folder = os.environ.get(MODEL_FOLDER_ENV)
    return Path(folder) if folder else None


def _load(table: dict[str, str], name: str, what: str, options: dict[str, object]) -> object:
    if name not in table:
        known = ", ".join(sorted(table))
        raise ModelError(f"unknown {what} {name!r}; choose one of: {known}")
    module, _, attr = table[name].partition(":")
    factory = getattr(importlib.import_module(module), attr)
    named = inspect.signature(factory).parameters
    taken = tuple(sorted((key, value) for key, value in options.items() if key in named))
    key = (what, name, taken)
    if key not in _instances:
        _instances[key] = factory(**dict(taken))
    return _instances[key]


def quotation_model(
    name: str, *, folder: Path | None = None, threads: int | None = None
) -> QuotationModel:
    """The (process-wide, loaded once per options) quotation model registered under ``name``.

    ``folder``: the model folder (None: the shipped one); ``threads``: intra-op threads of
    its inference session (None: one per CPU core). A model ignores what it does not use."""
    model = _load(QUOTATION_MODELS, name, "model", {"folder": folder, "threads": threads})
    return model  # type: ignore[return-value]


def enricher(name: str) -> Enricher:
    return _load(ENRICHERS, name, "enricher", {})  # type: ignore[return-value]
