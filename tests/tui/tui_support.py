"""Helpers for the reader's Pilot tests (imported by the tests; fixtures live in conftest)."""

from __future__ import annotations

import asyncio

from newsdiff.tui.app import NewsdiffApp

HOSTILE_TITLE = "[bold]x[/bold] [@click=app.quit]click me"
HOSTILE_BODY = "Officials said \x1b[2J the meeting happened [red]twice[/red] in 2016."


async def settle(app: NewsdiffApp, pilot) -> None:
    """Wait until loading and comparing workers are done and their results are drawn."""
    await asyncio.wait_for(app.loaded.wait(), 10)
    for _ in range(3):
        await asyncio.wait_for(app.workers.wait_for_complete(), 10)
        await pilot.pause()
