"""The keys the other reader tests do not press: quitting, closing panels, 0."""

from __future__ import annotations

import pytest

from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.detail import DetailScreen
from newsdiff.tui.screens.help import HelpScreen

from .tui_support import exiting, settle


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_q_and_ctrl_q_quit_from_the_library(sample_app: NewsdiffApp, key: str) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert exiting(sample_app)
    assert sample_app.return_code == 0


async def test_ctrl_q_quits_from_inside_a_panel(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("c")
        await settle(sample_app, pilot)
        await pilot.press("d")
        assert isinstance(sample_app.screen, DetailScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert exiting(sample_app)


@pytest.mark.parametrize("key", ["escape", "d", "q"])
async def test_detail_panel_closes_without_quitting(sample_app: NewsdiffApp, key: str) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("c")
        await settle(sample_app, pilot)
        await pilot.press("d")
        assert isinstance(sample_app.screen, DetailScreen)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(sample_app.screen, CompareScreen)
        assert not exiting(sample_app)


@pytest.mark.parametrize("key", ["q", "question_mark"])
async def test_help_closes_on_q_and_on_question_mark(sample_app: NewsdiffApp, key: str) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("question_mark")
        assert isinstance(sample_app.screen, HelpScreen)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(sample_app.screen, HelpScreen)
        assert not exiting(sample_app)


async def test_0_shows_every_kind_again(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("c")
        await settle(sample_app, pilot)
        screen = sample_app.screen
        assert isinstance(screen, CompareScreen)
        everything = list(screen.passages)
        await pilot.press("3")
        await settle(sample_app, pilot)
        assert len(screen.passages) < len(everything)
        await pilot.press("0")
        await settle(sample_app, pilot)
        assert screen.passages == everything
