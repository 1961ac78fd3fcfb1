"""The private Textual API the reader relies on, each use behind one name here.

The story screen needs three things Textual offers no public way to do: light
a table's row label and column header with its cursor, find where a table's
column is drawn, and size a scroll view's scrollbars without laying the
screen out again.  Nothing else in the reader touches a private Textual name;
``tests/tui/test_tui_compat.py`` checks that the names used here still exist
with the signatures used here, and that they still do what is relied on.
After upgrading Textual, run that test first: it names what changed.
"""

from __future__ import annotations

from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.widgets import DataTable
from textual.widgets.data_table import CursorType


class CursorHighlightTable(DataTable):
    """A ``DataTable`` whose subclasses decide which cells the cursor lights up, by
    overriding :meth:`is_highlighted`.

    Relies on ``DataTable._should_highlight(cursor, target_cell, type_of_cursor)``,
    which the table asks for every cell it draws, row labels (column -1) and
    column headers (row -1) included.  There is no public way: the cursor type
    ("cell", "row", "column") fixes what lights up, and with a cell cursor that is
    the cell alone.
    """

    def is_highlighted(self, cursor: Coordinate, cell: Coordinate,
                       cursor_type: CursorType) -> bool:
        """Whether the cursor at ``cursor`` lights ``cell`` up; by default, as the table
        does (with a cell cursor: the cursor's cell only)."""
        return super()._should_highlight(cursor, cell, cursor_type)

    def _should_highlight(self, cursor: Coordinate, target_cell: Coordinate,
                          type_of_cursor: CursorType) -> bool:
        return self.is_highlighted(cursor, target_cell, type_of_cursor)


def column_region(table: DataTable, column: int) -> Region:
    """Where column ``column`` of ``table`` is drawn, in the table's scrolled content (the
    row labels' width to its left, its header at the top); an empty region when there is
    no such column.

    Relies on ``DataTable._get_column_region(column_index)``.  There is no public
    way: the columns' widths are public (``Column.get_render_width``), but not the
    width of the row labels, which every column is drawn to the right of.
    """
    return table._get_column_region(column)


class QuietScrollView(ScrollView):
    """A ``ScrollView`` whose content size changes without laying the screen out again.

    A widget's ``virtual_size`` is a reactive that lays out, and so repaints, the
    whole screen when it changes.  A view whose own size never depends on its
    content declares it without layout or repaint, and must then tell its
    scrollbars itself: :meth:`set_virtual_size` does both.

    Relies on ``Widget._scroll_update(virtual_size)``, what Textual itself calls
    when a resize changes a scrollable widget's sizes: it shows or hides the
    scrollbars, sizes their thumbs and keeps the scroll offset in range.  There
    is no public way short of a layout, which is what this view avoids.
    """

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=False)

    def set_virtual_size(self, size: Size) -> None:
        """Make ``size`` the content's size and fit the scrollbars to it."""
        self.virtual_size = size
        self._scroll_update(size)
