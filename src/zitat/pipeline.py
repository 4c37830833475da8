"""Text in, attributed quotations out: the one entry point every front end calls."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from zitat import registry
from zitat.schema import AnalysisResult, Article
from zitat.text.document import ParsedText


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    model: str = "learned"
    enrichers: tuple[str, ...] = field(default_factory=lambda: registry.DEFAULT_ENRICHERS)
    batch_size: int = 16


class Pipeline:
    """Loads its components once; ``analyze`` and ``analyze_many`` are then cheap to call."""

    def __init__(self, config: PipelineConfig | None = None) -> None:
        self.config = config or PipelineConfig()
        self.model = registry.quotation_model(self.config.model)
        self.enrichers = [registry.enricher(name) for name in self.config.enrichers]

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


_default: dict[str, Pipeline] = {}


def analyze(text: str | Article, model: str = "learned") -> AnalysisResult:
    """Analyse one text with a process-wide pipeline (convenient for scripts and notebooks)."""
    if model not in _default:
        _default[model] = Pipeline(PipelineConfig(model=model))
    article = text if isinstance(text, Article) else Article(id="doc", text=text)
    return _default[model].analyze(article)
