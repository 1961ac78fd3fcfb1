"""The one entry point, :mod:`newsdiff.sources`: an article from a file, standard input or an
address, folders expanded to their article files, and what counts as an address."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from newsdiff.sources import expand_paths, folder_articles, is_url, load_article
from newsdiff.values.errors import InputError

TEXT = b"Headline\nBody text.\n"


def test_load_article_from_stdin() -> None:
    data = b"\xef\xbb\xbfA Piped Headline\r\nBy Ann Other\r\nIt happened.\r\n"
    article = load_article("-", io.BytesIO(data))
    assert article.path == "<stdin>" and article.outlet == "stdin"
    assert article.text == "A Piped Headline\nBy Ann Other\nIt happened.\n"
    assert (article.title, article.byline) == ("A Piped Headline", "Ann Other")


def test_load_article_utf16_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_bytes(b"\xff\xfe" + "Headline\r\nBody text.".encode("utf-16-le"))
    article = load_article(str(path))
    assert article.text == "Headline\nBody text." and article.outlet == "wire"


def test_load_article_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    for name, reason in [("missing.txt", "no such file"), ("empty.txt", "it is empty")]:
        with pytest.raises(InputError) as info:
            load_article(str(tmp_path / name))
        assert str(info.value) == f"newsdiff: cannot read '{tmp_path / name}': {reason}"


@pytest.mark.parametrize("arg", ["story.txt", "-", "seeds/", "C:\\news\\a.txt", "notes:draft"])
def test_file_names_are_not_addresses(arg: str) -> None:
    assert not is_url(arg)


def test_addresses_are_addresses_and_other_schemes_refused() -> None:
    assert is_url("https://example.com/a")
    with pytest.raises(InputError, match="only http and https"):
        is_url("file:///etc/passwd")


def test_expand_paths_keeps_addresses_as_given(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    address = "http://127.0.0.1:9/x"  # recognised, never fetched
    assert expand_paths([address, tmp_path]) == [address, tmp_path / "a.txt"]


def test_expand_paths_keeps_files_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(TEXT)
    assert expand_paths([str(tmp_path / "b.txt"), "-"]) == [tmp_path / "b.txt", Path("-")]


def test_folder_reads_web_pages(tmp_path: Path) -> None:
    for name in ("a.html", "b.htm", "c.txt", "d.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.html", "b.htm", "c.txt"]


def test_folder_is_one_level_deep_sorted_and_case_blind(tmp_path: Path) -> None:
    for name in ("b.MD", "a.markdown", "notes.rst", "sub/c.txt"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(TEXT)
    assert [p.name for p in folder_articles(tmp_path)] == ["a.markdown", "b.MD"]


def test_unreadable_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        folder_articles(tmp_path / "gone")
    assert str(info.value) == (f"newsdiff: cannot read '{tmp_path / 'gone'}': "
                               "no such file or directory")


PIPE_REFUSAL = "a named pipe (FIFO), not a regular file ('-' reads standard input)"
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def _cli_refusal(args: list[str]) -> str:
    """The one line of a run of the command line that must exit 2 without output."""
    from typer.testing import CliRunner

    from newsdiff.cli import app

    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    return line


@needs_fifo
def test_a_named_pipe_in_a_story_folder_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """Listed like any article and refused by name when read: left out silently, the story
    would change without a word; opened plainly, it would wait for a writer forever."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(TEXT)
    os.mkfifo(tmp_path / "c.txt")
    assert [p.name for p in folder_articles(tmp_path)] == ["a.txt", "b.txt", "c.txt"]
    assert _cli_refusal([str(tmp_path)]) == (
        f"newsdiff: cannot read '{tmp_path / 'c.txt'}': {PIPE_REFUSAL}")


@needs_fifo
def test_a_named_pipe_given_as_an_article_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    os.mkfifo(tmp_path / "b.txt")
    assert _cli_refusal([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == (
        f"newsdiff: cannot read '{tmp_path / 'b.txt'}': {PIPE_REFUSAL}")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_given_as_an_article_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(TEXT)
    assert _cli_refusal([str(tmp_path / "a.txt"), "/dev/zero"]) == (
        "newsdiff: cannot read '/dev/zero': a character device, not a regular file "
        "('-' reads standard input)")
