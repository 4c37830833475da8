"""JSON Schema of the zitat/1 result, for the OpenAPI document.

The wire format is produced by :func:`zitat.schema.result_to_dict` alone; this only
describes it (enumerations are taken from the schema module so they cannot drift).
"""

from __future__ import annotations

from typing import Any

from zitat.schema import SCHEMA_VERSION, EntityKind, Gender, Medium, QuoteType
from zitat.text.language import LANGUAGE_WARNING

RESULT_REF = {"$ref": "#/components/schemas/AnalysisResultV1"}

_SPANS: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "array",
        "items": {"type": "integer", "minimum": 0},
        "minItems": 2,
        "maxItems": 2,
    },
    "description": "[start, end) character offsets into document.text",
}
_OPT_STR: dict[str, Any] = {"type": ["string", "null"]}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def _enum(values: type[QuoteType] | type[Medium] | type[EntityKind] | type[Gender]) -> list[str]:
    return [member.value for member in values]


_ENTITY_REF: dict[str, Any] = {
    "type": "object",
    "required": ["id", "name", "kind", "gender"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": _enum(EntityKind)},
        "gender": {"type": "string", "enum": _enum(Gender)},
        "role": _OPT_STR,
    },
}
_ROLE: dict[str, Any] = {
    "type": "object",
    "required": ["text", "spans"],
    "properties": {"text": {"type": "string"}, "spans": _SPANS, "entity": _ENTITY_REF},
}
_WHEN: dict[str, Any] = {
    "type": "object",
    "required": ["spans", "from_article_date"],
    "properties": {
        "text": _OPT_STR,
        "spans": _SPANS,
        "date": _OPT_STR,
        "start": _OPT_STR,
        "end": _OPT_STR,
        "from_article_date": {"type": "boolean"},
    },
}
_QUOTATION: dict[str, Any] = {
    "type": "object",
    "required": ["id", "type", "medium", "quote", "score"],
    "properties": {
        "id": {"type": "string"},
        "type": {"type": "string", "enum": _enum(QuoteType)},
        "medium": {"type": "string", "enum": _enum(Medium)},
        "quote": _ROLE,
        **{name: _nullable(_ROLE) for name in ("cue", "frame", "speaker", "addressee")},
        "nested_in": _OPT_STR,
        "score": {"type": "number"},
        "when": _nullable(_WHEN),
    },
}
_ENTITY: dict[str, Any] = {
    "type": "object",
    "required": ["id", "name", "kind", "gender", "aliases", "mentions"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "kind": {"type": "string"},
        "gender": {"type": "string", "enum": _enum(Gender)},
        "aliases": {"type": "array", "items": {"type": "string"}},
        "mentions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["text", "spans"],
                "properties": {"text": {"type": "string"}, "spans": _SPANS},
            },
        },
    },
}

RESULT_SCHEMA: dict[str, Any] = {
    "title": "AnalysisResultV1",
    "description": f"One analysed article in the {SCHEMA_VERSION} JSON format.",
    "type": "object",
    "required": ["schema", "model", "document", "quotations", "entities"],
    "properties": {
        "schema": {"type": "string", "const": SCHEMA_VERSION},
        "model": {"type": "string"},
        "document": {
            "type": "object",
            "required": ["id", "text"],
            "properties": {
                "id": {"type": "string"},
                "title": _OPT_STR,
                "date": _OPT_STR,
                "source": _OPT_STR,
                "text": {"type": "string"},
            },
        },
        "quotations": {"type": "array", "items": _QUOTATION},
        "entities": {"type": "array", "items": _ENTITY},
        "warnings": {
            "description": "Doubts about the input (only in analysis answers, when any)",
            "type": "array",
            "items": {
                "type": "object",
                "required": ["kind", "message"],
                "properties": {
                    "kind": {"type": "string", "enum": [LANGUAGE_WARNING]},
                    "message": {"type": "string"},
                },
            },
        },
    },
}


def result_response(description: str) -> dict[str, Any]:
    """An OpenAPI response entry whose JSON body is one zitat/1 result."""
    return {"description": description, "content": {"application/json": {"schema": RESULT_REF}}}
