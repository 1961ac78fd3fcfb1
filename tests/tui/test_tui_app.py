"""The app's comparison cache: each pair of articles is compared once, whoever asks; and a
comparison that ends after the screen that asked for it closed."""

from __future__ import annotations

import asyncio

import pytest
from textual.screen import Screen

import newsdiff.tui.app as app_module
from newsdiff.engine.pair import compare
from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.library import LibraryScreen

from .tui_support import open_compare, settle, until


async def test_a_pair_is_compared_once_in_either_order(sample_app: NewsdiffApp,
                                                       monkeypatch) -> None:
    calls: list[tuple[object, object]] = []

    def counting_compare(a, b):
        calls.append((a, b))
        return compare(a, b)

    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)  # the library has compared article 0 with the rest
        monkeypatch.setattr(app_module, "compare", counting_compare)
        # Three askers at once, one of them the other way round: one computation.
        first, again, mirrored = await asyncio.gather(
            sample_app.comparison(2, 3), sample_app.comparison(2, 3),
            sample_app.comparison(3, 2))
        assert len(calls) == 1
        assert calls[0] == (sample_app.analysis(2), sample_app.analysis(3)), (
            "each article analysed once, by the library, and reused")
        assert first is again
        assert mirrored == first.swapped() == compare(first.b, first.a)
        # A pair the library already compared is not compared again, either way round.
        await sample_app.comparison(1, 0)
        assert len(calls) == 1


async def test_a_cancelled_asker_does_not_cancel_the_others(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        impatient = asyncio.ensure_future(sample_app.comparison(3, 4))
        patient = asyncio.ensure_future(sample_app.comparison(3, 4))
        await asyncio.sleep(0)
        impatient.cancel()
        result = await patient
        assert result.a.outlet == sample_app.entries[3].article.outlet
        assert sample_app.cached(3, 4) is result


def late_comparisons(monkeypatch: pytest.MonkeyPatch) -> list[Screen]:
    """Make every comparison the app computes from now on end only once the screen that
    asked for it is closing and has lost its widgets: the moment Textual leaves between
    removing a screen's widgets and cancelling its workers.  Returns the screens whose
    comparison is computed and waits for that moment, as they come."""
    real = NewsdiffApp.comparison
    waiting: list[Screen] = []

    async def late(self: NewsdiffApp, i: int, j: int):
        screen = self.screen
        result = await real(self, i, j)
        waiting.append(screen)
        for _ in range(100_000):
            if not screen.children and not self.on_stack(screen):
                break
            await asyncio.sleep(0)
        return result

    monkeypatch.setattr(NewsdiffApp, "comparison", late)
    return waiting


async def test_quitting_while_the_library_compares_does_not_crash(
        sample_app: NewsdiffApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The similarity column's comparison ends as the library's table is gone (what made
    ``test_a_database_with_a_row_it_cannot_read_is_said_and_left_alone`` fail now and
    then); the app closes cleanly, no worker fails."""
    waiting = late_comparisons(monkeypatch)
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: waiting, "the library's first comparison")
    assert sample_app.return_code in (None, 0)


async def test_leaving_the_compare_screen_while_it_compares_does_not_crash(
        sample_app: NewsdiffApp, monkeypatch: pytest.MonkeyPatch) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        waiting = late_comparisons(monkeypatch)
        screen.show_pair(3, 4)                    # not compared yet: a worker compares it
        await until(pilot, lambda: waiting, "the pair compared")
        await pilot.press("escape")
        await until(pilot, lambda: not screen.children, "the screen closed")
        for _ in range(3):
            await pilot.pause()
        assert sample_app.is_running and isinstance(sample_app.screen, LibraryScreen)
        assert sample_app.cached(3, 4) is not None     # computed, for the next asker
