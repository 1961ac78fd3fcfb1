"""``newsdiff`` as a command group: the comparison by default, ``read`` and ``review`` by name.

The help lists the commands and their usage lines; files named like a command are
still compared; ``newsdiff read`` opens the reader on paths or the sample story, and
refuses what the comparison refuses, and a pipe, in one line.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff.resources import sample_story
from tests.cli.support import SEEDS, assert_one_line_error, at_a_terminal, run

A, B = SEEDS[0], SEEDS[4]


def usage(*args: str) -> list[str]:
    """The usage lines of ``newsdiff ARGS --help``, as printed."""
    result = run(*args, "--help", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return [line.strip() for line in result.stdout.splitlines()
            if line.strip().startswith(("Usage:", "or:"))]


@pytest.fixture
def opened(monkeypatch) -> list[list]:
    """The paths each reader was opened on (the reader itself is not run), at a terminal."""
    from newsdiff.tui.app import NewsdiffApp

    paths: list[list] = []
    monkeypatch.setattr(NewsdiffApp, "run", lambda self: paths.append(self.paths))
    at_a_terminal(monkeypatch)
    return paths


# --- the group and its help ------------------------------------------------------


def test_help_lists_the_commands_with_their_descriptions():
    out = run("--help", env={"COLUMNS": "100"}).stdout
    commands = out.split("Commands", 1)[1]
    assert re.search(r"│ read +Open the reader on articles, folders or the sample story", commands)
    assert re.search(r"│ review +List and export the review sessions", commands)
    assert "--format" in out.split("Commands", 1)[0]  # the comparison's options, same page


@pytest.mark.parametrize(("args", "lines"), [
    ((), ["Usage: newsdiff [OPTIONS] [FILE...]", "or: newsdiff COMMAND [ARGS]..."]),
    (("read",), ["Usage: newsdiff read [OPTIONS] [PATH...]"]),
    (("review",), ["Usage: newsdiff review [OPTIONS] COMMAND [ARGS]..."]),
    (("review", "export"), ["Usage: newsdiff review export [OPTIONS] [SESSION]"]),
    (("review", "list"), ["Usage: newsdiff review list [OPTIONS]"]),
])
def test_usage_lines_show_repeatable_arguments_as_such(args, lines):
    assert usage(*args) == lines


def test_files_named_like_commands_are_compared(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(A, "read")
    shutil.copy(B, "review")
    for args in (["./read", "./review", "-f", "json"], ["-f", "json", "read", "review"],
                 ["-f", "json", "--", "read", "review"], ["./review", "read", "-f", "json"]):
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
        files = [arg for arg in args if Path(arg).name in ("read", "review")]
        assert [a["path"] for a in json.loads(result.stdout)["articles"]] == files


def test_options_may_follow_the_files():
    result = run(A, B, "--format", "json", "--only", "shared")
    assert result.exit_code == 0, result.output
    assert {al["kind"] for al in json.loads(result.stdout)["alignments"]} <= {"shared"}


def test_an_unknown_option_of_a_command_is_one_line():
    assert_one_line_error(run("read", "--bogus"), "--bogus")


def test_main_runs_the_group(monkeypatch, capsys):
    from newsdiff import cli

    monkeypatch.setattr(cli.sys, "argv", ["newsdiff", "read", "nope.txt"])
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code == 2
    assert capsys.readouterr().err == "newsdiff: cannot read 'nope.txt': no such file or folder\n"


# --- newsdiff read ------------------------------------------------------------------


def test_read_opens_the_reader_on_files_and_folders(opened):
    result = run("read", SEEDS[0], str(Path(SEEDS[0]).parent))
    assert result.exit_code == 0, result.output
    assert opened == [[Path(SEEDS[0]), *map(Path, SEEDS)]]


@pytest.mark.parametrize("args", [(), ("--db", "reviews.sqlite3")])
def test_read_without_a_path_opens_the_sample_story(opened, args):
    result = run("read", *args)
    assert result.exit_code == 0, result.output
    assert opened == [sample_story()]


@pytest.mark.parametrize("content", [None, "notes.csv"])
def test_read_refuses_a_folder_without_articles_as_the_comparison_does(tmp_path, opened,
                                                                       content):
    folder = tmp_path / "empty"
    folder.mkdir()
    if content:
        (folder / content).write_text("a,b\n")
    read = run("read", str(folder))
    assert_one_line_error(read, "empty", "no article files")
    assert read.stderr == run(str(folder), A).stderr
    assert opened == []


def test_read_with_a_missing_path_is_a_one_line_error(opened):
    result = run("read", SEEDS[0], "nope.txt")
    assert_one_line_error(result)
    assert result.stderr == "newsdiff: cannot read 'nope.txt': no such file or folder\n"
    assert opened == []


def test_read_outside_a_terminal_says_so():
    result = run("read", SEEDS[0])  # Typer's runner: neither stream is a terminal
    assert_one_line_error(result, "read needs a terminal", "standard input and output",
                          "newsdiff A B")


def _read_with(stdin) -> subprocess.CompletedProcess:
    """``newsdiff read`` in a real process whose standard output is a pipe; it reports on
    stderr, after its own, whether Textual was imported."""
    code = ("import runpy, sys\n"
            "sys.argv = ['newsdiff', 'read']\n"
            "try:\n    runpy.run_module('newsdiff', run_name='__main__')\n"
            "except SystemExit as e:\n"
            "    print('exit', e.code, 'textual' in sys.modules, file=sys.stderr)\n")
    return subprocess.run([sys.executable, "-c", code], stdin=stdin, capture_output=True,
                          text=True, timeout=60, check=False)


def test_read_into_a_pipe_stops_before_importing_textual():
    reader, terminal = pty.openpty()  # standard input is a terminal, standard output a pipe
    try:
        done = _read_with(terminal)
    finally:
        os.close(reader)
        os.close(terminal)
    message, status = done.stderr.splitlines()
    assert message == ("newsdiff: read needs a terminal, and standard output is not one; "
                       "use 'newsdiff A B' for a one-shot comparison")
    assert status == "exit 2 False" and done.stdout == ""


def test_read_from_a_pipe_is_refused_too():
    done = _read_with(subprocess.PIPE)
    message, status = done.stderr.splitlines()
    assert message == ("newsdiff: read needs a terminal, and standard input and output are not "
                       "terminals; use 'newsdiff A B' for a one-shot comparison")
    assert status == "exit 2 False"
