"""How a corpus run shows it is alive: a progress bar on a terminal, nothing otherwise.

A run over millions of articles takes hours, so on a terminal it shows the
articles read (with their rate) and then the stories compared; written to a
file or a pipe (a batch job's log), it says nothing until its summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from newsdiff.corpus.pipeline import Progress


@contextmanager
def progress_for(stream: TextIO) -> Iterator[Progress]:
    """A :class:`Progress` that draws on ``stream`` when it is a terminal, else a quiet one."""
    isatty = getattr(stream, "isatty", None)
    if not (isatty and isatty()):
        yield Progress()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
              TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
              console=Console(file=stream), transient=True)
    with bar:
        yield _Bar(bar)


class _Bar(Progress):
    """Two tasks: articles read (of an unknown total), then stories compared."""

    def __init__(self, bar) -> None:
        self.bar = bar
        self.reading = bar.add_task("articles read", total=None, rate="")
        self.comparing = None

    def articles(self, count: int) -> None:
        self.bar.advance(self.reading, count)
        task = self.bar.tasks[self.reading]
        speed = task.speed
        self.bar.update(self.reading, rate=f"{speed:,.0f}/s" if speed else "")

    def stories(self, found: int, to_compare: int) -> None:
        self.bar.update(self.reading, total=self.bar.tasks[self.reading].completed)
        self.comparing = self.bar.add_task(
            f"stories compared ({found:,} found)", total=to_compare, rate="")

    def compared(self, count: int) -> None:
        if self.comparing is not None:
            self.bar.advance(self.comparing, count)
