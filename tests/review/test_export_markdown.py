"""The review report as Markdown: every part, and hostile text and notes escaped."""

from newsdiff.render.markdown import escape
from newsdiff.review.export_markdown import render_report_markdown
from tests.review.sample import B_SENTENCES, HA, NOTE


def test_markdown_has_every_part(report):
    md = render_report_markdown(report)
    assert md.startswith("# newsdiff review: session 7\n")
    assert "Progress: 4 of 9 passages reviewed" in md and "`ab12cd34`" in md
    assert f"`{HA[:12]}`" in md
    assert "### 1. `[!]` divergent, A\u2013B: accepted" in md
    assert "### 3. `[=]` shared, A\u2013B: rejected \u2192 paraphrase" in md
    assert f"- **B** (Wire): {escape(B_SENTENCES[0])}" in md
    assert "~~twice~~ **three times**" in md
    assert "- **A** (The \\<b\\>Post\\</b\\>): _(no passage)_" in md
    assert "## Manual links" in md and "### 1. A\u2013B" in md
    assert md.count("- **Note**:") == 3 and md.endswith("\n") and not md.endswith("\n\n")


def test_markdown_escapes_hostile_text_and_notes(report):
    md = render_report_markdown(report)
    assert "<script>" not in md and "[bold]" not in md and "\x1b" not in md
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in md and "\\[bold\\]" in md
    assert "\\\\x1b\\[2J" in md  # the escape spelled out, its backslash escaped
    assert f"- **Note**: {escape(NOTE)}" in md
