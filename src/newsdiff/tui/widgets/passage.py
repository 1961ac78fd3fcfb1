"""A pane of passages, one widget per passage, and the gap that stands for a missing one."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from newsdiff.present.markers import MARKS

#: A review's mark on a passage: the symbol under the kind's marker, the line under the text.
Badge = tuple[Text, Text]


class Pane(VerticalScroll, can_focus=False):
    """One article's side of the comparison; the screen, not the pane, takes the keys."""


class _Item(Static):
    """Something in a pane that stands for passage ``key`` (its index in the passage list)."""

    class Clicked(Message):
        def __init__(self, key: int, side: str) -> None:
            super().__init__()
            self.key = key
            self.side = side

    def __init__(self, key: int, side: str, body: Text, mark: str,
                 badge: Badge | None = None) -> None:
        super().__init__(markup=False, classes=f"kind-{mark}")
        self.key = key
        self.side = side
        self.body = body
        self.mark = mark
        self.show_badge(badge)

    def show_badge(self, badge: Badge | None) -> None:
        """Draw the item with ``badge`` (a review's gutter symbol and line) or without one."""
        self.badge = badge
        m = MARKS[self.mark]
        gutter, body = Text(m.marker, style=m.style), self.body
        if badge is not None:
            gutter = Text.assemble(gutter, "\n", badge[0])
            body = Text.assemble(body, "\n", badge[1])
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True, width=len(m.marker), justify="center")
        grid.add_column(ratio=1)
        grid.add_row(gutter, body)
        self.update(grid)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.key, self.side))


class PassageView(_Item):
    """A passage's sentences on one side, marked in the gutter by kind and, once reviewed,
    by its verdict."""


class Gap(_Item):
    """Where a passage only the other article carries would be: a one-line marker."""
