"""Regenerate ``screenshots/*.svg``: the reader's screens on the sample story at 120x40.

    .venv/bin/python scripts/screenshots.py [--out DIR] [--size 120x40] [--theme NAME]

Drives the app with Textual's Pilot (no terminal needed) and saves one SVG per
screen: library, reader, compare, detail, help, review (compare with verdicts and a
note), story.  The user's settings file and review database are not used: the
screenshots use the default theme unless ``--theme`` names one, and a fresh database.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.detail import DetailScreen
from newsdiff.tui.screens.help import HelpScreen
from newsdiff.tui.screens.library import LibraryScreen
from newsdiff.tui.screens.reader import ReaderScreen
from newsdiff.tui.screens.story import StoryScreen
from newsdiff.tui.screens.verdict import NoteInput

NAMES = ("library", "reader", "compare", "detail", "help", "review", "story")


async def settle(app: NewsdiffApp, pilot) -> None:
    """Wait for loading and comparing to finish and the result to be drawn."""
    await asyncio.wait_for(app.loaded.wait(), 30)
    for _ in range(3):
        await asyncio.wait_for(app.workers.wait_for_complete(), 30)
        await pilot.pause()


async def until(pilot, condition) -> None:
    """Let the app run until ``condition()`` holds (a verdict saved in its thread, say)."""
    async def poll() -> None:
        while not condition():
            await pilot.pause(0.01)

    await asyncio.wait_for(poll(), 30)


async def review(app: NewsdiffApp, pilot) -> None:
    """On the compare screen: accept the selected group as a whole, flag the next passage and note why."""
    screen = app.screen
    await pilot.press("asterisk", "a", "j", "exclamation_mark")
    await until(pilot, lambda: screen.progress[0] == 2)
    await pilot.press("e")
    await until(pilot, lambda: isinstance(app.screen, NoteInput))
    await pilot.press(*"Checked against the AP copy", "enter")
    await until(pilot, lambda: app.screen is screen and "AP" in str(
        screen.items[screen.active][screen.selected].badge))


async def take(out: Path, size: tuple[int, int], theme: str | None) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        app = NewsdiffApp([], config_path=Path(tmp, "config.toml"),
                          db_path=Path(tmp, "reviews.sqlite3"))
        if theme:
            app.theme = theme
        saved: list[Path] = []

        async def shot(name: str, expected: type) -> None:
            await settle(app, pilot)
            if not isinstance(app.screen, expected):
                raise SystemExit(f"{name}: expected {expected.__name__}, "
                                 f"on {type(app.screen).__name__}")
            app.save_screenshot(f"{name}.svg", path=str(out))
            saved.append(out / f"{name}.svg")

        async with app.run_test(size=size) as pilot:
            await shot("library", LibraryScreen)
            await pilot.press("enter")
            await shot("reader", ReaderScreen)
            await pilot.press("escape", "c")
            await shot("compare", CompareScreen)
            screen = app.screen
            if any(p.kind == "divergent" for p in getattr(screen, "passages", [])):
                await pilot.press("n")  # a divergence: its detail has the most to show
                await settle(app, pilot)
            await pilot.press("d")
            await shot("detail", DetailScreen)
            await pilot.press("escape", "question_mark")
            await shot("help", HelpScreen)
            await pilot.press("escape")
            await review(app, pilot)
            await shot("review", CompareScreen)
            await pilot.press("escape", "S")
            await settle(app, pilot)
            await pilot.press("j", "l", "l")  # a claim four outlets copy, diffed against the anchor
            await shot("story", StoryScreen)
        return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--size", default="120x40", help="COLUMNSxROWS (default 120x40)")
    parser.add_argument("--theme", help="a Textual theme (default: the app's default)")
    args = parser.parse_args(argv)
    cols, rows = (int(n) for n in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    for path in asyncio.run(take(args.out, (cols, rows), args.theme)):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
