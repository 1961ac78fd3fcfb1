"""One benchmark command: newsdiff against other diff tools, long documents, large
stories and the reader, as one Markdown table (issue 7), and its quality on the dev
data as a second one (issue 15, :mod:`benchmarks.quality`).

    .venv/bin/python -m benchmarks [--quick] [--install] [--no-write] [--runs N]
                                   [--no-quality | --quality-only]

Prints the tables and writes them to ``benchmarks/RESULTS.md`` with the machine and
commit they ran on (``--no-write``: print only); a run of only one of the two
rewrites only its own part of the file.  ``--install`` first installs the missing
comparison tools from the system's packages (``apt-get install -y icdiff
dwdiff``, needs root); without it a missing tool is skipped with a note.
``--quick`` uses tiny sizes and one run (the smoke test); its figures mean nothing,
and it skips the quality section (a minute or more) as ``--no-quality`` does.

Every figure is a whole child process unless said otherwise.  newsdiff's modules
are compiled to bytecode first (as installing does), and every child keeps its
caches in a temporary folder of the run, never the user's:

* one-shot: ``newsdiff A B`` on a sample pair, median of N runs, both computing
  the comparison (``--no-cache``) and reopening it from the comparison cache,
  against ``icdiff``, ``dwdiff -c``, ``git diff --no-index --word-diff`` and
  ``python -c "import typer, rich.console"`` (the floor of any Typer + Rich program);
* long documents: pairs of 10 KB, 100 KB, 1 MB made by :func:`speed.long_article`,
  time and peak memory of each ``--no-cache`` run (timed by :func:`speed.timed_run`
  inside a fresh Python process, so the peak is that run's own), ``dwdiff -c`` on
  the same files, and the growth exponent (least-squares slope of log time over
  log size) of reading, comparing and drawing the pair inside a process that has
  its imports and model loaded (:data:`ENGINE_CHILD`), and of the whole process;
* large stories: ``compare_story`` on 20, 100 and 300 articles made by
  :func:`story.story_articles`, in a fresh process each: median time, peak
  memory (the main process, and the largest worker), and how many cores were
  busy on average (CPU seconds of the process and its workers over wall
  seconds); and the largest story again in one process (``NEWSDIFF_WORKERS=1``);
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
#: The command a user types (the installed script), else the module.
_SCRIPT = Path(PY).with_name("newsdiff")
NEWSDIFF = [str(_SCRIPT) if _SCRIPT.exists() else PY,
            *([] if _SCRIPT.exists() else ["-m", "newsdiff"]), "--color", "never"]
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
    return walls([argv], runs)[0]


def walls(commands: list[list[str]], runs: int) -> list[float]:
    """Median wall seconds of each command, run in turn ``runs`` times over: a machine
    whose load drifts during the measurement then moves every command alike, and their
    ratios stay fair."""
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for argv, took in zip(commands, times, strict=True):
            start = time.perf_counter()
            code = subprocess.run(argv, check=False, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, cwd=ROOT).returncode
            took.append(time.perf_counter() - start)
            if code not in (0, 1):
                raise RuntimeError(f"{argv[0]} exited {code}")
    return [statistics.median(took) for took in times]


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


def compile_bytecode() -> None:
    """Compile newsdiff's modules to bytecode first, as installing a package does: with
    ``PYTHONDONTWRITEBYTECODE`` set (some sandboxes) an editable install would otherwise
    compile its source on every run."""
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src" / "newsdiff")], check=True,
                   stdout=subprocess.DEVNULL)


def human(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} KB"


def one_shot(runs: int, install: bool) -> list[Row]:
    """``newsdiff A B`` computing the comparison (``--no-cache``) and reopening it (from
    the comparison cache the first run filled), against the floor and the other tools."""
    pair = [str(speed.SEEDS[0]), str(speed.SEEDS[4])]
    wall([*NEWSDIFF, *pair], 1)  # fills the comparison cache and the compiled-model cache
    computed, reopened, floor = walls(
        [[*NEWSDIFF, "--no-cache", *pair], [*NEWSDIFF, *pair], FLOOR], runs)
    rows = [
        Row(f"`newsdiff --no-cache A B`, sample pair, computed (median of {runs})",
            f"{computed:.3f} s", "≤ 0.3 s (issue 15)", computed <= 0.3),
        Row(f"`newsdiff A B` again, from the comparison cache (median of {runs})",
            f"{reopened:.3f} s"),
        Row('`python -c "import typer, rich.console"` (floor)', f"{floor:.3f} s"),
        Row("newsdiff computed / Typer + Rich floor", f"{computed / floor:.2f}×", "≤ 1.6×",
            computed / floor <= 1.6),
        Row("newsdiff from the cache / Typer + Rich floor", f"{reopened / floor:.2f}×",
            "≤ 1.6×", reopened / floor <= 1.6),
    ]
    for name, (_, argv) in TOOLS.items():
        if not tool_available(name, install):
            rows.append(Row(f"newsdiff computed / `{name}`",
                            "skipped: not installed (`--install`)"))
            continue
        other = wall([*argv, *pair], runs)
        rows.append(Row(f"newsdiff computed / `{name}`",
                        f"{computed / other:.1f}× ({other:.3f} s)"))
    return rows


#: Times parsing, comparing and drawing one pair inside a process whose imports and model
#: are loaded: the engine's own growth, without the interpreter's start-up.
ENGINE_CHILD = r"""
import sys, time
from newsdiff.engine.pair import compare
from newsdiff.sources import load_article
from newsdiff.engine.scoring.model import load_model
from newsdiff.render.text import render_text
load_model()
start = time.perf_counter()
render_text(compare(load_article(sys.argv[1]), load_article(sys.argv[2])), width=80)
print(time.perf_counter() - start)
"""


def long_documents(sizes: list[int], runs: int, install: bool) -> list[Row]:
    rows, times, engine_times = [], [], []
    dwdiff = tool_available("dwdiff -c", install)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            paths = []
            for seed in (1, 2):
                path = Path(tmp, f"long{size}_{seed}.txt")
                path.write_text(speed.long_article(size, seed), encoding="utf-8")
                paths.append(str(path))
            results = [fresh_timed_run([*NEWSDIFF, "--no-cache", *paths]) for _ in range(runs)]
            seconds = statistics.median(r[0] for r in results)
            peak = max(r[1] for r in results)
            times.append(seconds)
            engine_times.append(statistics.median(
                float(subprocess.run([PY, "-c", ENGINE_CHILD, *paths], cwd=ROOT, check=True,
                                     capture_output=True, text=True).stdout)
                for _ in range(runs)))
            big = size == sizes[-1]
            rows.append(Row(f"long pair, {human(size)} each (`--no-cache`, median of {runs})",
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
    span = f"{human(sizes[0])} → {human(sizes[-1])}"
    k = exponent(sizes, engine_times)
    rows += [
        Row(f"growth exponent of time, {span} (read, compare and draw, in-process: "
            + ", ".join(f"{t:.2f} s" for t in engine_times) + ")", f"{k:.2f}", "≤ 1.2",
            k <= 1.2),
        Row(f"growth exponent of time, {span} (whole process, start-up included)",
            f"{exponent(sizes, times):.2f}"),
    ]
    return rows


def repeated_sentences(size: int, runs: int) -> list[Row]:
    """Two articles of ``size`` characters drawn from one pool of 100 sentences: every
    sentence has dozens of copies on each side, which must not make the work quadratic."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for seed in (1, 2):
            path = Path(tmp, f"repeating{size}_{seed}.txt")
            path.write_text(speed.repeating_article(size, seed), encoding="utf-8")
            paths.append(str(path))
        results = [fresh_timed_run([*NEWSDIFF, "--no-cache", *paths]) for _ in range(runs)]
    seconds = statistics.median(r[0] for r in results)
    peak = max(r[1] for r in results)
    return [Row(f"pair of {human(size)} each whose sentences repeat (100 distinct; "
                f"`--no-cache`, median of {runs})", f"{seconds:.2f} s, peak {peak:.0f} MiB",
                "≤ 5 s, ≤ 500 MiB", seconds <= 5 and peak <= 500)]


