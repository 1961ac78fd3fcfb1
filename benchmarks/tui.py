"""Speed of the reader (run and reported, never asserted).

    .venv/bin/python benchmarks/tui.py [--runs N] [--presses N] [--articles N]
                                       [--screens compare,story]

On the sample story (5 articles), or with ``--articles N`` on a made-up story
of N articles (:func:`benchmarks.story.story_articles`, written as ``.txt``
files into a temporary folder the reader opens).  Every figure comes from a
fresh child process running the reader headless at 120x40 through Textual's
Pilot, with its own scratch settings file and review database, and
``NEWSDIFF_CACHE_DIR`` pointed at a comparison cache of its own
(``NEWSDIFF_NO_CACHE`` removed), so that nothing depends on the user's files.

1. **Start-up to a painted screen**, for each screen asked for:

   * ``compare``: ``c`` on the library, which compares the first two rows
     in the table's order, that is articles 1 and 2 of the folder in name
     order (``outlet000`` and ``outlet001`` of a made-up story, retellings
     of two different seed articles), whatever the size of the story;
   * ``story``: ``S`` on the library, the story screen, which runs
     ``compare_story`` over *all* the articles (the expensive part for a
     large story) and then fills its claim-by-outlet matrix.

   The child starts the reader; when the library has been painted with the
   articles it sends the key at once (as a user would, without Pilot's
   waits for the process to go idle: on a large story the library's
   similarity column keeps the process busy, and Pilot would wait up to a
   second for nothing), and the screen counts as painted at the first frame
   rendered with its content in place (the compare screen's passages
   mounted; the story screen's matrix filled and a claim stacked).  Frames
   are caught as in 2.  Timed from just before starting the process; the
   child's own clock splits it (imports; app up to the library painted with
   the articles; key to painted).  Also reported: the last frame the
   opening causes (the time until the screen stops changing: no frame for
   :data:`QUIET` seconds after it).  Median of N runs, each in a fresh cache
   folder ("first open"); with ``reopen`` each run then opens the same story
   again with the same cache folder and review database ("reopened": what
   the comparison cache is for).
2. **Key-press latency**: on the screen, ``j`` pressed N times with Pilot
   (the next passage on the compare screen, the next claim on the story
   screen).  Each press is timed from sending the key to the end of the last
   frame it causes: the screen's compositor update rendered to the byte
   string a terminal would be sent (headless Textual skips that step, so the
   benchmark does it itself).  Pilot then waits for the app to go idle
   before the next press; that wait (Pilot's 20 ms idle polling) is reported
   apart as the round trip, and is not part of what the user waits for.
   When the selection reaches the last passage (claim) it is put back on
   the first, untimed, so every timed press moves it.  Median, 90th
   percentile and max, the CPU time per press, and the round trip of a key
   nothing is bound to (``f12``).

Headless: the numbers include rendering the screen but not writing it to a
terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 40)
#: Seconds without a new frame after which an opened screen counts as settled.
QUIET = 1.0
#: Seconds a start-up child may wait for one step before giving up.
TIMEOUT = 300
#: The screens measured: the key that opens each from the library, and its class.
SCREENS = {"compare": ("c", "CompareScreen"), "story": ("S", "StoryScreen")}
CACHE_ENV, NO_CACHE_ENV = "NEWSDIFF_CACHE_DIR", "NEWSDIFF_NO_CACHE"

#: The child of :func:`startup_once`: times itself from its first line, reports one JSON line.
#: Arguments: its work folder, the key, the screen's class name, the article paths (none:
#: the sample story).
CHILD = r"""
import time
t0 = time.perf_counter()
import asyncio, json, sys
from pathlib import Path
from textual import events
from newsdiff.run.processes import main_module_is_safe
from newsdiff.tui.app import NewsdiffApp
main_module_is_safe()  # as the newsdiff command does (this script has no module to re-run)
t_import = time.perf_counter()

work, key, target, paths = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
frames, marks = [], {}

def library_shown(app):
    screen = app.screen
    return (type(screen).__name__ == "LibraryScreen" and app.loaded.is_set()
            and screen.table.row_count > 0)

def target_shown(app):
    screen = app.screen
    if type(screen).__name__ != target:
        return False
    if target == "CompareScreen":
        return bool(screen.passages) and bool(screen.query("PassageView"))
    return screen.story is not None and screen.shown is not None

def watch(app):
    display = app._display
    def timed_display(screen, update):
        display(screen, update)
        if update is not None and hasattr(update, "render_segments"):
            update.render_segments(app.console)
            now = time.perf_counter()
            frames.append(now)
            if "library" not in marks:
                if library_shown(app):
                    marks["library"] = now
            elif "painted" not in marks and target_shown(app):
                marks["painted"] = now
    app._display = timed_display

async def until(app, test, what):
    give_up = time.perf_counter() + __TIMEOUT__
    while not test():
        if not app.is_running or getattr(app, "_exception", None) is not None:
            raise RuntimeError(f"the reader stopped before {what}")
        if time.perf_counter() > give_up:
            raise TimeoutError(what)
        await asyncio.sleep(0.001)

