"""Review reports: what a report holds (``build_report``) and how each format draws it.

The session is built by hand so that every case is there: a divergent pair, a
rejected pair with a corrected kind, a passage only B has, a claim with only a
note, a review taken back, a manual link, and hostile text (HTML, Rich markup,
a terminal escape) in an article and in a note.
"""

import json
from html.parser import HTMLParser

import pytest

from newsdiff.text.diffing import word_diff
from newsdiff.render.markdown import escape
from newsdiff.review.export import build_report, local_time, progress, render_report
from newsdiff.review.export_html import render_report_html
from newsdiff.review.export_json import SCHEMA, render_report_json
from newsdiff.review.export_markdown import render_report_markdown
from newsdiff.review.model import (
    ManualLink,
    Review,
    SessionArticle,
    SessionInfo,
    Target,
    content_hash,
)

HOSTILE = "<script>alert(1)</script> [bold]loud[/bold] \x1b[2J"
A_SENTENCES = ["Sessions met the ambassador twice in 2016.", HOSTILE,
               "The meetings were not disclosed."]
B_SENTENCES = ["The meetings were never disclosed.",
               "Sessions met the ambassador three times in 2016.", "Franken asked about it."]
A_TEXT, B_TEXT = " ".join(A_SENTENCES), " ".join(B_SENTENCES)
HA, HB = content_hash(A_TEXT), content_hash(B_TEXT)
NOTE = "Check <script>alert(1)</script> [bold]x[/bold] \x1b[2J with the desk."
T = "2025-03-02T14:05:00Z"


def span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def a(i: int) -> tuple[int, int]:
    return span(A_TEXT, A_SENTENCES[i])


def b(i: int) -> tuple[int, int]:
    return span(B_TEXT, B_SENTENCES[i])


def pair(a_spans, b_spans) -> Target:
    return Target("pair", (HA, HB), (tuple(a_spans), tuple(b_spans)))


SESSION = SessionInfo(
    7, "ab12cd34" * 8,
    (SessionArticle(HA, "The <b>Post</b>", "Twice [red]", "a.txt", A_TEXT),
     SessionArticle(HB, "Wire", "Three times", "b.txt", B_TEXT)),
    reviewed=4, total=9, created=T, updated=T,
)
# In the order they were reviewed, which is not reading order.
REVIEWS = [
    Review(pair([], [b(2)]), "unique", "flagged", note="Only B has this.", updated=T),
    Review(pair([a(2)], [b(0)]), "shared", "rejected", "paraphrase", NOTE, T),
    Review(Target("claim", (HB, HA), ((b(1),), (a(0),))), "divergent", note="Claim note.",
           updated=T),
    Review(pair([a(0)], [b(1)]), "divergent", "accepted", updated=T),
    Review(pair([a(1)], []), "unique", "accepted", updated=T),
    Review(pair([a(1), a(2)], [b(2)]), "paraphrase", None, None, "", T),  # taken back
]
LINKS = [ManualLink(HA, HB, (a(1),), (b(2),), T)]


@pytest.fixture
def report():
    return build_report(SESSION, REVIEWS, LINKS)


# --- what a report holds -----------------------------------------------------------


def test_reviews_come_in_reading_order_pairs_then_claims(report):
    order = [(r.target, [e.text for e in r.excerpts]) for r in report.reviews]
    assert order == [
        ("pair", [A_SENTENCES[0], B_SENTENCES[1]]),
        ("pair", [HOSTILE, ""]),
        ("pair", [A_SENTENCES[2], B_SENTENCES[0]]),
        ("pair", ["", B_SENTENCES[2]]),  # only B has it: after A's passages
        ("claim", [B_SENTENCES[1], A_SENTENCES[0]]),
    ]


def test_a_review_taken_back_is_left_out_and_a_note_only_review_is_kept(report):
    assert len(report.reviews) == 5
    claim = report.reviews[-1]
    assert claim.verdict is None and claim.note == "Claim note."
    assert claim.verdict_label == "note only" and claim.articles_label == "claim: B and A"


