"""The corpus screen: a ``newsdiff corpus`` output's stories, listed, filtered, sorted, opened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from newsdiff.corpus import pipeline
from newsdiff.run.inprocess import InProcess
from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.corpus import CorpusScreen
from newsdiff.tui.screens.library import LibraryScreen
from tests.corpus.test_pipeline import _OTHER_STORIES

from .tui_support import HOSTILE_TITLE, settle, until


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory) -> Path:
    """A corpus run over three stories: the ferry and the conductor (two outlets each) and
    one article under a title made of markup."""
    tmp = tmp_path_factory.mktemp("corpus")
    rows = [{"id": f"other-{n}", "series": f"outlet-{n}", "title": title, "text": text,
             "date": f"2019-05-1{n}"} for n, (title, text) in enumerate(_OTHER_STORIES)]
    rows.append({"id": "hostile", "series": "odd", "title": HOSTILE_TITLE,
                 "text": "A goat was elected mayor of a village in Vermont on Monday."})
    source = tmp / "news.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    pipeline.run(pipeline.Options((str(source),), tmp / "out"), InProcess())
    return tmp / "out"


def _titles(table: DataTable) -> list[str]:
    return [str(table.get_row_at(r)[0]) for r in range(table.row_count)]


async def _opened(app: NewsdiffApp, pilot) -> CorpusScreen:
    screen = app.screen
    assert isinstance(screen, CorpusScreen)
    await until(pilot, lambda: screen.query_one(DataTable).row_count == 3, "the stories")
    return screen


async def _open_story(app: NewsdiffApp, pilot, *keys: str) -> None:
    """Press ``keys`` on the story list and wait for the library of the story opened."""
    await pilot.press(*keys)
    await until(pilot, lambda: isinstance(app.screen, LibraryScreen), "the library")
    await settle(app, pilot)


async def test_the_stories_are_listed_largest_first_with_their_counts(corpus_out) -> None:
    app = NewsdiffApp(corpus=corpus_out)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await _opened(app, pilot)
        table = screen.query_one(DataTable)
        first = table.get_row_at(0)
        assert [str(c) for c in first[1:3]] == ["2", "2"]  # articles, outlets
        assert [str(c) for c in table.get_row_at(2)[1:3]] == ["1", "1"]
        # A title made of markup is shown as written, not interpreted.
        assert HOSTILE_TITLE in _titles(table)[2]
        status = str(screen.query_one("#library-status", Static).render())
        assert "3 stories" in status and "5 articles" in status


async def test_the_filter_and_the_sort_order_the_rows(corpus_out) -> None:
    app = NewsdiffApp(corpus=corpus_out)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await _opened(app, pilot)
        table = screen.query_one(DataTable)
        await pilot.press("slash", *"vukovar", "enter")
        assert len(_titles(table)) == 1 and "Vukovar" in _titles(table)[0]
        await pilot.press("escape")
        assert table.row_count == 3
        await pilot.press("o")  # next column after articles: outlets, largest first
        assert screen.sort_key == "outlets" and screen.sort_reverse
        await pilot.press("O")
        assert _titles(table)[0].startswith("[bold]")  # the one-article story first


async def test_enter_opens_the_story_and_escape_comes_back(corpus_out) -> None:
    app = NewsdiffApp(corpus=corpus_out)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await _opened(app, pilot)
        await _open_story(app, pilot, "enter")
        first = {e.article.title for e in app.entries}
        assert len(first) == 2 and all("Vukovar" in t or "Danube" in t for t in first)
        await pilot.press("escape")
        assert app.screen is screen
        await _open_story(app, pilot, "down", "enter")
        second = {e.article.title for e in app.entries}
        assert len(second) == 2 and not second & first
        # The library compared them afresh, not the first story's pair from before.
        assert {app.cached(0, 1).a.title, app.cached(0, 1).b.title} == second


async def test_another_story_waits_while_this_one_s_changes_are_unsaved(
        corpus_out, notices, monkeypatch) -> None:
    app = NewsdiffApp(corpus=corpus_out)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await _opened(app, pilot)
        await _open_story(app, pilot, "enter")
        first = [e.article.title for e in app.entries]
        session = app.review
        session.unsaved.append(object())  # a change the store has not taken

        async def still_failing() -> None:
            session.save_error = "disk full"
            from newsdiff.review.store import StoreError

            raise StoreError("disk full")

        monkeypatch.setattr(session, "flush", still_failing)
        await pilot.press("escape", "down", "enter")
        await until(pilot, lambda: any(n.title == "Not saved" for n in notices.notices),
                    "the refusal")
        assert app.screen is screen and [e.article.title for e in app.entries] == first
        assert app.review is session
        session.unsaved.clear()  # (so that quitting the test's app does not wait on it)
