"""Hostile and malformed input, end to end through the CLI.

Every file in ``tests/fixtures/hostile/`` is compared against ``plain.txt`` and
checked against its entry in ``expected.toml``: terminal escapes, bidi and
zero-width characters are shown escaped (never raw) in text and Markdown, the
JSON keeps the text exactly, and unusable files exit 2 with one line naming
them.  Degenerate but valid input (one sentence, identical articles, a very
long line, a 5 MB article) must still give sensible output.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdiff.cli import app
from newsdiff.present.visible import visible
from newsdiff.sources import files
from tests.locations import FIXTURES

HOSTILE = FIXTURES / "hostile"
EXPECTED = tomllib.loads((HOSTILE / "expected.toml").read_text(encoding="utf-8"))
PLAIN = str(HOSTILE / "plain.txt")
VALID = sorted(name for name, case in EXPECTED.items() if case["exit"] == 0)
INVALID = sorted(name for name, case in EXPECTED.items() if case["exit"] == 2)
# C0 and C1 controls except tab and newline: none may reach a terminal from article text.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def fixture(name: str) -> str:
    return str(HOSTILE / EXPECTED[name].get("file", f"{name}.txt"))


def assert_one_line_error(result, name: str, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("newsdiff: cannot read ") and name in lines[0]
    for fragment in fragments:
        assert fragment in lines[0]


def as_read(path: str) -> str:
    """The text newsdiff works on: the file's characters with line ends made ``\\n``."""
    return re.sub(r"\r\n?", "\n", Path(path).read_text(encoding="utf-8"))


def test_every_fixture_has_an_expected_outcome():
    named = {EXPECTED[name].get("file", f"{name}.txt") for name in EXPECTED}
    assert {p.name for p in HOSTILE.iterdir()} - named == {"plain.txt", "expected.toml"}


# --- hostile text -------------------------------------------------------------------


@pytest.mark.parametrize("name", VALID)
def test_text_shows_escapes_and_no_control_character(name):
    case = EXPECTED[name]
    result = run(fixture(name), PLAIN, "--color", "never", "--width", "200")
    assert result.exit_code == 0, result.output
    assert not CONTROL_RE.search(result.stdout)
    for shown in case["shows"]:
        assert shown in result.stdout
    for raw in case["raw"]:
        assert raw not in result.stdout


@pytest.mark.parametrize("name", VALID)
def test_colour_output_carries_no_escape_from_the_article(name):
    result = run(fixture(name), PLAIN, "--color", "always")
    assert result.exit_code == 0, result.output
    for raw in EXPECTED[name]["raw"]:
        assert raw not in result.stdout


