"""The engine's output on the sample story, frozen: a change to it must be meant.

``tests/golden/`` holds what ``newsdiff --format json`` prints for all 20
ordered pairs of the sample story and for its story view, and what
``--format text --color never --width 160`` prints for three pairs.  A
refactoring must leave every byte of them as it is (the ``version`` field
aside); a change of judgement rewrites them on purpose, with the diff in the
commit for a reviewer to read:

    .venv/bin/python tests/test_golden.py --write
"""

from __future__ import annotations

import json
import os
import sys
from itertools import permutations
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdiff.cli import app
from newsdiff.resources import package_dir, sample_story

GOLDEN = Path(__file__).parent / "golden"
SEEDS = [f"seeds/{p.name}" for p in sample_story()]
PAIRS = list(permutations(range(len(SEEDS)), 2))
TEXT_PAIRS = [(0, 4), (1, 3), (2, 0)]


def cases() -> dict[str, list[str]]:
    """Golden file name -> the command-line arguments that print it."""
    out = {f"pair-{i}{j}.json": ["-f", "json", SEEDS[i], SEEDS[j]] for i, j in PAIRS}
    out["story.json"] = ["-f", "json", "seeds/"]
    out |= {f"pair-{i}{j}.txt": ["--color", "never", "--width", "160", SEEDS[i], SEEDS[j]]
            for i, j in TEXT_PAIRS}
    return out


def produce(args: list[str]) -> str:
    """What ``newsdiff ARGS`` prints, computed afresh, run from beside the sample story
    so that its paths read ``seeds/…`` wherever the package is installed."""
    cwd = os.getcwd()
    os.chdir(package_dir("seeds").parent)
    try:
        result = CliRunner().invoke(app, ["--no-cache", *args])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    return result.stdout


def without_version(output: str, name: str) -> str:
    """The output with its ``version`` field blanked (a release number, not a result)."""
    if not name.endswith(".json"):
        return output
    data = json.loads(output)
    data["version"] = None
    return json.dumps(data, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("name", sorted(cases()))
def test_output_is_unchanged(name: str) -> None:
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    produced = produce(cases()[name])
    assert without_version(produced, name) == without_version(expected, name), (
        f"{name} changed; if that is meant, rewrite it: python tests/test_golden.py --write")


def test_every_ordered_pair_is_covered() -> None:
    assert len(SEEDS) == 5 and len(PAIRS) == 20
    assert {p.name for p in GOLDEN.iterdir()} == set(cases())


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(__doc__)
    os.environ["NEWSDIFF_NO_CACHE"] = "1"
    GOLDEN.mkdir(exist_ok=True)
    for name, args in cases().items():
        (GOLDEN / name).write_text(produce(args), encoding="utf-8")
    print(f"wrote {len(cases())} files to {GOLDEN}")
