"""Help, the command palette, untrusted article text, and the module entry point."""

from __future__ import annotations

from textual.widgets import DataTable

from newsdiff.tui.__main__ import main
from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.help import HelpScreen
from newsdiff.tui.screens.library import LibraryScreen
from newsdiff.tui.screens.reader import ReaderScreen
from newsdiff.tui.widgets.passage import PassageView

from .tui_support import HOSTILE_TITLE, settle


async def test_question_mark_and_f1_open_help(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(sample_app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(sample_app.screen, LibraryScreen)
        await pilot.press("f1")
        assert isinstance(sample_app.screen, HelpScreen)
        await pilot.press("escape")


async def test_help_lists_every_compare_key(sample_app: NewsdiffApp) -> None:
    from newsdiff.tui.screens.help import help_table

    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("c")
        await settle(sample_app, pilot)
        table = help_table(sample_app.screen)
        keys = " ".join(str(c) for c in table.columns[0].cells)
        for key in ("j", "k", "n", "N", "]", "[", "tab", "s", "p", "P", "d", "1", "4", "?"):
            assert key in keys.split(), key
        for mark in ("[=]", "[~]", "[!]", "[-]", "[+]", "[#]", "[-A-]", "{+B+}"):
            assert mark in keys, mark  # the legend the narrow header leaves out


async def test_command_palette_offers_screen_actions(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        titles = [c.title for c in sample_app.get_system_commands(sample_app.screen)]
        for title in ("Compare", "Mark", "Filter", "Help"):
            assert title in titles


async def test_hostile_text_shows_literally_and_does_nothing(hostile_paths) -> None:
    app = NewsdiffApp(hostile_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        cell = table.get_cell("0", "headline")
        assert cell.plain == HOSTILE_TITLE
        await pilot.click(DataTable, offset=(30, 1))  # on the headline: no action fires
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        headline = reader.query_one("#reader-headline")
        assert headline.content.plain == HOSTILE_TITLE
        await pilot.click("#reader-headline", offset=(18, 0))  # on "click me"
        body = " ".join(w.content.plain for w in reader.query(".paragraph"))
        assert "\\x1b[2J" in body and "\x1b" not in body
        assert "[red]twice[/red]" in body
        rendered = "\n".join(strip.text for strip in headline.render_lines(
            headline.region.reset_offset))
        assert "[@click=app.quit]click me" in rendered
        await pilot.press("escape", "c")
        await settle(app, pilot)
        assert isinstance(app.screen, CompareScreen)
        screen = app.screen
        hostile = [v for v in screen.query(PassageView)
                   if "[@click=app.quit]click me" in v.body.plain or "\\x1b[2J" in v.body.plain]
        assert hostile
        for view in hostile:
            screen.select(view.key, view.side)
            await pilot.pause()
            await pilot.pause()
            await pilot.click(view, offset=(8, 0))
        assert app.is_running and app.return_code is None


def test_module_help_does_not_start_the_app(capsys) -> None:
    assert main(["--help"]) == 0
    assert "python -m newsdiff.tui" in capsys.readouterr().out


async def test_at_80_columns_the_compare_header_keeps_its_pointer_to_the_legend(
        sample_app: NewsdiffApp) -> None:
    """The narrow header is cut at the filter's note, not at "? legend"."""
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("c")
        await settle(sample_app, pilot)
        svg = sample_app.export_screenshot()
        assert "?&#160;legend" in svg
