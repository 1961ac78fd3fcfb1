"""Corpus mode's throughput: articles a second, where the time goes, memory, and scaling
from one worker to two (run and reported, never asserted).

    .venv/bin/python -m benchmarks.corpus_throughput [--articles 10000] [--input FILE
        [--truth TSV]] [--workers 1 2] [--executors dask local] [--scaling-articles 40000]
        [--no-scaling | --scaling-only] [--json FILE] [--quick]

Why: ``newsdiff corpus`` is meant for archives of millions of articles on a cluster, and
whether that is hours or weeks, and how many machines it needs, follows from three
things measured here: how fast each stage goes on one core, which stages get faster with
more workers (and which run on the driver alone), and how the driver's memory grows.

The corpus is :mod:`benchmarks.corpus_generator`'s (real ECB+ and sample-story texts
made into stories of realistic sizes), written to ``/tmp`` unless ``--input`` names one.
Each configuration is a fresh child process (so that its peak memory is its own) that
runs :func:`newsdiff.corpus.pipeline.run` into a temporary folder, unchanged; its stages
are timed from outside, by wrapping the module's stage functions (``_analyse_partitions``,
``_stories``, ``_multi_article_records``, ``_compare``, ``_write_tables``) and inside them
the steps worth telling apart (reading partitions, the executor's maps, saving, near
copies, weighing, blocking, clustering, writing the tables).  Configurations:

* ``dask``: a ``distributed.LocalCluster(n_workers=k, threads_per_worker=1,
  processes=True)`` through :class:`newsdiff.run.dask_cluster.DaskCluster`, as
  ``--scheduler`` runs; each worker's peak memory is its own ``ru_maxrss`` (asked with
  ``client.run``);
* ``local``: the default executor, :class:`newsdiff.run.processes.LocalProcesses`, with
  ``NEWSDIFF_WORKERS=k`` (1: no worker process, everything in the driver); its largest
  worker's peak memory is ``RUSAGE_CHILDREN``'s once the pool is shut down.

``RAYON_NUM_THREADS=1`` everywhere (rensa's threads; a worker has one core).  Beside
them, the floor: **MinHash deduplication alone**, what a near-duplicate finder with no
story finding and no comparison costs, in one process: reading the partitions, the
5-gram sets, :func:`newsdiff.corpus.nearcopies.signatures` and
:func:`~newsdiff.corpus.nearcopies.near_copy_groups` over the same articles.

Then (unless ``--no-scaling``) story finding, the one stage that holds every article's
features in the driver, alone on the first 1/16, 1/8, 1/4, 1/2 and all of a corpus (the
first run's saved features, or with ``--scaling-articles N`` those of a generated corpus
of N articles whose first stage is run for it on all cores, cut into those prefixes,
each run in a fresh process): the time of its steps, its candidate pairs, each step's
peak memory, and each step's exponent of time over size, from which larger corpora are
estimated (rather than run).  ``--truth`` (written by the generator
beside a corpus it makes) scores the stories found against the generated ones
(B-cubed), to show the corpus is a fair one for the story finder.

Scaling efficiency is speed on k workers / (k x speed on 1).  The machine's load is
printed with the results: another busy process halves what a second worker can give.
``--quick``: 600 articles, figures that mean nothing (the smoke test).  About 18 minutes
at 10,000 articles on 2 cores (four configurations of 2.5-4.5 minutes), and 3 more for
``--scaling-articles 40000``.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: The pipeline's stages, wrapped and timed in this order (the rest of ``run`` is "other").
STAGES = ("_analyse_partitions", "_stories", "_multi_article_records", "_compare",
          "_write_tables")
STAGE_NAMES = {"_analyse_partitions": "read + fingerprint", "_stories": "story finding",
               "_multi_article_records": "load story texts", "_compare": "compare stories",
               "_write_tables": "write tables"}
#: Shares of the scaling corpus that story finding is measured alone on.
SCALING_SHARES = (1 / 16, 1 / 8, 1 / 4, 1 / 2, 1)


# ------------------------------------------------------------------ timing from outside


class Timers:
    """Seconds by name, and the driver's peak memory (KiB) after each stage."""

    def __init__(self, memory: bool = False) -> None:
        self.seconds: Counter[str] = Counter()
        self.peak_after: dict[str, int] = {}
        #: Items each step returned (pairs, groups), when it returns a sized result.
        self.items: Counter[str] = Counter()
        #: Per step, the most its peak resident memory rose above the memory it started
        #: with (KiB), when ``memory``: each step resets the peak (Linux only).
        self.memory = memory
        self.step_kib: Counter[str] = Counter()

    def wrap(self, owner: object, name: str, label: str | None = None,
             stage: bool = False) -> None:
        """Replace ``owner.name`` by a timed version (a generator is timed per item)."""
        original = getattr(owner, name)
        label = label or name

        @functools.wraps(original)
        def timed(*args, **kwargs):
            probe = PEAKS.open() if self.memory and not stage else None
            start = time.perf_counter()
            result = None
            try:
                result = original(*args, **kwargs)
                return result
            finally:
                self.seconds[label] += time.perf_counter() - start
                if isinstance(result, (list, tuple)) or type(result).__name__ == "ndarray":
                    self.items[label] += len(result)
                if stage:
                    self.peak_after[label] = peak_kib()
                elif probe is not None:
                    self.step_kib[label] = max(self.step_kib[label], PEAKS.close(probe))

        setattr(owner, name, timed)

    def wrap_generator(self, owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        @functools.wraps(original)
        def timed(*args, **kwargs):
            items = original(*args, **kwargs)
            while True:
                start = time.perf_counter()
                try:
                    item = next(items)
                except StopIteration:
                    return
                finally:
                    self.seconds[label] += time.perf_counter() - start
                yield item

        setattr(owner, name, timed)


class TimedExecutor:
    """An executor that times its maps by work function (``_analyse``, ``_compare_stories``),
    and counts the chunks it was given; everything else passes through."""

    def __init__(self, inner, timers: Timers) -> None:
        self.inner = inner
        self.timers = timers

    def spreads(self, items: int, per_second: int) -> bool:
        return self.inner.spreads(items, per_second)

    def map_chunks(self, work, items, per_second):
        start = time.perf_counter()
        try:
            return self.inner.map_chunks(work, items, per_second)
        finally:
            self.timers.seconds[f"map {work.__name__}"] += time.perf_counter() - start
            self.timers.seconds[f"maps {work.__name__}"] += 1

    def aside(self, work, arg, seconds):
        return self.inner.aside(work, arg, seconds)


def instrument(timers: Timers) -> None:
    """Wrap the pipeline's stages and the steps inside them (see the module docstring)."""
    from newsdiff.corpus import nearcopies, pipeline, stories, tables, workfolder

    for name in STAGES:
        timers.wrap(pipeline, name, stage=True)
    timers.wrap_generator(pipeline, "read_partitions", "read partitions (driver)")
    timers.wrap(workfolder.WorkFolder, "save_partition", "save partitions")
    timers.wrap(workfolder.WorkFolder, "features", "load features")
    timers.wrap(pipeline, "_near_copies", "near copies (LSH, verify)")
    timers.wrap(nearcopies, "candidate_pairs", "LSH candidate pairs")
    timers.wrap(nearcopies, "groups_of", "verify pairs, group")
    timers.wrap(pipeline, "weigh", "TF-IDF weighing")
    timers.wrap(pipeline, "find_stories", "find_stories")
    timers.wrap(stories, "candidate_pairs", "blocking (candidate pairs)")
    timers.wrap(stories, "similarities", "similarities")
    timers.wrap(stories, "cluster", "clustering")
    timers.wrap(workfolder.WorkFolder, "save_batch", "save batches")
    timers.wrap(tables, "write_table", "write_table (Parquet)")


# ------------------------------------------------------------------ child: one configuration


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_configuration(kind: str, workers: int, source: str, out: Path) -> dict:
    """The pipeline on ``source`` with ``workers`` workers of ``kind``; the timings."""
    from newsdiff.corpus import pipeline

    timers = Timers()
    instrument(timers)
    base = peak_kib()
    options = pipeline.Options((source,), out)
    worker_kib: list[int] = []
    compute: Counter[str] = Counter()
    longest: Counter[str] = Counter()
    if kind == "dask":
        import distributed

        from newsdiff.run.dask_cluster import DaskCluster

        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            client.wait_for_workers(workers)
            started = time.perf_counter()
            with distributed.get_task_stream(client) as stream:
                summary = pipeline.run(options, TimedExecutor(DaskCluster(client), timers))
            seconds = time.perf_counter() - started
            for task in stream.data:
                work = str(task["key"]).split("-", 1)[0]
                for part in task["startstops"]:
                    if part["action"] == "compute":
                        compute[work] += part["stop"] - part["start"]
                        longest[work] = max(longest[work], part["stop"] - part["start"])
            worker_kib = sorted(client.run(
                lambda: __import__("resource").getrusage(
                    __import__("resource").RUSAGE_SELF).ru_maxrss).values())
    else:
        from newsdiff.run.processes import LocalProcesses

        os.environ["NEWSDIFF_WORKERS"] = str(workers)
        executor = LocalProcesses()
        started = time.perf_counter()
        summary = pipeline.run(options, TimedExecutor(executor, timers))
        seconds = time.perf_counter() - started
        executor.shutdown()
        if workers > 1:
            worker_kib = [resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]
    return {"kind": kind, "workers": workers, "seconds": seconds,
            "articles": summary.articles, "stories": summary.stories,
            "compared": summary.compared_stories, "divergences": summary.divergences,
            "timers": dict(timers.seconds), "peak_after": timers.peak_after,
            "driver_kib": peak_kib(), "driver_base_kib": base, "worker_kib": worker_kib,
            "compute": dict(compute), "longest_chunk": dict(longest),
            "load": os.getloadavg()[1]}


def run_floor(source: str) -> dict:
    """MinHash deduplication alone over ``source``, in this process: read, 5-gram sets,
    signatures, near-copy groups."""
    from newsdiff.corpus import nearcopies
    from newsdiff.corpus.inputs import read_partitions

    seconds: dict[str, float] = {}
    start = time.perf_counter()
    records = [r for p in read_partitions([source]) for r in p.records]
    seconds["read"] = time.perf_counter() - start
    start = time.perf_counter()
    sets = [nearcopies.shingle_set(r) for r in records]
    seconds["5-gram sets"] = time.perf_counter() - start
    start = time.perf_counter()
    sigs = nearcopies.signatures(sets)
    seconds["signatures"] = time.perf_counter() - start
    start = time.perf_counter()
    groups = nearcopies.near_copy_groups(sets, sigs)
    seconds["groups"] = time.perf_counter() - start
    return {"articles": len(records), "seconds": seconds, "groups": len(groups),
            "in_groups": sum(len(g) for g in groups), "driver_kib": peak_kib()}


def cut_work(work_dir: Path, share: float, into: Path) -> int:
    """A work folder holding the first ``share`` of ``work_dir``'s articles (its saved
    records and features cut, in corpus order: the first weeks of a dated archive, whose
    stories are whole but for the last days'), as one partition; its articles."""
    import numpy as np

    from newsdiff.corpus.workfolder import PartitionFeatures, WorkFolder

    source = WorkFolder(work_dir)
    numbers = sorted(int(p.name[5:10]) for p in source.path.glob("part-*.npz"))
    records = list(source.records(numbers))
    features = [source.features(n) for n in numbers]
    days = np.concatenate([f.days for f in features])
    terms = [t for f in features for t in f.terms()]
    sizes = np.concatenate([f.sizes for f in features])
    signatures = np.concatenate([f.signatures for f in features])
    n = round(len(records) * share)
    analysed = [(int(days[k]), *terms[k], int(sizes[k]), signatures[k]) for k in range(n)]
    WorkFolder(into).save_partition(0, records[:n], [],
                                    PartitionFeatures.of(analysed, signatures.shape[1]))
    return n


def run_stories(work_dir: Path) -> dict:
    """Story finding alone on a cut work folder, its peak memory above this process's."""
    from newsdiff.corpus import pipeline
    from newsdiff.corpus.workfolder import WorkFolder

    timers = Timers(memory=True)
    instrument(timers)
    work = WorkFolder(work_dir)
    whole = PEAKS.open()
    start = time.perf_counter()
    found = pipeline._stories(work, [0], None)
    seconds = time.perf_counter() - start
    peak = PEAKS.close(whole)
    return {"articles": len(found.ids), "seconds": seconds, "stories": len(found.groups),
            "timers": dict(timers.seconds), "items": dict(timers.items),
            "step_kib": dict(timers.step_kib), "peak_kib": peak}


class Peaks:
    """Peak resident memory of nested steps: each step opened resets the process's peak
    (Linux ``clear_refs``), after folding the peak so far into every step still open, so
    that an inner step's reset loses nothing of an outer one's."""

    def __init__(self) -> None:
        self.open_steps: list[list[int]] = []  # [memory at start, highest peak seen], KiB

    def open(self) -> list[int]:
        self._fold()
        from benchmarks.minhash_libraries import reset_peak

        step = [reset_peak(), 0]
        self.open_steps.append(step)
        return step

    def close(self, step: list[int]) -> int:
        """The step's peak above the memory it started with, KiB."""
        self._fold()
        self.open_steps = [s for s in self.open_steps if s is not step]
        return step[1] - step[0]

    def _fold(self) -> None:
        from benchmarks.minhash_libraries import peak_kib

        now = peak_kib()
        for step in self.open_steps:
            step[1] = max(step[1], now)


PEAKS = Peaks()


def run_analysis(source: str, out: Path) -> dict:
    """Only the first stage (read + fingerprint) on ``source`` into ``out``, on this
    machine's cores: the features that story finding is then measured on."""
    from newsdiff.corpus import pipeline
    from newsdiff.corpus.workfolder import WorkFolder
    from newsdiff.run.processes import LocalProcesses

    executor = LocalProcesses()
    start = time.perf_counter()
    summary = pipeline.Summary()
    pipeline._analyse_partitions(pipeline.Options((source,), out), WorkFolder(out), executor,
                                 pipeline.Progress(), summary)
    executor.shutdown()
    return {"articles": summary.articles, "seconds": time.perf_counter() - start}


def child(args: argparse.Namespace) -> None:
    if args.child == "floor":
        result = run_floor(args.input)
    elif args.child == "analyse":
        result = run_analysis(args.input, Path(args.out))
    elif args.child == "stories":
        result = run_stories(Path(args.work))
    else:
        kind, workers = args.child.split(":")
        result = run_configuration(kind, int(workers), args.input, Path(args.out))
    print(json.dumps(result))


def run_child(*argv: str) -> dict:
    """A child of this module in a fresh interpreter; its JSON report."""
    environment = {**os.environ, "RAYON_NUM_THREADS": "1"}
    environment.pop("NEWSDIFF_WORKERS", None)
    done = subprocess.run([sys.executable, "-m", "benchmarks.corpus_throughput", *argv],
                          cwd=ROOT, env=environment, capture_output=True, text=True,
                          check=False)
    if done.returncode:
        sys.exit(f"child {argv} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ the report


def b_cubed(found: dict[str, str], truth: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``found`` (article → story) against ``truth``."""
    by_found, by_true, both = Counter(found.values()), Counter(truth.values()), Counter()
    for article, story in found.items():
        both[story, truth[article]] += 1
    precision = sum(n * n / by_found[f] for (f, _), n in both.items()) / len(found)
    recall = sum(n * n / by_true[t] for (_, t), n in both.items()) / len(found)
    return precision, recall, 2 * precision * recall / (precision + recall)


def story_check(out: Path, truth_path: Path) -> str:
    """How the stories found compare with the generated ones (sizes, B-cubed)."""
    import pandas as pd

    found = pd.read_parquet(out / "articles.parquet", columns=["article_id", "story_id"])
    truth = pd.read_csv(truth_path, sep="\t")
    p, r, f = b_cubed(dict(zip(found.article_id, found.story_id)),
                      dict(zip(truth["id"], truth["story"])))

    def shape(sizes) -> str:
        sizes = sorted(sizes)
        return (f"{len(sizes):,} stories ({sum(s == 1 for s in sizes):,} of one article, "
                f"{sum(2 <= s <= 20 for s in sizes):,} of 2–20, {sum(s > 20 for s in sizes)} "
                f"larger, the largest {sizes[-1]})")

    return (f"Stories found: {shape(found.story_id.value_counts())}; generated: "
            f"{shape(truth.story.value_counts())}; B-cubed P / R / F1 against the generated "
            f"stories {p:.3f} / {r:.3f} / {f:.3f}.")


def mib(kib: float) -> str:
    return f"{kib / 1024:,.0f} MiB"


def configuration_table(results: list[dict], floor: dict) -> str:
    """The main table: one row per configuration, then the floor."""
    one = {r["kind"]: r for r in results if r["workers"] == 1}
    lines = [("| configuration | articles/s | read + fingerprint | story finding | load story "
              "texts | compare stories | write tables | other | driver peak | worker peak "
              "(each) | scaling efficiency | load (5 min) |"),
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        t = r["timers"]
        shares = [t.get(s, 0.0) / r["seconds"] for s in STAGES]
        other = 1 - sum(shares)
        speed = r["articles"] / r["seconds"]
        base = one.get(r["kind"])
        efficiency = ("–" if r["workers"] == 1 or base is None else
                      f"{speed / (r['workers'] * base['articles'] / base['seconds']):.2f}")
        workers = ", ".join(mib(k) for k in r["worker_kib"]) or "– (no worker process)"
        name = (f"Dask LocalCluster, {r['workers']} worker{'s' if r['workers'] > 1 else ''}"
                if r["kind"] == "dask" else f"local, NEWSDIFF_WORKERS={r['workers']}")
        cells = [f"{s:.0%} ({t.get(n, 0):.0f} s)" for s, n in zip(shares, STAGES)]
        lines.append(f"| {name} ({r['seconds']:.0f} s) | {speed:.1f} | {' | '.join(cells)} | "
                     f"{other:.0%} | {mib(r['driver_kib'])} | {workers} | {efficiency} | "
                     f"{r.get('load', 0):.1f} |")
    s = floor["seconds"]
    total = sum(s.values())
    lines.append(f"| MinHash deduplication alone, 1 process ({total:.0f} s) | "
                 f"{floor['articles'] / total:,.0f} | read {s['read'] / total:.0%}, 5-gram "
                 f"sets {s['5-gram sets'] / total:.0%}, signatures {s['signatures'] / total:.0%}"
                 f" | groups {s['groups'] / total:.0%} | – | – | – | – | "
                 f"{mib(floor['driver_kib'])} | – | – | – |")
    return "\n".join(lines)


def busy_lines(results: list[dict]) -> list[str]:
    """For the Dask runs: how busy the workers were in each map (their compute seconds,
    from the task stream, over the map's wall seconds times the workers)."""
    lines = []
    for r in results:
        if r["kind"] != "dask" or not r["compute"]:
            continue
        parts = []
        for work in ("_analyse", "_compare_stories"):
            wall = r["timers"].get(f"map {work}", 0.0)
            busy = r["compute"].get(work, 0.0)
            if wall:
                parts.append(f"{work}: {busy:.0f} s of compute in {wall:.0f} s x "
                             f"{r['workers']} ({busy / (wall * r['workers']):.0%} busy; "
                             f"longest chunk {r['longest_chunk'].get(work, 0):.0f} s)")
        lines.append(f"- Dask, {r['workers']} worker(s): " + "; ".join(parts))
    return lines


def step_table(results: list[dict]) -> str:
    """Seconds of the steps inside the stages, per configuration (what runs where)."""
    steps = [("read partitions (driver)", "driver"), ("map _analyse", "workers"),
             ("save partitions", "driver"), ("load features", "driver"),
             ("near copies (LSH, verify)", "driver"), ("TF-IDF weighing", "driver"),
             ("blocking (candidate pairs)", "driver"), ("similarities", "driver"),
             ("clustering", "driver"), ("_multi_article_records", "driver"),
             ("map _compare_stories", "workers"), ("save batches", "driver"),
             ("_write_tables", "driver"), ("write_table (Parquet)", "driver")]
    names = [(f"dask {r['workers']}" if r["kind"] == "dask" else f"local {r['workers']}")
             for r in results]
    lines = ["| step | runs on | " + " | ".join(names) + " |",
             "|---|---|" + "---|" * len(results)]
    for step, where in steps:
        label = step.replace("_multi_article_records", "load story texts (all, re-read)") \
            .replace("_write_tables", "write tables, all (rows built from re-read records)")
        lines.append(f"| {label} | {where} | "
                     + " | ".join(f"{r['timers'].get(step, 0):.1f}" for r in results) + " |")
    return "\n".join(lines)


#: The steps of story finding, as :func:`instrument` names them; the rest of ``_stories``
#: (loading every partition's features, summing document frequencies) is "loading".
STORY_STEPS = ("LSH candidate pairs", "verify pairs, group", "TF-IDF weighing",
               "blocking (candidate pairs)", "similarities", "clustering")


def story_steps(point: dict) -> dict[str, float]:
    """Seconds of each step of story finding, with loading and the 5-gram sets of the
    near copies' verification told apart."""
    t = point["timers"]
    steps = {k: t.get(k, 0.0) for k in STORY_STEPS}
    near = t.get("near copies (LSH, verify)", 0.0)
    steps["re-read records, 5-gram sets"] = near - steps["LSH candidate pairs"] \
        - steps["verify pairs, group"]
    steps["loading, the rest"] = point["seconds"] - near - sum(
        steps[k] for k in STORY_STEPS[2:])
    return steps


def slope(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares line through the points: (intercept, slope)."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def scaling_table(points: list[dict]) -> tuple[str, dict[str, float], tuple[float, float]]:
    """Story finding alone at each size: seconds of its steps, pairs, memory; each step's
    exponent of time over size between the two largest sizes; memory as a line (KiB fixed,
    KiB per article: a fixed 64 MB of document frequencies makes a power law meaningless)."""
    steps = [story_steps(p) for p in points]
    (n1, s1), (n2, s2) = [(p["articles"], s) for p, s in zip(points[-2:], steps[-2:])]
    # every step touches every article: none is taken to grow slower than linearly
    exponents = {k: max(1.0, math.log(s2[k] / s1[k]) / math.log(n2 / n1)
                        if s1[k] > 0.05 and s2[k] > 0.05 else 1.0) for k in s2}
    memory = slope([p["articles"] for p in points[-3:]], [p["peak_kib"] for p in points[-3:]])
    names = list(steps[0])
    lines = ["| articles | story finding s | " + " | ".join(names) + " | LSH pairs / article | "
             "TF-IDF candidate pairs / article | stories | peak memory (largest step's) |",
             "|---|---|" + "---|" * len(names) + "---|---|---|---|"]
    for p, st in zip(points, steps):
        items, n = p["items"], p["articles"]
        biggest = max(p["step_kib"], key=p["step_kib"].get) if p["step_kib"] else "–"
        lines.append(
            f"| {n:,} | {p['seconds']:.1f} | " + " | ".join(f"{st[k]:.1f}" for k in names)
            + f" | {items.get('LSH candidate pairs', 0) / n:.1f} | "
            f"{items.get('blocking (candidate pairs)', 0) / n:.1f} | {p['stories']:,} | "
            f"{mib(p['peak_kib'])} ({biggest} {mib(p['step_kib'].get(biggest, 0))}) |")
    lines.append("| exponent (two largest, at least 1) | | " + " | ".join(f"{exponents[k]:.2f}" for k in names)
                 + " | | | | |")
    return "\n".join(lines), exponents, memory


def memory_table(points: list[dict]) -> str:
    """Each step's peak memory above what it started with, per article, at each size."""
    steps = sorted({k for p in points for k in p["step_kib"]},
                   key=lambda k: -points[-1]["step_kib"].get(k, 0))
    lines = ["| articles | " + " | ".join(steps) + " |", "|---|" + "---|" * len(steps)]
    for p in points:
        lines.append(f"| {p['articles']:,} | " + " | ".join(
            f"{mib(p['step_kib'].get(k, 0))} ({p['step_kib'].get(k, 0) / p['articles']:.1f} "
            "KiB/article)" for k in steps) + " |")
    return "\n".join(lines)


def extrapolated(point: dict, exponents: dict[str, float], n: int) -> float:
    """Seconds of story finding at ``n`` articles: each step grown from ``point`` by its own
    exponent."""
    scale = n / point["articles"]
    return sum(seconds * scale ** exponents[k] for k, seconds in story_steps(point).items())


def load() -> str:
    """The machine's load while measuring, and its busiest other processes."""
    busy = subprocess.run(["ps", "-eo", "pcpu,args", "--sort=-pcpu"], capture_output=True,
                          text=True, check=False).stdout.splitlines()[1:4]
    others = [line.strip()[:90] for line in busy
              if float(line.split()[0]) > 20 and "corpus_throughput" not in line]
    average = os.getloadavg()[0]
    return (f"{os.cpu_count()} cores, load average {average:.2f}"
            + (f"; busy beside this: {'; '.join(others)}" if others else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles (10000)")
    parser.add_argument("--input", help="a corpus to read instead of generating one")
    parser.add_argument("--truth", help="the generated stories of --input (TSV)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="(1 2)")
    parser.add_argument("--executors", nargs="+", default=["dask", "local"],
                        choices=["dask", "local"], help="(dask local)")
    parser.add_argument("--no-scaling", action="store_true",
                        help="skip story finding alone on parts of a corpus")
    parser.add_argument("--scaling-articles", type=int,
                        help="story finding alone on parts of a generated corpus this large "
                             "(its first stage run on all cores first); default: --articles, "
                             "on the first run's features")
    parser.add_argument("--scaling-only", action="store_true",
                        help="only story finding alone (needs --scaling-articles)")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    parser.add_argument("--quick", action="store_true", help="600 articles (a smoke test)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if args.quick:
        args.articles, args.scaling_articles = 600, None
    temporary = Path(tempfile.mkdtemp(prefix="newsdiff-throughput-"))
    try:
        report(args, temporary)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def report(args: argparse.Namespace, temporary: Path) -> None:
    source, truth = args.input, Path(args.truth) if args.truth else None
    if source is None:
        from benchmarks import corpus_generator

        source = str(Path(tempfile.gettempdir()) / f"newsdiff-corpus-{args.articles}.jsonl")
        truth = Path(source).with_suffix(".truth.tsv")
        if not (Path(source).exists() and truth.exists()):
            start = time.perf_counter()
            corpus_generator.write(args.articles, Path(source), truth=truth)
            print(f"generated {source} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    print(f"machine: {load()}", file=sys.stderr)
    measured: dict = {"source": source}
    if not args.scaling_only:
        measured.update(configurations(args, source, truth, temporary))
    if not args.no_scaling:
        measured["scaling"] = scaling(args, measured.get("kept"), temporary)
    if args.json:
        args.json.write_text(json.dumps(measured, indent=1), encoding="utf-8")


def configurations(args: argparse.Namespace, source: str, truth: Path | None,
                   temporary: Path) -> dict:
    """The floor and every configuration, run and printed; what they measured."""
    floor = run_child("--child", "floor", "--input", source)
    print(f"floor: {sum(floor['seconds'].values()):.1f} s", file=sys.stderr)
    results, kept = [], None
    for kind in args.executors:
        for workers in args.workers:
            out = temporary / f"{kind}-{workers}"
            results.append(run_child("--child", f"{kind}:{workers}", "--input", source,
                                     "--out", str(out)))
            print(f"{kind} {workers}: {results[-1]['seconds']:.1f} s", file=sys.stderr)
            if kept is None:
                kept = out
            else:
                shutil.rmtree(out, ignore_errors=True)
    first = results[0]
    print(f"\n{first['articles']:,} articles ({source}); {first['stories']:,} stories found, "
          f"{first['compared']:,} of them compared (more than one article), "
          f"{first['divergences']:,} divergences. Machine: {load()}.\n")
    if truth is not None and truth.exists():
        print(story_check(kept, truth) + "\n")
    print(configuration_table(results, floor))
    print("\nSeconds of the steps inside the stages (a map is the executor's whole map: "
          "sending, working, gathering):\n")
    print(step_table(results))
    print("\nDriver peak memory after each stage (" + ", ".join(
        f"{r['kind']} {r['workers']}" for r in results) + "): " + "; ".join(
        f"{STAGE_NAMES[stage]} " + " / ".join(mib(r["peak_after"].get(stage, 0))
                                             for r in results) for stage in STAGES) + ".")
    if busy := busy_lines(results):
        print("\nWorkers' busy share in the maps (Dask task stream):\n")
        print("\n".join(busy))
    maps = first["timers"]
    print(f"\nMaps: {maps.get('maps _analyse', 0):.0f} of partitions, "
          f"{maps.get('maps _compare_stories', 0):.0f} of batches of stories (each waits for "
          "its slowest chunk before the next is sent).")
    return {"floor": floor, "results": results, "kept": str(kept)}


def scaling(args: argparse.Namespace, kept: str | None, temporary: Path) -> list[dict]:
    """Story finding alone on parts of a corpus, run and printed; its measurements."""
    features = Path(kept) if kept else None
    if args.scaling_articles and (features is None
                                  or args.scaling_articles != args.articles):
        from benchmarks import corpus_generator

        larger = Path(tempfile.gettempdir()) / \
            f"newsdiff-corpus-{args.scaling_articles}.jsonl"
        if not larger.exists():
            corpus_generator.write(args.scaling_articles, larger,
                                   truth=larger.with_suffix(".truth.tsv"))
        features = temporary / "scaling"
        done = run_child("--child", "analyse", "--input", str(larger), "--out",
                         str(features))
        print(f"scaling corpus analysed: {done['articles']:,} articles in "
              f"{done['seconds']:.0f} s", file=sys.stderr)
    points = []
    for share in SCALING_SHARES:
        cut = temporary / f"cut-{share}"
        cut_work(features, share, cut)
        points.append(run_child("--child", "stories", "--work", str(cut)))
        print(f"story finding on {points[-1]['articles']:,}: "
              f"{points[-1]['seconds']:.1f} s", file=sys.stderr)
        shutil.rmtree(cut, ignore_errors=True)
    table, exponents, (fixed, per_article) = scaling_table(points)
    print("\nStory finding alone (driver, one process) on the first part of a corpus of "
          f"{points[-1]['articles']:,} articles (seconds of its steps):\n")
    print(table)
    print("\nPeak memory of each step above the memory it started with (the 5-gram sets "
          "of the near copies' verification are kept through it):\n")
    print(memory_table(points))
    print(f"\nPeak memory of story finding: about {mib(fixed)} + {per_article:.1f} KiB "
          "per article (a line through the three largest sizes).")
    for n in (100_000, 1_000_000, 10_000_000):
        print(f"At {n:,} articles, extrapolated (each step by its exponent): story finding "
              f"about {extrapolated(points[-1], exponents, n):,.0f} s, "
              f"{mib(fixed + per_article * n)} of driver memory.")
    return points


if __name__ == "__main__":
    main()