def test_sides_diff_kind_and_verdict(report):
    divergent, unique_a, rejected, unique_b, claim = report.reviews
    assert divergent.diff == word_diff(A_SENTENCES[0], B_SENTENCES[1])
    assert ("-", "twice") in divergent.diff and ("+", "three times") in divergent.diff
    assert (divergent.kind, divergent.marker, divergent.verdict) == ("divergent", "[!]", "accepted")
    assert rejected.verdict_label == "rejected \u2192 paraphrase" and rejected.note == NOTE
    assert rejected.articles_label == "A\u2013B"
    assert unique_a.diff is None and unique_b.diff is None and claim.diff is None
    assert (unique_a.marker, unique_b.marker) == ("[-]", "[+]")
    assert [e.article.label for e in claim.excerpts] == ["B", "A"]


def test_several_spans_are_joined_by_spaces():
    review = Review(pair([a(0), a(2)], [b(1)]), "divergent", "flagged", updated=T)
    [r] = build_report(SESSION, [review], []).reviews
    assert r.excerpts[0].text == f"{A_SENTENCES[0]} {A_SENTENCES[2]}"


def test_articles_links_and_header(report):
    assert [(x.label, x.outlet, x.hash) for x in report.articles] == [
        ("A", "The <b>Post</b>", HA), ("B", "Wire", HB)]
    [link] = report.links
    assert (link.a.text, link.b.text, link.articles_label) == (HOSTILE, B_SENTENCES[2], "A\u2013B")
    assert progress(SESSION) == "4 of 9"
    assert local_time(T).startswith("2025-03-0")  # local time: the day depends on the zone


def test_progress_before_any_total_is_the_count_alone():
    from dataclasses import replace

    assert progress(replace(SESSION, total=None)) == "4"


def test_a_session_with_nothing_reviewed_is_empty(report):
    assert build_report(SESSION, [REVIEWS[-1]], []).empty
    assert not build_report(SESSION, [], LINKS).empty and not report.empty


# --- Markdown ------------------------------------------------------------------------


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


# --- HTML ----------------------------------------------------------------------------


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


# --- JSON ----------------------------------------------------------------------------


def test_json_round_trip_keeps_the_text_exact(report):
    raw = render_report_json(report)
    assert "\x1b" not in raw  # controls are written as \\u escapes
    data = json.loads(raw)
    assert data["schema"] == SCHEMA == "newsdiff.review/1"
    assert data["session"] == {"id": 7, "key": SESSION.key, "reviewed": 4, "total": 9,
                               "created": T, "updated": T}
    texts = {x["id"]: x["text"] for x in data["articles"]}
    assert texts == {"A": A_TEXT, "B": B_TEXT}
    assert data["articles"][0] == {"id": "A", "hash": HA, "outlet": "The <b>Post</b>",
                                   "title": "Twice [red]", "path": "a.txt", "text": A_TEXT}
    for item in [*data["reviews"], *({"passages": [ln["a"], ln["b"]]} for ln in data["links"])]:
        for p in item["passages"]:
            assert p["text"] == " ".join(texts[p["article"]][s:e] for s, e in p["spans"])


def test_json_reviews_and_links(report):
    data = json.loads(render_report_json(report))
    first, _, rejected, only_b, claim = data["reviews"]
    assert first == {
        "target": "pair",
        "passages": [{"article": "A", "spans": [list(a(0))], "text": A_SENTENCES[0]},
                     {"article": "B", "spans": [list(b(1))], "text": B_SENTENCES[1]}],
        "kind": "divergent", "verdict": "accepted", "corrected": None, "note": "",
        "updated": T,
        "diff": [list(run) for run in word_diff(A_SENTENCES[0], B_SENTENCES[1])],
    }
    assert (rejected["verdict"], rejected["corrected"], rejected["note"]) == (
        "rejected", "paraphrase", NOTE)
    assert only_b["passages"][0] == {"article": "A", "spans": [], "text": ""}
    assert only_b["diff"] is None
    assert claim["target"] == "claim" and claim["verdict"] is None
    assert data["links"] == [{"a": {"article": "A", "spans": [list(a(1))], "text": HOSTILE},
                              "b": {"article": "B", "spans": [list(b(2))],
                                    "text": B_SENTENCES[2]},
                              "created": T}]


@pytest.mark.parametrize("fmt, start", [("markdown", "# newsdiff review"),
                                        ("html", "<!DOCTYPE html>"), ("json", "{")])
def test_render_report_picks_the_format(report, fmt, start):
    assert render_report(report, fmt).startswith(start)
