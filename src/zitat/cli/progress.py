"""A progress bar on stderr with count, rate and ETA, that can also be switched off.

When stderr is not a terminal (a log file, a pipe), a bar cannot be redrawn; with
``plain_every_s`` the progress is then a plain line every so many seconds instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Self, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

from zitat.wording import plural

T = TypeVar("T")


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f} articles/s")


class _PlainLines:
    """``label: 1,200 articles in 34 s (35.3/s)`` on stderr, at most every ``every_s``."""

    def __init__(
        self, label: str, console: Console, every_s: float, clock: Callable[[], float]
    ) -> None:
        self._label = label
        self._console = console
        self._every_s = every_s
        self._clock = clock
        self._start = self._last = clock()
        self._count = 0

    def advance(self) -> None:
        self._count += 1
        now = self._clock()
        if now - self._last >= self._every_s:
            self._last = now
            elapsed = now - self._start
            rate = self._count / elapsed if elapsed > 0 else 0.0
            self._console.file.write(
                f"{self._label}: {plural(self._count, 'article')} in {elapsed:.0f} s "
                f"({rate:.1f}/s)\n"
            )
            self._console.file.flush()


class Progress:
    """``with Progress("ingesting", total=n) as bar: bar.advance()``; total None = unknown."""

    def __init__(
        self,
        label: str,
        *,
        total: int | None = None,
        enabled: bool = True,
        plain_every_s: float | None = None,
        transient: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._plain: _PlainLines | None = None
        console = Console(stderr=True)
        if enabled and plain_every_s is not None and not console.is_terminal:
            self._plain = _PlainLines(label, console, plain_every_s, clock)
        elif enabled:
            self._bar = RichProgress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                _RateColumn(),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=console,
                transient=transient,
            )
            self._task = self._bar.add_task(label, total=total)

    def __enter__(self) -> Self:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self) -> None:
        if self._plain is not None:
            self._plain.advance()
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)

    def track(self, items: Iterable[T]) -> Iterator[T]:
        """``items`` one by one, advancing once each has been dealt with."""
        for item in items:
            yield item
            self.advance()
