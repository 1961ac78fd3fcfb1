"""One benchmark command: newsdiff against other diff tools, long documents, large
stories and the reader, as one Markdown table (issue 7).

    .venv/bin/python -m benchmarks [--quick] [--install] [--no-write] [--runs N]

Prints the table and writes it to ``benchmarks/RESULTS.md`` with the machine it
ran on (``--no-write``: print only).  ``--install`` first installs the missing
comparison tools from the system's packages (``apt-get install -y icdiff
dwdiff``, needs root); without it a missing tool is skipped with a note.
``--quick`` uses tiny sizes and one run (the smoke test); its figures mean nothing.

Every figure is a whole child process unless said otherwise:

* one-shot: ``newsdiff A B`` on a sample pair, median of N runs, against
  ``icdiff``, ``dwdiff -c``, ``git diff --no-index --word-diff`` and
  ``python -c "import typer, rich.console"`` (the floor of any Typer + Rich program);
* long documents: pairs of 10 KB, 100 KB, 1 MB made by :func:`speed.long_article`,
  time and peak memory of each run (each run timed by :func:`speed.timed_run`
  inside a fresh Python process, so the peak is that run's own), and the growth
  exponent (least-squares slope of log time over log size); ``dwdiff -c`` on the
  same files;
* large stories: ``compare_story`` on 20, 100 and 300 articles made by
  :func:`story.story_articles`, in a fresh process each (median time, peak memory);
* the reader: :func:`tui.startup` (start → screen painted, a fresh cache folder each
  run; the story screen also reopened with that cache warm) and :func:`tui.latency`
  (``j``), on the sample story and on a 100-article story made by
  :func:`story.story_articles` (``--quick``: 10 articles).
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import speed, tui

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
PY = sys.executable
NEWSDIFF = [PY, "-m", "newsdiff", "--color", "never"]
FLOOR = [PY, "-c", "import typer, rich.console"]
TOOLS = {  # name -> (Debian package, argv before the two files)
    "icdiff": ("icdiff", ["icdiff"]),
    "dwdiff -c": ("dwdiff", ["dwdiff", "-c"]),
    "git diff --no-index --word-diff": (None, ["git", "diff", "--no-index", "--word-diff"]),
}


@dataclass
class Row:
    measurement: str
    result: str
    goal: str = ""
    met: bool | None = None

    def cells(self) -> list[str]:
        met = "" if self.met is None else ("yes" if self.met else "**no**")
        return [self.measurement, self.result, self.goal, met]


def wall(argv: list[str], runs: int) -> float:
    """Median wall seconds of ``argv`` run ``runs`` times (exit 0 or 1: diff tools exit 1
    when the files differ)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        code = subprocess.run(argv, check=False, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, cwd=ROOT).returncode
        times.append(time.perf_counter() - start)
        if code not in (0, 1):
            raise RuntimeError(f"{argv[0]} exited {code}")
    return statistics.median(times)


