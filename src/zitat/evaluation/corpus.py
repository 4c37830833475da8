"""The news quotation corpus' own JSON format: read gold documents, write predictions.

One file per article: ``documentName`` ("NNN - Title (YYYY-MM-DD)"), ``originalText``,
``sentences``, ``tokens`` (``id``, ``charBegin``, ``charEnd``, ...) and ``annotations``. In an
annotation every role (``quote``, ``cue``, ``frame``, ``speaker``, ``addressee``) is
``{"text", "spans": [{"begin", "end", "charBegin", "charEnd"}], "tokenIds"}`` where
``begin``/``end`` are token indices (end exclusive) and an absent role has no spans.
Predictions are written in the input's own tokenisation so that any scorer of the corpus,
which counts token ids, can score zitat.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from zitat.errors import InputError
from zitat.pipeline import Pipeline
from zitat.schema import Article, Medium, Quotation, QuoteType, Role, Span
from zitat.text.readers import article_from_object

CORPUS_ROLES: tuple[str, ...] = ("quote", "addressee", "cue", "frame", "speaker")
"""The five annotated parts of a quotation, in the order the corpus scorer lists them."""


def read_document(path: Path) -> dict[str, Any]:
    """One corpus document as parsed JSON, with the keys every consumer relies on checked."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a readable corpus JSON file ({exc})") from exc
    if not isinstance(doc, dict):
        raise InputError(f"{path}: expected a JSON object, got {type(doc).__name__}")
    missing = [k for k in ("documentName", "originalText", "tokens") if k not in doc]
    if missing:
        raise InputError(f"{path}: not in the corpus format, missing {', '.join(missing)}")
    return doc


def iter_corpus(folder: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Every ``*.json`` document of a corpus folder, in file-name order."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of corpus JSON files")
    for path in sorted(folder.glob("*.json")):
        yield path, read_document(path)


def article_from_document(doc: Mapping[str, Any]) -> Article:
    """The article of a corpus document, identified by its full ``documentName``.

    Title and date are parsed from the name by the shared reader.
    """
    name = str(doc["documentName"])
    return replace(article_from_object(dict(doc), name, name), id=name)


def _char_spans(text: str, part: Mapping[str, Any] | None, where: str) -> list[Span]:
    spans: list[Span] = []
    for span in (part or {}).get("spans", []):
        start, end = int(span["charBegin"]), int(span["charEnd"])
        if not 0 <= start < end <= len(text):
            raise InputError(f"{where}: span {start}-{end} lies outside the text")
        spans.append((start, end))
    return spans


def _covers(outer: tuple[Span, ...], inner: tuple[Span, ...]) -> bool:
    return all(any(s <= start and end <= e for s, e in outer) for start, end in inner)


def containing(quotes: Sequence[tuple[Span, ...]], inner: int) -> int | None:
    """Index of the smallest other quote covering quote ``inner``, if any.

    Of two identical quotes only the earlier can contain the later, so that ``nested_in``
    never forms a cycle.
    """
    around = [
        i
        for i, outer in enumerate(quotes)
        if i != inner
        and _covers(outer, quotes[inner])
        and (i < inner or not _covers(quotes[inner], outer))
    ]
    return min(around, key=lambda i: sum(e - s for s, e in quotes[i])) if around else None


def gold_quotations(doc: Mapping[str, Any]) -> list[Quotation]:
    """The annotated quotations of a corpus document as zitat quotations (char spans).

    ``id`` is the annotation's id; a quotation marked ``isNested`` points (``nested_in``) at
    the smallest quotation whose quote covers it, when there is one.
    """
    text: str = doc["originalText"]
    name = doc["documentName"]
    annotations = doc.get("annotations", [])
    quotations: list[Quotation] = []
    for index, ann in enumerate(annotations):
        where = f"{name}, annotation {ann.get('id', index)}"
        roles: dict[str, Role | None] = {}
        for role in CORPUS_ROLES:
            spans = _char_spans(text, ann.get(role), where)
            roles[role] = Role.from_spans(text, spans) if spans else None
        quote = roles.pop("quote")
        if quote is None:
            raise InputError(f"{where}: quotation without a quote span")
        try:
            kind, medium = QuoteType(ann["type"]), Medium(ann["medium"])
        except (KeyError, ValueError) as exc:
            raise InputError(f"{where}: bad type or medium ({exc})") from exc
        quotations.append(
            Quotation(
                id=str(ann.get("id", index)),
                type=kind,
                medium=medium,
                quote=quote,
                cue=roles["cue"],
                frame=roles["frame"],
                speaker=roles["speaker"],
                addressee=roles["addressee"],
            )
        )
    quotes = [q.quote.spans for q in quotations]
    for index, ann in enumerate(annotations):
        if ann.get("isNested"):
            outer = containing(quotes, index)
            quotations[index].nested_in = quotations[outer].id if outer is not None else None
    return quotations


