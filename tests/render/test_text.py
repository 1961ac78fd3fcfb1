"""The terminal view of a comparison: side by side or stacked, with or without colour."""

import re

import pytest

from newsdiff.present.markers import MARKS
from newsdiff.render.text import render_text
from newsdiff.values import Detail
from tests.builders import (
    A_SENTENCES,
    B_SENTENCES,
    GROUP_A,
    GROUP_B,
    build_comparison,
    build_grouped,
    make_article,
)

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def lines_with(out: str, *needles: str) -> list[str]:
    return [line for line in out.splitlines() if all(n in line for n in needles)]


def body(out: str) -> str:
    """The passages: after the rule under the legend, before the summary."""
    return out.split("\u2500" * 10, 1)[1].split("Summary", 1)[0]


def test_wide_is_side_by_side(comparison):
    out = render_text(comparison, width=160)
    assert lines_with(out, "Sessions Met Envoy Twice", "Sessions Had Three Meetings")
    assert lines_with(out, "[!]", "[-twice-]", "{+three times+}")
    assert max(len(line) for line in out.splitlines()) <= 160


def test_narrow_is_stacked(comparison):
    out = render_text(comparison, width=80)
    assert not lines_with(out, "Sessions Met Envoy Twice", "Sessions Had Three Meetings")
    [a_line] = lines_with(out, "[!]", "[-twice-]")
    [b_line] = lines_with(out, "{+three times+}")
    lines = out.splitlines()
    assert lines.index(b_line) == lines.index(a_line) + 1
    assert "B " in b_line and "{+" not in a_line
    assert max(len(line) for line in lines) <= 80


def test_119_is_stacked_and_120_side_by_side(comparison):
    assert not lines_with(render_text(comparison, width=119), "[-twice-]", "{+three times+}")
    assert lines_with(render_text(comparison, width=120), "[-twice-]", "{+three times+}")


@pytest.mark.parametrize("width", [80, 160])
def test_without_colour_markers_carry_the_meaning(comparison, width):
    out = render_text(comparison, width=width, color=False)
    assert "\x1b" not in out
    for key in ("shared", "paraphrase", "divergent", "unique-a", "unique-b"):
        assert lines_with(out, MARKS[key].marker)
    assert "[-not-]" in out and "{+never+}" in out
    assert "number: twice \u2260 three times" in out


def test_legend_lists_every_marker(comparison):
    out = render_text(comparison, width=160)
    legend = "\n".join(out.splitlines()[:6])
    for mark in MARKS.values():
        assert f"{mark.marker} {mark.label}" in legend


def test_colour_uses_ansi_and_no_brackets(comparison):
    out = render_text(comparison, width=160, color=True)
    assert ANSI.search(out)
    plain = ANSI.sub("", out)
    assert "[-twice-]" not in plain and "twice" in plain
    assert "[!]" in plain  # markers stay with colour too


def test_paraphrase_has_no_word_highlights(comparison):
    [line] = lines_with(body(render_text(comparison, width=160)), "[~]")
    assert "Critics called for an independent inquiry." in line
    assert "[-" not in line and "{+" not in line


def test_passages_in_a_order_then_b_only(comparison):
    lines = body(render_text(comparison, width=160)).splitlines()
    order = [next(i for i, line in enumerate(lines) if needle in line)
             for needle in ("[!]", "[=]", "[~]", "[-] The senator", "[+]")]
    assert order == sorted(order)


def test_boilerplate_hidden_but_counted(comparison):
    out = render_text(comparison, width=160)
    assert "Share this article" not in out and "Subscribe" not in out
    assert "2 boilerplate sentences hidden" in out
    shown = render_text(comparison, width=160, kinds={"boilerplate"})
    assert "Share this article" in shown and "Subscribe" in shown
    assert "[!]" not in body(shown)


def test_only_filters(comparison):
    out = render_text(comparison, width=160, kinds={"divergent"})
    shown = body(out)
    assert "[-twice-]" in shown and "[-not-]" not in shown and "The senator" not in shown


def test_summary(comparison):
    out = render_text(comparison, width=160)
    summary = out.split("Summary", 1)[1]
    assert lines_with(summary, "[=] shared", "1", "15%", "20%")
    assert lines_with(summary, "unique", "2 / 1", "47%", "28%")
    assert lines_with(summary, "words", "39", "29")


# Sentences 2 (paraphrase), 4 and 5 (unique) are shown from the article text itself.
HOSTILE = ["One.", "Two.", "[bold red]x[/] and [@click=app.quit]quit[/]", "Boiler.",
           "Clear \x1b[2J screen\x07 \x9b2J.", "Right\u202eto left."]


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("width", [80, 160])
def test_untrusted_text_is_literal_and_escaped(color, width):
    a = make_article(HOSTILE, outlet="[blink]Evil[/blink]", title="T\x1b]0;pwned\x07",
                     path="a\x1b[31m.txt")
    b = make_article(B_SENTENCES, outlet="Bugle", title="Fine")
    out = render_text(build_comparison(a, b), width=width, color=color)
    plain = ANSI.sub("", out)
    assert "[bold red]x[/]" in plain and "[@click=app.quit]quit[/]" in plain
    assert "[blink]Evil[/blink]" in plain
    assert "\\x1b[2J" in plain and "\\x07" in plain and "\\x9b" in plain and "\\u202e" in plain
    assert not any(ch in plain for ch in "\x1b\x07\x9b\u202e")
    assert "\x1b]" not in out and "\x1b[2J" not in out


