"""When a statement was made: time expressions resolved against the article's date.

``find_times`` lists the time expressions of a text with their dates or ranges;
``TimeEnricher`` gives each quotation the expression of its own sentence (outside the
quote), or the article date marked ``from_article_date`` when the text names no time.
Without an article date, relative expressions are kept as text with no date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from zitat.schema import AnalysisResult, Quotation, Span, TimeAnchor
from zitat.text.document import ParsedText

WEEKDAYS = ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
MONTHS = (
    "januar", "februar", "märz", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "dezember",
)  # fmt: skip
NUMBERS = {
    "einem": 1, "einer": 1, "ein": 1, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5,
    "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
}  # fmt: skip
_PAST = r"(?:vergangen|letzt|vorig)(?:e|en|er|es)"
_NEXT = r"(?:kommend|nächst)(?:e|en|er|es)"
_DAYPART = r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht)"
_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = "|".join(MONTHS)
_NUMBER = r"\d+|" + "|".join(NUMBERS)


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date: str | None = None
    range_start: str | None = None
    range_end: str | None = None

    @property
    def resolved(self) -> bool:
        return self.date is not None or self.range_start is not None


Resolution = tuple[date, date] | None
"""A resolved expression: first and last day (equal for a single day); None: unresolved."""


def _day(d: date) -> Resolution:
    return d, d


def _month_range(year: int, month: int, part: str | None = None) -> Resolution:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"anfang": (1, 10), "mitte": (11, 20), "ende": (21, last)}.get(
        (part or "").lower(), (1, last)
    )
    return date(year, month, first_day), date(year, month, last_day)


def _weekday(m: re.Match[str], today: date) -> Resolution:
    target = WEEKDAYS.index(m["weekday"].lower())
    back = (today.weekday() - target) % 7
    if m["dir"] and re.match(_NEXT, m["dir"], re.I):
        return _day(today + timedelta(days=(target - today.weekday() - 1) % 7 + 1))
    if m["dir"] and back == 0:
        back = 7
    return _day(today - timedelta(days=back))


def _relative_day(m: re.Match[str], today: date) -> Resolution:
    offset = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2}
    return _day(today + timedelta(days=offset[m["word"].lower()]))


def _calendar_date(m: re.Match[str], today: date | None) -> Resolution:
    month = int(m["mnum"]) if m["mnum"] else MONTHS.index(m["mname"].lower()) + 1
    year = int(m["year"]) if m["year"] else (today.year if today else None)
    if year is None:
        return None
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        return _day(date(year, month, int(m["day"])))
    except ValueError:
        return None


def _month(m: re.Match[str], today: date | None) -> Resolution:
    month = MONTHS.index(m["month"].lower()) + 1
    if m["year"]:
        return _month_range(int(m["year"]), month, m["part"])
    if today is None:
        return None
    year = today.year if month <= today.month else today.year - 1
    return _month_range(year, month, m["part"])


def _year(m: re.Match[str], today: date | None) -> Resolution:
    year = int(m["year"])
    return date(year, 1, 1), date(year, 12, 31)


def _week(m: re.Match[str], today: date) -> Resolution:
    monday = today - timedelta(days=today.weekday())
    if m["dir"] and re.match(_PAST, m["dir"], re.I):
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if m["dir"] and re.match(_NEXT, m["dir"], re.I):
        return monday + timedelta(days=7), monday + timedelta(days=13)
    return monday, today


def _weekend(m: re.Match[str], today: date) -> Resolution:
    saturday = today - timedelta(days=(today.weekday() - 5) % 7)
    if m["dir"] and today.weekday() >= 5:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


def _past_month(m: re.Match[str], today: date) -> Resolution:
    first = today.replace(day=1) - timedelta(days=1)
    return _month_range(first.year, first.month)


def _past_year(m: re.Match[str], today: date) -> Resolution:
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


def _ago(m: re.Match[str], today: date) -> Resolution:
    raw = m["n"].lower()
    n = int(raw) if raw.isdigit() else NUMBERS[raw]
    unit = m["unit"].lower()
    if unit.startswith("tag"):
        return _day(today - timedelta(days=n))
    if unit.startswith("woche"):
        return _day(today - timedelta(weeks=n))
    if unit.startswith("monat"):
        month = today.month - n
        year = today.year + (month - 1) // 12
        return _month_range(year, (month - 1) % 12 + 1)
    return date(today.year - n, 1, 1), date(today.year - n, 12, 31)


def _few_days(m: re.Match[str], today: date) -> Resolution:
    span = 14 if m["vague"].lower() == "kurzem" else 7
    return today - timedelta(days=span), today - timedelta(days=1)


def _unresolved(m: re.Match[str], today: date | None) -> Resolution:
    return None


AbsoluteRule = Callable[[re.Match[str], date | None], Resolution]
RelativeRule = Callable[[re.Match[str], date], Resolution]

# (pattern, rule, needs the article date); earlier rules win where matches overlap
_RULES: list[tuple[re.Pattern[str], AbsoluteRule | RelativeRule, bool]] = [
    (re.compile(p, re.I), rule, relative)
    for p, rule, relative in (
        (r"\b(?:am\s+)?(?P<day>\d{1,2})\.\s*(?:(?P<mnum>\d{1,2})\.|(?P<mname>" + _MONTH + r"))"
         r"(?:\s*(?P<year>\d{4}|\d{2}(?!\d)))?", _calendar_date, False),
        (r"\b(?:(?:im|seit|bis)\s+)?(?:(?P<part>anfang|mitte|ende)\s+)?(?P<month>" + _MONTH
         + r")(?:\s+(?P<year>(?:19|20)\d\d))?\b", _month, False),
        (r"\b(?:am\s+)?(?:(?P<dir>" + _PAST + "|" + _NEXT + r")\s+)?(?P<weekday>" + _WEEKDAY
         + r")(?:" + _DAYPART + r")?\b", _weekday, True),
        (r"\b(?P<word>vorgestern|gestern|heute|übermorgen)(?:\s*" + _DAYPART + r")?\b",
         _relative_day, True),
        (r"\b(?:in\s+der\s+|in\s+dieser\s+|diese\s+|)(?:(?P<dir>" + _PAST + "|" + _NEXT
         + r")\s+)?woche\b", _week, True),
        (r"\b(?:am\s+)(?:(?P<dir>" + _PAST + r")\s+)?wochenende\b", _weekend, True),
        (r"\b(?:im\s+)?" + _PAST + r"\s+monat\b", _past_month, True),
        (r"\b(?:im\s+)?" + _PAST + r"\s+jahr\b", _past_year, True),
        (r"\bvor\s+(?P<vague>wenigen|einigen|ein\s+paar|kurzem)(?:\s+tagen)?\b", _few_days, True),
        (r"\bvor\s+(?P<n>" + _NUMBER + r")\s+"
         r"(?P<unit>tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)\b", _ago, True),
        (r"\b(?:(?:im\s+jahr(?:e)?|seit|bis|anfang|ende|mitte)\s+)?"
         r"(?P<year>(?:19|20)\d\d)\b(?![.,]\d)", _year, False),
        (r"\b(?:nach|vor|seit)\s+(?:dem|der)\s+(?:letzten|jüngsten|vergangenen)\s+\w+", _unresolved,
         False),
    )
]  # fmt: skip


def _parse_date(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None


def find_times(text: str, article_date: str | None) -> list[TimeExpression]:
    """Every time expression in ``text``, resolved where the article date allows."""
    today = _parse_date(article_date)
    taken: list[Span] = []
    found: list[TimeExpression] = []
    for pattern, rule, relative in _RULES:
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            resolved = None if relative and today is None else rule(m, today)  # type: ignore[arg-type]
            if resolved is None:
                found.append(TimeExpression(start, end, m.group()))
            elif resolved[0] == resolved[1]:
                found.append(TimeExpression(start, end, m.group(), date=resolved[0].isoformat()))
            else:
                first, last = (d.isoformat() for d in resolved)
                found.append(TimeExpression(start, end, m.group(), None, first, last))
    return sorted(found, key=lambda t: t.start)


def _anchor(expr: TimeExpression) -> TimeAnchor:
    return TimeAnchor(
        expr.text, ((expr.start, expr.end),), expr.date, expr.range_start, expr.range_end
    )


def quotation_anchor(
    quotation: Quotation, times: list[TimeExpression], doc: ParsedText, article_date: str | None
) -> TimeAnchor | None:
    """The time of the quotation's own sentence, nearest to its cue, outside the quote."""
    inside = quotation.quote.spans
    around = quotation.cue or quotation.frame or quotation.speaker or quotation.quote
    anchor_at = around.spans[0][0]
    sentence = doc.sentences[doc.sentence_of_token(doc.token_at(anchor_at))]
    candidates = [
        t
        for t in times
        if sentence.start <= t.start < sentence.end and not any(s <= t.start < e for s, e in inside)
    ]
    if candidates:
        return _anchor(min(candidates, key=lambda t: abs(t.start - anchor_at)))
    if article_date:
        return TimeAnchor(None, (), date=article_date[:10], from_article_date=True)
    return None


class TimeEnricher:
    """The ``time`` enricher: ``Quotation.when`` for every quotation."""

    def __call__(self, result: AnalysisResult, doc: ParsedText) -> AnalysisResult:
        article_date = result.document.date
        times = find_times(doc.text, article_date)
        for q in result.quotations:
            q.when = quotation_anchor(q, times, doc, article_date)
        return result
