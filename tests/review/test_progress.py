"""The one count of progress: per view over distinct targets, a session the sum of its views."""

from newsdiff.review.progress import (
    STORY_VIEW,
    Progress,
    pair_view,
    session_progress,
    view_progress,
)


def test_a_view_counts_its_distinct_targets_that_have_a_verdict():
    # A split's two parts stand for one target: listed twice, counted once.
    assert view_progress(["split", "split", "b", "c"], {"split", "elsewhere"}) == Progress(1, 3)
    assert view_progress([], {"x"}) == Progress(0, 0)


def test_a_session_is_the_sum_of_its_views():
    views = [frozenset({"p1", "p2", "p3"}), frozenset({"c1", "c2"})]
    assert session_progress(views, ["p1", "c2", "gone"]) == Progress(2, 5)
    # A session kept before views were (schema 1): every verdict, of what it had counted.
    assert session_progress([], ["p1", "p1", "gone"], 12) == Progress(2, 12)
    assert session_progress([], ["p1"]) == Progress(1, None)


def test_progress_reads_n_of_m_or_n_alone():
    assert (str(Progress(3, 12)), str(Progress(3, None))) == ("3 of 12", "3")


def test_a_pair_is_one_view_whichever_way_round():
    assert pair_view("a" * 64, "b" * 64) == pair_view("b" * 64, "a" * 64) != STORY_VIEW
    assert pair_view("a" * 64, "c" * 64) != pair_view("a" * 64, "b" * 64)
