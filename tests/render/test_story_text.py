"""The story view in a terminal: the matrix, quotes and divergences, at any width."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsdiff.render.story_text import render_story_text
from newsdiff.values import Story
from tests.stories import build_story, line_after


def text_of(story: Story, **kwargs) -> list[str]:
    return render_story_text(story, **kwargs).splitlines()


def test_text_header_names_outlets_and_wire_copy(story):
    lines = text_of(story, width=100)
    assert lines[0] == (
        "Story: 4 articles, 3 independent sources, 4 claims, 1 quote, 1 divergence")
    assert line_after(lines, "A ") == "A Daily Planet \u2014 Sessions Met Envoy Twice"
    assert "C and D reprint one wire story." in (line.strip() for line in lines)


def test_text_matrix_marks_every_outlet(story):
    lines = text_of(story, width=100)
    header = lines.index(line_after(lines, "    A"))
    assert lines[header:header + 3] == [
        "    A   B   C   D",
        "#0 [*] [!] [=] [~] Sessions met the ambassador twice in 2016.",
        "#1 [*] [=] [.] [.] The meetings were not disclosed.",
    ]
    assert "[*] anchor  [=] shared  [~] paraphrase  [!] divergent  [.] absent" in lines


def test_text_lists_claims_only_one_outlet_carries(story):
    lines = text_of(story, width=100)
    at = lines.index("Only in A (Daily Planet)")
    assert lines[at + 1] == "   #2 The senator sat on the Armed Services Committee."
    assert lines[lines.index("Only in B (The Bugle)") + 1].startswith("   #3 ")


def test_text_quotes_table_and_altered_diff(story):
    lines = text_of(story, width=100)
    assert line_after(lines, "Q0") == (
        "Q0 [=] [.] [\u2248] [!] \u201cI never met any Russian officials.\u201d \u2014 Sessions")
    assert "                   D I never met [-any-]{+with+} Russian officials." in lines
    assert "[=] verbatim  [\u2248] typographic  [!] altered  [.] absent" in lines


def test_text_divergences(story):
    lines = text_of(story, width=100)
    at = lines.index(line_after(lines, "#0 Sessions"))
    assert lines[at + 1] == '   [!] number: A, C, D "twice" \u00b7 B "April, July and September"'


def test_text_narrow_uses_one_character_cells(story):
    lines = text_of(story, width=40)
    assert line_after(lines, "#0") == "#0 * ! = ~ Sessions met the ambassador \u2026"
    assert line_after(lines, "   A") == "   A B C D"
    assert "* anchor  = shared  ~ paraphrase  ! divergent  . absent" in " ".join(lines)


def test_text_very_narrow_puts_the_text_under_the_cells(story):
    lines = text_of(story, width=20)
    at = lines.index("#0 * ! = ~")
    assert lines[at + 1] == "   Sessions met the\u2026"


@pytest.mark.parametrize("width", [20, 33, 47, 80, 120, 200])
@pytest.mark.parametrize("color", [False, True])
def test_text_fits_the_width(story, width, color):
    from rich.text import Text

    out = render_story_text(story, width=width, color=color)
    assert max(Text.from_ansi(line).cell_len for line in out.splitlines()) <= width


@pytest.mark.parametrize("color", [False, True])
def test_text_shows_hostile_article_text_literally(story, color):
    out = render_story_text(story, width=120, color=color)
    assert "[bold]x[/bold] | <b>" in out
    assert "\\x1b[2J Franken asked [red]about[/red] contacts\\x9b." in out
    assert "\x1b[2J" not in out and "\x9b" not in out


def test_text_colour_marks_words_without_brackets(story):
    out = render_story_text(story, width=100, color=True)
    assert "\x1b[" in out and "[-any-]" not in out and "any" in out
    assert "\x1b" not in render_story_text(story, width=100)


def test_text_only_divergent(story):
    lines = text_of(story, width=100, kinds={"divergent"})
    assert line_after(lines, "#0 [*]")
    assert not any(line.startswith(("#1", "Only in")) for line in lines)
    assert any("number:" in line for line in lines)


def test_text_only_shared_drops_the_divergences(story):
    out = render_story_text(story, width=100, kinds={"shared"})
    assert "#1 [*] [=] [.] [.]" in out and "#0 [*]" not in out
    assert "Divergences" not in out and "number:" not in out


def test_text_only_unique_says_the_matrix_is_empty(story):
    out = render_story_text(story, width=100, kinds={"unique"})
    assert "No claim of the selected kinds is carried by two or more outlets." in out
    assert "Only in A (Daily Planet)" in out


def test_text_without_quotes_has_no_quotes_section():
    out = render_story_text(build_story(quotes=False), width=100)
    assert "Quotes" not in out and "Divergences" in out


def test_text_marks_longer_and_part_renderings(extent_story):
    lines = text_of(extent_story, width=100)
    at = lines.index(line_after(lines, "Q0"))
    assert lines[at - 1] == "    A    B    C    D"
    assert lines[at] == (
        "Q0 [=]  [.]  [=]+ [!]\u2026 \u201cI never met any Russian officials.\u201d"
        " \u2014 Sessions")
    assert lines[at + 1] == (
        "                       D I never met [-any-]{+with+} Russian officials.")
    legend = line_after(lines, "[=] verbatim")
    assert legend.endswith("[.] absent  + prints more  \u2026 prints part")
    assert any(line.startswith("+ marks a quotation that prints more") for line in lines)
    # The claims' matrix keeps its cells; a story without extents has no suffix column.
    assert "#1 [*] [=] [.] [.] The meetings were not disclosed." in lines
    plain = text_of(build_story(), width=100)
    assert not any(line.startswith("+ marks") for line in plain)
    assert line_after(plain, "[=] verbatim").endswith("[.] absent")


def test_text_narrow_marks_extents_after_one_character_cells(extent_story):
    lines = text_of(extent_story, width=40)
    assert line_after(lines, "Q0").startswith("Q0 =  .  =+ !\u2026 \u201cI never")


@pytest.mark.parametrize("width", [20, 33, 47, 80, 120])
def test_text_with_extents_fits_the_width(extent_story, width):
    assert max(map(len, text_of(extent_story, width=width))) <= width


def test_text_spells_out_a_line_break_in_an_outlet_or_a_speaker(story):
    a = replace(story.articles[0], outlet="Daily\nPlanet", path="a\nb.txt")
    quote = replace(story.quotes[0], speaker="Jeff\nSessions")
    out = render_story_text(replace(story, articles=(a, *story.articles[1:]), quotes=(quote,)),
                            width=120)
    assert "Daily\\x0aPlanet" in out and "a\\x0ab.txt" in out and "Jeff\\x0aSessions" in out
    assert "Only in A (Daily\\x0aPlanet)" in out
    meta = "Lois Lane \u00b7 a\\x0ab.txt"
    assert [line for line in out.splitlines() if line.strip().endswith(meta)]
    assert "Planet" not in out.replace("Daily\\x0aPlanet", "")
