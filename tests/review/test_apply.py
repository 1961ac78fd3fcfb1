"""Rejections and manual links applied to a fresh comparison of the same articles: a pair's
verdict to its pair, a group's to every pair inside it."""

from __future__ import annotations

import pytest

from newsdiff.engine.pair import compare
from newsdiff.review.apply import Reviewed, apply_reviews
from newsdiff.review.model import ManualLink, Review, Target, content_hash
from newsdiff.sources.formats.text import parse_article
from newsdiff.values import Comparison
from tests.builders import GROUP_A, GROUP_B, build_grouped, make_article

A = ("Officials said the council approved the budget on Monday. "
     "The mayor praised the vote. Schools get 4 percent more.")
B = ("The council approved the budget Monday, officials said. "
     "Teachers welcomed the news. Schools get 6 percent more money.")


@pytest.fixture
def pair() -> Comparison:
    return compare(parse_article(A, "a.txt"), parse_article(B, "b.txt"))


def _spans(article, indices):
    return tuple((article.sentences[i].start, article.sentences[i].end) for i in indices)


def _target(c: Comparison, a: tuple[int, ...], b: tuple[int, ...], swap=False) -> Target:
    hashes = (content_hash(c.a.text), content_hash(c.b.text))
    spans = (_spans(c.a, a), _spans(c.b, b))
    if swap:
        return Target("pair", hashes[::-1], spans[::-1])
    return Target("pair", hashes, spans)


def _partition_holds(c: Comparison) -> None:
    for side, article, unique, boiler in (("a", c.a, c.unique_a, c.boilerplate_a),
                                          ("b", c.b, c.unique_b, c.boilerplate_b)):
        aligned = {i for al in c.alignments for i in getattr(al, side)}
        assert aligned | set(unique) | set(boiler) == {s.index for s in article.sentences}
        assert not aligned & set(unique) and not aligned & set(boiler)


def test_rejected_as_unrelated_splits_the_passage(pair) -> None:
    first = pair.alignments[0]
    review = Review(_target(pair, first.a, first.b), first.kind, "rejected", "unrelated")
    out = apply_reviews(pair, [review], [])
    assert first not in out.alignments
    assert set(first.a) <= set(out.unique_a) and set(first.b) <= set(out.unique_b)
    _partition_holds(out)


def test_rejected_with_another_kind_changes_the_kind(pair) -> None:
    divergent = next(al for al in pair.alignments if al.kind == "divergent")
    review = Review(_target(pair, divergent.a, divergent.b, swap=True), "divergent",
                    "rejected", "paraphrase")
    out = apply_reviews(pair, [review], [])
    changed = next(al for al in out.alignments if (al.a, al.b) == (divergent.a, divergent.b))
    assert changed.kind == "paraphrase" and not changed.details


def test_accepted_and_flagged_change_nothing(pair) -> None:
    first = pair.alignments[0]
    reviews = [Review(_target(pair, first.a, first.b), first.kind, verdict)
               for verdict in ("accepted", "flagged")]
    assert apply_reviews(pair, reviews, []) == pair


def test_a_manual_link_aligns_two_unique_sentences(pair) -> None:
    mayor = next(i for i in pair.unique_a if "mayor" in pair.a.sentences[i].text)
    teachers = next(j for j in pair.unique_b if "Teachers" in pair.b.sentences[j].text)
    link = ManualLink(content_hash(pair.b.text), content_hash(pair.a.text),
                      _spans(pair.b, (teachers,)), _spans(pair.a, (mayor,)))
    out = apply_reviews(pair, [], [link])
    linked = next(al for al in out.alignments if al.a == (mayor,))
    assert linked.b == (teachers,) and linked.kind in ("paraphrase", "divergent")
    assert any(op != "=" for op, _ in linked.diff)
    assert mayor not in out.unique_a and teachers not in out.unique_b
    _partition_holds(out)


def test_corrections_about_other_articles_or_stale_spans_are_left_out(pair) -> None:
    first = pair.alignments[0]
    other = Target("pair", ("0" * 64, content_hash(pair.b.text)),
                   (_spans(pair.a, first.a), _spans(pair.b, first.b)))
    stale = Target("pair", (content_hash(pair.a.text), content_hash(pair.b.text)),
                   (((0, 3),), _spans(pair.b, first.b)))
    reviews = [Review(t, first.kind, "rejected", "unrelated") for t in (other, stale)]
    link = ManualLink(content_hash(pair.a.text), "f" * 64, ((0, 3),), ((0, 3),))
    assert apply_reviews(pair, reviews, [link]) == pair


# -- pairs and groups ---------------------------------------------------------------------


@pytest.fixture
def grouped() -> Comparison:
    """Two groups of two pairs (see :func:`tests.builders.build_grouped`): A0 with B0
    (paraphrase) and B2 (divergent); B3 with A2 and A3 (both shared)."""
    return build_grouped(make_article(GROUP_A), make_article(GROUP_B))


