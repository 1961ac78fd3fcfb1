"""The story view from the command line, end to end on the sample story (real engine)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from newsdiff.sources import load_article
from tests.cli.support import SEEDS, assert_one_line_error, run

SEED_DIR = str(Path(SEEDS[0]).parent)


@pytest.fixture(scope="module")
def story_json() -> dict:
    result = run(SEED_DIR, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_three_files_give_the_story_view():
    result = run(*SEEDS[:3], "--width", "100")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Story: 3 articles, ")
    headers = [line for line in lines if re.match("[A-Z] ", line)]
    assert [line[0] for line in headers] == ["A", "B", "C"]
    for line, seed in zip(headers, SEEDS, strict=False):  # each outlet as its article names it
        assert line.startswith(f"{line[0]} {load_article(seed).outlet} \u2014 ")
    assert any(re.fullmatch(r" +A   B   C", line) for line in lines)
    assert any(line.startswith("#0 ") for line in lines)
    assert "\x1b" not in result.stdout


def test_a_folder_gives_the_story_view_of_every_article(story_json):
    assert story_json["schema"] == "newsdiff.story/1"
    assert {"articles", "claims", "quotes", "divergences"} <= set(story_json)
    assert [a["path"] for a in story_json["articles"]] == SEEDS
    assert [a["label"] for a in story_json["articles"]] == list("ABCDE")


def test_the_json_keeps_article_text_exactly(story_json):
    for article, path in zip(story_json["articles"], SEEDS, strict=True):
        text = Path(path).read_text(encoding="utf-8")
        assert article["text"] in text  # the file minus front matter, if any
        for start, end in article["sentences"]:
            assert article["text"][start:end].strip()


def test_the_sample_story_diverges_on_the_number_of_meetings(story_json):
    counts = [d for d in story_json["divergences"] if d["type"] == "number"]
    values = [[v["value"] for v in d["values"]] for d in counts]
    assert any(
        any(re.fullmatch("twice", v, re.IGNORECASE) for v in vs)
        and any("April, July and September" in v for v in vs)
        for vs in values
    ), values


def test_claim_passages_point_into_their_articles(story_json):
    articles = story_json["articles"]
    for claim in story_json["claims"]:
        assert claim["outlets"] == [p["article"] for p in claim["passages"]]
        assert claim["anchor"] in claim["outlets"]
        for p in claim["passages"]:
            assert p["sentences"] and all(
                span in articles[p["article"]]["sentences"] for span in p["sentences"])


def test_folder_text_fits_the_width_and_shows_all_three_parts():
    result = run(SEED_DIR, "--width", "72", "--color", "never")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 72
    for part in ("Claims", "Quotes", "Divergences"):
        assert any(f" {part} " in line for line in lines), part
    assert any(re.fullmatch(r" +A   B   C   D   E", line) for line in lines)
    assert any(line.startswith("Only in ") for line in lines)


def test_markdown():
    result = run(SEED_DIR, "-f", "markdown")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# newsdiff story: 5 articles")
    assert "## Claims" in result.stdout and "## Divergences" in result.stdout
    assert "| Claim | A | B | C | D | E | Anchor text |" in result.stdout


def test_color_always():
    result = run(*SEEDS[:3], "--color", "always")
    assert result.exit_code == 0 and "\x1b[" in result.stdout


def test_only_picks_claims_by_kind(story_json):
    result = run(SEED_DIR, "-f", "json", "--only", "divergent")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["claims"] and {c["kind"] for c in out["claims"]} == {"divergent"}
    assert out["divergences"] == story_json["divergences"]
    text = run(SEED_DIR, "--only", "unique", "--width", "100").stdout
    assert "Only in A" in text and "No claim of the selected kinds" in text


def test_stdin_is_one_of_the_articles():
    with open(SEEDS[0], "rb") as f:
        result = run("-", *SEEDS[1:3], "-f", "json", input=f.read())
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"][0]["path"] == "<stdin>"


def test_a_folder_of_two_articles_is_a_story(tmp_path):
    for seed in SEEDS[:2]:
        shutil.copy(seed, tmp_path)
    (tmp_path / "notes.json").write_text("{}")  # not an article file: skipped
    result = run(str(tmp_path), "-f", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["articles"]) == 2


# --- trouble: exit 2, one line on stderr ---------------------------------------


def test_a_folder_of_one_article(tmp_path):
    shutil.copy(SEEDS[0], tmp_path)
    assert_one_line_error(run(str(tmp_path)), "holds one article", "need two files")


def test_an_empty_folder(tmp_path):
    assert_one_line_error(run(str(tmp_path), *SEEDS[:2]), "no article files", ".txt")


def test_a_missing_file_among_three(tmp_path):
    assert_one_line_error(run(*SEEDS[:2], str(tmp_path / "nope.txt")), "nope.txt", "no such file")


def test_stdin_twice_in_a_story():
    assert_one_line_error(run("-", SEEDS[0], "-"), "standard input")


def test_only_boilerplate_is_refused_in_the_story_view():
    assert_one_line_error(run(*SEEDS[:3], "--only", "boilerplate"), "--only", "boilerplate")