STORY_CHILD = r"""
import json, resource, sys
from benchmarks.story import load_model, story_articles, time_story
from newsdiff.run import default_executor, processes

def used():
    # CPU seconds of this process and of its finished children (the workers, once shut down)
    own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                        resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime

n, runs = int(sys.argv[1]), int(sys.argv[2])
load_model()
articles = story_articles(n)
before = used()
seconds = time_story(articles, runs)
default_executor().shutdown()
cpu = (used() - before) / runs
print(json.dumps({"sentences": sum(len(a.story_sentences) for a in articles), "seconds": seconds,
                  "cores": cpu / seconds, "workers": processes.workers(),
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_peak": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def story_run(n: int, runs: int, workers: int | None = None) -> dict:
    """:data:`STORY_CHILD` on ``n`` articles (``workers``: ``NEWSDIFF_WORKERS``)."""
    env = dict(os.environ)
    if workers is not None:
        env["NEWSDIFF_WORKERS"] = str(workers)
    out = subprocess.run([PY, "-c", STORY_CHILD, str(n), str(runs)], cwd=ROOT, check=True,
                         capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def stories(sizes: list[int], runs: int) -> list[Row]:
    rows = []
    for n in sizes:
        r = story_run(n, runs)
        last = n == sizes[-1]
        workers = (f", worker peak {r['worker_peak']:.0f} MiB" if r["worker_peak"] else "")
        rows.append(Row(f"story view, {n} articles ({r['sentences']:,} sentences; "
                        f"`compare_story`, median of {runs})",
                        f"{r['seconds']:.2f} s, peak {r['peak']:.0f} MiB{workers}; "
                        f"{r['cores']:.1f} cores busy on average",
                        "≤ 60 s on 2 cores, using both" if last else "",
                        r["seconds"] <= 60 and r["cores"] > 1 if last else None))
    one = story_run(sizes[-1], 1, workers=1)
    rows.append(Row(f"· the same {sizes[-1]} articles in one process (`NEWSDIFF_WORKERS=1`)",
                    f"{one['seconds']:.2f} s"))
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
        f"- commit: {commit()}",
    ]


def commit() -> str:
    """The checkout's short commit, and whether the working tree differs from it (the
    figures are then of code no commit holds)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" with uncommitted changes" if git("status", "--porcelain") else "")


