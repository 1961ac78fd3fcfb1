"""Fuzz every property of tests/test_fuzz.py for minutes: ingest, output, the command line.

The properties: bytes decoded, text segmented and parsed, ``visible()``, any file
(text, Markdown, a web page with any declared charset) loaded, comparisons and
stories with hostile names and text rendered in every format, Markdown that must
show any text as written and link nothing, and the command line with hostile file
names, widths and output encodings.  The test suite runs each a few dozen or
hundred seeded times so that it stays fast; this runs them over and over, unseeded,
until the time is up, so that rarer inputs are reached.  Run from the repository
root::

    .venv/bin/python scripts/fuzz.py                # 3 minutes
    .venv/bin/python scripts/fuzz.py --minutes 10

It prints, per property, how many examples ran and the failures found (the
shrunk input of each), and exits 1 if there was any failure.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests package

from tests.test_fuzz import CASES as PROPERTIES  # the properties live with their tests

# One hypothesis run per property per round: long enough to search, short enough to cycle
# (a slow property's round, the command line's, takes some seconds).
ROUND_EXAMPLES = 500


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0, help="how long to run (default 3)")
    args = parser.parse_args()
    examples: Counter[str] = Counter()
    failures: dict[str, list[str]] = {name: [] for name in PROPERTIES}
    started = time.monotonic()
    deadline = started + args.minutes * 60
    while time.monotonic() < deadline:
        for name, (strategy, check) in PROPERTIES.items():
            if time.monotonic() >= deadline:
                break
            _round(name, strategy, check, examples, failures)
    _report(time.monotonic() - started, examples, failures)
    return 1 if any(failures.values()) else 0


def _round(name, strategy, check, examples: Counter[str], failures: dict[str, list[str]]):
    """One hypothesis run of ``check``; counts examples and keeps the failure, if any.

    No example database, so each round explores afresh instead of replaying the last.
    """

    @settings(max_examples=ROUND_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value):
        examples[name] += 1
        check(value)

    try:
        run()
    except Exception as exc:  # noqa: BLE001  (any error is a finding to report)
        notes = " | ".join(getattr(exc, "__notes__", []))  # hypothesis puts the input here
        failures[name].append(f"{type(exc).__name__}: {exc} {notes}"[:2000])


def _report(seconds: float, examples: Counter[str], failures: dict[str, list[str]]) -> None:
    """Examples and failures per property, then the totals."""
    for name in PROPERTIES:
        print(f"{name:10} {examples[name]:>9,} examples  {len(failures[name])} failures")
        for failure in failures[name]:
            print(f"    {failure}")
    total = sum(examples.values())
    found = sum(map(len, failures.values()))
    print(f"{seconds:.0f} s, {total:,} examples, {found} failures")


if __name__ == "__main__":
    sys.exit(main())
