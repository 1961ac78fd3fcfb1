"""The command line end to end, through the real ingest and compare."""

import json
import subprocess
import sys

import pytest

from newsdiff import __version__
from newsdiff.cli import app
from newsdiff.resources import sample_story
from tests.cli.support import SEEDS, assert_one_line_error, run, runner

A, B = SEEDS[0], SEEDS[4]


# --- success paths -------------------------------------------------------------


@pytest.fixture(scope="module")
def json_out():
    result = run(A, B, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_follows_the_contract(json_out):
    assert json_out["schema"] == "newsdiff.comparison/1"
    assert [a["id"] for a in json_out["articles"]] == ["a", "b"]
    assert json_out["articles"][0]["path"] == A
    assert {"alignments", "unique", "boilerplate", "stats"} <= set(json_out)
    assert json_out["alignments"], "the two seeds share facts"


def test_json_only_filters_alignments(json_out):
    result = run(A, B, "-f", "json", "--only", "divergent")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert {al["kind"] for al in out["alignments"]} <= {"divergent"}
    assert out["unique"] == json_out["unique"] and out["boilerplate"] == json_out["boilerplate"]


def test_markdown():
    result = run(A, B, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.startswith("# newsdiff: ")
    assert "## Passages" in result.stdout and "## Summary" in result.stdout


@pytest.mark.parametrize("width, wide", [("160", True), ("80", False)])
def test_text_width(width, wide):
    result = run(A, B, "--color", "never", "--width", width)
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0]
    assert ("  B " in first) is wide  # B's headline beside A's, or below it
    assert max(map(len, result.stdout.splitlines())) <= int(width)


def test_text_is_default_format_and_plain_when_piped():
    result = run(A, B)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "[=]" in result.stdout and "Summary" in result.stdout


def test_color_always_uses_ansi_even_with_no_color_set():
    result = run(A, B, "--color", "always", env={"NO_COLOR": "1"})
    assert result.exit_code == 0 and "\x1b[" in result.stdout


@pytest.mark.parametrize(
    "args, env", [(["--color", "never"], {}), (["--color", "auto"], {"NO_COLOR": "1"})]
)
def test_no_colour(args, env):
    result = run(A, B, *args, env=env)
    assert result.exit_code == 0 and "\x1b" not in result.stdout and "[=]" in result.stdout


def test_auto_colour_honours_no_color(monkeypatch):
    from newsdiff import cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._use_color(cli.ColorMode.auto) is False
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm")
    assert cli._use_color(cli.ColorMode.auto) is True


def test_only_filters_text():
    result = run(A, B, "--only", "unique", "--width", "80")
    assert result.exit_code == 0
    body = result.stdout.split("Summary")[0].split("\u2500" * 10, 1)[1]
    assert "[-]" in body or "[+]" in body
    assert "[=]" not in body and "[!]" not in body and "[~]" not in body


def test_only_accepts_lists_and_repeats():
    result = run(A, B, "--only", "shared,Divergent", "--only", "boilerplate", "-f", "markdown")
    assert result.exit_code == 0


def test_stdin():
    with open(A, "rb") as f:
        result = runner.invoke(app, ["-", B, "-f", "json"], input=f.read())
    assert result.exit_code == 0
    assert json.loads(result.stdout)["articles"][0]["path"] == "<stdin>"


def test_no_files_outside_a_terminal_compares_the_sample_story():
    result = run("--color", "never")
    assert result.exit_code == 0
    assert "not a terminal" in result.stderr and len(result.stderr.splitlines()) == 1
    assert "Summary" in result.stdout


def test_no_files_in_a_terminal_opens_the_reader_on_the_sample_story(monkeypatch):
    from newsdiff.tui.app import NewsdiffApp

    opened = []
    monkeypatch.setattr("newsdiff.cli._interactive", lambda: True)
    monkeypatch.setattr(NewsdiffApp, "run", lambda self: opened.append(self.paths))
    result = run()
    assert result.exit_code == 0 and result.stdout == ""
    assert opened == [sample_story()]


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout == f"newsdiff {__version__}\n"


def test_help_shows_panels():
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    for panel in ("Output", "Filtering", "Display", "--format", "--only", "--color", "--width"):
        assert panel in result.stdout


# --- trouble: exit 2, one line on stderr ---------------------------------------


def test_missing_file(tmp_path):
    assert_one_line_error(run(str(tmp_path / "nope.txt"), B), "nope.txt", "no such file")


def test_directory(tmp_path):
    assert_one_line_error(run(str(tmp_path), B), "directory")


def test_binary_file(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    assert_one_line_error(run(str(path), B), "x.bin", "binary")


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  "])
def test_empty_or_whitespace_file(tmp_path, content):
    path = tmp_path / "e.txt"
    path.write_bytes(content)
    assert_one_line_error(run(A, str(path)), "e.txt")


def test_empty_stdin():
    assert_one_line_error(runner.invoke(app, ["-", B], input=b""), "stdin")


def test_two_stdin():
    assert_one_line_error(run("-", "-"), "standard input")


def test_one_file():
    assert_one_line_error(run(A), "two files")


def test_control_characters_in_file_name_are_shown_escaped(tmp_path):
    result = run(str(tmp_path / "evil\x1b[2J.txt"), B)
    assert_one_line_error(result, "no such file")
    assert "\x1b" not in result.stderr


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--format", "xml"], "--format"),
        (["-f", "html"], "--format"),
        (["--only", "gossip"], "gossip"),
        (["--only", ","], "--only"),
        (["--color", "sometimes"], "--color"),
        (["--width", "abc"], "--width"),
        (["--width", "5"], "--width"),
        (["--bogus"], "--bogus"),
    ],
)
def test_bad_option_values(args, fragment):
    assert_one_line_error(run(A, B, *args), fragment)


