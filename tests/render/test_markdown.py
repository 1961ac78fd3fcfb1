"""A comparison as a Markdown report: the passages table, groups, the summary, escaping."""

import re
from html import escape as escape_html
from html import unescape as unescape_html

import pytest

from newsdiff.present.visible import visible
from newsdiff.render.markdown import escape, render_markdown
from tests.builders import (
    A_SENTENCES,
    B_SENTENCES,
    GROUP_A,
    GROUP_B,
    build_comparison,
    build_grouped,
    make_article,
)


def test_sections(comparison):
    out = render_markdown(comparison)
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings == [
        "# newsdiff: Daily Planet vs The Bugle",
        "## A: Daily Planet \u2014 Sessions Met Envoy Twice",
        "## B: The Bugle \u2014 Sessions Had Three Meetings",
        "## Passages",
        "## Summary",
    ]
    assert "- Byline: By Lois Lane" in out


def test_passage_table_in_reading_order_with_markers_and_details(comparison):
    rows = [line for line in render_markdown(comparison).split("## Summary")[0].splitlines()
            if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == ["[!]", "[=]", "[~]", "[-]", "[+]"]
    assert rows[0] == (
        "| `[!]` divergent | Sessions met the ambassador ~~twice~~ in 2016. "
        "| Sessions met the ambassador **three times** in 2016. "
        "| number: twice \u2260 three times |"
    )
    assert all(row.count(" | ") == 3 for row in rows)


def test_boilerplate_hidden_unless_asked(comparison):
    out = render_markdown(comparison)
    assert "Subscribe" not in out and "2 boilerplate sentences hidden" in out
    only = render_markdown(comparison, kinds={"boilerplate"})
    assert "Subscribe to our newsletter." in only and "~~twice~~" not in only


def test_summary_table(comparison):
    summary = render_markdown(comparison).split("## Summary")[1]
    assert "| \\[=\\] shared | 1 | 15% | 20% |" in summary
    assert "| words |  | 39 | 29 |" in summary


def test_escape_neutralises_markdown_and_html():
    assert escape("[x](javascript:alert(1)) <script>|*a*_b_`c`") == (
        "\\[x\\]\\(javascript:alert\\(1\\)\\) \\<script\\>\\|\\*a\\*\\_b\\_\\`c\\`"
    )
    assert escape("two\n\nlines\x1b[2J") == "two lines\\\\x1b\\[2J"


def test_untrusted_text_cannot_break_the_table():
    hostile = ["One.", "Two.", "A | B ![img](http://x/y.png) <b>x</b>\nline", "Bp.",
               "# Not a heading", "Ends with \x1b[2J."]
    a = make_article(hostile, outlet="Evil | Outlet", title="**Bold** [link](http://x)")
    out = render_markdown(build_comparison(a, make_article(B_SENTENCES, outlet="B")))
    assert "\x1b" not in out
    assert "## A: Evil \\| Outlet \u2014 \\*\\*Bold\\*\\* `[link](http://x)`" in out
    rows = [line for line in out.split("## Summary")[0].splitlines() if line.startswith("| `")]
    assert all(row.replace("\\|", "").count(" | ") == 3 for row in rows)
    assert "`![img](http://x/y.png)`" in out and "\\<b\\>" in out  # an image's code


def passage_rows(out: str) -> list[str]:
    return [line for line in out.split("## Summary")[0].splitlines() if line.startswith("| `")]


def test_a_sentence_with_two_partners_is_one_row(grouped):
    out = render_markdown(grouped)
    rows = passage_rows(out)
    assert [row.split("`")[1] for row in rows] == ["[!]", "[-]", "[=]", "[+]"]
    assert out.count("Sessions met the envoy") == 2 and out.count("talks were private") == 3
    assert rows[0] == (
        "| `[!]` divergent | `A1` Sessions met the envoy ~~twice~~. "
        "| `B1` Secret meetings with the envoy.<br>`B3` Sessions met the envoy **three times**. "
        "| `[~]` paraphrase A1\u2013B1<br>"
        "`[!]` divergent A1\u2013B3 \u2014 number: twice \u2260 three times |"
    )
    assert rows[2] == (
        "| `[=]` shared | `A3` The talks were private~~.~~<br>`A4` ~~Officials said the~~ talks "
        "were private. | `B4` The talks were private, officials said. "
        "| `[=]` shared A3\u2013B4, A4\u2013B4 |"
    )
    assert all(row.count(" | ") == 3 for row in rows)


def test_only_filters_group_pairs(grouped):
    rows = passage_rows(render_markdown(grouped, kinds={"divergent"}))
    assert rows == [(
        "| `[!]` divergent | Sessions met the envoy ~~twice~~. "
        "| Sessions met the envoy **three times**. | number: twice \u2260 three times |"
    )]


def test_untrusted_text_in_groups_cannot_break_the_table():
    b = make_article(["<br>A | B [x](y)", *GROUP_B[1:]], outlet="B")
    out = render_markdown(build_grouped(make_article(GROUP_A, outlet="A"), b))
    [row] = [r for r in passage_rows(out) if "A1" in r]
    assert "`B1` \\<br\\>A \\| B \\[x\\]\\(y\\)<br>`B3`" in row
    assert row.replace("\\|", "").count(" | ") == 3 and row.count("<br>") == 2


LINKABLE = [
    "https://example.com/a_b(c)?q=1&r=2#frag", "http://x.org/\\path", "ftp://files.example.net/f",
    "www.example.zz", "reuters.com/world/article_1", "news.bbc.co.uk", "xn--e1afmkfd.xn--p1ai",
    "\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444", "mailto:desk@example.org",
    "a.b+c@example.org", "@someone", "@org/team", "#12", ":fire:", ":+1:",
]


def rendered(markdown: str) -> str:
    """``markdown`` as HTML, by a CommonMark renderer with GitHub's tables, strikethrough
    and the linkify rule (markdown-it's "gfm-like"; linkify needs linkify-it-py)."""
    pytest.importorskip("linkify_it")
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like").render(markdown)


def test_bare_urls_and_mentions_are_code_spans_that_link_nothing():
    sentences = [*A_SENTENCES[:4], f"See {', '.join(LINKABLE[:8])}.",
                 f"Ask {' or '.join(LINKABLE[8:])} (or \u201chttps://q.example/x\u201d)."]
    a = make_article(sentences, outlet="@outlet", title="Read www.title.example!",
                     path="reuters.com.txt", byline="By @reporter, desk@example.org")
    out = render_markdown(build_comparison(a, make_article(B_SENTENCES, outlet="B")))
    html = rendered(out)
    assert "<a " not in html
    code = re.findall(r"<code>(.*?)</code>", html)
    for token in [*LINKABLE, "https://q.example/x", "@outlet", "www.title.example", "@reporter"]:
        assert any(escape_html(token, quote=False) in span for span in code), token
    assert "- File: reuters.com.txt" in out  # a file name, not a link


@pytest.mark.parametrize("text, markdown", [
    ("(see https://x.org/a_(b)).", "\\(see `https://x.org/a_(b)).`"),
    ("**https://x.org/a**", "`**https://x.org/a**`"),
    ("Go to \u201cwww.x.org/p\u201d, then", "Go to `\u201cwww.x.org/p\u201d,` then"),
    ("Mr.Smith, U.S. and e.g. Node.js at 12:30:45", "Mr.Smith, U.S. and e.g. Node.js at 12:30:45"),
    ("https://evil.example/\u202e", "`https://evil.example/\\u202e`"),
    # A bar would end a table cell, a backtick the span: escaped between spans.
    ("a|https://x.org|b", "`a`\\|`https://x.org`\\|`b`"),
    ("x`www.a.b`", "`x`\\``www.a.b`\\`"),
    # Tokens that touch are one word, so one span, not two side by side.
    ("#1https://", "`#1https://`"),
    # An escape ends a run of text for the renderer: a.com would be linked before "\\_x".
    ("a.com_x", "`a.com_x`"),
    ("a.comwww.x", "`a.comwww.x`"),
])
def test_a_linkable_word_is_code_spans_of_exactly_its_text(text, markdown):
    assert escape(text) == markdown
    html = rendered(f"| x |\n|---|\n| {markdown} |")
    assert "<a " not in html
    [cell] = re.findall(r"<td>(.*?)</td>", html)
    assert unescape_html(re.sub(r"<[^>]+>", "", cell)) == " ".join(visible(text).split())


def test_a_line_break_in_a_name_is_spelled_out_and_the_header_stays_one_line():
    a = make_article(A_SENTENCES, outlet="Evil\nOutlet", title="Two\nlines", path="a\nb.txt",
                     byline="By\tSomeone")
    out = render_markdown(build_comparison(a, make_article(B_SENTENCES, outlet="B")))
    assert "# newsdiff: Evil\\\\x0aOutlet vs B" in out
    assert "## A: Evil\\\\x0aOutlet \u2014 Two\\\\x0alines" in out
    assert "- File: a\\\\x0ab.txt" in out and "- Byline: By\\\\x09Someone" in out
    assert "| A Evil\\\\x0aOutlet |" in out  # the summary's column
