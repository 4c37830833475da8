"""The one data model every layer shares: articles, quotations, roles, entities.

All spans are ``(start, end)`` character offsets into ``Article.text``, end exclusive,
so ``article.text[start:end]`` is exactly the span. The JSON form is versioned
(``SCHEMA_VERSION``) and produced only by :func:`result_to_dict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = "zitat/1"

Span = tuple[int, int]


class QuoteType(StrEnum):
    """The five forms of speech, thought and writing representation of the corpus."""

    DIRECT = "Direct"
    INDIRECT = "Indirect"
    FREE_INDIRECT = "FreeIndirect"
    INDIRECT_FREE_INDIRECT = "IndirectFreeIndirect"
    REPORTED = "Reported"


class Medium(StrEnum):
    """How the statement was made: speech, writing, thought, their mixes, or none."""

    SPEECH = "Speech"
    WRITING = "Writing"
    THOUGHT = "Thought"
    SPEECH_WRITING = "SW"
    SPEECH_THOUGHT = "ST"
    THOUGHT_WRITING = "TW"
    NONE = "none"


ROLE_NAMES: tuple[str, ...] = ("cue", "frame", "speaker", "addressee")
"""The roles besides the quote itself, in the order of :class:`Quotation`'s fields."""


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    GROUP = "group"
    DOCUMENT = "document"
    ANONYMOUS = "anonymous"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class EntityRef:
    """What a speaker or addressee mention resolves to."""

    id: str
    name: str
    kind: EntityKind
    gender: Gender = Gender.UNKNOWN
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """One role of a quotation; may consist of several discontinuous spans."""

    text: str
    spans: tuple[Span, ...]
    entity: EntityRef | None = None

    @classmethod
    def from_spans(cls, text: str, spans: list[Span] | tuple[Span, ...]) -> Role:
        """Build a role from spans of ``text``; the role's text joins the pieces with ' '."""
        ordered = tuple(sorted(set(spans)))
        return cls(text=" ".join(text[s:e] for s, e in ordered), spans=ordered)


@dataclass(frozen=True, slots=True)
class TimeAnchor:
    """When a statement was made, as far as the text says."""

    text: str | None
    spans: tuple[Span, ...]
    date: str | None = None
    start: str | None = None
    end: str | None = None
    from_article_date: bool = False


@dataclass(slots=True)
class Quotation:
    id: str
    type: QuoteType
    medium: Medium
    quote: Role
    cue: Role | None = None
    frame: Role | None = None
    speaker: Role | None = None
    addressee: Role | None = None
    nested_in: str | None = None
    score: float = 1.0
    when: TimeAnchor | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    spans: tuple[Span, ...]