def test_diff_text_from_alignment_is_escaped_too():
    a = make_article(A_SENTENCES, outlet="A")
    b = make_article(B_SENTENCES, outlet="B")
    c = build_comparison(a, b)
    al = c.alignments[0]
    diff = (("=", "x "), ("-", "[b]\x1b[2J"), ("+", "y"))
    hostile = type(al)(al.kind, al.a, al.b, al.score, diff=diff)
    c = type(c)(c.a, c.b, (hostile,), c.unique_a, c.unique_b, c.boilerplate_a, c.boilerplate_b)
    out = render_text(c, width=160)
    assert "[-[b]\\x1b[2J-]" in out and "\x1b" not in out


# A sentence aligned with several sentences of the other article is shown once, with all.
@pytest.mark.parametrize("width", [80, 120, 160])
def test_a_sentence_with_two_partners_is_shown_once(grouped, width):
    out = render_text(grouped, width=width)
    shown = body(out)
    assert shown.count("Sessions met the envoy") == 2  # A0 once, its divergent partner B2 once
    assert shown.count("talks were private") == 3  # A2, A3 and their shared partner B3 once
    assert "Secret meetings with the envoy." in shown  # the paraphrase partner too
    assert "\x1b" not in out
    assert max(len(line) for line in out.splitlines()) <= width


@pytest.mark.parametrize("width", [80, 160])
def test_group_lists_each_pair_with_its_marker_and_details(grouped, width):
    shown = body(render_text(grouped, width=width))
    assert lines_with(shown, "[~] paraphrase", "A1\u2013B1")
    assert lines_with(shown, "[!] divergent", "A1\u2013B3", "number: twice \u2260 three times")
    assert lines_with(shown, "[=] shared", "A3\u2013B4, A4\u2013B4")
    first = next(line for line in shown.splitlines() if line.startswith("["))
    assert first.startswith("[!] A1 ")  # the group is marked by its most telling kind


def test_group_side_by_side_stacks_partners_in_b_order(grouped):
    lines = body(render_text(grouped, width=160)).splitlines()
    [top] = lines_with("\n".join(lines), "A1 Sessions met the envoy [-twice-].")
    assert "B1 Secret meetings with the envoy." in top
    [partner] = lines_with("\n".join(lines), "B3 Sessions met the envoy {+three times+}.")
    assert lines.index(partner) == lines.index(top) + 1 and "A1" not in partner


def test_group_stacked_lists_a_then_b_in_reading_order(grouped):
    shown = body(render_text(grouped, width=80))
    order = [shown.index(needle) for needle in (
        "A1 Sessions met the envoy [-twice-].", "B1 Secret meetings", "B3 Sessions met the envoy",
        "[~] paraphrase", "[!] divergent", "He did not disclose",
        "A3 The talks were private[-.-]", "A4 [-Officials said the-]",
        "B4 The talks were private, officials said.", "[=] shared", "Critics want")]
    assert order == sorted(order)
    assert not lines_with(shown, "Sessions met the envoy", "Secret meetings")


def test_group_highlights_only_against_an_unambiguous_partner(grouped):
    shown = body(render_text(grouped, width=160))
    # B3 has two shared partners, so it is plain; each of them is highlighted against it.
    assert "B4 The talks were private, officials said." in shown
    assert "{+" not in "".join(lines_with(shown, "B4 "))
    # Only one of A0's pairs marks words (the other is a paraphrase): A0 is highlighted.
    assert "A1 Sessions met the envoy [-twice-]." in shown


def test_only_filters_group_pairs(grouped):
    shown = body(render_text(grouped, width=160, kinds={"divergent"}))
    assert "Secret meetings" not in shown and "[~]" not in shown and "talks" not in shown
    [line] = lines_with(shown, "[!]", "[-twice-]", "{+three times+}")
    assert "A1" not in line  # one pair left: an ordinary passage, no labels
    assert "number: twice \u2260 three times" in shown


def test_group_colour_uses_ansi_and_keeps_markers(grouped):
    plain = ANSI.sub("", render_text(grouped, width=160, color=True))
    assert "[-twice-]" not in plain and "[!] divergent" in plain and "A1\u2013B3" in plain


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("width", [80, 160])
def test_untrusted_text_in_groups_is_literal_and_escaped(color, width):
    b_text = ["[bold]B0[/] \x1b[2J.", *GROUP_B[1:]]
    c = build_grouped(make_article(GROUP_A, outlet="A"), make_article(b_text, outlet="B"))
    hostile = type(c.alignments[1])("divergent", (0,), (2,), 0.8,
                                    details=(Detail("number", "[red]2[/]", "\x1b]0;x\x07"),))
    c = type(c)(c.a, c.b, (c.alignments[0], hostile, *c.alignments[2:]), c.unique_a, c.unique_b)
    plain = ANSI.sub("", render_text(c, width=width, color=color))
    assert "[bold]B0[/] \\x1b[2J." in plain
    assert "number: [red]2[/] \u2260 \\x1b]0;x\\x07" in plain
    assert not any(ch in plain for ch in "\x1b\x07")


NEWLINE_NAMES = {"outlet": "Evil\nOutlet", "title": "Two\nlines", "path": "a\nb.txt",
                 "byline": "By\tSomeone"}


@pytest.mark.parametrize("width", [80, 160])
def test_a_line_break_in_a_name_is_spelled_out_and_the_header_stays_one_line(width):
    a = make_article(A_SENTENCES, **NEWLINE_NAMES)
    out = render_text(build_comparison(a, make_article(B_SENTENCES, outlet="B")), width=width)
    assert lines_with(out, "Evil\\x0aOutlet \u2014 Two\\x0alines")
    assert lines_with(out, "By\\x09Someone \u00b7 a\\x0ab.txt")
    assert lines_with(out, "A Evil\\x0aOutlet")  # the summary's column
    assert "Outlet" not in out.replace("Evil\\x0aOutlet", "")
