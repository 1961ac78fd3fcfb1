"""The moving keys every list and scrollable screen shares: ``j`` ``k``, ``g`` ``G``, page keys.

People who read in a terminal bring ``less`` and vim habits; a screen that
answers ``j`` but not ``G`` (or the arrows but not ``j``) makes them reach for
the mouse.  So the keys are declared once, here, and a screen says only what
they move (:meth:`NavigationScreen.navigation_target`): a table's cursor, or a
scrolled view.  Declared on the screen rather than on the widget, so that the
help screen lists them (under "Navigation") and the config file can rebind
them by id, as every other key.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable


class NavigationScreen(Screen):
    """A screen whose main list (a :class:`DataTable`) or text (a scrolled container) moves
    with ``j``/``k`` and the arrows, ``g``/``G`` and Home/End, and the page keys.

    A table moves its cursor (the row under it is the selection), a scrolled
    view its text.  A screen that must follow the move (the story screen scrolls
    the selected claim's passages into view) overrides :meth:`moved`.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "step(1)", "Down", key_display="j", show=False,
                tooltip="Next row, or scroll down a line", id="next"),
        Binding("k,up", "step(-1)", "Up", key_display="k", show=False,
                tooltip="Previous row, or scroll up a line", id="prev"),
        Binding("g,home", "edge(-1)", "Top", key_display="g", show=False,
                tooltip="First row or passage, or the top", id="first"),
        Binding("G,end", "edge(1)", "Bottom", key_display="G", show=False,
                tooltip="Last row or passage, or the bottom", id="last"),
        Binding("pagedown,ctrl+f", "page(1)", "Page down", key_display="pgdn", show=False,
                tooltip="A page down", id="page_down"),
        Binding("pageup,ctrl+b", "page(-1)", "Page up", key_display="pgup", show=False,
                tooltip="A page up", id="page_up"),
    ]

    def navigation_target(self) -> Widget:
        """What the keys move: a :class:`DataTable` or a scrollable container."""
        raise NotImplementedError

    def moved(self) -> None:
        """Called after each move (nothing by default)."""

    def action_step(self, rows: int) -> None:
        self._move(*(("action_cursor_down", "scroll_down") if rows > 0
                     else ("action_cursor_up", "scroll_up")))

    def action_edge(self, end: int) -> None:
        self._move(*(("action_scroll_bottom", "scroll_end") if end > 0
                     else ("action_scroll_top", "scroll_home")))

    def action_page(self, pages: int) -> None:
        self._move(*(("action_page_down", "scroll_page_down") if pages > 0
                     else ("action_page_up", "scroll_page_up")))

    def _move(self, table_move: str, scroll_move: str) -> None:
        """Move the target by its method of that name: a table's cursor moves (the row
        under it is the selection), a scrolled view scrolls at once (no animation: a held
        key would queue them)."""
        target = self.navigation_target()
        if isinstance(target, DataTable):
            getattr(target, table_move)()
        else:
            getattr(target, scroll_move)(animate=False)
        self.moved()
