from newsdiff.render.markdown import escape, render_markdown

from conftest import B_SENTENCES, build_comparison, make_article


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
    assert "## A: Evil \\| Outlet \u2014 \\*\\*Bold\\*\\* \\[link\\]\\(http://x\\)" in out
    rows = [line for line in out.split("## Summary")[0].splitlines() if line.startswith("| `")]
    assert all(row.replace("\\|", "").count(" | ") == 3 for row in rows)
    assert "\\!\\[img\\]" in out and "\\<b\\>" in out
