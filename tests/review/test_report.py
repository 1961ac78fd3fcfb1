"""What a review report holds: reviews in reading order, their sides, diffs and verdicts."""

from newsdiff.review.model import Review
from newsdiff.review.report import build_report, local_time
from newsdiff.text.diffing import word_diff
from tests.review.sample import (
    A_SENTENCES,
    B_SENTENCES,
    HA,
    HB,
    HOSTILE,
    LINKS,
    NOTE,
    REVIEWS,
    SESSION,
    T,
    a,
    b,
    pair,
)


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
    assert str(SESSION.progress) == "4 of 9"
    assert local_time(T).startswith("2025-03-0")  # local time: the day depends on the zone


def test_progress_before_any_total_is_the_count_alone():
    from dataclasses import replace

    assert str(replace(SESSION, total=None).progress) == "4"


def test_a_session_with_nothing_reviewed_is_empty(report):
    assert build_report(SESSION, [REVIEWS[-1]], []).empty
    assert not build_report(SESSION, [], LINKS).empty and not report.empty
