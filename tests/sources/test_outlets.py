"""Outlet names: each guess on texts written for it, the user's mapping, the sample story's."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest

from newsdiff.resources import package_dir, sample_story
from newsdiff.sources import folder_articles, load_article
from newsdiff.sources.formats.text import parse_article
from newsdiff.sources.outlets import (
    MAX_MAPPING_BYTES,
    OUTLETS_FILE,
    mapping,
    outlet_from_folder,
    outlet_from_text,
)
from newsdiff.sources.outlets import text as text_forms
from newsdiff.sources.outlets.text import (
    edge_lines,
    outlet_from_byline,
    outlet_from_copyright,
    outlet_from_credit,
    outlet_from_masthead,
    outlet_from_origin,
)
from newsdiff.values import InputError

STORY = ("Sessions Met Russian Envoy Twice\n\n"
         "Attorney General Jeff Sessions met the Russian ambassador twice in 2016.\n\n"
         "He did not disclose the meetings at his confirmation hearing.\n")


# --- each guess, on the lines it reads ----------------------------------------------------


@pytest.mark.parametrize(("line", "name"), [
    ("© 2017 The Example Times", "The Example Times"),
    ("Copyright 2017 Example News, Inc. All rights reserved.", "Example News"),
    ("Copyright © Example News Inc. All rights reserved.", "Example News"),
    ("(c) 2016-2017 Example Herald | Privacy Policy | Terms of Use", "Example Herald"),
    ("© 2017 The A.V. Club. All rights reserved", "The A.V. Club"),
    ("© 2017 Example News. This material may not be published, broadcast or rewritten.",
     "Example News"),
    ("©2017 example.com", "example.com"),
    ("Copyright Trolls Target Small Sites", None),  # a headline: no © and no year
    ("(c) The committee shall meet monthly", None),  # a list item: no year
    ("© Getty Images", None),  # a picture's credit
    ("© 2017 the committee's report", None),
    ("Copyright 2017: The Year in Review", None),
    ("Officials said © 2017 Example News holds the rights", None),  # not the line's start
])
def test_a_copyright_line_names_its_holder(line: str, name: str | None) -> None:
    assert outlet_from_copyright(line) == name


@pytest.mark.parametrize(("line", "name"), [
    ("Originally published by The Conversation.", "The Conversation"),
    ("This article is republished from The Conversation under a Creative Commons license.",
     "The Conversation"),
    ("This story first appeared on example.com on March 2, 2017.", "example.com"),
    ("This story originally appeared in The Example Times and is republished here.",
     "The Example Times"),
    ("A version of this story originally appeared in Politico.", "Politico"),
    ("Posted in Politics", None),  # a category, not where the story first ran
    ("He originally appeared in The Example Times as a columnist.", None),
    ("Originally published by the committee in 2015.", None),
])
def test_an_origin_note_names_where_the_story_first_ran(line: str, name: str | None) -> None:
    assert outlet_from_origin(line) == name


@pytest.mark.parametrize(("line", "name"), [
    ("The Example Times reports", "The Example Times"),
    ("EXAMPLE NEWS REPORTS:", "EXAMPLE NEWS"),
    ("Reuters reports", "Reuters"),
    ("Jane Doe reports", None),  # a reporter's credit
    ("The Committee reports", None),
    ("The Example Times reports that Sessions met the ambassador.", None),  # a sentence
])
def test_a_masthead_line_names_the_outlet(line: str, name: str | None) -> None:
    assert outlet_from_masthead(line) == name


@pytest.mark.parametrize(("line", "name"), [
    ("WASHINGTON (Reuters) - U.S. Attorney General Jeff Sessions met the envoy.", "Reuters"),
    ("(CNN) — Attorney General Jeff Sessions met the envoy.", "CNN"),
    ("NEW YORK, March 2 (AP) — Attorney General Jeff Sessions met the envoy.", "AP"),
    ("LONDON (The Example Times) -- Officials said.", "The Example Times"),
    ("Officials said (Reuters) - that the envoy met him.", None),  # prose, not a place
    ("Sessions (R-Ala.) - the senator, met him.", None),
    ("WASHINGTON (R-AL) — the senator met him.", None),  # a party tag
    ("(Updated) — Sessions met the envoy.", None),  # a label
    ("WASHINGTON (Reuters) reported that Sessions met the envoy.", None),  # no dash
])
def test_a_datelines_credit_names_the_agency(line: str, name: str | None) -> None:
    assert outlet_from_credit(line) == name


@pytest.mark.parametrize(("line", "name"), [
    ("By Jane Doe, Example Herald", "Example Herald"),
    ("By Jane Doe | Example Herald", "Example Herald"),
    ("Jane Doe | Example Herald", "Example Herald"),
    ("By Jane Doe and John Roe, The Example Herald", "The Example Herald"),
    ("By Jane Doe, Washington Post Staff Writer", "Washington Post"),
    ("By Jane Doe, Associated Press Writer", "Associated Press"),
    ("By JANE DOE, Reuters", "Reuters"),
    ("By Jane Doe, Example Herald | Updated March 2, 2017", "Example Herald"),
    ("By Jane Doe, Staff Writer", None),  # a job, not an outlet
    ("By Jane Doe, Washington", None),  # a place
    ("By Jane Doe, White House Correspondent", None),
    ("By Dani Graham", None),
    ("Breaking | World News", None),
    ("Smith, Jones Times", None),  # without "By", only a bar separates
    ("By the time he arrived, Example News had the story.", None),
])
def test_a_bylines_outlet(line: str, name: str | None) -> None:
    assert outlet_from_byline(line) == name


def test_only_the_edges_of_a_text_are_read() -> None:
    middle = "\n\n".join(f"Paragraph {i} of the story, reported at length." for i in range(50))
    assert outlet_from_text(f"{STORY}\n{middle}\n\n© 2017 Example News\n") == "Example News"
    assert outlet_from_text(f"© 2017 Example News\n\n{STORY}\n{middle}\n") == "Example News"
    assert outlet_from_text(f"{STORY}\n{middle}\n\n© 2017 Example News\n\n{middle}") is None
    head, tail = edge_lines("x" * 5_000 + "\n" + STORY)
    assert len(head[0]) == text_forms._LINE_CHARS and tail[-1].startswith("He did not")
    assert "x" * 10 not in "".join(tail), "a line cut by the window is left out"


def test_the_forms_in_order_of_how_much_they_tell() -> None:
    text = ("WASHINGTON (Reuters) - Sessions met the envoy.\n\nBy Jane Doe, Example Herald\n\n"
            f"{STORY}\n© 2017 The Example Times\n")
    assert outlet_from_text(text) == "The Example Times"
    assert outlet_from_text(text.replace("© 2017 The Example Times", "")) == "Reuters"
    assert outlet_from_text(text.replace("WASHINGTON (Reuters) - ", "")
                            .replace("© 2017 The Example Times", "")) == "Example Herald"


def test_a_story_sentence_naming_an_outlet_is_no_guess() -> None:
    text = ("Sessions Met Envoy\n\nThe Washington Post reports that Sessions met the envoy.\n\n"
            "Reuters reported it too, and Copyright 2017 was printed on the letter.\n")
    assert outlet_from_text(text) is None
    assert parse_article(text, "/nowhere/f419c359.txt").outlet == "f419c359"


def test_what_the_article_says_wins_over_a_guess_and_a_host_over_the_text() -> None:
    credited = f"© 2017 Example News\n\n{STORY}"
    assert parse_article(credited, "<stdin>").outlet == "Example News"
    assert parse_article(f"---\noutlet: Wire\n---\n{credited}", "<stdin>").outlet == "Wire"
    assert parse_article(credited, "https://www.example.org/story").outlet == "example.org"
    assert parse_article(STORY, "<stdin>").outlet == "stdin"


# --- the folder ---------------------------------------------------------------------------


@pytest.fixture
def outside_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path``, as if it were not in the temporary folder (whose names no user chose)."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "the-temporary-folder"))
    return tmp_path


def _article(folder: Path, name: str, text: str = STORY) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_a_folder_names_the_outlet_of_the_one_file_in_it(outside_temp: Path) -> None:
    alone = _article(outside_temp / "example-herald", "f419c35983c40fbf.html",
                     f"<html><body><p>{STORY}</p></body></html>")
    (alone.parent / OUTLETS_FILE).write_text("", encoding="utf-8")
    (alone.parent / ".DS_Store").write_bytes(b"\0")
    (alone.parent / "f419c35983c40fbf_files").mkdir()
    assert load_article(str(alone)).outlet == "example-herald"
    _article(outside_temp / "example-herald", "another.md")
    assert load_article(str(alone)).outlet == "f419c35983c40fbf", "one story, many outlets"
    (alone.parent / "another.md").unlink()
    (alone.parent / "notes.json").write_text("{}", encoding="utf-8")
    assert outlet_from_folder(str(alone)) is None, "any other file"


@pytest.mark.parametrize("folder", ["articles", "Downloads", ".hidden", "2017-03-02",
                                    "f419c35983", "x"])
def test_a_folder_whose_name_is_no_outlets_names_none(outside_temp: Path, folder: str) -> None:
    path = _article(outside_temp / folder, "the-post.txt")
    assert outlet_from_folder(str(path)) is None
    assert load_article(str(path)).outlet == "the-post"


def test_the_current_folder_names_no_outlet(outside_temp: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = _article(outside_temp / "example-herald", "the-post.txt")
    monkeypatch.chdir(path.parent)
    assert load_article("the-post.txt").outlet == "the-post"
    assert load_article(str(path)).outlet == "the-post"


def test_a_folder_in_the_temporary_folder_names_no_outlet(tmp_path: Path) -> None:
    path = _article(tmp_path / "example-herald", "the-post.txt")
    assert Path(tempfile.gettempdir()).resolve() in path.resolve().parents
    assert load_article(str(path)).outlet == "the-post"


# --- the user's word ----------------------------------------------------------------------


def _mapping(folder: Path, text: str | bytes) -> Path:
    toml = folder / OUTLETS_FILE
    if isinstance(text, bytes):
        toml.write_bytes(text)
    else:
        toml.write_text(text, encoding="utf-8")
    return toml


def test_the_mapping_wins_over_every_guess_and_the_argument_over_the_mapping(
        tmp_path: Path) -> None:
    credited = _article(tmp_path, "a.txt", f"---\noutlet: Front Matter\n---\n{STORY}")
    guessed = _article(tmp_path, "b.txt", f"© 2017 Example News\n\n{STORY}")
    unlisted = _article(tmp_path, "c.txt")
    _mapping(tmp_path, '"a.txt" = "Mapped A"\n"b.txt" = "  Mapped B  "\n"C.TXT" = "Other"\n')
    assert [load_article(str(p)).outlet for p in (credited, guessed, unlisted)] == [
        "Mapped A", "Mapped B", "c"]
    assert load_article(str(credited), outlet=" Given ").outlet == "Given"
    assert load_article("-", _stdin(STORY), outlet="Given").outlet == "Given"


def _stdin(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode())


@pytest.mark.parametrize(("given", "problem"), [
    ("", "outlet name '': empty"),
    ("Evil\x1b[2J", r"outlet name 'Evil\x1b[2J': contains a control character (\x1b)"),
    ("Two\nlines", r"contains a control character (\n)"),
    ("x" * 81, "longer than 80 characters"),
])
def test_a_bad_outlet_argument_is_one_line(tmp_path: Path, given: str, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        load_article(str(_article(tmp_path, "a.txt")), outlet=given)
    message = str(caught.value)
    assert message.startswith("newsdiff: ") and problem in message
    assert "\n" not in message and "\x1b" not in message


@pytest.mark.parametrize(("content", "problem"), [
    ('"a.txt" = Romper\n', "not valid TOML: Invalid value (at line 1, column 11)"),
    ('"a.txt" = 3\n', "'a.txt' is a number, not an outlet name"),
    ('[outlets]\n"a.txt" = "Romper"\n', "'outlets' is a table, not an outlet name"),
    ('"a.txt" = ["Romper"]\n', "'a.txt' is an array"),
    ('"a.txt" = "Evil\\u001b[2J"\n', r"the outlet of 'a.txt': contains a control character (\x1b)"),
    ('"a.txt" = "  "\n', "the outlet of 'a.txt': empty"),
    (f'"a.txt" = "{"x" * 81}"\n', "the outlet of 'a.txt': longer than 80 characters"),
    ('"sub/a.txt" = "Romper"\n', "'sub/a.txt' is a path"),
    ('"\\u001b[2J.txt" = 1\n', r"'\x1b[2J.txt' is a number"),
    (b'"a.txt" = "\xff"\n', "not UTF-8 text"),
    ("a = " + "[" * 5_000, "not valid TOML: nested too deeply"),
    ("#" * (MAX_MAPPING_BYTES + 1), "larger than 64 KB"),
])
def test_a_broken_or_hostile_mapping_is_one_line_naming_it(
        tmp_path: Path, content: str | bytes, problem: str) -> None:
    path = _article(tmp_path, "a.txt")
    toml = _mapping(tmp_path, content)
    with pytest.raises(InputError) as caught:
        load_article(str(path))
    message = str(caught.value)
    assert message.startswith(f"newsdiff: cannot read '{toml}': ") and problem in message
    assert "\n" not in message and "\x1b" not in message


def test_a_mapping_that_is_no_regular_file_is_refused_without_waiting(tmp_path: Path) -> None:
    path = _article(tmp_path, "a.txt")
    os.mkfifo(tmp_path / OUTLETS_FILE)
    with pytest.raises(InputError, match="named pipe"):
        load_article(str(path))


def test_a_mapping_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = _article(tmp_path, "a.txt")
    _mapping(tmp_path, '\ufeff"a.txt" = "Romper"\n')
    assert load_article(str(path)).outlet == "Romper"


def test_a_mapping_is_parsed_once_per_folder_and_again_when_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []
    parse = mapping.parse_outlets
    monkeypatch.setattr(mapping, "parse_outlets", lambda data, name: parsed.append(name)
                        or parse(data, name))
    paths = [_article(tmp_path, f"{n}.txt") for n in "abc"]
    toml = _mapping(tmp_path, '"a.txt" = "One"\n')
    assert [load_article(str(p)).outlet for p in paths] == ["One", "b", "c"]
    assert parsed == [str(toml)]
    _mapping(tmp_path, '"a.txt" = "Two"\n"b.txt" = "Three"\n')
    assert [load_article(str(p)).outlet for p in paths] == ["Two", "Three", "c"]
    assert parsed == [str(toml)] * 2


def test_a_folder_lists_no_mapping_as_an_article(tmp_path: Path) -> None:
    paths = [_article(tmp_path, f"{n}.txt") for n in "ab"]
    _mapping(tmp_path, '"a.txt" = "One"\n')
    assert folder_articles(tmp_path) == paths


# --- the sample story ---------------------------------------------------------------------


def test_the_sample_story_is_five_articles_each_with_an_honest_outlet() -> None:
    seeds = sample_story()
    assert [p.suffix for p in seeds] == [".txt"] * 5
    assert (package_dir("seeds") / OUTLETS_FILE).is_file()
    for path in seeds:
        article = load_article(str(path))
        assert article.outlet != path.stem
        named_by_the_text = f" {article.outlet}" in article.text.replace("\n", " ")
        assert named_by_the_text or article.outlet.startswith("Unnamed outlet "), article.outlet
    assert [load_article(str(p)).outlet for p in seeds] == [
        "Romper", "Unnamed outlet 2", "TPM", "Unnamed outlet 4", "Unnamed outlet 5"]