async def main():
    app = NewsdiffApp(paths, config_path=work / "config.toml", db_path=work / "reviews.db")
    watch(app)
    async with app.run_test(size=__SIZE__):
        await until(app, lambda: "library" in marks, "the library")
        event = events.Key(key, key)
        event.set_sender(app)
        app._driver.send_message(event)
        t_key = time.perf_counter()
        await until(app, lambda: "painted" in marks, target)
        await until(app, lambda: time.perf_counter() - frames[-1] > __QUIET__, "quiet")
        painted = marks["painted"]
        out = {"import": t_import - t0, "load": marks["library"] - t_import,
               "open": painted - t_key, "painted": painted - t0, "settled": frames[-1] - t0}
        out["printed"] = time.perf_counter() - t0
        print(json.dumps(out), flush=True)
        app.exit()

asyncio.run(main())
""".replace("__SIZE__", repr(SIZE)).replace("__QUIET__", repr(QUIET)).replace(
    "__TIMEOUT__", repr(TIMEOUT))

#: The child of :func:`latency`: runs :func:`keypress_latency`, reports one JSON line.
LATENCY_CHILD = r"""
import asyncio, json, sys
from pathlib import Path
from benchmarks.tui import keypress_latency
from newsdiff.run.processes import main_module_is_safe
main_module_is_safe()  # as the newsdiff command does
work, screen, presses, paths = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4:]
print(json.dumps(asyncio.run(keypress_latency(presses, screen, paths, work))._asdict()))
"""


def child_env(work: Path) -> dict[str, str]:
    """The environment of a child: the comparison cache in ``work/cache``, never off."""
    env = {k: v for k, v in os.environ.items() if k != NO_CACHE_ENV}
    env[CACHE_ENV] = str(work / "cache")
    return env


def write_story(folder: Path, articles: int) -> list[str]:
    """A made-up story of ``articles`` articles written into ``folder``; the paths to open
    (the folder itself, as a user would give it)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.story import write_story as write

    write(folder, articles)
    return [str(folder)]


def startup_once(work: Path, screen: str, paths: Sequence[str] = ()) -> dict[str, float]:
    """One run of :data:`CHILD` in ``work`` (its settings, reviews and cache): seconds from
    starting the process to ``screen`` painted (``wall``) and to its last frame
    (``settled``), and the child's own split."""
    key, target = SCREENS[screen]
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(work), key, target, *paths],
                             cwd=ROOT, env=child_env(work), stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    wall = time.perf_counter() - start
    child.stdout.read()
    if child.wait() != 0 or not line:
        raise RuntimeError(f"the start-up child failed (exit {child.returncode})")
    r = json.loads(line)
    interpreter = wall - r["printed"]
    return {"wall": interpreter + r["painted"], "interpreter": interpreter,
            "import": r["import"], "load": r["load"], "open": r["open"],
            "settled": interpreter + r["settled"]}