# --- start-up ------------------------------------------------------------------


def test_cli_does_not_import_textual_or_rich():
    code = (
        "import newsdiff.cli, sys; "
        "assert 'textual' not in sys.modules; "
        "assert 'rich' not in sys.modules, 'rich is imported lazily'; "
        "assert 'trafilatura' not in sys.modules, 'only web pages need it'; "
        "assert 'urllib.request' not in sys.modules, 'only web addresses need it'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_one_shot_comparison_loads_only_what_it_needs():
    """The whole one-shot path, not only the import: no reader, no web-page extraction, no
    worker pool for a small pair, none of Rich's table machinery."""
    heavy = ["textual", "trafilatura", "urllib.request", "concurrent.futures", "rich.table",
             "rich.columns"]
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['newsdiff', {A!r}, {B!r}]\n"
        "try:\n    runpy.run_module('newsdiff', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        f"print([m for m in {heavy!r} if m in sys.modules], file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True)
    assert "Summary" in done.stdout
    assert done.stderr.strip() == "[]"


def test_python_dash_m_and_exit_status():
    done = subprocess.run(
        [sys.executable, "-m", "newsdiff", "--only", "nonsense", A, B],
        check=False, capture_output=True, text=True,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def _broken_engine(monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr("newsdiff.engine.cached.cached_compare", broken)


def test_an_internal_error_is_one_line_that_asks_for_a_report(monkeypatch):
    _broken_engine(monkeypatch)
    result = run("--no-cache", SEEDS[0], SEEDS[1], env={"NEWSDIFF_TRACEBACK": ""})
    assert_one_line_error(result, "internal error", "ZeroDivisionError", "report",
                          "NEWSDIFF_TRACEBACK=1")


def test_the_traceback_of_an_internal_error_is_there_on_request(monkeypatch):
    _broken_engine(monkeypatch)
    result = run("--no-cache", SEEDS[0], SEEDS[1], env={"NEWSDIFF_TRACEBACK": "1"})
    assert result.exit_code == 2
    assert "Traceback" in result.stderr and "ZeroDivisionError" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("newsdiff: internal error")


def test_an_end_of_input_that_typer_turns_into_an_abort_is_one_line(monkeypatch):
    def ends(*args, **kwargs):
        raise EOFError
    monkeypatch.setattr("newsdiff.engine.cached.cached_compare", ends)
    result = run("--no-cache", SEEDS[0], SEEDS[1])
    # Typer ends the line an interrupted prompt was on, then newsdiff says why
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if line] == ["newsdiff: aborted"]
