"""The moving keys of every list and scrollable screen: j k, g G, the page keys."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from textual.containers import VerticalScroll
from textual.widgets import DataTable

from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.help import HelpScreen, help_table
from newsdiff.tui.screens.library import LibraryScreen
from newsdiff.tui.screens.navigation import NavigationScreen
from newsdiff.tui.screens.reader import ReaderScreen

from .tui_support import open_compare, open_story, settle


async def test_the_library_moves_with_j_k_g_and_G(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(100, 24)) as pilot:
        await settle(sample_app, pilot)
        screen = sample_app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one(DataTable)
        assert table.cursor_row == 0
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("pagedown")
        assert table.cursor_row == table.row_count - 1  # five rows: one page
        await pilot.pause()
        assert screen.selected == screen._cursor_index()  # the Similar column follows


async def test_typing_j_into_the_library_filter_filters(sample_app: NewsdiffApp) -> None:
    """The letters stay letters while the filter box has the focus."""
    async with sample_app.run_test(size=(100, 24)) as pilot:
        await settle(sample_app, pilot)
        table = sample_app.screen.query_one(DataTable)
        await pilot.press("slash", "j", "e", "f", "f")
        await pilot.pause()
        assert table.cursor_row == 0
        assert sample_app.screen.query_text == "jeff"


async def _open_help_of_story(app: NewsdiffApp, pilot) -> HelpScreen:
    await open_story(app, pilot)
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    return app.screen


async def test_the_help_screen_scrolls_with_j_k_g_G_and_the_page_keys(
        sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(80, 20)) as pilot:
        help_screen = await _open_help_of_story(sample_app, pilot)
        box = help_screen.query_one("#help-box", VerticalScroll)
        assert box.max_scroll_y > 5, "the story's keys do not fit 20 lines"
        await pilot.press("j", "j")
        assert box.scroll_y == 2
        await pilot.press("k")
        assert box.scroll_y == 1
        await pilot.press("G")
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("g")
        assert box.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert box.scroll_y > 2


async def test_the_help_screen_lists_the_moving_keys(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(100, 60)) as pilot:
        help_screen = await _open_help_of_story(sample_app, pilot)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(help_table(help_screen.for_screen))
        text = console.export_text()
        assert "Navigation" in text
        assert "First row" in text and "Last row" in text and "A page down" in text


async def test_the_compare_help_lists_each_key_once_with_the_meaning_it_has_there(
        sample_app: NewsdiffApp) -> None:
    """The compare screen moves by passages: its own j/k shadow the navigation's, and help
    says what j does there, not what it does in a table."""
    async with sample_app.run_test(size=(120, 60)) as pilot:
        screen = await open_compare(sample_app, pilot)
        console = Console(width=120, record=True, file=io.StringIO())
        console.print(help_table(screen))
        text = console.export_text()
        keys = [line.split()[0] for line in text.splitlines() if line.strip()]
        assert keys.count("j") == keys.count("k") == keys.count("g") == 1
        assert "Next passage in the pane" in text and "Next row" not in text
        assert "First row or passage" in text and "A page down" in text


async def test_the_story_matrix_moves_with_g_G_and_follows(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_story(sample_app, pilot)
        matrix = screen.matrix
        await pilot.press("G")
        assert matrix.cursor_row == len(matrix.claims) - 1
        assert screen.shown is matrix.claims[-1]  # the stack shows the claim at once
        await pilot.press("g")
        assert matrix.cursor_row == 0
        assert screen.shown is matrix.claims[0]
        await pilot.press("j")
        assert screen.shown is matrix.claims[1]


async def test_the_reader_scrolls_with_j_k_g_G_and_the_page_keys(
        sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(80, 12)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(sample_app.screen, ReaderScreen)
        scroll = sample_app.screen.query_one("#reader-scroll", VerticalScroll)
        assert scroll.scroll_y == 0
        await pilot.press("j", "j", "j")
        assert scroll.scroll_y == 3
        await pilot.press("k")
        assert scroll.scroll_y == 2
        await pilot.press("G")
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await pilot.press("g")
        assert scroll.scroll_y == 0
        await pilot.press("ctrl+f")
        assert scroll.scroll_y > 0


@pytest.mark.parametrize("screen", [LibraryScreen, ReaderScreen, HelpScreen])
def test_every_list_and_text_screen_has_the_moving_keys(screen: type) -> None:
    assert issubclass(screen, NavigationScreen)