@dataclass(frozen=True, slots=True)
class TokenIndex:
    """Maps character spans onto the corpus tokens they overlap."""

    tokens: Sequence[Mapping[str, Any]]
    starts: Sequence[int]
    ends: Sequence[int]

    @classmethod
    def of(cls, doc: Mapping[str, Any]) -> TokenIndex:
        tokens = sorted(doc["tokens"], key=lambda t: (t["charBegin"], t["charEnd"]))
        return cls(tokens, [t["charBegin"] for t in tokens], [t["charEnd"] for t in tokens])

    def overlapping(self, start: int, end: int) -> range:
        """Positions of the tokens sharing at least one character with ``[start, end)``."""
        return range(bisect_right(self.ends, start), bisect_left(self.starts, end))


def _corpus_role(text: str, role: Role | None, index: TokenIndex) -> dict[str, Any]:
    spans: list[dict[str, int]] = []
    for start, end in role.spans if role is not None else ():
        hit = index.overlapping(start, end)
        if not hit:
            continue
        first, last = index.tokens[hit[0]], index.tokens[hit[-1]]
        span = {
            "begin": hit[0],
            "charBegin": first["charBegin"],
            "charEnd": last["charEnd"],
            "end": hit[-1] + 1,
        }
        if span not in spans:
            spans.append(span)
    ids = sorted({index.tokens[i]["id"] for s in spans for i in range(s["begin"], s["end"])})
    return {
        "spans": spans,
        "text": " ".join(text[s["charBegin"] : s["charEnd"]] for s in spans),
        "tokenIds": ids,
    }


def predicted_document(doc: Mapping[str, Any], quotations: Sequence[Quotation]) -> dict[str, Any]:
    """``doc`` with its annotations replaced by ``quotations``, in ``doc``'s tokenisation.

    A token belongs to a role when its characters overlap one of the role's spans; span
    offsets are widened to those tokens' boundaries, as in the corpus. A quotation whose
    quote overlaps no token cannot be expressed in the corpus format and is left out.
    """
    text: str = doc["originalText"]
    index = TokenIndex.of(doc)
    kept: list[tuple[Quotation, dict[str, dict[str, Any]]]] = []
    for q in quotations:
        parts = {role: _corpus_role(text, getattr(q, role), index) for role in CORPUS_ROLES}
        if parts["quote"]["tokenIds"]:
            kept.append((q, parts))
    kept_ids = {q.id for q, _ in kept}
    outer_ids = {q.nested_in for q, _ in kept if q.nested_in in kept_ids}
    annotations = [
        {
            **parts,
            "hasNested": q.id in outer_ids,
            "id": number,
            "isNested": q.nested_in is not None,
            "medium": q.medium.value,
            "type": q.type.value,
        }
        for number, (q, parts) in enumerate(kept)
    ]
    out = {key: value for key, value in doc.items() if key != "annotations"}
    out["annotations"] = [dict(sorted(a.items())) for a in annotations]
    return dict(sorted(out.items()))


def write_document(path: Path, doc: Mapping[str, Any]) -> None:
    """Write a corpus document the way the corpus stores it (compact UTF-8 JSON)."""
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def predict_documents(
    pipeline: Pipeline, docs: Sequence[Mapping[str, Any]]
) -> Iterator[dict[str, Any]]:
    """Analyse each document's ``originalText``; yield it with predicted annotations."""
    results = pipeline.analyze_many(article_from_document(doc) for doc in docs)
    for doc, result in zip(docs, results, strict=True):
        yield predicted_document(doc, result.quotations)
