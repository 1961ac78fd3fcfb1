"""Outlet names from an ``outlets.toml`` in the reader: shown as written, never as markup."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable

from newsdiff.resources import sample_story
from newsdiff.sources.outlets import OUTLETS_FILE
from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.reader import ReaderScreen

from .tui_support import HOSTILE_TITLE, settle


async def test_a_mapped_name_with_markup_is_shown_as_written(tmp_path: Path) -> None:
    paths = [shutil.copy(p, tmp_path / p.name) for p in sample_story()[:2]]
    (tmp_path / OUTLETS_FILE).write_text(f'"{paths[0].name}" = "{HOSTILE_TITLE}"\n',
                                         encoding="utf-8")
    app = NewsdiffApp([str(p) for p in paths])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        assert table.get_cell("0", "outlet").plain.startswith("[bold]x[/bold]")
        assert table.get_cell("1", "outlet").plain == paths[1].stem
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        meta = app.screen.query_one("#reader-byline")
        assert meta.content.plain == HOSTILE_TITLE
        await pilot.click("#reader-byline", offset=(18, 0))  # on "click me": no action fires
        assert app.is_running and app.return_code is None
