"""Speed of the reader (run and reported, never asserted).

    .venv/bin/python benchmarks/tui.py [--runs N] [--presses N]

1. **Start-up to compare**: a fresh Python process opens the reader on the
   sample story (headless, 120x40, via Textual's Pilot), waits for the
   articles to load, presses ``c`` and stops when the compare screen has
   mounted its passages and painted.  Timed from just before starting the
   process to the child's "painted" line; the child's own clock splits it
   (imports, loading the articles, ``c`` to painted).  Median of N runs.
2. **Key-press latency**: on the compare screen, ``j`` pressed N times with
   Pilot.  Each press is timed from sending the key to the end of the last
   frame it causes: the screen's compositor update rendered to the byte string
   a terminal would be sent (headless Textual skips that step, so the
   benchmark does it itself).  Pilot then waits for the app to go idle before
   the next press; that wait (Pilot's 20 ms idle polling) is reported apart as
   the round trip, and is not part of what the user waits for.  When the
   selection reaches the last passage it is put back on the first, untimed,
   so every timed press moves it.  Median, 90th percentile and max, the CPU
   time per press, and the round trip of a key nothing is bound to (``f12``).

Headless: the numbers include rendering the screen but not writing it to a
terminal; the user's settings file and review database are not used (a
scratch one in a temporary folder is).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 40)

#: The child of :func:`startup_once`: times itself from its first line, reports one JSON line.
CHILD = r"""
import time
t0 = time.perf_counter()
import asyncio, json, sys
from pathlib import Path
from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.compare import CompareScreen
t_import = time.perf_counter()

async def main():
    app = NewsdiffApp([], config_path=Path(sys.argv[1]), db_path=Path(sys.argv[1]).with_suffix(".db"))
    async with app.run_test(size=__SIZE__) as pilot:
        await app.loaded.wait()
        await pilot.pause()
        t_loaded = time.perf_counter()
        await pilot.press("c")
        while not (isinstance(app.screen, CompareScreen) and app.screen.passages
                   and app.screen.query("PassageView")):
            await asyncio.sleep(0.001)
        await pilot.pause()  # one refresh: the compare screen is painted
        t_painted = time.perf_counter()
        print(json.dumps({"import": t_import - t0, "load": t_loaded - t_import,
                          "compare": t_painted - t_loaded, "inside": t_painted - t0}),
              flush=True)
        app.exit()

asyncio.run(main())
""".replace("__SIZE__", repr(SIZE))


def startup_once(config: Path) -> dict[str, float]:
    """One run of :data:`CHILD`: wall seconds to its report, and its own split."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(config)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    wall = time.perf_counter() - start
    child.stdout.read()
    if child.wait() != 0 or not line:
        raise RuntimeError(f"the start-up child failed (exit {child.returncode})")
    return {"wall": wall, **json.loads(line)}


def startup(runs: int) -> dict[str, float]:
    """Median of each figure over ``runs`` start-ups."""
    with tempfile.TemporaryDirectory() as tmp:
        results = [startup_once(Path(tmp, "config.toml")) for _ in range(runs)]
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


class Latency(NamedTuple):
    """Seconds per press: to the last frame painted, CPU, and Pilot's round trips."""

    paint: list[float]
    cpu: list[float]
    round_trip: list[float]
    floor: list[float]


def watch_frames(app: object) -> list[float]:
    """Record when each frame is ready to be written; returns the (growing) list of times.

    Wraps the app's ``_display``: the frame is rendered to the string a terminal
    would receive, then the time is taken.
    """
    frames: list[float] = []
    display = app._display  # type: ignore[attr-defined]
    console = app.console  # type: ignore[attr-defined]

    def timed_display(screen: object, update: object) -> None:
        display(screen, update)
        if update is not None and hasattr(update, "render_segments"):
            update.render_segments(console)
            frames.append(time.perf_counter())

    app._display = timed_display  # type: ignore[attr-defined]
    return frames


async def keypress_latency(presses: int, key: str = "j", baseline: str = "f12") -> Latency:
    """Per-press timings of ``key`` on the compare screen of the sample story's first two
    articles, and round trips of ``baseline`` (a key bound to nothing), ``presses`` each."""
    from newsdiff.tui.app import NewsdiffApp
    from newsdiff.tui.screens.compare import CompareScreen

    with tempfile.TemporaryDirectory() as tmp:
        app = NewsdiffApp([], config_path=Path(tmp, "config.toml"), db_path=Path(tmp, "reviews.db"))
        out = Latency([], [], [], [])
        async with app.run_test(size=SIZE) as pilot:
            frames = watch_frames(app)
            await app.loaded.wait()
            await pilot.press("c")
            while not isinstance(app.screen, CompareScreen) or not app.screen.passages:
                await asyncio.sleep(0.005)
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            for _ in range(3):  # warm-up, untimed
                await pilot.press(key)
                await pilot.pause()
            while len(out.paint) < presses:
                order = screen.order()
                if screen.selected == order[-1]:
                    screen.select(order[0])
                    await pilot.pause()
                before, painted = screen.selected, len(frames)
                start, start_cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                out.round_trip.append(time.perf_counter() - start)
                out.cpu.append(time.process_time() - start_cpu)
                if screen.selected == before or len(frames) == painted:
                    raise RuntimeError(f"{key!r} did not move the selection and repaint")
                out.paint.append(frames[-1] - start)
            for _ in range(presses):
                start = time.perf_counter()
                await pilot.press(baseline)
                await pilot.pause()
                out.floor.append(time.perf_counter() - start)
            app.exit()
        return out


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="start-ups (default 5)")
    parser.add_argument("--presses", type=int, default=50, help="timed key presses (default 50)")
    args = parser.parse_args(argv)

    s = startup(args.runs)
    print(f"start-up to painted compare screen (median of {args.runs}, sample story, "
          f"{SIZE[0]}x{SIZE[1]}):")
    print(f"  process start -> painted     {s['wall'] * 1000:7.0f} ms")
    print(f"    inside the process         {s['inside'] * 1000:7.0f} ms  "
          f"(imports {s['import'] * 1000:.0f}, app up + articles loaded "
          f"{s['load'] * 1000:.0f}, c -> painted {s['compare'] * 1000:.0f})")
    print(f"    interpreter start          {(s['wall'] - s['inside']) * 1000:7.0f} ms")

    lat = asyncio.run(keypress_latency(args.presses))

    def ms(xs: list[float]) -> str:
        xs = [x * 1000 for x in xs]
        return (f"median {statistics.median(xs):.1f} ms, p90 {percentile(xs, 0.9):.1f} ms, "
                f"max {max(xs):.1f} ms")

    print(f"'j' on the compare screen ({args.presses} presses):")
    print(f"  key sent -> last frame painted   {ms(lat.paint)}")
    print(f"  CPU per press                    median {statistics.median(lat.cpu) * 1000:.1f} ms")
    print(f"  Pilot round trip (idle waits)    {ms(lat.round_trip)}")
    print(f"  round trip of an unbound key     {ms(lat.floor)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
