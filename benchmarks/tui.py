"""Speed of the reader (run and reported, never asserted).

    .venv/bin/python benchmarks/tui.py [--runs N] [--presses N]

1. **Start-up to compare**: a fresh Python process opens the reader on the
   sample story (headless, 120x40, via Textual's Pilot), waits for the
   articles to load, presses ``c`` and stops when the compare screen has
   mounted its passages and painted.  Timed from just before starting the
   process to the child's "painted" line; the child's own clock splits it
   (imports, loading the articles, ``c`` to painted).  Median of N runs.
2. **Key-press latency**: on the compare screen, ``j`` pressed N times; each
   press is timed from sending the key until the app is idle again with the
   screen refreshed (selection moved, both panes scrolled level).  When the
   selection reaches the last passage it is put back on the first, untimed,
   so every timed press moves it.  Median, 90th percentile and max, the CPU
   time per press, and the same for a key nothing is bound to (``f12``): the
   floor that Pilot's waiting for idle and Textual's refresh timer put under
   any key.

Headless: the numbers include rendering the screen but not writing it to a
terminal, and the user's settings file is not read.
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
    app = NewsdiffApp([], config_path=Path(sys.argv[1]))
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


async def keypress_latency(presses: int, key: str = "j",
                           baseline: str = "f12") -> tuple[list[float], list[float], list[float]]:
    """Seconds per ``key`` press on the compare screen of the sample story's first two articles.

    Returns wall seconds per press, CPU seconds per press, and wall seconds per
    press of ``baseline`` (a key bound to nothing), as many as ``presses`` each.
    """
    from newsdiff.tui.app import NewsdiffApp
    from newsdiff.tui.screens.compare import CompareScreen

    with tempfile.TemporaryDirectory() as tmp:
        app = NewsdiffApp([], config_path=Path(tmp, "config.toml"))
        times: list[float] = []
        cpu: list[float] = []
        floor: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
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
            while len(times) < presses:
                order = screen.order()
                if screen.selected == order[-1]:
                    screen.select(order[0])
                    await pilot.pause()
                before = screen.selected
                start, start_cpu = time.perf_counter(), time.process_time()
                await pilot.press(key)
                await pilot.pause()
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
                if screen.selected == before:
                    raise RuntimeError(f"{key!r} did not move the selection")
            for _ in range(presses):
                start = time.perf_counter()
                await pilot.press(baseline)
                await pilot.pause()
                floor.append(time.perf_counter() - start)
            app.exit()
        return times, cpu, floor


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

    times, cpu, floor = asyncio.run(keypress_latency(args.presses))
    ms = [t * 1000 for t in times]
    print(f"'j' on the compare screen ({len(ms)} presses): median {statistics.median(ms):.1f} ms,"
          f" p90 {percentile(ms, 0.9):.1f} ms, max {max(ms):.1f} ms;"
          f" CPU median {statistics.median(cpu) * 1000:.1f} ms")
    print(f"  floor (unbound key, same wait): median {statistics.median(floor) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
