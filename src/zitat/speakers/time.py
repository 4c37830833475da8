"""When a statement was made: time expressions resolved against the article's date.

``find_times`` lists the time expressions of a text with their dates or ranges;
``TimeEnricher`` gives each quotation the expression of its own sentence (outside the
quote), or the article date marked ``from_article_date`` when the text names no time.
Without an article date, relative expressions are kept as text with no date.

A bare weekday or month points back ("am Sonntag" = the last Sunday up to the article
date) unless its sentence speaks of what is to come ("für Sonntag", "wird am Sonntag",
"findet am Sonntag statt"); an explicit date wins ("am Montag, den 24. Januar").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from zitat.lang.de.dates import (
    DAY_OFFSETS,
    FUTURE_WORDS,
    MONTHS,
    NUMBERS,
    PAST_WORDS,
    QUARTERS,
    WEEKDAYS,
)
from zitat.schema import AnalysisResult, Quotation, Span, TimeAnchor
from zitat.text.document import ParsedText

PAST_PREPOSITIONS = re.compile(r"\b(?:seit|vor|nach)\s+$", re.I)
FUTURE_PREPOSITIONS = re.compile(r"\b(?:für|bis(?:\s+zum)?|ab|auf)\s+$", re.I)
_PAST = r"(?:vergangen|letzt|vorig)(?:e|en|er|es)"
_NEXT = r"(?:kommend|nächst)(?:e|en|er|es)"
_DAYPART = r"(?:morgen|vormittag|mittag|nachmittag|abend|nacht)"
_WEEKDAY = "|".join(WEEKDAYS)
_MONTH = "|".join(MONTHS)
_NUMBER = r"\d+|" + "|".join(NUMBERS)
_YEAR = r"(?:19|20)\d\d"
_DATE = (
    r"(?P<day>\d{1,2})\.\s*(?:(?P<mnum>\d{1,2})\.|(?P<mname>" + _MONTH + r")s?)"
    r"(?:\s*(?P<year>\d{4}|\d{2}(?!\d)))?"
)


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


@dataclass(frozen=True, slots=True)
class _Context:
    """What a rule may use besides its match: the article date and the sentence's tense."""

    article_date: date | None
    future: bool

    @property
    def today(self) -> date:
        if self.article_date is None:  # relative rules only run with an article date
            raise ValueError("relative time expression without an article date")
        return self.article_date


Resolution = tuple[date, date] | None
"""A resolved expression: first and last day (equal for a single day); None: unresolved."""
Rule = Callable[[re.Match[str], _Context], Resolution]


def _day(d: date) -> Resolution:
    return d, d


def _month_range(year: int, month: int, part: str | None = None) -> Resolution:
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = {"anfang": (1, 10), "mitte": (11, 20), "ende": (21, last)}.get(
        (part or "").lower(), (1, last)
    )
    return date(year, month, first_day), date(year, month, last_day)


def _year_range(first: int, last: int | None = None) -> Resolution:
    return date(first, 1, 1), date(last or first, 12, 31)


def _weekday(m: re.Match[str], ctx: _Context) -> Resolution:
    today = ctx.today
    target = WEEKDAYS.index(m["weekday"].lower())
    direction = (m["dir"] or "").lower()
    if re.match(_NEXT, direction) or (ctx.future and not direction):
        ahead = (target - today.weekday()) % 7 or (7 if direction else 0)
        return _day(today + timedelta(days=ahead))
    back = (today.weekday() - target) % 7 or (7 if direction else 0)
    return _day(today - timedelta(days=back))


def _relative_day(m: re.Match[str], ctx: _Context) -> Resolution:
    return _day(ctx.today + timedelta(days=DAY_OFFSETS[m["word"].lower()]))


def _calendar_date(m: re.Match[str], ctx: _Context) -> Resolution:
    month = int(m["mnum"]) if m["mnum"] else MONTHS.index(m["mname"].lower()) + 1
    year = int(m["year"]) if m["year"] else (ctx.article_date.year if ctx.article_date else None)
    if year is None:
        return None
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        return _day(date(year, month, int(m["day"])))
    except ValueError:
        return None


def _month(m: re.Match[str], ctx: _Context) -> Resolution:
    month = MONTHS.index(m["month"].lower()) + 1
    if m["year"]:
        return _month_range(int(m["year"]), month, m["part"])
    if ctx.article_date is None:
        return None
    today = ctx.article_date
    if ctx.future:
        year = today.year if month >= today.month else today.year + 1
    else:
        year = today.year if month <= today.month else today.year - 1
    return _month_range(year, month, m["part"])


