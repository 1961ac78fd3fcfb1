"""A corpus's stories (``newsdiff read DIR`` on a ``newsdiff corpus`` output), one a row.

A researcher's first questions of an archive are which stories are big, which
are disputed, and when: so each row gives a story's articles, outlets, claims
and divergences and its date range, sortable by any of them and filtered by
title or outlet as you type.  Enter opens the story's articles as a folder of
them would open (the library, then the story, compare and review screens as
ever); Escape there comes back here.

The table shows at most :data:`MAX_ROWS` stories of the filter's matches (a
corpus may hold a million); the status line says how many match.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Input, Static
from textual.widgets.data_table import ColumnKey

from newsdiff.present.visible import visible
from newsdiff.present.words import counted
from newsdiff.tui.screens.table import FilteredTableScreen
from newsdiff.tui.texts import one_line
from newsdiff.values import InputError

if TYPE_CHECKING:
    import pandas

    from newsdiff.tui.app import NewsdiffApp

#: Column key, title; the numeric ones sort largest first.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", "Story"),
    ("articles", "Articles"),
    ("outlets", "Outlets"),
    ("claims", "Claims"),
    ("divergences", "Diverge"),
    ("first_date", "From"),
    ("last_date", "To"),
)
_NUMERIC = ("articles", "outlets", "claims", "divergences")
#: The most rows the table holds at once.
MAX_ROWS = 2_000
#: Width of every column but the title, as laid out (padding included).
_FIXED_WIDTH = sum(w + 2 for w in (8, 7, 6, 7, 10, 10)) + 1


class CorpusScreen(FilteredTableScreen):
    """The stories of the corpus output in ``folder``."""

    app: NewsdiffApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_story", "Open", id="open_story"),
        Binding("slash", "filter", "Filter", key_display="/", id="filter"),
        Binding("o", "sort", "Sort", id="sort"),
        Binding("O", "reverse", "Reverse sort", show=False, id="reverse_sort"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="clear_filter"),
    ]

    SORT_CYCLE = tuple(key for key, _ in COLUMNS)
    LARGEST_FIRST = frozenset(_NUMERIC)

    def __init__(self, folder: Path) -> None:
        super().__init__(sort_key="articles")
        self.folder = folder
        self.stories: pandas.DataFrame | None = None
        self.articles: pandas.DataFrame | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(f"newsdiff \u2014 corpus {visible(str(self.folder))}", style="bold"),
                     id="library-title")
        yield Input(placeholder="filter title or outlet", id="filter")
        yield DataTable(id="corpus", cursor_type="row", zebra_stripes=True)
        yield Static(Text("reading the tables\u2026", style="dim"), id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.table
        for key, title in COLUMNS:
            table.add_column(title, key=key)
        table.focus()
        self.read_tables()

    @property
    def table(self) -> DataTable:
        return self.query_one(DataTable)

    def navigation_target(self) -> Widget:
        return self.table

    @work(exclusive=True, group="corpus-tables")
    async def read_tables(self) -> None:
        """Read the stories and articles tables off the event loop, then fill the table."""
        import asyncio

        from newsdiff.corpus.output import load

        try:
            tables = await asyncio.to_thread(load, self.folder)
        except (InputError, OSError, ValueError) as e:
            self._status(f"cannot read the tables: {e}")
            return
        self.stories, self.articles = tables.stories, tables.articles
        self.show_stories()

    def _status(self, line: str) -> None:
        self.query_one("#library-status", Static).update(Text(visible(line), style="dim"))

    def visible_stories(self) -> pandas.DataFrame:
        """The stories that match the filter (in the title or an outlet's name), sorted."""
        stories = self.stories
        if self.query_text:
            needle = self.query_text.casefold()
            text = (stories["title"].fillna("") + "\n"
                    + stories["outlet_names"].map(_names))
            stories = stories[text.str.casefold().str.contains(needle, regex=False)]
        return stories.sort_values([self.sort_key, "story_id"],
                                   ascending=[not self.sort_reverse, True],
                                   na_position="last", kind="stable")

    def show_stories(self) -> None:
        """Fill the table with the matching stories, at most :data:`MAX_ROWS`."""
        if self.stories is None:
            return
        table = self.table
        table.clear()
        title_w = max(16, (self.size.width or 80) - _FIXED_WIDTH - 2)
        column = table.columns[ColumnKey("title")]
        column.auto_width, column.width = False, title_w
        matches = self.visible_stories()
        for row in matches.head(MAX_ROWS).itertuples(index=False):
            table.add_row(
                one_line(_shown(row.title), title_w),
                *(Text(str(getattr(row, key)), justify="right") for key in _NUMERIC),
                Text(_shown(row.first_date)), Text(_shown(row.last_date)),
                key=row.story_id)
        status = (f"{counted(len(self.stories), 'story', 'stories')} \u00b7 "
                  f"{counted(len(self.articles), 'article')}")
        if self.query_text:
            status += f", {len(matches):,} match \u201c{self.query_text}\u201d"
        if len(matches) > MAX_ROWS:
            status += f" (the first {MAX_ROWS:,} shown)"
        status += f" \u00b7 sorted by {self.sort_key}{' (largest first)' * self.sort_reverse}"
        self._status(status)

    def refill(self) -> None:
        self.show_stories()

    def on_resize(self) -> None:
        self.show_stories()

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open_story()

    def action_clear_filter(self) -> None:
        self.clear_filter()

    def action_open_story(self) -> None:
        table = self.table
        if self.articles is None or not table.row_count:
            return
        story_id = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        self.open_story(story_id)

    @work(exclusive=True, group="corpus-open")
    async def open_story(self, story_id: str) -> None:
        """Read the story's articles off the event loop, then open them in the library."""
        import asyncio

        from newsdiff.corpus.output import story_records
        from newsdiff.tui.screens.library import LibraryScreen

        ids = self.articles.loc[self.articles["story_id"] == story_id, "article_id"].tolist()
        self._status(f"reading the {counted(len(ids), 'article')} of the story\u2026")
        try:
            records = await asyncio.to_thread(story_records, self.folder, ids)
            articles = await asyncio.to_thread(lambda: [r.article() for r in records])
        except (InputError, OSError, ValueError) as e:
            self.notify(visible(str(e)), title="Could not open the story", severity="error",
                        timeout=8, markup=False)
            self.show_stories()
            return
        if not self.app.on_stack(self) or not await self.app.use_articles(articles):
            self.show_stories()
            return
        self.show_stories()
        await self.app.push_screen(LibraryScreen())


def _names(outlets: object) -> str:
    """A story's outlet names as one text to filter on (a list, or CSV's JSON text of it)."""
    return outlets if isinstance(outlets, str) else "\n".join(map(str, outlets))


def _shown(value: object) -> str:
    """A table's text cell as shown: made visible; a missing value (None, NaN) is blank."""
    return visible(value) if isinstance(value, str) else ""
