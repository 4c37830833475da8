"""The documents of the quotation corpus as articles, and analysed into predictions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from zitat.formats.corpus_json import predicted_document
from zitat.formats.readers import article_from_object
from zitat.pipeline import Pipeline
from zitat.schema import Article


def article_from_document(doc: Mapping[str, Any]) -> Article:
    """The article of a corpus document, identified by its full ``documentName``.

    Title and date are parsed from the name by the shared reader.
    """
    name = str(doc["documentName"])
    return replace(article_from_object(dict(doc), name, name), id=name)


def predict_documents(
    pipeline: Pipeline, docs: Sequence[Mapping[str, Any]]
) -> Iterator[dict[str, Any]]:
    """Analyse each document's ``originalText``; yield it with predicted annotations."""
    results = pipeline.analyze_many(article_from_document(doc) for doc in docs)
    for doc, result in zip(docs, results, strict=True):
        yield predicted_document(doc, result.quotations)
