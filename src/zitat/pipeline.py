"""Text in, attributed quotations out: the one entry point every front end calls."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from zitat import registry
from zitat.errors import ModelError
from zitat.schema import AnalysisResult, Article
from zitat.text.document import ParsedText


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """What a pipeline is built from; its options reach the components' factories."""

    model: str = "learned"
    enrichers: tuple[str, ...] = field(default_factory=lambda: registry.DEFAULT_ENRICHERS)
    batch_size: int = 16
    threads: int | None = None
    """Intra-op threads of the tagger's inference session (None: one per CPU core)."""
    model_folder: Path | None = field(default_factory=registry.env_model_folder)
    """The tagger's model folder; by default ``$ZITAT_TAGGER``, else (None) the shipped one."""


class Pipeline:
    """Loads its components once; ``analyze`` and ``analyze_many`` are then cheap to call."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.model = registry.quotation_model(
            self.config.model, folder=self.config.model_folder, threads=self.config.threads
        )
        self.enrichers = [registry.enricher(name) for name in self.config.enrichers]
        check_requirements(self.config.enrichers, self.enrichers)

    @property
    def model_id(self) -> str:
        return f"{self.model.name}@{self.model.version}"

    def analyze(self, article: Article) -> AnalysisResult:
        return next(self.analyze_many([article]))

    def analyze_many(self, articles: Iterable[Article]) -> Iterator[AnalysisResult]:
        """Analyse articles in batches (the encoder is fastest on several at once)."""
        it = iter(articles)
        while batch := list(islice(it, self.config.batch_size)):
            parsed = [ParsedText.from_text(a.text) for a in batch]
            for article, doc, output in zip(batch, parsed, self.model.predict(parsed), strict=True):
                result = AnalysisResult(
                    article, output.quotations, model=self.model_id, mentions=output.mentions
                )
                for step in self.enrichers:
                    result = step(result, doc)
                yield result


def check_requirements(names: Sequence[str], enrichers: Sequence[registry.Enricher]) -> None:
    """Refuse enrichers whose required ones do not run before them (speakers need entities)."""
    for index, (name, step) in enumerate(zip(names, enrichers, strict=True)):
        missing = [need for need in step.requires if need not in names[:index]]
        if missing:
            raise ModelError(
                f"the {name!r} enricher needs {' and '.join(map(repr, missing))} before it "
                f"(enrichers: {', '.join(names)})"
            )


def analyze(text: str | Article, model: str = "learned") -> AnalysisResult:
    """Analyse one text with the default pipeline of ``model`` (convenient for scripts and
    notebooks: the components are loaded once per process)."""
    article = text if isinstance(text, Article) else Article(id="doc", text=text)
    return Pipeline(PipelineConfig(model=model)).analyze(article)