def table(rows: list[Row], goal: str = "goal") -> str:
    lines = [f"| measurement | result | {goal} | met |", "|---|---|---|---|"]
    lines += ["| " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


#: Where the quality part of RESULTS.md starts: a run of one part keeps the other.
QUALITY_HEADING = "## Quality (dev data)"


def quality_section(rows: list[Row], notes: list[str]) -> str:
    """The quality part: heading, machine, the table against the held-back floors (none
    when nothing could be scored) and the notes under it."""
    return "\n\n".join([
        QUALITY_HEADING,
        ("Written by `.venv/bin/python -m benchmarks` (this part alone: `--quality-only`; "
         "see `benchmarks/quality.py` for what each figure measures)."),
        "\n".join(machine()), *([table(rows, "floor (held-back)")] if rows else []), *notes])


def write_results(speed: str | None, quality: str | None) -> None:
    """Rewrite the parts of :data:`RESULTS` that ran (``None``: did not) and keep the
    other as it was, so that ``--quality-only`` keeps the speed figures of a quiet day."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    head, mark, tail = old.partition(QUALITY_HEADING)
    parts = [speed or head.strip(), quality or (mark + tail).strip()]
    RESULTS.write_text("\n\n".join(p for p in parts if p) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    # Imported here: the quality section builds its rows with this module's Row.
    from benchmarks import quality

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes, one run, no quality section (smoke test)")
    parser.add_argument("--install", action="store_true",
                        help="apt-get install the missing comparison tools (icdiff, dwdiff)")
    parser.add_argument("--no-write", action="store_true", help=f"do not write {RESULTS.name}")
    parser.add_argument("--runs", type=int, default=None,
                        help="runs of each one-shot command (11; quick: 1)")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--no-quality", action="store_true",
                      help="skip the quality section (the dev data of ../shared)")
    only.add_argument("--quality-only", action="store_true",
                      help="only the quality section, no speed figures")
    args = parser.parse_args(argv)
    if args.quick and args.quality_only:
        parser.error("--quick skips the quality section: it cannot go with --quality-only")

    runs = args.runs or (1 if args.quick else 11)
    long_sizes = [2_000, 4_000, 8_000] if args.quick else [10_000, 100_000, 1_000_000]
    story_sizes = [3, 5, 8] if args.quick else [20, 100, 300]
    rows: list[Row] = []
    sections = [] if args.quality_only else [
        ("one-shot", lambda: one_shot(runs, args.install)),
        ("long documents", lambda: long_documents(long_sizes, 1 if args.quick else 3, args.install)),
        ("repeated sentences", lambda: repeated_sentences(long_sizes[-1], 1 if args.quick else 3)),
        ("stories", lambda: stories(story_sizes, 1 if args.quick else 3)),
        ("reader", lambda: reader(1 if args.quick else 5, 3 if args.quick else 50,
                                  10 if args.quick else 100)),
    ]
    quality_part = None
    compile_bytecode()
    with tempfile.TemporaryDirectory() as cache:
        # Every child keeps its caches here, never in the user's cache folder.
        os.environ["NEWSDIFF_CACHE_DIR"] = cache
        os.environ.pop("NEWSDIFF_NO_CACHE", None)
        for name, run in sections:
            print(f"… {name}", file=sys.stderr, flush=True)
            rows += run()
        if not (args.quick or args.no_quality):
            print("… quality (a minute or more)", file=sys.stderr, flush=True)
            quality_part = quality_section(*quality.run())
    speed_part = (
        "# Benchmark results\n\nWritten by `.venv/bin/python -m benchmarks --install` (see "
        "`benchmarks/suite.py` for what each figure measures).\n\n"
        + "\n".join(machine()) + "\n\n" + table(rows)) if sections else None
    print("\n\n".join(part for part in (speed_part, quality_part) if part))
    if not args.no_write:
        write_results(speed_part, quality_part)
    return 0


if __name__ == "__main__":
    sys.exit(main())
