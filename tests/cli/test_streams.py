"""Standard streams that are closed, full, cut short or cannot encode, and widths out of range.

Each is trouble of the machine, not of newsdiff, and ends as one line on stderr
with exit status 2 (or as the output, escaped where the encoding lacks a
character), never as a traceback.  The stream cases run newsdiff in a real
process: only there are the descriptors real.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdiff.cli import MAX_WIDTH, MIN_WIDTH, app
from tests.cli.support import SEEDS, assert_one_line_error, run
from tests.locations import FIXTURES

PLAIN = str(FIXTURES / "hostile" / "plain.txt")
ZERO_WIDTH = str(FIXTURES / "hostile" / "zero_width.txt")


def newsdiff(*args: str, shell: str = "", **kwargs) -> subprocess.CompletedProcess:
    """``python -m newsdiff ARGS`` in a shell, with ``shell`` redirections after it."""
    command = f'exec "$0" -m newsdiff "$@" {shell}'
    return subprocess.run(["sh", "-c", command, sys.executable, *args], check=False,
                          capture_output="stdout" not in kwargs, **kwargs)


def one_line(stderr: bytes | str, *fragments: str) -> None:
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    assert text.count("\n") == 1 and text.startswith("newsdiff: "), text
    assert "Traceback" not in text and "Exception ignored" not in text
    for fragment in fragments:
        assert fragment in text, text


# --- standard input -------------------------------------------------------------------


def test_closed_standard_input_is_one_line():
    done = newsdiff("-", PLAIN, shell="<&-")
    assert done.returncode == 2 and done.stdout == b""
    one_line(done.stderr, "cannot read '<stdin>': standard input is closed")


def test_standard_input_open_only_for_writing_is_one_line():
    done = newsdiff("-", PLAIN, shell="0>/dev/null")
    assert done.returncode == 2
    one_line(done.stderr, "cannot read '<stdin>': bad file descriptor")


def test_closed_standard_input_does_not_matter_without_dash():
    done = newsdiff(PLAIN, ZERO_WIDTH, "-f", "json", shell="<&-")
    assert done.returncode == 0 and json.loads(done.stdout)["articles"][0]["path"] == PLAIN


# --- standard output ------------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize("args", [["-f", "json"], ["-f", "markdown"], [], ["--version"]])
def test_a_full_disk_is_one_line(args):
    with open("/dev/full", "w") as full:
        done = newsdiff(*args, PLAIN, ZERO_WIDTH, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    one_line(done.stderr, "cannot write to standard output: no space left on device")


def test_closed_standard_output_is_one_line():
    done = newsdiff(PLAIN, ZERO_WIDTH, shell=">&-")
    assert done.returncode == 2
    one_line(done.stderr, "cannot write to standard output: it is closed")


def test_closed_standard_output_and_error_fail_silently():
    done = newsdiff(PLAIN, ZERO_WIDTH, shell=">&- 2>&-")
    assert done.returncode == 2 and done.stdout == done.stderr == b""


def test_a_reader_that_stops_early_is_no_trouble():
    """``newsdiff a b | head``: the pipe is closed before newsdiff writes; it stops quietly
    with status 0, since the reader has what it asked for."""
    process = subprocess.Popen(
        [sys.executable, "-m", "newsdiff", "-f", "json", PLAIN, ZERO_WIDTH],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait() == 0 and stderr == b""


# --- encodings ------------------------------------------------------------------------


@pytest.fixture
def accented(tmp_path) -> str:
    path = tmp_path / "accented.txt"
    path.write_text("Caf\u00e9 \u201cvote\u201d \u2014 na\u00efve \U0001f600\n\n"
                    "The city council approved the budget on Monday, officials said.\n",
                    encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("charset", ["ascii", "latin-1", "cp1252", "utf-8"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_what_the_output_encoding_lacks_is_escaped(accented, charset, fmt):
    result = CliRunner(charset=charset).invoke(app, [accented, PLAIN, "-f", fmt])
    assert result.exit_code == 0, result.output
    expected = run(accented, PLAIN, "-f", fmt).stdout
    if fmt == "json":
        assert json.loads(result.stdout) == json.loads(expected)
    elif charset == "ascii":
        assert result.stdout.isascii() and "Caf\\xe9" in result.stdout
        assert "\\U0001f600" in result.stdout
    else:
        assert result.stdout == expected.encode(charset, "backslashreplace").decode(charset)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_the_story_views_escape_what_the_output_encoding_lacks(accented, fmt):
    args = [accented, PLAIN, SEEDS[0], "-f", fmt, "--color", "never", "--width", "100"]
    result = CliRunner(charset="ascii").invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.isascii()
    expected = run(*args).stdout
    if fmt == "json":
        assert json.loads(result.stdout) == json.loads(expected)
    else:
        assert result.stdout == expected.encode("ascii", "backslashreplace").decode("ascii")
        assert "Caf\\xe9" in result.stdout


def test_ascii_standard_output_in_a_real_process(accented):
    done = newsdiff(accented, PLAIN, "-f", "json", env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0 and done.stdout.isascii()
    assert json.loads(done.stdout)["articles"][0]["title"].startswith("Caf\u00e9 \u201cvote")


# --- widths ---------------------------------------------------------------------------


@pytest.mark.parametrize("width", ["19", "1001", "-5", "100000000", "99999999999999999999999"])
def test_a_width_out_of_range_is_one_line(width):
    assert_one_line_error(run(PLAIN, PLAIN, "--width", width), "--width",
                          f"{MIN_WIDTH}<=x<={MAX_WIDTH}")


@pytest.mark.parametrize("width", [MIN_WIDTH, MAX_WIDTH])
def test_the_widths_at_the_bounds_are_laid_out(width):
    result = run(PLAIN, ZERO_WIDTH, "--width", str(width), "--color", "never")
    assert result.exit_code == 0 and "Summary" in result.stdout
    legend = result.stdout.split("\u2500")[0]  # what wraps (the summary table does not)
    assert max(map(len, legend.splitlines())) <= width


def test_help_gives_the_width_range():
    assert f"({MIN_WIDTH} to {MAX_WIDTH})" in run("--help").stdout


@pytest.mark.parametrize("columns, width", [("5", MIN_WIDTH), ("100000000", MAX_WIDTH)])
def test_the_terminal_width_is_held_to_the_same_range(columns, width):
    held = run(PLAIN, ZERO_WIDTH, "--color", "never", env={"COLUMNS": columns})
    assert held.exit_code == 0
    assert held.stdout == run(PLAIN, ZERO_WIDTH, "--color", "never", "--width", str(width)).stdout
