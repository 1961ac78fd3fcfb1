"""``--exit-code``: 1 when the comparison finds a divergence, 0 when not, 2 on trouble.

What counts is read off the JSON of the same comparison (a divergent alignment, or in
the story view a divergence), so the tests hold the status to what the engine found;
each case also says which way it goes, so both statuses are seen.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.cli.support import SEEDS, assert_one_line_error, run

AGREEING = (SEEDS[0], SEEDS[1])  # no divergent pair
DIVERGING = (SEEDS[0], SEEDS[2])  # a divergent pair
STORY_DIVERGING = tuple(SEEDS)
#: Three tellings of one fact that agree on every detail (every three of the sample
#: story's outlets hold a pair that diverges, which the story view names).
AGREEING_TEXTS = (
    "The council approved the new library budget on Monday.\n",
    "On Monday the city council approved the new library budget, officials said.\n",
    "The new library budget was approved by the council on Monday.\n",
)


@pytest.fixture(scope="module")
def story_agreeing(tmp_path_factory) -> tuple[str, ...]:
    folder = tmp_path_factory.mktemp("agreeing")
    for n, text in enumerate(AGREEING_TEXTS):
        (folder / f"outlet{n}.txt").write_text(text, encoding="utf-8")
    return tuple(str(folder / f"outlet{n}.txt") for n in range(len(AGREEING_TEXTS)))


def diverges(files) -> bool:
    """Whether the JSON of ``files``' comparison holds a divergence."""
    out = json.loads(run(*files, "-f", "json").stdout)
    if out["schema"].startswith("newsdiff.story/"):
        return bool(out["divergences"])
    return any(al["kind"] == "divergent" for al in out["alignments"])


@pytest.mark.parametrize(("case", "expected"), [
    ("pair", False), ("diverging pair", True), ("story", False), ("diverging story", True),
])
def test_exit_code_says_whether_the_comparison_found_a_divergence(case, expected,
                                                                  story_agreeing):
    files = {"pair": AGREEING, "diverging pair": DIVERGING, "story": story_agreeing,
             "diverging story": STORY_DIVERGING}[case]
    assert diverges(files) is expected
    result = run("--exit-code", *files, "--width", "100")
    assert result.exit_code == (1 if expected else 0), result.output
    assert "Summary" in result.stdout or result.stdout.startswith("Story:")  # printed as usual
    assert run(*files).exit_code == 0  # without the option: 0 either way


@pytest.mark.parametrize("args", [
    ["--only", "shared"], ["--only", "unique"], ["-f", "json", "--only", "paraphrase"],
    ["-f", "markdown"],
])
def test_what_is_shown_does_not_change_the_answer(args):
    assert run("--exit-code", *DIVERGING, *args).exit_code == 1
    assert run("--exit-code", *AGREEING, *args).exit_code == 0


def test_trouble_is_still_2():
    assert_one_line_error(run("--exit-code", SEEDS[0], "nope.txt"), "nope.txt")


def test_a_real_process_exits_with_1():
    done = subprocess.run([sys.executable, "-m", "newsdiff", "--exit-code", *DIVERGING],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 1 and done.stderr == "" and "Summary" in done.stdout


def test_a_reader_that_stops_early_does_not_change_the_answer():
    """``newsdiff --exit-code A B | true``: the reader is gone before the output is
    written (``true`` reads nothing), which is no trouble, and the status still says what
    the comparison found."""
    script = (f"{sys.executable} -m newsdiff --exit-code {DIVERGING[0]} {DIVERGING[1]} "
              '| true; echo "${PIPESTATUS[0]}"')
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True,
                          timeout=120)
    assert done.stdout == "1\n" and done.stderr == ""
