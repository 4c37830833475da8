"""The corpus store: analysed articles in SQLite, searchable, countable and exportable.

>>> from zitat.store import Store, SearchQuery
>>> with Store.open("corpus.db") as store:  # doctest: +SKIP
...     store.ingest(["articles/"])
...     page = store.search(SearchQuery(speaker="Merkel", text="Klimaschutz"))
"""

from zitat.store.core import Store
from zitat.store.curation import Correction
from zitat.store.ingest import IngestReport, content_hash
from zitat.store.search import QuotationHit, SearchPage, SearchQuery, SpeakerProfile
from zitat.store.stats import CorpusStats, SpeakerCount

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
    "content_hash",
]
