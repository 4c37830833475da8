"""Weekdays, months and the words of German time expressions."""

from __future__ import annotations

WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
MONTHS = (
    "januar", "februar", "märz", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "dezember",
)  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mär": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12,
}  # fmt: skip
"""Abbreviated months, written with a full stop ("20. Okt. 2005"), and their numbers."""
MONTH_NUMBERS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTHS, start=1)},
    **MONTH_ABBREVIATIONS,
    **{"jänner": 1, "feber": 2, "maerz": 3, "mrz": 3},
}
"""Every spelling of a month a date may use -> its number: full names, abbreviations, the
Austrian "Jänner" and "Feber", "Maerz" without umlaut and "Mrz"."""

NUMBERS = {
    "einem": 1, "einer": 1, "ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
}  # fmt: skip
"""Number words of "vor drei Tagen", "in einem Monat"."""
QUARTERS = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4}
"""Stems of the ordinals of "im dritten Quartal"."""
DAY_OFFSETS = {
    "vorgestern": -2, "gestern": -1, "heute": 0, "übermorgen": 2,
    "vorgestrig": -2, "gestrig": -1, "heutig": 0, "morgig": 1,
}  # fmt: skip
"""Days relative to the article date, as adverbs and adjective stems ("am gestrigen Tag")."""
FUTURE_WORDS = frozenset(
    "werde soll sollen solle will wollen plant planen geplant findet beginnt startet "
    "stattfinden".split()
)
"""Words of a sentence about the future ("wird" is left out: it also makes the passive)."""
PAST_WORDS = frozenset("hat hatte hatten haben wurde wurden war waren".split())


def is_time_word(word: str) -> bool:
    """A weekday, a part of one ("Mittwochabend") or a month, in any case."""
    lower = word.lower()
    return lower.startswith(WEEKDAYS) or lower in MONTHS
