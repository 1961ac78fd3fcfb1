"""Helpers for the reader's Pilot tests (imported by the tests; fixtures live in conftest)."""

from __future__ import annotations

import asyncio

from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.story import StoryScreen

HOSTILE_TITLE = "[bold]x[/bold] [@click=app.quit]click me"
HOSTILE_BODY = "Officials said \x1b[2J the meeting happened [red]twice[/red] in 2016."


async def settle(app: NewsdiffApp, pilot) -> None:
    """Wait until loading and comparing workers are done and their results are drawn."""
    await asyncio.wait_for(app.loaded.wait(), 10)
    for _ in range(3):
        await asyncio.wait_for(app.workers.wait_for_complete(), 10)
        await pilot.pause()


async def open_compare(app: NewsdiffApp, pilot, rows=(2, 3)) -> CompareScreen:
    """Open the compare screen on two articles as ``c`` does once they are marked.

    (Marking and ``c`` themselves are tested with the library; skipping the key
    presses here keeps these tests quick.)
    """
    await settle(app, pilot)
    app.screen.open_compare(*rows)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, CompareScreen)
    return screen


async def open_story(app: NewsdiffApp, pilot) -> StoryScreen:
    """Press ``S`` in the library and wait for the story to be compared and shown."""
    await settle(app, pilot)
    await pilot.press("S")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, StoryScreen)
    return screen


async def until(pilot, condition, what: str) -> None:
    """Let the app run until ``condition()`` holds (a store call finishing in its thread,
    say), failing after a few seconds rather than hanging."""
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"timed out waiting for {what}")