def startup(runs: int, screen: str = "compare", paths: Sequence[str] = (),
            reopen: bool = False) -> dict[str, dict[str, float]]:
    """Median of each figure over ``runs`` start-ups, each with a fresh cache folder
    (``"cold"``), and with ``reopen`` of a second start-up in the same folder right after
    each (``"warm"``)."""
    results: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []} if reopen else {
        "cold": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            results["cold"].append(startup_once(Path(tmp), screen, paths))
            if reopen:
                results["warm"].append(startup_once(Path(tmp), screen, paths))
    return {kind: {k: statistics.median(r[k] for r in rs) for k in rs[0]}
            for kind, rs in results.items()}


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


async def keypress_latency(presses: int, screen_name: str = "compare",
                           paths: Sequence[str] = (), work: Path | None = None,
                           key: str = "j", baseline: str = "f12") -> Latency:
    """Per-press timings of ``key`` on the ``screen_name`` screen (``compare``: the first two
    articles; ``story``: every article) of the story in ``paths`` (none: the sample story),
    and round trips of ``baseline`` (a key bound to nothing), ``presses`` each.

    ``work``: the folder for the settings file and review database (default: a
    temporary one).  The comparison cache is wherever the environment says
    (:func:`latency` gives each run its own).
    """
    if work is None:
        with tempfile.TemporaryDirectory() as tmp:
            return await keypress_latency(presses, screen_name, paths, Path(tmp), key, baseline)

    from newsdiff.tui.app import NewsdiffApp
    from newsdiff.tui.screens.compare import CompareScreen
    from newsdiff.tui.screens.story import StoryScreen

    opener, _ = SCREENS[screen_name]
    story = screen_name == "story"
    app = NewsdiffApp(list(paths), config_path=work / "config.toml",
                      db_path=work / "reviews.db")
    out = Latency([], [], [], [])
    async with app.run_test(size=SIZE) as pilot:
        frames = watch_frames(app)
        await app.loaded.wait()
        await pilot.press(opener)
        while not (isinstance(app.screen, StoryScreen) and app.screen.shown is not None
                   if story else
                   isinstance(app.screen, CompareScreen) and app.screen.passages):
            if not app.is_running or getattr(app, "_exception", None) is not None:
                raise RuntimeError(f"the reader stopped before the {screen_name} screen")
            await asyncio.sleep(0.005)
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen

        def position() -> int | None:
            return screen.matrix.cursor_row if story else screen.selected

        def at_end() -> bool:
            if story:
                return screen.matrix.cursor_row >= len(screen.matrix.claims) - 1
            return screen.selected == screen.order()[-1]

        def to_start() -> None:
            if story:
                screen.matrix.move_cursor(row=0, animate=False)
            else:
                screen.select(screen.order()[0])

        for _ in range(3):  # warm-up, untimed
            await pilot.press(key)
            await pilot.pause()
        while len(out.paint) < presses:
            if at_end():
                to_start()
                await pilot.pause()
            before, painted = position(), len(frames)
            start, start_cpu = time.perf_counter(), time.process_time()
            await pilot.press(key)
            await pilot.pause()
            out.round_trip.append(time.perf_counter() - start)
            out.cpu.append(time.process_time() - start_cpu)
            if position() == before or len(frames) == painted:
                raise RuntimeError(f"{key!r} did not move the selection and repaint")
            out.paint.append(frames[-1] - start)
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press(baseline)
            await pilot.pause()
            out.floor.append(time.perf_counter() - start)
        app.exit()
    return out


def latency(presses: int, screen: str = "compare", paths: Sequence[str] = ()) -> Latency:
    """:func:`keypress_latency` in a fresh child process with a fresh cache folder."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", LATENCY_CHILD, tmp, screen, str(presses),
                              *paths], cwd=ROOT, env=child_env(Path(tmp)), check=True,
                             stdout=subprocess.PIPE, text=True).stdout
    return Latency(**json.loads(out.strip().splitlines()[-1]))


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]


def summary(xs: list[float]) -> str:
    """Median, 90th percentile and max of seconds, in milliseconds."""
    ms = [x * 1000 for x in xs]
    return (f"median {statistics.median(ms):.1f} ms, p90 {percentile(ms, 0.9):.1f} ms, "
            f"max {max(ms):.1f} ms")


def report_startup(screen: str, s: dict[str, dict[str, float]]) -> None:
    key, _ = SCREENS[screen]
    kinds = {"cold": "first open", "warm": "reopened"}
    print(f"  {'':38}" + "".join(f"{kinds[k]:>14}" for k in s))
    for label, figure in (("process start -> painted", "wall"),
                          ("  interpreter start", "interpreter"),
                          ("  imports", "import"),
                          ("  app up, library painted with articles", "load"),
                          (f"  '{key}' -> {screen} screen painted", "open"),
                          ("process start -> last frame (settled)", "settled")):
        print(f"  {label:<38}" + "".join(f"{s[k][figure] * 1000:11.0f} ms" for k in s))


def report_latency(screen: str, presses: int, lat: Latency) -> None:
    what = "next passage" if screen == "compare" else "next claim"
    print(f"  'j' ({what}), {presses} presses:")
    print(f"    key sent -> last frame painted   {summary(lat.paint)}")
    print(f"    CPU per press                    median {statistics.median(lat.cpu) * 1000:.1f} ms")
    print(f"    Pilot round trip (idle waits)    {summary(lat.round_trip)}")
    print(f"    round trip of an unbound key     {summary(lat.floor)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="start-ups (default 5)")
    parser.add_argument("--presses", type=int, default=50, help="timed key presses (default 50)")
    parser.add_argument("--articles", type=int, default=0,
                        help="a made-up story of N articles (default: the sample story)")
    parser.add_argument("--screens", default="compare,story",
                        help="screens to open, comma-separated (default compare,story)")
    parser.add_argument("--no-reopen", action="store_true",
                        help="only first opens (each with a fresh cache folder)")
    args = parser.parse_args(argv)
    screens = [s for s in args.screens.split(",") if s]
    if unknown := set(screens) - set(SCREENS):
        parser.error(f"unknown screen {', '.join(sorted(unknown))} (known: compare, story)")

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_story(Path(tmp, "story"), args.articles) if args.articles else []
        story = f"{args.articles}-article story" if args.articles else "sample story (5 articles)"
        print(f"{story}, {SIZE[0]}x{SIZE[1]}, median of {args.runs} start-ups, "
              "each with a fresh comparison cache:")
        for screen in screens:
            which = ("articles 1 and 2" if screen == "compare"
                     else "every article (compare_story)")
            print(f"{screen} screen ({which}):")
            report_startup(screen, startup(args.runs, screen, paths, not args.no_reopen))
            report_latency(screen, args.presses, latency(args.presses, screen, paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())
