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
    for row in ["`newsdiff A B`, sample pair", "import typer, rich.console",
                "newsdiff / Typer + Rich floor", "newsdiff / `icdiff`", "newsdiff / `dwdiff -c`",
                "newsdiff / `git diff --no-index --word-diff`", "long pair, 2 KB", "long pair, 8 KB",
                "growth exponent", "story view, 3 articles", "story view, 8 articles",
                "reader, start → compare screen painted", "reader, `j` key sent → painted"]:
        assert row in text, row
