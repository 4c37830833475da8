"""zitat: who said what, to whom, how and when, in German news."""

from zitat.frames import to_frame
from zitat.pipeline import Pipeline, analyze
from zitat.schema import AnalysisResult, Article, Quotation

__version__ = "0.1.0"
__all__ = [
    "AnalysisResult",
    "Article",
    "Pipeline",
    "Quotation",
    "__version__",
    "analyze",
    "to_frame",
]
