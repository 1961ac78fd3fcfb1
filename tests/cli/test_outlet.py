"""``--outlet NAME``, one per FILE in order: the user's name for each article's outlet,
over whatever the article, an ``outlets.toml`` or a guess would give."""

from __future__ import annotations

import json
import shutil

import pytest

from newsdiff.sources import load_article
from tests.cli.support import SEEDS, assert_one_line_error, run

A, B, C = SEEDS[:3]


def outlets(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [a["outlet"] for a in json.loads(result.stdout)["articles"]]


def test_each_file_gets_its_outlet_in_order():
    result = run("--outlet", "The Post", A, "--outlet", "[bold]Wire[/bold]", B, "-f", "json")
    assert outlets(result) == ["The Post", "[bold]Wire[/bold]"]


def test_the_name_wins_over_the_outlets_file_beside_the_article():
    """The sample story names its outlets in an outlets.toml; --outlet still wins."""
    own = [load_article(p).outlet for p in (A, B)]
    assert all(own) and "Mine" not in own
    assert outlets(run(A, B, "--outlet", "Mine", "--outlet", "Theirs", "-f", "json")) == [
        "Mine", "Theirs"]
    assert outlets(run(A, B, "-f", "json")) == own  # and without it, the article's own


def test_names_in_the_story_view_and_the_text_header():
    result = run(A, B, C, *(f"--outlet=Outlet {n}" for n in "XYZ"), "--width", "100")
    assert result.exit_code == 0, result.output
    for label, name in zip("ABC", ("Outlet X", "Outlet Y", "Outlet Z"), strict=True):
        assert any(line.startswith(f"{label} {name} \u2014 ") for line in
                   result.stdout.splitlines())
    pair = run(A, B, "--outlet", "Outlet X", "--outlet", "Outlet Y", "--width", "100").stdout
    assert "A Outlet X \u2014 " in pair and "A Outlet X" in pair.split("Summary")[1]


def test_standard_input_takes_a_name_too():
    with open(A, "rb") as f:
        result = run("-", B, "--outlet", "Piped", "--outlet", "Filed", "-f", "json",
                     input=f.read())
    assert outlets(result) == ["Piped", "Filed"]


def test_a_cached_comparison_shows_the_names_of_this_run():
    assert outlets(run(A, B, "--outlet", "First", "--outlet", "Run", "-f", "json")) == [
        "First", "Run"]
    assert outlets(run(A, B, "--outlet", "Second", "--outlet", "Run", "-f", "json")) == [
        "Second", "Run"]


@pytest.mark.parametrize(("names", "files", "fragment"), [
    (["One"], [A, B], "1 given for 2 FILE arguments"),
    (["One", "Two", "Three"], [A, B], "3 given for 2 FILE arguments"),
    (["One"], [], "1 given for 0 FILE arguments"),
])
def test_not_one_name_per_file_is_a_usage_error(names, files, fragment):
    args = [arg for name in names for arg in ("--outlet", name)]
    assert_one_line_error(run(*args, *files), "'--outlet'", fragment)


def test_a_folder_takes_its_names_from_an_outlets_file_not_the_option(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    for seed in (A, B, C):
        shutil.copy(seed, folder)
    assert_one_line_error(run("--outlet", "X", str(folder)), "'--outlet'", "is a folder",
                          "outlets.toml")


@pytest.mark.parametrize("name", ["", "   ", "bad\x1b[2Jname"])
def test_an_unusable_name_is_one_line(name):
    result = run(A, B, "--outlet", name, "--outlet", "Fine")
    assert_one_line_error(result, "outlet")
    assert "\x1b" not in result.stderr
