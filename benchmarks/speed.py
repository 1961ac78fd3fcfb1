"""Speed of the one-shot path and of long articles (run and reported, never asserted).

    .venv/bin/python benchmarks/speed.py [--runs N] [--size-kb K]

1. ``newsdiff A B`` on a sample pair: whole process, median of N runs, next
   to ``python -c "import typer, rich.console"`` (the floor of any Typer + Rich
   program) and a check that ``import newsdiff.cli`` imports no Textual.
2. Two long articles (K KB each, default 500) made from the sample story:
   sentences drawn at random with a few words replaced in each, so the pair
   has near-copies and reordering like real coverage.  Reports
   wall time and peak memory of the whole process.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "src" / "newsdiff" / "seeds").glob("*.txt"))
NEWSDIFF = [sys.executable, "-m", "newsdiff"]


def timed_run(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def median_time(argv: list[str], runs: int) -> float:
    return statistics.median(timed_run(argv)[0] for _ in range(runs))


def long_article(size: int, seed: int) -> str:
    """An article of about ``size`` characters built from the sample story's sentences.

    Sentences are drawn at random and every one gets a few words replaced by
    other words of the story, so nearly every sentence is distinct, as in a
    real long article, while many still have close relatives on the other
    side (copies with edits, reordered).
    """
    rng = random.Random(seed)
    from newsdiff.sources import load_article

    sentences = [s.text.split() for path in SEEDS for s in load_article(str(path)).story_sentences]
    vocabulary = sorted({w for words in sentences for w in words})
    out, total = [], 0
    while total < size:
        words = list(rng.choice(sentences))
        for _ in range(rng.randint(1, 3)):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        line = " ".join(words)
        out.append(line)
        total += len(line) + 2
    return "\n\n".join(out)


def repeating_article(size: int, seed: int, distinct: int = 100) -> str:
    """An article of about ``size`` characters whose sentences repeat: drawn at random from
    ``distinct`` of the sample story's sentences, as a live blog or a transcript repeats
    itself (each copy a full sentence, the copies in one paragraph)."""
    rng = random.Random(seed)
    from newsdiff.sources import load_article

    pool = [s.text for path in SEEDS for s in load_article(str(path)).story_sentences][:distinct]
    out, total = [], 0
    while total < size:
        out.append(rng.choice(pool))
        total += len(out[-1]) + 1
    return " ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size-kb", type=int, default=500)
    args = parser.parse_args()

    pair = [str(SEEDS[0]), str(SEEDS[4])]
    floor = median_time([sys.executable, "-c", "import typer, rich.console"], args.runs)
    oneshot = median_time([*NEWSDIFF, "--color", "never", *pair], args.runs)
    as_json = median_time([*NEWSDIFF, "--format", "json", *pair], args.runs)
    textual = subprocess.run(
        [sys.executable, "-c", "import sys, newsdiff.cli; print('textual' in sys.modules)"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    print(f"one-shot text, sample pair:    {oneshot:.3f} s (median of {args.runs})")
    print(f"one-shot json, sample pair:    {as_json:.3f} s")
    print(f"typer + rich import floor:     {floor:.3f} s  (ratio {oneshot / floor:.2f})")
    print(f"import newsdiff.cli loads textual: {textual}")

    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for seed in (1, 2):
            path = Path(tmp) / f"long{seed}.txt"
            path.write_text(long_article(args.size_kb * 1000, seed), encoding="utf-8")
            paths.append(str(path))
        seconds, peak_kib = timed_run([*NEWSDIFF, "--format", "json", *paths])
    print(f"two {args.size_kb} KB articles:         {seconds:.2f} s, peak memory {peak_kib / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