def _quarter(m: re.Match[str], ctx: _Context) -> Resolution:
    year = int(m["year"]) if m["year"] else (ctx.article_date.year if ctx.article_date else None)
    if year is None:
        return None
    first = 3 * QUARTERS[m["q"].lower()] - 2
    return _month_range(year, first)[0], _month_range(year, first + 2)[1]  # type: ignore[index]


def _year(m: re.Match[str], ctx: _Context) -> Resolution:
    return _year_range(int(m["year"]))


def _years(m: re.Match[str], ctx: _Context) -> Resolution:
    return _year_range(int(m["y1"]), int(m["y2"]))


def _this_year(m: re.Match[str], ctx: _Context) -> Resolution:
    return _year_range(ctx.today.year)


def _week(m: re.Match[str], ctx: _Context) -> Resolution:
    today = ctx.today
    monday = today - timedelta(days=today.weekday())
    direction = (m["dir"] or "").lower()
    if re.match(_PAST, direction):
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if re.match(_NEXT, direction):
        return monday + timedelta(days=7), monday + timedelta(days=13)
    return monday, monday + timedelta(days=6) if ctx.future else today


def _weekend(m: re.Match[str], ctx: _Context) -> Resolution:
    today = ctx.today
    saturday = today - timedelta(days=(today.weekday() - 5) % 7)
    if m["dir"] and today.weekday() >= 5:
        saturday -= timedelta(days=7)
    return saturday, saturday + timedelta(days=1)


def _past_month(m: re.Match[str], ctx: _Context) -> Resolution:
    last_of_previous = ctx.today.replace(day=1) - timedelta(days=1)
    return _month_range(last_of_previous.year, last_of_previous.month)


def _past_year(m: re.Match[str], ctx: _Context) -> Resolution:
    return _year_range(ctx.today.year - 1)


def _ago(m: re.Match[str], ctx: _Context) -> Resolution:
    today = ctx.today
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
    return _year_range(today.year - n)


def _few_days(m: re.Match[str], ctx: _Context) -> Resolution:
    span = 14 if m["vague"].lower() == "kurzem" else 7
    return ctx.today - timedelta(days=span), ctx.today - timedelta(days=1)


def _unresolved(m: re.Match[str], ctx: _Context) -> Resolution:
    return None


# (pattern, rule, needs the article date); earlier rules win where matches overlap
_RULES: list[tuple[re.Pattern[str], Rule, bool]] = [
    (re.compile(p, re.I), rule, relative)
    for p, rule, relative in (
        # "am Montag, den 24. Januar 2005": the date decides
        (r"\b(?:am\s+)?(?:" + _WEEKDAY + r")(?:" + _DAYPART + r")?,?\s+(?:den\s+|dem\s+)?"
         + _DATE, _calendar_date, False),
        (r"\b(?:am\s+)?" + _DATE, _calendar_date, False),
        (r"\b(?:(?:von|zwischen|in\s+den\s+jahren)\s+)?(?P<y1>" + _YEAR + r")\s*(?:bis|und|-|–)\s*"
         r"(?P<y2>" + _YEAR + r")\b", _years, False),
        (r"\b(?:im\s+)?(?P<q>erst|zweit|dritt|viert)en\s+quartal(?:\s+(?P<year>" + _YEAR + r"))?",
         _quarter, False),
        (r"\b(?:(?:im|seit|bis)\s+)?(?:(?P<part>anfang|mitte|ende)\s+)?(?P<month>" + _MONTH
         + r")(?:\s+(?P<year>" + _YEAR + r"))?\b", _month, False),
        (r"\b(?:am\s+)?(?P<word>vorgestrig|gestrig|heutig|morgig)e[nmrs]?"
         r"(?:\s+(?:" + _WEEKDAY + r"|[a-zäöü]*tag)(?:" + _DAYPART + r")?)?\b",
         _relative_day, True),
        (r"\b(?:am\s+)?(?:(?P<dir>" + _PAST + "|" + _NEXT + r")\s+)?(?P<weekday>" + _WEEKDAY
         + r")(?:" + _DAYPART + r")?\b", _weekday, True),
        (r"\b(?P<word>vorgestern|gestern|heute|übermorgen)(?:\s*" + _DAYPART + r")?\b",
         _relative_day, True),
        (r"\b(?:in\s+der\s+|in\s+dieser\s+|diese\s+|)(?:(?P<dir>" + _PAST + "|" + _NEXT
         + r")\s+)?woche\b", _week, True),
        (r"\b(?:am\s+)(?:(?P<dir>" + _PAST + r")\s+)?wochenende\b", _weekend, True),
        (r"\b(?:im\s+)?" + _PAST + r"\s+monat\b", _past_month, True),
        (r"\b(?:im\s+)?" + _PAST + r"\s+jahr\b", _past_year, True),
        (r"\b(?:in\s+diesem|dieses|im\s+laufenden)\s+jahr(?:es)?\b", _this_year, True),
        (r"\bvor\s+(?P<vague>wenigen|einigen|ein\s+paar|kurzem)(?:\s+tagen)?\b", _few_days, True),
        (r"\bvor\s+(?P<n>" + _NUMBER + r")\s+"
         r"(?P<unit>tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)\b", _ago, True),
        (r"\b(?:(?:im\s+jahr(?:e)?|seit|bis|anfang|ende|mitte)\s+)?"
         r"(?P<year>" + _YEAR + r")\b(?![.,]\d)", _year, False),
        (r"\b(?:nach|vor|seit)\s+(?:dem|der)\s+(?:letzten|jüngsten|vergangenen)\s+\w+", _unresolved,
         False),
    )
]  # fmt: skip
_GATES: list[re.Pattern[str]] = [
    re.compile(p, re.I)
    for p in (
        _WEEKDAY, r"\d", r"\d", "quartal", _MONTH, "heutig|gestrig|morgig", _WEEKDAY,
        "heute|gestern|morgen", "woche", "wochenende", "monat", "jahr", "jahr", r"vor\s",
        r"vor\s", r"\d", r"nach\s|vor\s|seit\s",
    )
]  # fmt: skip
"""Cheap literal tests, one per rule in ``_RULES``: a rule runs only where its words occur."""
_TRIGGER = re.compile(
    r"\d|heut|gest|morg|woche|monat|jahr|quartal|vor\s|seit\s|nach\s|" + _WEEKDAY + "|" + _MONTH,
    re.I,
)
"""Cheap test whether a text may hold a time expression at all."""
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_WORD = re.compile(r"\w+")


