"""The review report as one self-contained HTML page: no script, nothing fetched, text escaped."""

from html.parser import HTMLParser

from newsdiff.review.export_html import render_report_html
from tests.review.sample import A_SENTENCES, B_SENTENCES, HA


class _Page(HTMLParser):
    """The tags, attributes and text of a page, as a browser's parser sees them."""

    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_page(report):
    page = render_report_html(report)
    parsed = _Page(page)
    tags = {tag for tag, _ in parsed.tags}
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    assert not any(k in ("src", "href") or k.startswith("on") for _, at in parsed.tags for k in at)
    assert "url(" not in page and "@import" not in page and "prefers-color-scheme: dark" in page


def test_html_has_every_part(report):
    page = render_report_html(report)
    text = "".join(_Page(page).text)
    for expected in (*A_SENTENCES[::2], *B_SENTENCES, "Only B has this.", "Claim note.",
                     "rejected \u2192 paraphrase", "4 of 9 passages reviewed", "Manual links",
                     "The <b>Post</b>", HA[:12]):
        assert expected.replace("\x1b", "\\x1b") in text, expected
    assert "<del>twice</del><ins>three times</ins>" in page
    assert 'class="verdict verdict-flagged"' in page and 'class="verdict verdict-none"' in page


def test_html_escapes_hostile_text_and_notes(report):
    page = render_report_html(report)
    text = "".join(_Page(page).text)
    assert "<script" not in page and "<b>" not in page and "\x1b" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script> [bold]loud[/bold] \\x1b[2J" in text  # shown, as text
    assert "Check <script>alert(1)</script> [bold]x[/bold] \\x1b[2J with the desk." in text
