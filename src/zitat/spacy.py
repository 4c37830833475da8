"""zitat as a spaCy pipeline component (needs ``zitat[spacy]``).

::

    nlp = spacy.blank("de")
    nlp.add_pipe("zitat")                  # config: {"model": "learned", "spans_key": "zitat"}
    doc = nlp(text)
    for q in doc._.quotations:             # DocQuotation
        print(q.type, q.medium, q.speaker, q.quote, q.entity)
    displacy.render(doc, style="span", options=DISPLACY_OPTIONS)

The factory is registered under ``"zitat"`` through the ``spacy_factories`` entry point
(spaCy imports this module when it creates a ``Language``), and by importing this module.

zitat analyses ``doc.text`` with its own tokenizer; its character spans are then mapped
onto the doc's tokens with ``Doc.char_span(..., alignment_mode="expand")``: a span whose
boundary falls inside a spaCy token grows to cover that whole token, so no character of a
role is lost (the exact offsets stay in ``DocQuotation.quotation`` and ``doc._.zitat``).

``doc._.zitat`` holds the result as zitat/1 JSON (without the text, which is ``doc.text``);
it is plain data, so it survives ``Doc.to_bytes`` and ``nlp.pipe(..., n_process=N)``, and
``doc._.quotations`` is computed from it. ``doc.spans[spans_key]`` holds one span per role
piece, labelled with its role (:data:`ROLES`), with the quotation id as ``span.id_`` and the
resolved entity id (speaker, addressee) as ``span.kb_id_``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from zitat.errors import MissingExtraError
from zitat.pipeline import Pipeline, PipelineConfig
from zitat.registry import QUOTATION_MODELS
from zitat.schema import (
    AnalysisResult,
    Article,
    EntityRef,
    Medium,
    Quotation,
    QuoteType,
    Role,
    TimeAnchor,
    quotation_from_dict,
    result_to_dict,
)

try:
    from spacy.language import Language
    from spacy.tokens import Doc, Span
except ImportError as exc:
    raise MissingExtraError("zitat.spacy", "spacy", "spacy") from exc

ROLES: tuple[str, ...] = ("quote", "cue", "frame", "speaker", "addressee")
"""The span labels in ``doc.spans[spans_key]``."""

DEFAULT_SPANS_KEY = "zitat"

DISPLACY_OPTIONS: dict[str, Any] = {
    "spans_key": DEFAULT_SPANS_KEY,
    "colors": {
        "quote": "#fde68a",
        "cue": "#fca5a5",
        "frame": "#e5e7eb",
        "speaker": "#93c5fd",
        "addressee": "#c4b5fd",
    },
}
"""Options for ``displacy.render(doc, style="span", options=DISPLACY_OPTIONS)``."""


@dataclass(frozen=True, slots=True)
class DocQuotation:
    """One quotation with its roles as spaCy spans (empty lists for missing roles)."""

    id: str
    type: QuoteType
    medium: Medium
    quote: list[Span]
    cue: list[Span]
    frame: list[Span]
    speaker: list[Span]
    addressee: list[Span]
    entity: EntityRef | None
    """The speaker's resolved entity (name, kind, gender, role), if any."""
    addressee_entity: EntityRef | None
    score: float
    when: TimeAnchor | None
    quotation: Quotation
    """zitat's own quotation, with the exact character spans."""


def role_spans(doc: Doc, role: Role | None, label: str = "", span_id: str = "") -> list[Span]:
    """The pieces of ``role`` as spans of ``doc``, each grown to whole tokens."""
    if role is None:
        return []
    kb_id = role.entity.id if role.entity is not None else ""
    spans = (
        doc.char_span(
            start, end, label=label, kb_id=kb_id, span_id=span_id, alignment_mode="expand"
        )
        for start, end in role.spans
    )
    return [span for span in spans if span is not None]  # None: only whitespace


def doc_quotations(doc: Doc) -> list[DocQuotation]:
    """The getter of ``doc._.quotations``."""
    stored = doc._.zitat
    if stored is None:
        return []
    found = []
    for raw in stored["quotations"]:
        q = quotation_from_dict(raw)
        found.append(
            DocQuotation(
                id=q.id,
                type=q.type,
                medium=q.medium,
                quote=role_spans(doc, q.quote),
                cue=role_spans(doc, q.cue),
                frame=role_spans(doc, q.frame),
                speaker=role_spans(doc, q.speaker),
                addressee=role_spans(doc, q.addressee),
                entity=q.speaker.entity if q.speaker is not None else None,
                addressee_entity=q.addressee.entity if q.addressee is not None else None,
                score=q.score,
                when=q.when,
                quotation=q,
            )
        )
    return found


if not Doc.has_extension("zitat"):
    Doc.set_extension("zitat", default=None)
if not Doc.has_extension("quotations"):
    Doc.set_extension("quotations", getter=doc_quotations)


class ZitatComponent:
    """Finds the quotations of each doc with a zitat model (loaded on first use, once in
    each process, so ``nlp.pipe(texts, n_process=N)`` works). ``threads``: intra-op threads
    of the model's inference session (None: one per CPU core; 1 with several processes)."""

    def __init__(self, name: str, model: str, spans_key: str, threads: int | None = None) -> None:
        if model not in QUOTATION_MODELS:
            known = ", ".join(sorted(QUOTATION_MODELS))
            raise ValueError(f"unknown zitat model {model!r}; choose one of: {known}")
        self.name = name
        self.model = model
        self.spans_key = spans_key
        self.threads = threads
        self._loaded: tuple[int, Pipeline] | None = None

    def __getstate__(self) -> dict[str, Any]:
        # another process loads its own model
        return {
            "name": self.name,
            "model": self.model,
            "spans_key": self.spans_key,
            "threads": self.threads,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    @property
    def pipeline(self) -> Pipeline:
        pid = os.getpid()
        if self._loaded is None or self._loaded[0] != pid:
            self._loaded = (pid, Pipeline(PipelineConfig(model=self.model, threads=self.threads)))
        return self._loaded[1]

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 16) -> Iterator[Doc]:
        docs = iter(stream)
        while batch := list(islice(docs, max(1, batch_size))):
            articles = (Article(id="doc", text=doc.text) for doc in batch)
            for doc, result in zip(batch, self.pipeline.analyze_many(articles), strict=True):
                self.annotate(doc, result)
                yield doc

    def annotate(self, doc: Doc, result: AnalysisResult) -> None:
        """Store ``result`` (an analysis of ``doc.text``) on ``doc``."""
        stored = result_to_dict(result)
        del stored["document"]["text"]
        doc._.zitat = stored
        doc.spans[self.spans_key] = [
            span
            for q in result.quotations
            for label in ROLES
            for span in role_spans(doc, getattr(q, label), label, q.id)
        ]


@Language.factory(
    "zitat",
    default_config={"model": "learned", "spans_key": DEFAULT_SPANS_KEY, "threads": None},
    assigns=["doc._.zitat", "doc._.quotations", "doc.spans"],
)
def make_zitat(
    nlp: Language, name: str, model: str, spans_key: str, threads: int | None
) -> ZitatComponent:
    """The ``"zitat"`` factory: ``nlp.add_pipe("zitat", config={"model": "rules"})``."""
    return ZitatComponent(name, model, spans_key, threads)