@pytest.mark.parametrize("name", VALID)
def test_json_keeps_the_text_exactly(name):
    result = run(fixture(name), PLAIN, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["articles"][0]["text"] == as_read(fixture(name))


@pytest.mark.parametrize("name", VALID)
def test_markdown_escapes_the_text(name):
    case = EXPECTED[name]
    result = run(fixture(name), PLAIN, "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert not CONTROL_RE.search(result.stdout)
    for raw in case["raw"] + case.get("markdown_raw", []):
        assert raw not in result.stdout
    for shown in case.get("markdown_shows", []):
        assert shown in result.stdout


@pytest.mark.parametrize("name", VALID)
def test_markdown_links_nothing_when_rendered(name):
    """markdown-it with GitHub's tables and the linkify rule (which links bare URLs,
    domains and addresses) finds no link, image or HTML of the article's in the report."""
    pytest.importorskip("linkify_it")
    from markdown_it import MarkdownIt

    html = MarkdownIt("gfm-like").render(run(fixture(name), PLAIN, "--format", "markdown").stdout)
    assert "<a " not in html and "<img" not in html and "<script" not in html


def test_a_line_break_in_a_file_name_is_spelled_out(tmp_path):
    named = tmp_path / "two\nlines.txt"
    named.write_text(Path(PLAIN).read_text())
    text = run(str(named), PLAIN, "--color", "never", "--width", "200").stdout
    assert "two\\x0alines.txt" in text and "\nlines.txt" not in text
    markdown = run(str(named), PLAIN, "--format", "markdown").stdout
    assert "- File: " in markdown and "two\\\\x0alines.txt" in markdown
    assert json.loads(run(str(named), PLAIN, "--format", "json").stdout)["articles"][0]["path"] \
        == str(named)
    assert_one_line_error(run(str(tmp_path / "gone\nfile.txt"), PLAIN), "file.txt", "no such file")


def test_story_view_escapes_hostile_articles():
    names = ["csi_clear", "bidi_override", "zero_width"]
    paths = [fixture(name) for name in names]
    text = run(*paths, "--color", "never", "--width", "200")
    assert text.exit_code == 0, text.output
    assert not CONTROL_RE.search(text.stdout)
    for name in names:
        for raw in EXPECTED[name]["raw"]:
            assert raw not in text.stdout
    assert "\\x1b[2J" in text.stdout or "\\u202e" in text.stdout
    doc = json.loads(run(*paths, "--format", "json").stdout)
    assert [a["text"] for a in doc["articles"]] == [as_read(p) for p in paths]


@pytest.mark.parametrize("text, shown", [
    ("Ses\u200bsions", "Ses\\u200bsions"),
    ("A\u200dB", "A\\u200dB"),
    ("\u200dA", "\\u200dA"),
    ("line\rover", "line\\x0dover"),
    ("\U000e0068\U000e0069", "\\U000e0068\\U000e0069"),
    ("\u2067x\u2069 \u200f", "\\u2067x\\u2069 \\u200f"),
    ("\U0001f468\u200d\U0001f469", "\U0001f468\u200d\U0001f469"),  # an emoji sequence
    ("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", None),  # Persian "I want"
    ("tab\tand\nnewline", None),
])
def test_visible_spells_out_what_could_mislead(text, shown):
    assert visible(text) == (text if shown is None else shown)


# --- bad files ----------------------------------------------------------------------


@pytest.mark.parametrize("name", INVALID)
def test_unusable_fixture_is_one_line_error(name):
    result = run(fixture(name), PLAIN)
    assert_one_line_error(result, Path(fixture(name)).name, EXPECTED[name]["error"])


def test_missing_path(tmp_path):
    assert_one_line_error(run(str(tmp_path / "nope.txt"), PLAIN), "nope.txt", "no such file")


def test_directory_without_articles(tmp_path):
    result = run(str(tmp_path), PLAIN)
    assert_one_line_error(result, tmp_path.name, "directory")


def test_unreadable_file(tmp_path, monkeypatch):
    # Simulated: file permissions do not stop root, and CI often runs as root.  Both ways
    # of opening a file are guarded, whichever the reading uses.
    locked = tmp_path / "locked.txt"
    locked.write_text("Text nobody may read.")

    def guarded(real_open):
        def guarded_open(file, *args, **kwargs):
            if str(file) == str(locked):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)
        return guarded_open

    monkeypatch.setattr(builtins, "open", guarded(builtins.open))
    monkeypatch.setattr(os, "open", guarded(os.open))
    assert_one_line_error(run(str(locked), PLAIN), "locked.txt", "permission denied")


def test_file_over_the_size_cap(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("A sentence of news. " * 100)
    result = run(str(big), PLAIN, env={"NEWSDIFF_MAX_BYTES": "1000"})
    assert_one_line_error(result, "big.txt", "larger than 1000 bytes", "NEWSDIFF_MAX_BYTES")
    assert run(str(big), PLAIN, env={"NEWSDIFF_MAX_BYTES": "2000"}).exit_code == 0


def test_stdin_over_the_size_cap():
    result = runner.invoke(app, ["-", PLAIN], input="x" * 50, env={"NEWSDIFF_MAX_BYTES": "49"})
    assert_one_line_error(result, "<stdin>", "larger than 49 bytes")


def test_default_cap_is_20_mb_and_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSDIFF_MAX_BYTES", raising=False)
    assert files.max_bytes() == 20 * 1024 * 1024
    sparse = tmp_path / "sparse.txt"
    with sparse.open("wb") as handle:  # 21 MB on paper, nothing on disk
        handle.truncate(21 * 1024 * 1024)
    result = run(str(sparse), PLAIN)
    assert_one_line_error(result, "sparse.txt", "larger than 20 MB")


@pytest.mark.parametrize("value", ["abc", "0", "-5", "1e6", "²"])
def test_bad_size_cap_setting_is_one_line_error(value):
    result = run(PLAIN, PLAIN, env={"NEWSDIFF_MAX_BYTES": value})
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "NEWSDIFF_MAX_BYTES" in result.stderr


# --- degenerate but valid -----------------------------------------------------------


def summary_json(*paths: str) -> dict:
    result = run(*paths, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_one_sentence_against_itself_is_one_shared_pair():
    path = fixture("one_sentence")
    doc = summary_json(path, path)
    assert [al["kind"] for al in doc["alignments"]] == ["shared"]
    assert doc["unique"] == {"a": [], "b": []}


@pytest.mark.parametrize("same_file", [True, False])
def test_identical_articles_share_every_sentence(tmp_path, same_file):
    copy = tmp_path / "copy.txt"
    copy.write_text(Path(PLAIN).read_text())
    doc = summary_json(PLAIN, PLAIN if same_file else str(copy))
    assert {al["kind"] for al in doc["alignments"]} == {"shared"}
    assert doc["unique"] == {"a": [], "b": []}
    assert all(al["diff"] == [] or all(op == "=" for op, _ in al["diff"])
               for al in doc["alignments"])


def test_articles_with_nothing_in_common_are_all_unique():
    doc = summary_json(fixture("unrelated"), PLAIN)
    assert doc["alignments"] == []
    assert doc["unique"]["a"] and doc["unique"]["b"]


def test_a_100000_character_line(tmp_path):
    line = tmp_path / "long_line.txt"
    line.write_text(("council vote budget " * 5000)[:100_000] + "\n")
    result = run(str(line), PLAIN, "--color", "never")
    assert result.exit_code == 0, result.output
    doc = summary_json(str(line), PLAIN)
    assert len(doc["articles"][0]["text"]) == 100_001


def test_a_5_mb_article(tmp_path):
    words = "the council mayor vote budget police report school river bridge tax".split()
    sentences = [" ".join(words[(i + k) % len(words)] for k in range(9)).capitalize() + f" {i}."
                 for i in range(2000)]
    paragraph = "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, 2000, 4))
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join([paragraph] * (5_000_000 // len(paragraph) + 1)))
    assert big.stat().st_size > 5_000_000
    doc = summary_json(str(big), PLAIN)
    assert len(doc["articles"][0]["sentences"]) > 50_000
