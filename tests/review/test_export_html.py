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


def test_html_escapes_every_field_even_those_newsdiff_writes_itself(report):
    """The verdict, kind, key, hash and labels come from the database too, which another
    program may have written: none of them can make a tag or leave its attribute."""
    from dataclasses import replace

    evil = '"><script>alert(1)</script><b x="'
    session = replace(report.session, key=evil * 2)
    articles = tuple(replace(a, label=evil, hash=evil) for a in report.articles)
    reviews = tuple(replace(r, kind=evil, verdict=evil, corrected=evil, marker=evil,
                            excerpts=tuple(replace(e, article=articles[0]) for e in r.excerpts))
                    for r in report.reviews)
    links = tuple(replace(ln, a=replace(ln.a, article=articles[0])) for ln in report.links)
    page = render_report_html(replace(report, session=session, articles=articles,
                                      reviews=reviews, links=links))
    parsed = _Page(page)
    assert "<script" not in page and "<b " not in page
    allowed = {"html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2",
               "h3", "p", "code", "time", "table", "thead", "tbody", "tr", "th", "td",
               "section", "span", "div", "del", "ins"}
    assert {tag for tag, _ in parsed.tags} <= allowed
    attributes = {name for _, attrs in parsed.tags for name in attrs}
    assert attributes <= {"lang", "charset", "name", "content", "class", "datetime"}
    text = "".join(parsed.text)
    assert evil in text     # shown, as text
