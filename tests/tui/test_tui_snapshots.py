"""What the library and compare screens look like at 80×24 and 160×48 (SVG baselines).

Regenerate after an intended change with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import pytest

from newsdiff.tui.app import NewsdiffApp

from .tui_support import settle

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


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library_snapshot(snap_compare, size) -> None:
    assert snap_compare(NewsdiffApp([]), terminal_size=size, run_before=_library)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare_snapshot(snap_compare, size) -> None:
    assert snap_compare(NewsdiffApp([]), terminal_size=size, run_before=_compare)
