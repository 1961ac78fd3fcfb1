"""Outlet names from an ``outlets.toml`` on the command line: shown literally, refused in one
line when the file is broken (the names themselves: tests/sources/test_outlets.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from newsdiff.resources import sample_story
from newsdiff.sources.outlets import OUTLETS_FILE
from tests.cli.support import assert_one_line_error, run

HOSTILE = "[bold]Evil[/bold] [@click=app.quit]x"


def _pair(folder: Path, mapping: str) -> list[str]:
    """Two seeds copied into ``folder`` with ``mapping`` as their outlets.toml."""
    paths = [shutil.copy(p, folder / p.name) for p in sample_story()[:2]]
    (folder / OUTLETS_FILE).write_text(mapping, encoding="utf-8")
    return [str(p) for p in paths]


def test_a_mapped_name_with_markup_is_shown_as_written(tmp_path: Path) -> None:
    a, b = _pair(tmp_path, f'"{Path(sample_story()[0]).name}" = "{HOSTILE}"\n')
    text = run(a, b, "--color", "always", "--width", "120")
    assert text.exit_code == 0, text.output
    header = text.stdout.split("\n", 1)[0]
    assert HOSTILE in header and "\x1b[1mEvil" not in header, "shown, not read as markup"
    data = json.loads(run(a, b, "-f", "json").stdout)
    assert [x["outlet"] for x in data["articles"]] == [HOSTILE, Path(b).stem]


def test_a_broken_mapping_is_one_line_and_exit_2(tmp_path: Path) -> None:
    a, b = _pair(tmp_path, '"x.txt" = "Evil\\u001b[2J"\n')
    result = run(a, b)
    assert_one_line_error(result, f"cannot read '{tmp_path / OUTLETS_FILE}'",
                          r"the outlet of 'x.txt': contains a control character (\x1b)")
    assert "\x1b" not in result.stderr
