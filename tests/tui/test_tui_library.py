"""Library screen: the table, marking, filtering, sorting, reading, comparing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Static

from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.library import LibraryScreen
from newsdiff.tui.screens.reader import ReaderScreen

from .tui_support import settle


def keys(table: DataTable) -> list[int]:
    return [int(k.value) for k in table.rows]


def visible_order(table: DataTable) -> list[int]:
    return [int(table.coordinate_to_cell_key((r, 0)).row_key.value)
            for r in range(table.row_count)]


async def test_library_lists_every_article_with_similarity(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        screen = sample_app.screen
        assert isinstance(screen, LibraryScreen)
        table = screen.query_one(DataTable)
        assert table.row_count == 5
        assert set(screen.similarities) == {1, 2, 3, 4}
        assert all(0 <= v <= 1 for v in screen.similarities.values())
        # Moving the cursor makes the next article the reference for similarity.
        await pilot.press("down")
        await settle(sample_app, pilot)
        assert screen.selected == 1
        assert set(screen.similarities) == {0, 2, 3, 4}


async def test_space_marks_and_c_compares_the_marked_pair(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        screen = sample_app.screen
        await pilot.press("down", "down", "space", "down", "space")
        assert screen.marked == [2, 3]
        await pilot.press("space")  # unmarks
        assert screen.marked == [2]
        await pilot.press("space", "c")
        await settle(sample_app, pilot)
        assert isinstance(sample_app.screen, CompareScreen)
        assert sample_app.screen.pair == (2, 3)
        await pilot.press("escape")
        assert sample_app.screen is screen


async def test_c_without_marks_compares_the_first_two(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("c")
        await settle(sample_app, pilot)
        assert isinstance(sample_app.screen, CompareScreen)
        assert sample_app.screen.pair == (0, 1)


async def test_slash_filters_as_you_type_and_escape_clears(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        table = sample_app.screen.query_one(DataTable)
        await pilot.press("slash")
        assert isinstance(sample_app.focused, Input)
        await pilot.press(*"secret")
        assert keys(table) == [4]  # "Sessions Had Secret Meetings…"
        await pilot.press("enter")  # back to the table, filter kept
        assert sample_app.focused is table
        assert keys(table) == [4]
        await pilot.press("escape")
        assert table.row_count == 5
        assert not sample_app.screen.query_one(Input).has_class("-open")


async def test_sort_by_column(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        screen = sample_app.screen
        table = screen.query_one(DataTable)
        words = {e.index: e.words for e in sample_app.entries}
        screen.sort_key = "words"
        screen.sort_reverse = True
        screen.show_entries()
        assert visible_order(table) == sorted(words, key=words.get, reverse=True)
        await pilot.press("O")  # reverse
        assert visible_order(table) == sorted(words, key=words.get)
        await pilot.click(DataTable, offset=(45, 0))  # a header click sorts by that column
        await pilot.press("o")  # cycles to the next column
        assert screen.sort_key in ("headline", "words", "boilerplate", "similarity", "outlet")


async def test_enter_reads_and_b_toggles_boilerplate(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("down", "enter")
        await pilot.pause()
        reader = sample_app.screen
        assert isinstance(reader, ReaderScreen)
        assert reader.article.byline == "Dani Graham"
        folded = reader.query(".folded")
        assert len(folded) == 1
        await pilot.press("b")
        await pilot.pause()
        assert not reader.query(".folded")
        await pilot.press("escape")
        assert isinstance(sample_app.screen, LibraryScreen)


async def test_reader_shows_the_headline_once(sample_app: NewsdiffApp) -> None:
    """Seed 000's first line is "POLITICS — <headline>": styled on top, not again below."""
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        reader = sample_app.screen
        assert isinstance(reader, ReaderScreen)
        title = reader.article.title
        assert title == "Sessions Spoke With Russian Ambassador Twice"
        assert reader.query_one("#reader-headline").render().plain == title
        body = " ".join(w.render().plain for w in reader.query(".paragraph"))
        assert title not in body
        assert body.startswith("A Washington Post report")


async def test_a_folder_shows_progress_while_it_loads(tmp_path, monkeypatch) -> None:
    """Hold the loader on the third of 12 files: the bar and the status say where it is."""
    import threading

    from textual.widgets import ProgressBar, Static

    import newsdiff.tui.app as app_module

    for n in range(12):
        (tmp_path / f"{n:02d}.txt").write_text(f"Headline {n}\n\nBody sentence {n} here.\n",
                                               encoding="utf-8")
    release = threading.Event()
    real_load = app_module.load_article

    def held_load(path):
        if Path(path).name == "02.txt":
            release.wait(10)
        return real_load(path)

    monkeypatch.setattr(app_module, "load_article", held_load)
    app = NewsdiffApp([str(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        bar = screen.query_one("#library-progress", ProgressBar)
        for _ in range(1000):  # up to 10 s on a busy machine
            await pilot.pause(0.01)
            if bar.progress == 2:
                break
        assert (bar.progress, bar.total) == (2, 12)
        assert bar.display
        status = str(screen.query_one("#library-status", Static).render())
        assert "reading 3 of 12: 02.txt" in status
        assert not app.loaded.is_set()
        release.set()
        await settle(app, pilot)
        assert not bar.display
        assert screen.query_one(DataTable).row_count == 12
        assert "12 articles" in str(screen.query_one("#library-status", Static).render())


async def test_similarities_stop_under_another_screen_and_finish_on_return(
        sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await sample_app.loaded.wait()
        library = sample_app.screen
        assert isinstance(library, LibraryScreen)
        await pilot.press("c")  # at once: the column is still being filled
        await settle(sample_app, pilot)
        assert isinstance(sample_app.screen, CompareScreen)
        assert not [w for w in sample_app.workers if w.group == "similarity" and w.is_running]
        await pilot.press("escape")
        await settle(sample_app, pilot)
        assert set(library.similarities) == {1, 2, 3, 4}


def _status(screen: LibraryScreen) -> str:
    return str(screen.query_one("#library-status", Static).render())


async def test_the_status_line_counts_and_explains_the_similar_column(
        sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await settle(sample_app, pilot)
        status = _status(sample_app.screen)
        assert status.startswith("5 articles")
        assert "Similar: how much each shares with the selected one" in status


async def test_one_article_is_one_article(tmp_path: Path) -> None:
    only = tmp_path / "only.txt"
    only.write_text("Headline\n\nThe council met on Tuesday and approved the budget.\n",
                    encoding="utf-8")
    app = NewsdiffApp([str(only)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        status = _status(app.screen)
        assert status.startswith("1 article") and "1 articles" not in status
        assert "Similar" not in status  # nothing to be similar to
