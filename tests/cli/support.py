"""What the command-line tests share: the sample story's paths and a way to run newsdiff."""

from __future__ import annotations

from typer.testing import CliRunner

from newsdiff.cli import app
from newsdiff.resources import sample_story

SEEDS = [str(p) for p in sample_story()]
runner = CliRunner()


def run(*args, input=None, env=None):
    return runner.invoke(app, list(args), input=input, env=env)


def assert_one_line_error(result, *fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("newsdiff: ") and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def at_a_terminal(monkeypatch):
    """Make newsdiff see a terminal on standard input and output (the reader needs one;
    Typer's runner gives it neither)."""
    monkeypatch.setattr("newsdiff.cli._not_terminals", list)