@dataclass(slots=True)
class Entity:
    """A named thing in an article (NER) or a resolved speaker."""

    id: str
    name: str
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    gender: Gender = Gender.UNKNOWN
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A named-entity mention found by a model: PER, ORG, LOC or MISC."""

    start: int
    end: int
    label: str
    text: str


@dataclass(slots=True)
class ModelOutput:
    """What a quotation model returns for one document, before enrichment."""

    quotations: list[Quotation]
    mentions: list[EntityMention] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None


@dataclass(slots=True)
class AnalysisResult:
    document: Article
    quotations: list[Quotation]
    entities: list[Entity] = field(default_factory=list)
    model: str = ""
    mentions: list[EntityMention] = field(default_factory=list)
    """Raw NER mentions from the model; enrichers turn them into ``entities``."""


# ---------------------------------------------------------------------------
# JSON (de)serialisation
# ---------------------------------------------------------------------------


def _entity_ref_to_dict(ref: EntityRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {
        "id": ref.id,
        "name": ref.name,
        "kind": ref.kind.value,
        "gender": ref.gender.value,
        "role": ref.role,
    }


def role_to_dict(role: Role | None) -> dict[str, Any] | None:
    if role is None:
        return None
    out: dict[str, Any] = {"text": role.text, "spans": [[s, e] for s, e in role.spans]}
    if role.entity is not None:
        out["entity"] = _entity_ref_to_dict(role.entity)
    return out


def _time_to_dict(when: TimeAnchor | None) -> dict[str, Any] | None:
    if when is None:
        return None
    out: dict[str, Any] = {"text": when.text, "spans": [[s, e] for s, e in when.spans]}
    if when.date is not None:
        out["date"] = when.date
    if when.start is not None or when.end is not None:
        out["start"], out["end"] = when.start, when.end
    out["from_article_date"] = when.from_article_date
    return out


def quotation_to_dict(q: Quotation) -> dict[str, Any]:
    return {
        "id": q.id,
        "type": q.type.value,
        "medium": q.medium.value,
        "quote": role_to_dict(q.quote),
        "cue": role_to_dict(q.cue),
        "frame": role_to_dict(q.frame),
        "speaker": role_to_dict(q.speaker),
        "addressee": role_to_dict(q.addressee),
        "nested_in": q.nested_in,
        "score": round(q.score, 4),
        "when": _time_to_dict(q.when),
    }


def entity_to_dict(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "gender": e.gender.value,
        "aliases": list(e.aliases),
        "mentions": [{"text": m.text, "spans": [[s, t] for s, t in m.spans]} for m in e.mentions],
    }


def result_to_dict(result: AnalysisResult) -> dict[str, Any]:
    doc = result.document
    return {
        "schema": SCHEMA_VERSION,
        "model": result.model,
        "document": {
            "id": doc.id,
            "title": doc.title,
            "date": doc.date,
            "source": doc.source,
            "text": doc.text,
        },
        "quotations": [quotation_to_dict(q) for q in result.quotations],
        "entities": [entity_to_dict(e) for e in result.entities],
    }


def _spans(raw: Any) -> tuple[Span, ...]:
    return tuple((int(s), int(e)) for s, e in raw)


def _entity_ref_from_dict(raw: dict[str, Any] | None) -> EntityRef | None:
    if raw is None:
        return None
    return EntityRef(
        id=raw["id"],
        name=raw["name"],
        kind=EntityKind(raw["kind"]),
        gender=Gender(raw.get("gender", "unknown")),
        role=raw.get("role"),
    )


def role_from_dict(raw: dict[str, Any] | None) -> Role | None:
    if raw is None:
        return None
    return Role(
        text=raw["text"],
        spans=_spans(raw["spans"]),
        entity=_entity_ref_from_dict(raw.get("entity")),
    )


def _time_from_dict(raw: dict[str, Any] | None) -> TimeAnchor | None:
    if raw is None:
        return None
    return TimeAnchor(
        text=raw.get("text"),
        spans=_spans(raw.get("spans", [])),
        date=raw.get("date"),
        start=raw.get("start"),
        end=raw.get("end"),
        from_article_date=bool(raw.get("from_article_date", False)),
    )


def quotation_from_dict(raw: dict[str, Any]) -> Quotation:
    quote = role_from_dict(raw["quote"])
    if quote is None:
        raise ValueError(f"quotation {raw.get('id')!r} has no quote")
    return Quotation(
        id=raw["id"],
        type=QuoteType(raw["type"]),
        medium=Medium(raw["medium"]),
        quote=quote,
        cue=role_from_dict(raw.get("cue")),
        frame=role_from_dict(raw.get("frame")),
        speaker=role_from_dict(raw.get("speaker")),
        addressee=role_from_dict(raw.get("addressee")),
        nested_in=raw.get("nested_in"),
        score=float(raw.get("score", 1.0)),
        when=_time_from_dict(raw.get("when")),
    )


def result_from_dict(raw: dict[str, Any]) -> AnalysisResult:
    """Inverse of :func:`result_to_dict`; rejects other schema versions."""
    if raw.get("schema") != SCHEMA_VERSION:
        raise ValueError(f"unsupported schema {raw.get('schema')!r}, expected {SCHEMA_VERSION!r}")
    d = raw["document"]
    article = Article(
        id=d["id"], text=d["text"], title=d.get("title"), date=d.get("date"), source=d.get("source")
    )
    entities = [
        Entity(
            id=e["id"],
            name=e["name"],
            kind=e["kind"],
            gender=Gender(e.get("gender", "unknown")),
            aliases=list(e.get("aliases", [])),
            mentions=[Mention(m["text"], _spans(m["spans"])) for m in e.get("mentions", [])],
        )
        for e in raw.get("entities", [])
    ]
    return AnalysisResult(
        document=article,
        quotations=[quotation_from_dict(q) for q in raw["quotations"]],
        entities=entities,
        model=raw.get("model", ""),
    )


def iter_role_spans(result: AnalysisResult) -> list[Span]:
    """Every span the result emits (for offset invariants in tests and fuzzing)."""
    spans: list[Span] = []
    for q in result.quotations:
        for role in (q.quote, q.cue, q.frame, q.speaker, q.addressee):
            if role is not None:
                spans.extend(role.spans)
        if q.when is not None:
            spans.extend(q.when.spans)
    for e in result.entities:
        for m in e.mentions:
            spans.extend(m.spans)
    return spans
