"""Rejections and manual links applied to a fresh comparison of the same articles."""

from __future__ import annotations

import pytest

from newsdiff.engine.pair import compare
from newsdiff.review.apply import apply_reviews
from newsdiff.review.model import ManualLink, Review, Target, content_hash
from newsdiff.sources.formats.text import parse_article
from newsdiff.values import Comparison

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
