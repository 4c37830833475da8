"""Gold quotations of 10kgnad articles, annotated as offsets in a TSV file.

The articles come from 10kgnad's ``test.csv`` (``;``-separated, ``'``-quoted: label, text);
row ``n`` (0-based) is the document ``gnad-n``, without title or date. The annotation file
(``data/annotations/speakers_gnad.tsv``, guideline in docs/speakers.md) holds no article
text, one row per quotation:

``document  quotation  type  quote_start  quote_end  cue_start  cue_end  speaker_start
speaker_end  kind  name``

with character offsets ``[start, end)`` into the article text (cue and speaker empty when
absent) and the speaker entity's ``kind`` and ``name`` (``-`` and empty when it cannot be
resolved). The medium is not annotated: quotations read from it have ``Medium.NONE``.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from zitat.errors import InputError
from zitat.formats.corpus_json import containing
from zitat.schema import Article, EntityKind, Medium, Quotation, QuoteType, Role, Span
from zitat.speakers.scoring import UNRESOLVABLE, GoldSpeaker

COLUMNS: tuple[str, ...] = (
    "document",
    "quotation",
    "type",
    "quote_start",
    "quote_end",
    "cue_start",
    "cue_end",
    "speaker_start",
    "speaker_end",
    "kind",
    "name",
)
ID_PREFIX = "gnad-"
KINDS = frozenset({*(k.value for k in EntityKind), UNRESOLVABLE})


def read_articles(path: Path) -> dict[str, Article]:
    """Every article of a 10kgnad CSV file, by document id (``gnad-<row>``)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter=";", quotechar="'"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: not a readable 10kgnad CSV file ({exc})") from exc
    articles: dict[str, Article] = {}
    for number, row in enumerate(rows):
        if len(row) < 2:
            raise InputError(f"{path}, row {number}: expected label;text, got {len(row)} field(s)")
        document = f"{ID_PREFIX}{number}"
        articles[document] = Article(id=document, text=row[1])
    return articles


@dataclass(frozen=True, slots=True)
class AnnotatedQuotations:
    """The gold quotations of an annotation file, per document, and their gold speakers."""

    quotations: dict[str, list[Quotation]]
    speakers: list[GoldSpeaker]


def _span(row: Mapping[str, str], role: str, text: str, where: str) -> Span | None:
    start, end = row[f"{role}_start"].strip(), row[f"{role}_end"].strip()
    if not start and not end:
        return None
    try:
        span = (int(start), int(end))
    except ValueError as exc:
        raise InputError(f"{where}: {role} offsets {start!r}-{end!r} are not numbers") from exc
    if not 0 <= span[0] < span[1] <= len(text):
        raise InputError(f"{where}: {role} span {span[0]}-{span[1]} lies outside the text")
    return span


def _role(text: str, span: Span | None) -> Role | None:
    return Role.from_spans(text, [span]) if span is not None else None


def read_quotations(path: Path, texts: Mapping[str, str]) -> AnnotatedQuotations:
    """Quotations and gold speakers of the annotation file ``path``; ``texts`` maps each
    document id to its article text. A quotation whose quote lies inside another's points
    (``nested_in``) at the smallest such quotation."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise InputError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"{path}: cannot read annotations ({exc})") from exc
    quotations: dict[str, list[Quotation]] = {}
    speakers: list[GoldSpeaker] = []
    for line, row in enumerate(rows, start=2):
        where = f"{path}, line {line}"
        document = row["document"]
        if document not in texts:
            raise InputError(f"{where}: unknown document {document!r}")
        text = texts[document]
        try:
            kind = QuoteType(row["type"])
        except ValueError as exc:
            raise InputError(f"{where}: unknown quotation type {row['type']!r}") from exc
        quote = _span(row, "quote", text, where)
        if quote is None:
            raise InputError(f"{where}: quotation without a quote span")
        speaker = _span(row, "speaker", text, where)
        if row["kind"] not in KINDS:
            raise InputError(f"{where}: unknown speaker kind {row['kind']!r}")
        if (row["kind"] == UNRESOLVABLE) != (not row["name"]):
            raise InputError(f"{where}: a name goes with every kind but {UNRESOLVABLE!r}")
        quotations.setdefault(document, []).append(
            Quotation(
                id=row["quotation"],
                type=kind,
                medium=Medium.NONE,
                quote=Role.from_spans(text, [quote]),
                cue=_role(text, _span(row, "cue", text, where)),
                speaker=_role(text, speaker),
            )
        )
        speakers.append(GoldSpeaker(document, row["quotation"], speaker, row["kind"], row["name"]))
    for found in quotations.values():
        quotes = [q.quote.spans for q in found]
        for index, quotation in enumerate(found):
            outer = containing(quotes, index)
            quotation.nested_in = found[outer].id if outer is not None else None
    return AnnotatedQuotations(quotations, speakers)
