"""What the library and a corpus's story list share: a table filtered as you type and
sorted by column.

Both screens keep ``query_text`` (the filter box's text) and a sort column with its
direction, and answer the same keys the same way: ``/`` opens the filter box, Enter
in it goes back to the table, ``o`` cycles the sort column, ``O`` reverses it, a click
on a column's header sorts by it (again: the other way).  A screen says which columns
it cycles through (:attr:`SORT_CYCLE`; ``""`` is its own order), which sort largest
first (:attr:`LARGEST_FIRST`), and how it refills its table (:meth:`refill`).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.widgets import DataTable, Input

from newsdiff.tui.screens.navigation import NavigationScreen


class FilteredTableScreen(NavigationScreen):
    """A screen whose table a filter box narrows and whose columns sort it."""

    #: The sort columns ``o`` cycles through, in order (``""``: the table's own order).
    SORT_CYCLE: ClassVar[tuple[str, ...]] = ()
    #: The columns that sort largest first when first chosen.
    LARGEST_FIRST: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, sort_key: str = "") -> None:
        super().__init__()
        self.query_text = ""
        self.sort_key = sort_key
        self.sort_reverse = sort_key in self.LARGEST_FIRST

    def refill(self) -> None:
        """Fill the table again, with the filter and the order as they are now."""
        raise NotImplementedError

    def sort_by(self, key: str) -> None:
        self.sort_key, self.sort_reverse = key, key in self.LARGEST_FIRST
        self.refill()

    def clear_filter(self) -> bool:
        """Empty and close the filter box; whether there was a filter to clear."""
        box = self.query_one("#filter", Input)
        if not (box.has_class("-open") or self.query_text):
            return False
        box.value = ""
        box.remove_class("-open")
        self.query_text = ""
        self.refill()
        self.query_one(DataTable).focus()
        return True

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value or ""
        if key not in self.SORT_CYCLE or not key:
            return
        if key == self.sort_key:
            self.action_reverse()
        else:
            self.sort_by(key)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value
        self.refill()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.query_one(DataTable).focus()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.add_class("-open")
        box.focus()

    def action_sort(self) -> None:
        """Sort by the next column of :attr:`SORT_CYCLE`."""
        order = self.SORT_CYCLE
        self.sort_by(order[(order.index(self.sort_key) + 1) % len(order)])

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self.refill()
