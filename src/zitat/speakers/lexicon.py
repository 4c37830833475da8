"""The hand-written word lists in ``zitat/resources``, loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources

from zitat.schema import Gender


def _lines(name: str) -> list[str]:
    text = resources.files("zitat.resources").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@cache
def first_names() -> dict[str, Gender]:
    """First name -> gender (``unknown`` for names given to both)."""
    table = {}
    for line in _lines("first_names.tsv"):
        name, gender = line.split("\t")
        table[name] = Gender(gender)
    return table


@cache
def speaker_nouns() -> dict[str, str]:
    """Lower-cased noun stem -> class (role, adjrole, org, medium, document, statement, group)."""
    return {fields[0].lower(): fields[1] for fields in _noun_rows()}


@cache
def noun_genders() -> dict[str, Gender]:
    """Stems whose natural gender the word itself gives: "Mutter", "Vater"."""
    return {fields[0].lower(): Gender(fields[2]) for fields in _noun_rows() if len(fields) > 2}


@cache
def _noun_rows() -> list[list[str]]:
    return [line.split("\t") for line in _lines("speaker_nouns.tsv")]


@cache
def org_suffixes() -> frozenset[str]:
    return frozenset(_lines("org_suffixes.txt"))


@cache
def closed_class() -> dict[str, str]:
    """Lower-case German closed-class word -> its class (article, pronoun, preposition, …)."""
    return dict(line.split("\t") for line in _lines("closed_class_de.tsv"))


@cache
def states() -> frozenset[str]:
    """German short names of states: places that may speak as organisations."""
    return frozenset(_lines("states_de.txt"))
