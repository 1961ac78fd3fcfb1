"""Helpers for the reader's Pilot tests (imported by the tests; fixtures live in conftest)."""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual.app import App
from textual.widget import Widget

from newsdiff.review.model import Review
from newsdiff.review.store import ReviewStore
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


def toasts(app: App) -> list[Widget]:
    """The notifications drawn on the current screen (``run_test(notifications=True)``),
    found by their class's name: Textual's ``Toast`` is not public."""
    return list(app.screen.query("Toast"))


async def shown(app: App, pilot, words: str) -> Widget:
    """The drawn notification whose text holds ``words``, once it is there."""
    def holding() -> list[Widget]:
        return [t for t in toasts(app) if words in t.render().plain]

    await until(pilot, holding, f"a toast saying {words!r}")
    return holding()[0]


def exiting(app: App) -> bool:
    """Whether ``App.exit`` has been called (the app is on its way out): it sets the return
    code, which is None until then."""
    return app.return_code is not None


@dataclass(frozen=True, slots=True)
class Notice:
    """A notification an app was asked to show."""

    message: str
    title: str
    severity: str


class NotifySpy:
    """The notifications the test's apps were asked to show, in order (the ``notices``
    fixture puts one on ``App.notify``).

    Each is recorded when ``notify`` is called, before its toast is drawn and
    whatever its timeout, so a slow test sees every one.
    """

    def __init__(self) -> None:
        self.notices: list[Notice] = []

    def wrap(self, notify: Callable[..., None]) -> Callable[..., None]:
        """``App.notify`` recording each notification, then showing it as before."""
        signature = inspect.signature(notify)

        @functools.wraps(notify)
        def recording_notify(app: App, *args, **kwargs) -> None:
            call = signature.bind(app, *args, **kwargs)
            call.apply_defaults()
            given = call.arguments
            self.notices.append(Notice(given["message"], given["title"], given["severity"]))
            notify(app, *args, **kwargs)

        return recording_notify

    def messages(self, severity: str | None = None) -> list[str]:
        """The messages, only those of ``severity`` if given."""
        return [n.message for n in self.notices if severity in (None, n.severity)]

    def said(self, text: str) -> bool:
        """Whether some notification's message contains ``text``."""
        return any(text in message for message in self.messages())


def stored(db: Path) -> list[Review]:
    """What the database holds for the (only) session, read as another process would
    (nothing when there is no session: the first verdict makes it)."""
    with ReviewStore(db) as store:
        sessions = store.sessions()
        assert len(sessions) <= 1
        return store.reviews(sessions[0].id) if sessions else []