def _kinds(c: Comparison) -> dict[tuple, str]:
    return {(al.a, al.b): al.kind for al in c.alignments}


def _rejected(c: Comparison, a, b, corrected: str, kind: str = "paraphrase") -> Review:
    return Review(_target(c, a, b), kind, "rejected", corrected)


def test_a_pair_target_changes_only_its_pair(grouped) -> None:
    out = apply_reviews(grouped, [_rejected(grouped, (0,), (0,), "shared")], [])
    assert _kinds(out) == {**_kinds(grouped), ((0,), (0,)): "shared"}
    out = apply_reviews(grouped, [_rejected(grouped, (0,), (2,), "unrelated")], [])
    assert _kinds(out) == {k: v for k, v in _kinds(grouped).items() if k != ((0,), (2,))}
    assert 2 in out.unique_b and 0 not in out.unique_a  # A0 is still paired with B0
    _partition_holds(out)


def test_a_group_target_changes_every_pair_inside_it_as_before(grouped) -> None:
    """A target of every sentence of a group: the reader's group verdict, and every verdict
    given on a group before pairs could be reviewed one by one (users' databases)."""
    out = apply_reviews(grouped, [_rejected(grouped, (0,), (0, 2), "shared", "divergent")], [])
    assert _kinds(out) == {**_kinds(grouped), ((0,), (0,)): "shared", ((0,), (2,)): "shared"}
    out = apply_reviews(grouped, [_rejected(grouped, (2, 3), (3,), "unrelated", "shared")], [])
    assert set(_kinds(out)) == {((0,), (0,)), ((0,), (2,))}
    assert {2, 3} <= set(out.unique_a) and 3 in out.unique_b


@pytest.mark.parametrize("pair_first", [True, False])
def test_a_pairs_own_word_wins_over_its_groups_in_either_order(grouped, pair_first) -> None:
    group = _rejected(grouped, (0,), (0, 2), "unrelated", "divergent")
    accepted = Review(_target(grouped, (0,), (0,)), "paraphrase", "accepted")
    rejected = _rejected(grouped, (0,), (2,), "shared", "divergent")
    reviews = [accepted, rejected, group] if pair_first else [group, accepted, rejected]
    out = apply_reviews(grouped, reviews, [])
    assert _kinds(out) == {**_kinds(grouped), ((0,), (2,)): "shared"}
    flagged = Review(_target(grouped, (0,), (0,)), "paraphrase", "flagged")  # says no kind
    assert ((0,), (0,)) not in _kinds(apply_reviews(grouped, [flagged, group], []))


def test_the_smallest_group_holding_a_pair_decides(grouped) -> None:
    everything = _rejected(grouped, (0, 2, 3), (0, 2, 3), "paraphrase", "shared")
    smaller = _rejected(grouped, (2, 3), (3,), "divergent", "shared")
    out = apply_reviews(grouped, [smaller, everything], [])
    assert _kinds(out) == {((0,), (0,)): "paraphrase", ((0,), (2,)): "paraphrase",
                           ((2,), (3,)): "divergent", ((3,), (3,)): "divergent"}


def test_reviewed_places_each_review_on_its_sentences(grouped) -> None:
    pair = _rejected(grouped, (0,), (2,), "unrelated", "divergent")
    group = Review(_target(grouped, (2, 3), (3,)), "shared", "accepted")
    only_a = Review(_target(grouped, (1,), ()), "unique", "flagged")
    noted = Review(_target(grouped, (3,), (3,)), "shared", note="check the source")
    other = Review(Target("pair", ("0" * 64, "1" * 64), ((), ())), "shared", "accepted")
    reviewed = Reviewed(grouped, [group, pair, only_a, noted, other])
    assert [(p.a, p.b) for p in reviewed.placed] == [  # smallest first, others left out
        ((1,), ()), ((0,), (2,)), ((3,), (3,)), ((2, 3), (3,))]
    assert reviewed.exact((3,), (3,)).review is noted
    assert reviewed.exact((0,), (0,)) is None
    # What holds sentences a verdict moved: the rejection for what it split apart, another
    # verdict for what is left of a group; never the sentences' own review.
    assert reviewed.holding((), (2,), unrelated=True).review is pair
    assert reviewed.holding((3,), (3,), unrelated=False).review is group
    assert reviewed.holding((2, 3), (3,), unrelated=False) is None
    assert reviewed.holding((1,), (), unrelated=True) is None
    # Parts of a passage: its pairs' reviews, and the rejections that took one away.
    assert [p.review for p in reviewed.parts((0,), (0,))] == [pair]
    assert [p.review for p in reviewed.parts((2, 3), (3,))] == [noted]
    assert reviewed.apart() == [(p.a, p.b) for p in reviewed.placed]
    assert reviewed.correction((0,), (2,)) == "unrelated"
    assert reviewed.correction((2,), (3,)) is None  # accepted: the engine's kind stands
