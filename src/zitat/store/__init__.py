"""The corpus store: analysed articles in SQLite, searchable, countable and exportable.

Filling a store (reading and analysing articles) is :mod:`zitat.ingest`, above it.

>>> from zitat.store import Store, SearchQuery
>>> with Store.open("corpus.db") as store:  # doctest: +SKIP
...     page = store.search(SearchQuery(speaker="Merkel", text="Klimaschutz"))
"""

from zitat.store.core import Store
from zitat.store.curation import Correction
from zitat.store.search import QuotationHit, SearchPage, SearchQuery, SpeakerProfile
from zitat.store.stats import CorpusStats, SpeakerCount
from zitat.store.writing import IngestReport, WriteOutcome, content_hash

__all__ = [
    "CorpusStats",
    "Correction",
    "IngestReport",
    "QuotationHit",
    "SearchPage",
    "SearchQuery",
    "SpeakerCount",
    "SpeakerProfile",
    "Store",
    "WriteOutcome",
    "content_hash",
]
