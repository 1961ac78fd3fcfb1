import re

import pytest

from newsdiff.render.markers import MARKS
from newsdiff.render.text import render_text

from conftest import A_SENTENCES, B_SENTENCES, build_comparison, make_article

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
