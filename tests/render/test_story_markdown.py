"""A story as a Markdown report: tables of claims, quotes and divergences, text escaped."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from newsdiff.render.story_markdown import render_story_markdown
from tests.stories import build_story, line_after


@pytest.fixture
def markdown(story) -> list[str]:
    return render_story_markdown(story).splitlines()


def test_markdown_matrix(markdown):
    at = markdown.index("| Claim | A | B | C | D | Anchor text |")
    assert markdown[at + 1:at + 4] == [
        "|---|:-:|:-:|:-:|:-:|---|",
        "| `#0` | `[*]` | `[!]` | `[=]` | `[~]` | Sessions met the ambassador twice in 2016. |",
        "| `#1` | `[*]` | `[=]` | `[.]` | `[.]` | The meetings were not disclosed. |",
    ]


def test_markdown_only_quotes_and_divergences(markdown):
    at = markdown.index("### Only in A (Daily Planet)")
    assert markdown[at + 2] == "- **`#2`** The senator sat on the Armed Services Committee."
    assert line_after(markdown, "| Q0 ") == (
        "| Q0 | `[=]` | `[.]` | `[\u2248]` | `[!]` | \u201cI never met any Russian officials."
        "\u201d | Sessions | **D** I never met ~~any~~**with** Russian officials. |")
    assert line_after(markdown, "| `#0` | Sessions") == (
        '| `#0` | Sessions met the ambassador twice in 2016. | number | '
        'A, C, D "twice" \u00b7 B "April, July and September" |')
    assert "_C and D reprint one wire story._" in markdown


def test_markdown_escapes_article_text(story, markdown):
    out = "\n".join(markdown)
    assert "| **B** | The Bugle | \\[bold\\]x\\[/bold\\] \\| \\<b\\> |  | b.txt |" in markdown
    assert "\\\\x1b\\[2J Franken asked \\[red\\]about\\[/red\\] contacts\\\\x9b." in out
    assert "\x1b" not in out and "<b>" not in out


def test_markdown_only_divergent(story):
    out = render_story_markdown(story, kinds={"divergent"})
    assert "| `#0` |" in out and "| `#1` |" not in out and "Only in" not in out
    assert "## Divergences" in out and "## Quotes" in out


def test_markdown_marks_longer_and_part_renderings(extent_story):
    lines = render_story_markdown(extent_story).splitlines()
    assert line_after(lines, "| Q0 ").startswith(
        "| Q0 | `[=]` | `[.]` | `[=]+` | `[!]\u2026` | \u201cI never met any Russian officials.")
    assert line_after(lines, "`[=]` verbatim").endswith(
        "`[.]` absent · `+` prints more · `\u2026` prints part")
    assert any(line.startswith("_+ marks a quotation") for line in lines)
    plain = render_story_markdown(build_story())
    assert "+ marks a quotation" not in plain and "`+`" not in plain


def test_markdown_spells_out_a_line_break_in_a_name(story):
    a = replace(story.articles[0], outlet="Daily\nPlanet", title="Two\nlines", path="a\nb.txt")
    out = render_story_markdown(replace(story, articles=(a, *story.articles[1:])))
    assert "| **A** | Daily\\\\x0aPlanet | Two\\\\x0alines | Lois Lane | a\\\\x0ab.txt |" in out
    assert "### Only in A (Daily\\\\x0aPlanet)" in out


def test_markdown_claim_labels_are_code_spans_not_issue_references(markdown):
    assert not [line for line in markdown if re.search(r"(?<!`)#\d", line)]
