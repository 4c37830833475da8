"""Named, swappable components (spaCy-style): quotation models and result enrichers.

A component registers a factory under a name; the pipeline builds it from its config.
Factories are imported lazily so that ``--model rules`` never loads the encoder.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import Protocol

from zitat.errors import ModelError
from zitat.schema import AnalysisResult, ModelOutput
from zitat.text.document import ParsedText


class QuotationModel(Protocol):
    """Finds quotations with their roles (and, if it can, entity mentions) in documents."""

    name: str
    version: str

    def predict(self, docs: Sequence[ParsedText]) -> list[ModelOutput]: ...


Enricher = Callable[[AnalysisResult, ParsedText], AnalysisResult]
"""A step after quotation finding: entities, speaker resolution, time anchoring."""

# name -> "module:factory"; factories take no arguments and return the component
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

_instances: dict[str, object] = {}


def _load(table: dict[str, str], name: str, what: str) -> object:
    key = f"{what}:{name}"
    if key not in _instances:
        if name not in table:
            known = ", ".join(sorted(table))
            raise ModelError(f"unknown {what} {name!r}; choose one of: {known}")
        module, _, attr = table[name].partition(":")
        factory = getattr(importlib.import_module(module), attr)
        _instances[key] = factory()
    return _instances[key]


def quotation_model(name: str) -> QuotationModel:
    """The (process-wide, loaded once) quotation model registered under ``name``."""
    model = _load(QUOTATION_MODELS, name, "model")
    return model  # type: ignore[return-value]


def enricher(name: str) -> Enricher:
    return _load(ENRICHERS, name, "enricher")  # type: ignore[return-value]
