"""The news quotation corpus' own JSON format: read gold documents, write predictions.

The one codec of this format: the reader of articles, the evaluation, the training labels
and the store's export all read and write it through this module.

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
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from zitat.errors import InputError
from zitat.schema import ROLE_NAMES, AnalysisResult, Medium, Quotation, QuoteType, Role, Span
from zitat.text.document import ParsedText

CORPUS_ROLES: tuple[str, ...] = ("quote", *sorted(ROLE_NAMES))
"""The five annotated parts of a quotation, in the order the corpus scorer lists them: the
quote, then the other roles alphabetically."""
_DOCUMENT_NAME_RE = re.compile(r"(?P<id>\S+) - (?P<title>.*) \((?P<date>\d{4}-\d{2}-\d{2})\)")


class DocumentName(NamedTuple):
    """The parts of a ``documentName``: "11059 - Title (2005-08-20)"."""

    id: str
    title: str
    date: str


def split_document_name(name: str) -> DocumentName | None:
    """Id, title and date of a corpus ``documentName``; None when it has another form."""
    m = _DOCUMENT_NAME_RE.fullmatch(name.strip())
    return DocumentName(m["id"], m["title"], m["date"]) if m else None


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


def nested_marks(doc: Mapping[str, Any]) -> list[bool]:
    """Whether each annotation (in the order of :func:`gold_quotations`) is marked
    ``isNested``, also where no quotation contains it (a few of the corpus are)."""
    return [bool(ann.get("isNested")) for ann in doc.get("annotations", [])]


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


def corpus_document(result: AnalysisResult) -> dict[str, Any]:
    """A result in the news quotation corpus' JSON format, tokenised by zitat's tokenizer."""
    text = result.document.text
    parsed = ParsedText.from_text(text)
    tokens = [
        {
            "id": i,
            "charBegin": t.start,
            "charEnd": t.end,
            "text": t.text,
            "sentence": parsed.sentence_of_token(i) + 1,
        }
        for i, t in enumerate(parsed.tokens)
    ]
    sentences = [
        {
            "id": n,
            "begin": s.first_token,
            "end": s.last_token,
            "charBegin": s.start,
            "charEnd": s.end,
            "text": text[s.start : s.end],
            "tokenIds": list(range(s.first_token, s.last_token)),
            "tokens": [t.text for t in parsed.tokens[s.first_token : s.last_token]],
        }
        for n, s in enumerate(parsed.sentences)
    ]
    skeleton = {
        "documentName": result.document.id,
        "originalText": text,
        "sentences": sentences,
        "tokens": tokens,
    }
    return predicted_document(skeleton, result.quotations)