def fresh_timed_run(argv: list[str]) -> tuple[float, float]:
    """:func:`speed.timed_run` inside a fresh Python process: (seconds, peak MiB of that run)."""
    code = ("import json, sys; from benchmarks.speed import timed_run; "
            "print(json.dumps(timed_run(json.loads(sys.argv[1]))))")
    out = subprocess.run([PY, "-c", code, json.dumps(argv)], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    seconds, peak_kib = json.loads(out)
    return seconds, peak_kib / 1024


def tool_available(name: str, install: bool) -> bool:
    package, argv = TOOLS[name]
    if shutil.which(argv[0]):
        return True
    if install and package and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", package], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return shutil.which(argv[0]) is not None


def exponent(sizes: list[int], times: list[float]) -> float:
    """Least-squares slope of log(time) over log(size)."""
    xs, ys = [math.log(s) for s in sizes], [math.log(t) for t in times]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def human(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} KB"


def one_shot(runs: int, install: bool) -> list[Row]:
    pair = [str(speed.SEEDS[0]), str(speed.SEEDS[4])]
    newsdiff = wall([*NEWSDIFF, *pair], runs)
    floor = wall(FLOOR, runs)
    rows = [
        Row(f"`newsdiff A B`, sample pair (median of {runs})", f"{newsdiff:.3f} s"),
        Row('`python -c "import typer, rich.console"` (floor)', f"{floor:.3f} s"),
        Row("newsdiff / Typer + Rich floor", f"{newsdiff / floor:.2f}×", "≤ 1.6×",
            newsdiff / floor <= 1.6),
    ]
    for name, (_, argv) in TOOLS.items():
        if not tool_available(name, install):
            rows.append(Row(f"newsdiff / `{name}`", "skipped: not installed (`--install`)"))
            continue
        other = wall([*argv, *pair], runs)
        rows.append(Row(f"newsdiff / `{name}`", f"{newsdiff / other:.1f}× ({other:.3f} s)"))
    return rows


def long_documents(sizes: list[int], runs: int, install: bool) -> list[Row]:
    rows, times, peaks = [], [], []
    dwdiff = tool_available("dwdiff -c", install)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            paths = []
            for seed in (1, 2):
                path = Path(tmp, f"long{size}_{seed}.txt")
                path.write_text(speed.long_article(size, seed), encoding="utf-8")
                paths.append(str(path))
            results = [fresh_timed_run([*NEWSDIFF, *paths]) for _ in range(runs)]
            seconds = statistics.median(r[0] for r in results)
            peak = max(r[1] for r in results)
            times.append(seconds)
            peaks.append(peak)
            big = size == sizes[-1]
            rows.append(Row(f"long pair, {human(size)} each (median of {runs})",
                            f"{seconds:.2f} s, peak {peak:.0f} MiB",
                            "≤ 5 s, ≤ 500 MiB" if big else "",
                            (seconds <= 5 and peak <= 500) if big else None))
            if dwdiff:
                other = wall([*TOOLS["dwdiff -c"][1], *paths], runs)
                ratio = seconds / other
                rows.append(Row(f"· newsdiff / `dwdiff -c`, {human(size)}",
                                f"{ratio:.1f}× ({other:.3f} s)", "≤ 30×" if big else "",
                                ratio <= 30 if big else None))
            elif big:
                rows.append(Row(f"· newsdiff / `dwdiff -c`, {human(size)}",
                                "skipped: dwdiff not installed (`--install`)", "≤ 30×"))
    k = exponent(sizes, times)
    rows.append(Row(f"growth exponent of time, {human(sizes[0])} → {human(sizes[-1])} "
                    "(whole process, start-up included)", f"{k:.2f}", "≤ 1.2", k <= 1.2))
    return rows


STORY_CHILD = r"""
import json, resource, sys
from benchmarks.story import load_model, story_articles, time_story
n, runs = int(sys.argv[1]), int(sys.argv[2])
load_model()
articles = story_articles(n)
seconds = time_story(articles, runs)
print(json.dumps({"sentences": sum(len(a.story_sentences) for a in articles), "seconds": seconds,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def stories(sizes: list[int], runs: int) -> list[Row]:
    rows = []
    for n in sizes:
        out = subprocess.run([PY, "-c", STORY_CHILD, str(n), str(runs)], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        r = json.loads(out)
        last = n == sizes[-1]
        rows.append(Row(f"story view, {n} articles ({r['sentences']:,} sentences; "
                        f"`compare_story`, median of {runs})",
                        f"{r['seconds']:.2f} s, peak {r['peak']:.0f} MiB",
                        "≤ 60 s" if last else "", r["seconds"] <= 60 if last else None))
    return rows


def reader(runs: int, presses: int, articles: int) -> list[Row]:
    """The reader on the sample story and on a made-up story of ``articles`` articles (each
    start-up a fresh process with a fresh comparison cache; see :mod:`benchmarks.tui`)."""

    def started(s: dict[str, float], key: str) -> str:
        return (f"{s['wall']:.2f} s (imports {s['import']:.2f}, library {s['load']:.2f}, "
                f"`{key}` → painted {s['open']:.2f}; last frame {s['settled']:.2f})")

    def pressed(lat: tui.Latency) -> str:
        paint = [x * 1000 for x in lat.paint]
        return (f"median {statistics.median(paint):.0f} ms, p90 {tui.percentile(paint, 0.9):.0f} ms, "
                f"max {max(paint):.0f} ms")

    sample = tui.startup(runs)["cold"]
    rows = [
        Row(f"reader, start → compare screen painted, sample story (median of {runs})",
            started(sample, "c")),
        Row(f"reader, `j` key sent → painted, sample story ({presses} presses)",
            pressed(tui.latency(presses))),
    ]
    big = f"{articles}-article story"
    with tempfile.TemporaryDirectory() as tmp:
        paths = tui.write_story(Path(tmp), articles)
        compare = tui.startup(runs, "compare", paths)["cold"]
        story = tui.startup(runs, "story", paths, reopen=True)
        rows += [
            Row(f"reader, start → compare screen painted, {big} (`c`: articles 1 and 2; "
                f"median of {runs})", started(compare, "c")),
            Row(f"reader, `j` key sent → painted, compare screen, {big} ({presses} presses)",
                pressed(tui.latency(presses, "compare", paths))),
            Row(f"reader, start → story screen painted, {big} (`S`: `compare_story` over all; "
                f"first open, median of {runs})", started(story["cold"], "S")),
            Row(f"reader, reopening the {big} → story screen painted (comparison cache warm)",
                started(story["warm"], "S")),
            Row(f"reader, `j` key sent → painted, story screen, {big} ({presses} presses)",
                pressed(tui.latency(presses, "story", paths))),
        ]
    return rows


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> list[str]:
    from importlib.metadata import version

    return [
        f"- date: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- machine: {platform.platform()}, {cpu_model()}, {os.cpu_count()} cores",
        (f"- Python {platform.python_version()} ({platform.python_implementation()}), "
         f"newsdiff {version('newsdiff')}"),
    ]


def table(rows: list[Row]) -> str:
    lines = ["| measurement | result | goal | met |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, one run (smoke test)")
    parser.add_argument("--install", action="store_true",
                        help="apt-get install the missing comparison tools (icdiff, dwdiff)")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (7; quick: 1)")
    args = parser.parse_args(argv)

    runs = args.runs or (1 if args.quick else 7)
    long_sizes = [2_000, 4_000, 8_000] if args.quick else [10_000, 100_000, 1_000_000]
    story_sizes = [3, 5, 8] if args.quick else [20, 100, 300]
    rows: list[Row] = []
    sections = [
        ("one-shot", lambda: one_shot(runs, args.install)),
        ("long documents", lambda: long_documents(long_sizes, 1 if args.quick else 3, args.install)),
        ("stories", lambda: stories(story_sizes, 1 if args.quick else 3)),
        ("reader", lambda: reader(1 if args.quick else 5, 3 if args.quick else 50,
                                  10 if args.quick else 100)),
    ]
    for name, run in sections:
        print(f"… {name}", file=sys.stderr, flush=True)
        rows += run()
    text = table(rows)
    print(text)
    if not args.no_write:
        RESULTS.write_text(
            "# Benchmark results\n\nWritten by `.venv/bin/python -m benchmarks --install` "
            "(see `benchmarks/suite.py` for what each figure measures).\n\n"
            + "\n".join(machine()) + "\n\n" + text + "\n", encoding="utf-8")
        print(f"written to {RESULTS.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
