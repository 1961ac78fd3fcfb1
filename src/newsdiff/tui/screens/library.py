"""The library: a table of the articles, filtered as you type, sorted by column."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, ProgressBar, Static
from textual.widgets.data_table import ColumnKey

from newsdiff.present.visible import visible
from newsdiff.present.words import counted
from newsdiff.tui.entries import Entry, similarity
from newsdiff.tui.screens.table import FilteredTableScreen
from newsdiff.tui.texts import one_line

if TYPE_CHECKING:
    from newsdiff.tui.app import NewsdiffApp

#: Column key, title, and how rows sort by it (``None`` sorts last).
COLUMNS: tuple[tuple[str, str], ...] = (
    ("mark", " "),
    ("outlet", "Outlet"),
    ("headline", "Headline"),
    ("words", "Words"),
    ("boilerplate", "Boiler"),
    ("similarity", "Similar"),
)
SORTABLE = tuple(key for key, _ in COLUMNS if key != "mark")
#: Width of the numeric columns and the mark column, as laid out (padding included).
_FIXED_WIDTH = sum(w + 2 for w in (1, 5, 6, 7)) + 1
_OUTLET_MAX = 24


class LibraryScreen(FilteredTableScreen):
    """Every article loaded; ``c`` compares the two marked (or the first two)."""

    app: NewsdiffApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "read", "Read", id="read"),
        Binding("space", "mark", "Mark", id="mark"),
        Binding("c", "compare", "Compare", id="compare"),
        # Out of the footer, nearly full at 80 columns; ? and the palette list it.
        Binding("S", "story", "Story",
                tooltip="Every article at once, claim by claim", id="story"),
        Binding("slash", "filter", "Filter", key_display="/", id="filter"),
        Binding("o", "sort", "Sort", id="sort"),
        Binding("O", "reverse", "Reverse sort", show=False, id="reverse_sort"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear_filter",
                tooltip="Clear the filter; with none, back to a corpus's stories"),
    ]

    SORT_CYCLE = ("", *SORTABLE)
    LARGEST_FIRST = frozenset(("similarity", "words"))

    def __init__(self) -> None:
        super().__init__()
        self.marked: list[int] = []
        self.selected: int | None = None
        self.similarities: dict[int, float] = {}

    def compose(self) -> ComposeResult:
        yield Static(Text("newsdiff \u2014 library", style="bold"), id="library-title")
        yield Input(placeholder="filter outlet or headline", id="filter")
        yield DataTable(id="library", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="library-status-bar"):
            yield Static(Text("loading articles\u2026", style="dim"), id="library-status")
            yield ProgressBar(id="library-progress", show_eta=False)
        yield Footer()

    def refill(self) -> None:
        self.show_entries()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, title in COLUMNS:
            table.add_column(title, key=key)
        table.focus()
        if self.app.loaded.is_set():
            self.show_entries()
        else:
            self.watch(self.app, "load_progress", self.show_progress)

    # -- data -------------------------------------------------------------------------

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def navigation_target(self) -> Widget:
        return self.table

    def visible_entries(self) -> list[Entry]:
        """The entries that match the filter, in the chosen order."""
        needle = self.query_text.casefold()
        rows = [e for e in self.app.entries
                if needle in f"{e.article.outlet}\n{e.article.title}".casefold()]
        if self.sort_key:
            present = [e for e in rows if self._sort_value(e) is not None]
            missing = [e for e in rows if self._sort_value(e) is None]
            present.sort(key=self._sort_value, reverse=self.sort_reverse)
            rows = present + missing
        return rows

    def _sort_value(self, e: Entry) -> object:
        match self.sort_key:
            case "outlet":
                return e.article.outlet.casefold()
            case "headline":
                return e.article.title.casefold()
            case "words":
                return e.words
            case "boilerplate":
                return e.boilerplate_share
            case "similarity":
                return self.similarities.get(e.index)
        return e.index

    def _mark_cell(self, index: int) -> Text:
        if index not in self.marked:
            return Text(" ")
        n = self.marked.index(index)
        return Text("AB"[n] if n < 2 else "\u2022", style="bold reverse")

    def _similarity_cell(self, index: int) -> Text:
        if index == self.selected:
            return Text("\u2014", style="dim")
        value = self.similarities.get(index)
        return Text("\u2026" if value is None else f"{value:.0%}", justify="right")

    def show_progress(self, progress: tuple[int, int, str] | None) -> None:
        """While the articles load: how many are read, and which one is being read."""
        if progress is None or self.app.loaded.is_set():
            return
        done, total, name = progress
        bar = self.query_one("#library-progress", ProgressBar)
        bar.update(total=total, progress=done)
        bar.add_class("-loading")
        self.query_one("#library-status", Static).update(
            Text(f"reading {done + 1} of {total}: {visible(name)}", style="dim"))

    def show_entries(self) -> None:
        """Fill the table from the entries, keeping the cursor on the same article."""
        table = self.table
        if not table.columns:
            return  # not mounted yet: on_mount fills it
        keep = self.selected
        table.clear()
        outlet_w, headline_w = self._fit_columns()
        for e in self.visible_entries():
            a = e.article
            table.add_row(
                self._mark_cell(e.index),
                one_line(visible(a.outlet), outlet_w),
                one_line(visible(a.title), headline_w),
                Text(str(e.words), justify="right"),
                Text(f"{e.boilerplate_share:.0%}", justify="right"),
                self._similarity_cell(e.index),
                key=str(e.index),
            )
        if keep is not None and str(keep) in table.rows:
            table.move_cursor(row=table.get_row_index(str(keep)), animate=False)
        status = counted(len(self.app.entries), "article")
        if len(self.app.entries) > 1:
            status += " \u00b7 Similar: how much each shares with the selected one (\u2014)"
        if self.query_text:
            status += f", {table.row_count} match \u201c{self.query_text}\u201d"
        if self.sort_key:
            status += f" \u00b7 sorted by {self.sort_key}{' (reversed)' * self.sort_reverse}"
        if self.app.load_errors:
            status += f" \u00b7 {len(self.app.load_errors)} unreadable"
        self.query_one("#library-status", Static).update(Text(status, style="dim"))
        self.query_one("#library-progress", ProgressBar).remove_class("-loading")
        if self.selected is None and table.row_count:
            self._select(self._cursor_index())

    def _fit_columns(self) -> tuple[int, int]:
        """Outlet and headline widths that keep every column on screen (headline takes the rest)."""
        table = self.table
        outlet_w = min(_OUTLET_MAX, max((len(e.article.outlet) for e in self.app.entries),
                                        default=6))
        headline_w = max(12, (self.size.width or 80) - _FIXED_WIDTH - (outlet_w + 2) - 2)
        for key, width in (("outlet", outlet_w), ("headline", headline_w)):
            column = table.columns[ColumnKey(key)]
            column.auto_width = False
            column.width = width
        return outlet_w, headline_w

    def on_resize(self) -> None:
        if self.app.loaded.is_set():
            self.show_entries()

    def _cursor_index(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key
        return int(key.value)

    def _select(self, index: int | None) -> None:
        if index is None or index == self.selected:
            return
        self.selected = index
        self.similarities = {}
        self._refresh_similarity_cells()
        self.compute_similarities(index)

    def _refresh_similarity_cells(self) -> None:
        table = self.table
        for key in table.rows:
            table.update_cell(key, "similarity", self._similarity_cell(int(key.value)))

    @work(exclusive=True, group="similarity")
    async def compute_similarities(self, index: int) -> None:
        """Similarity of every article to the selected one, filled in as comparisons finish.

        Stopped while another screen covers the library (and taken up again,
        from the cache, when it is back), so the column never competes with
        the comparison the user is looking at.
        """
        for e in self.app.entries:
            if e.index == index:
                continue
            c = await self.app.comparison(index, e.index)
            if self.selected != index or not self.app.on_stack(self):
                return
            self.similarities[e.index] = similarity(c)
            if str(e.index) in self.table.rows:
                self.table.update_cell(str(e.index), "similarity",
                                       self._similarity_cell(e.index))
        if self.sort_key == "similarity":
            self.show_entries()

    # -- events -----------------------------------------------------------------------

    def on_screen_resume(self) -> None:
        if self.selected is not None and len(self.similarities) < len(self.app.entries) - 1:
            self.compute_similarities(self.selected)

    def on_screen_suspend(self) -> None:
        self.workers.cancel_group(self, "similarity")

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._select(int(event.row_key.value))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_read()

    # -- actions ----------------------------------------------------------------------

    def action_read(self) -> None:
        index = self._cursor_index()
        if index is None:
            return
        from newsdiff.tui.screens.reader import ReaderScreen

        self.app.push_screen(ReaderScreen(self.app.entries[index].article))

    def action_mark(self) -> None:
        index = self._cursor_index()
        if index is None:
            return
        if index in self.marked:
            self.marked.remove(index)
        else:
            self.marked.append(index)
        for key in self.table.rows:
            self.table.update_cell(key, "mark", self._mark_cell(int(key.value)))

    def pair_to_compare(self) -> tuple[int, int] | None:
        """The marked articles, then the one under the cursor, then the table's order: first two."""
        order = [e.index for e in self.visible_entries()]
        cursor = self._cursor_index()
        picks = list(dict.fromkeys([*self.marked, *([cursor] if cursor is not None else []),
                                    *order]))
        if not self.marked:
            picks = order
        return (picks[0], picks[1]) if len(picks) >= 2 else None

    def action_compare(self) -> None:
        pair = self.pair_to_compare()
        if pair is None:
            self.notify("Need two articles to compare.", severity="warning", markup=False)
            return
        self.open_compare(*pair)

    @work(exclusive=True, group="compare")
    async def open_compare(self, i: int, j: int) -> None:
        self.query_one("#library-status", Static).update(Text("comparing\u2026", style="dim"))
        await self.app.comparison(i, j)
        if not self.app.on_stack(self):
            return
        from newsdiff.tui.screens.compare import CompareScreen

        self.show_entries()
        await self.app.push_screen(CompareScreen(i, j))

    def action_story(self) -> None:
        """Open the story screen; it compares every article itself, showing that it is busy."""
        if len(self.app.entries) < 2:
            self.notify("Need two articles for a story.", severity="warning", markup=False)
            return
        from newsdiff.tui.screens.story import StoryScreen

        self.app.push_screen(StoryScreen())

    def action_clear_filter(self) -> None:
        """Clear the filter; with none, back to the corpus's stories when they are below."""
        if not self.clear_filter() and self.app.corpus is not None:
            self.app.pop_screen()
