"""The command palette's Screenshot: saved where the reviewer can find it, or says why not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screenshot import screenshot_folder

from .tui_support import settle, shown


def _palette_screenshot(app: NewsdiffApp):
    return next(c for c in app.get_system_commands(app.screen) if c.title == "Screenshot")


async def test_the_palettes_screenshot_is_saved_in_the_current_folder(
        sample_app: NewsdiffApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    async with sample_app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(sample_app, pilot)
        _palette_screenshot(sample_app).callback()
        toast = await shown(sample_app, pilot, "Saved to")
        saved = list(tmp_path.glob("*.svg"))
        assert len(saved) == 1 and "<svg" in saved[0].read_text(encoding="utf-8")
        assert str(saved[0]) in toast.render().plain.replace("\n", "")


async def test_a_screenshot_that_cannot_be_saved_says_why(
        sample_app: NewsdiffApp, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    async with sample_app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(sample_app, pilot)
        sample_app.action_screenshot(path=str(not_a_folder))
        toast = await shown(sample_app, pilot, "Screenshot not saved")
        assert "not a directory" in toast.render().plain.replace("\n", " ")


def test_with_no_usable_current_folder_the_pictures_or_data_folder_is_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    os.rmdir(gone)  # the reader's folder was removed while it ran
    pictures = tmp_path / "Pictures"
    monkeypatch.setattr("platformdirs.user_pictures_dir", lambda: str(pictures))
    monkeypatch.setattr("platformdirs.user_data_dir",
                        lambda *args, **kwargs: str(tmp_path / "data"))
    assert screenshot_folder() == tmp_path / "data" / "screenshots"  # no Pictures folder
    assert screenshot_folder().is_dir()
    pictures.mkdir()
    assert screenshot_folder() == pictures
