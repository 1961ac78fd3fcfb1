"""What each screen and panel looks like at 80×24 and 160×48 (SVG baselines).

Regenerate after an intended change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import pytest

from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.verdict import KindPrompt, NoteInput

from .tui_support import settle, until

SIZES = [(80, 24), (160, 48)]


async def _library(pilot) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("down", "down", "space", "down", "space")
    await settle(pilot.app, pilot)


async def _compare(pilot) -> None:
    await _library(pilot)
    await pilot.press("c")
    await settle(pilot.app, pilot)
    await pilot.press("j", "j")  # a paraphrase far down A, levelled with its B counterpart
    await pilot.pause()
    await pilot.pause()


async def _reader(pilot) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("down", "enter")  # the article with a byline and folded boilerplate
    await pilot.pause()


async def _detail(pilot) -> None:
    await settle(pilot.app, pilot)
    pilot.app.screen.open_compare(2, 3)  # as c does with these two marked
    await settle(pilot.app, pilot)
    await pilot.press("d")  # the first passage, a divergent group: word diffs and details
    await pilot.pause()


async def _help(pilot) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("c")  # the first two articles
    await settle(pilot.app, pilot)
    await pilot.press("question_mark")  # the compare keys and the legend of the marks
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library_snapshot(snap_compare, size) -> None:
    assert snap_compare(NewsdiffApp([]), terminal_size=size, run_before=_library)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare_snapshot(snap_compare, size) -> None:
    assert snap_compare(NewsdiffApp([]), terminal_size=size, run_before=_compare)


async def _story(pilot) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("S")
    await settle(pilot.app, pilot)
    await pilot.press("j", "l", "l")  # a claim four outlets copy: a word diff against the anchor
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_story_snapshot(snap_compare, size) -> None:
    assert snap_compare(NewsdiffApp([]), terminal_size=size, run_before=_story)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("run_before", [_reader, _detail, _help],
                         ids=lambda f: f.__name__.strip("_"))
def test_panel_snapshot(snap_compare, size, run_before) -> None:
    assert snap_compare(NewsdiffApp([]), terminal_size=size, run_before=run_before)


async def _reviewed(pilot) -> None:
    """Compare with a passage accepted, then one flagged with a note (the selection)."""
    await settle(pilot.app, pilot)
    pilot.app.screen.open_compare(2, 3)
    await settle(pilot.app, pilot)
    screen = pilot.app.screen
    await pilot.press("asterisk", "a", "j", "asterisk", "!")
    await until(pilot, lambda: screen.progress[0] == 2, "two verdicts")
    await pilot.press("e")
    await until(pilot, lambda: isinstance(pilot.app.screen, NoteInput), "the note input")
    await pilot.press(*"checked with AP", "enter")
    await until(pilot, lambda: pilot.app.screen is screen
                and "AP" in screen.items["a"][screen.selected].badge[1].plain, "the note")
    await pilot.pause()


async def _reject_prompt(pilot) -> None:
    """The reject prompt over the flagged passage: the engine's kind is not offered."""
    await _reviewed(pilot)
    await pilot.press("x")
    await until(pilot, lambda: isinstance(pilot.app.screen, KindPrompt), "the prompt")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("run_before", [_reviewed, _reject_prompt],
                         ids=lambda f: f.__name__.strip("_"))
def test_review_snapshot(snap_compare, size, run_before) -> None:
    assert snap_compare(NewsdiffApp([]), terminal_size=size, run_before=run_before)