def _speaks_of_future(text: str, start: int, end: int) -> bool:
    """A future preposition right before the expression, or future and no past wording in
    its sentence."""
    before = text[max(0, start - 12) : start]
    if FUTURE_PREPOSITIONS.search(before):
        return True
    if PAST_PREPOSITIONS.search(before) or re.match(r"seit\b", text[start:end], re.I):
        return False
    begin = max(
        (m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 400), start)), default=0
    )
    stop = _SENTENCE_END.search(text, end)
    words = {w.lower() for w in _WORD.findall(text[begin : stop.start() if stop else len(text)])}
    return bool(words & FUTURE_WORDS) and not words & PAST_WORDS


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
    if not _TRIGGER.search(text):
        return found
    for (pattern, rule, relative), gate in zip(_RULES, _GATES, strict=True):
        if not gate.search(text):
            continue
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            resolved = None
            if today is not None or not relative:
                try:
                    resolved = rule(m, _Context(today, _speaks_of_future(text, start, end)))
                except (ValueError, OverflowError):  # "vor 5000 Jahren": before year 1
                    resolved = None
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
    sentence = doc.sentences[_anchor_sentence(quotation, doc)]
    candidates = [
        t
        for t in times
        if sentence.start <= t.start < sentence.end and not any(s <= t.start < e for s, e in inside)
    ]
    if candidates:
        return _anchor(min(candidates, key=lambda t: abs(t.start - anchor_at)))
    parsed = _parse_date(article_date)
    if parsed is not None:
        return TimeAnchor(None, (), date=parsed.isoformat(), from_article_date=True)
    return None


class TimeEnricher:
    """The ``time`` enricher: ``Quotation.when`` for every quotation."""

    requires: tuple[str, ...] = ()

    def __call__(self, result: AnalysisResult, doc: ParsedText) -> AnalysisResult:
        article_date = result.document.date
        by_sentence: dict[int, list[TimeExpression]] = {}
        for q in result.quotations:
            index = _anchor_sentence(q, doc)
            if index not in by_sentence:  # each sentence once: linear in the article's length
                sentence = doc.sentences[index]
                found = find_times(doc.text[sentence.start : sentence.end], article_date)
                by_sentence[index] = [_shift(t, sentence.start) for t in found]
            q.when = quotation_anchor(q, by_sentence[index], doc, article_date)
        return result


def _anchor_sentence(quotation: Quotation, doc: ParsedText) -> int:
    """The sentence whose time applies to the quotation: the one holding its cue."""
    around = quotation.cue or quotation.frame or quotation.speaker or quotation.quote
    return doc.sentence_of_token(doc.token_at(around.spans[0][0]))


def _shift(expr: TimeExpression, offset: int) -> TimeExpression:
    return replace(expr, start=expr.start + offset, end=expr.end + offset)
