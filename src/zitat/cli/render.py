"""Results in the terminal: one table of quotations per article, fitted to the width."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from zitat.schema import AnalysisResult
from zitat.ui.render import (
    in_text_order,
    pieces,
    result_heading,
    role_name,
    shorten,
    speaker_name,
)

NO_VALUE = "–"

TABLE_COLUMNS: tuple[str, ...] = ("#", "form", "medium", "speaker", "cue", "addressee", "quote")
# Most of the width a speaker, cue and addressee column may take of what the first three leave;
# the quote gets the rest.
_ROLE_COLUMN_SHARES = {"speaker": 0.25, "cue": 0.15, "addressee": 0.15}
_QUOTE_LINES = 3
_MIN_ROLE_WIDTH = 4
_MIN_QUOTE_WIDTH = 12


def _column_widths(rows: Sequence[tuple[str, ...]], width: int) -> list[int]:
    natural = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(TABLE_COLUMNS)]
    spare = width - (3 * len(TABLE_COLUMNS) + 1) - sum(natural[:3])
    widths = natural[:3]
    for name, share in _ROLE_COLUMN_SHARES.items():
        i = TABLE_COLUMNS.index(name)
        widths.append(max(_MIN_ROLE_WIDTH, min(natural[i], int(spare * share))))
    widths.append(max(_MIN_QUOTE_WIDTH, spare - sum(widths[3:])))
    return widths


def result_table(result: AnalysisResult, *, width: int = 120) -> Table:
    """The quotations of one article in text order, fitted to ``width`` characters.

    A nested quotation's number names the one it is nested in: ``3 (in 2)``. Long quotes
    are cut to a few lines.
    """
    quotations = in_text_order(result.quotations)
    number = {q.id: i for i, q in enumerate(quotations, start=1)}
    rows = []
    for i, q in enumerate(quotations, start=1):
        outer = f" (in {number[q.nested_in]})" if q.nested_in in number else ""
        rows.append(
            (
                f"{i}{outer}",
                q.type.value,
                q.medium.value,
                speaker_name(q) or NO_VALUE,
                q.cue.text if q.cue else NO_VALUE,
                role_name(q.addressee) or NO_VALUE,
                pieces(q.quote, result.document.text),
            )
        )
    widths = _column_widths(rows, width)
    table = Table(header_style="bold")
    for i, (name, column_width) in enumerate(zip(TABLE_COLUMNS, widths, strict=True)):
        # the short first columns never wrap, so a narrow terminal squeezes the others
        table.add_column(
            name, width=column_width, no_wrap=i < 3, justify="right" if i == 0 else "left"
        )
    for row in rows:
        table.add_row(*row[:-1], shorten(row[-1], widths[-1] * _QUOTE_LINES))
    return table


def result_renderable(result: AnalysisResult, *, width: int = 120) -> Group:
    heading = Text(result_heading(result), style="bold")
    if not result.quotations:
        return Group(heading, Text("no quotations found", style="dim"))
    return Group(heading, result_table(result, width=width))


def print_results(results: Iterable[AnalysisResult], console: Console) -> None:
    for i, result in enumerate(results):
        if i:
            console.print()
        console.print(result_renderable(result, width=console.width))
