"""``python -m benchmarks --quick`` runs and prints every row (tiny sizes; no timing asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_command_prints_the_table() -> None:
    out = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--no-write"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120, check=True).stdout
    lines = [line for line in out.splitlines() if line.startswith("| ")]
    assert lines[0] == "| measurement | result | goal | met |"
    text = "\n".join(lines)
    for row in ["`newsdiff --no-cache A B`, sample pair", "`newsdiff A B` again, from the comparison cache",
                "import typer, rich.console", "newsdiff computed / Typer + Rich floor",
                "newsdiff from the cache / Typer + Rich floor", "newsdiff computed / `icdiff`",
                "newsdiff computed / `dwdiff -c`",
                "newsdiff computed / `git diff --no-index --word-diff`", "long pair, 2 KB",
                "long pair, 8 KB", "growth exponent of time, 2 KB → 8 KB (read, compare and draw",
                "pair of 8 KB each whose sentences repeat",
                "story view, 3 articles", "story view, 8 articles", "in one process",
                "reader, start → compare screen painted, sample story",
                "reader, start → story screen painted, 10-article story",
                "reader, reopening the 10-article story",
                "reader, `j` key sent → painted, story screen"]:
        assert row in text, row
