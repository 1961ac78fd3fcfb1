"""A comparison as the reviewer corrected it: rejections and manual links applied.

The engine's comparison is recomputed every time articles are opened; the
reviewer's corrections live in the store as :class:`~newsdiff.review.model.Review`
and :class:`~newsdiff.review.model.ManualLink` values that name sentences by
their character spans.  :func:`apply_reviews` maps them back onto the
comparison, so a correction holds whenever the same articles are compared
again, in the reader and in exports alike:

- a rejected passage whose right kind is ``unrelated`` loses its alignments
  (its sentences become unique: the engine paired two different facts);
- a rejected passage given another kind keeps its alignments with that kind
  (details cleared unless it is now divergent);
- a manual link aligns the linked sentences (judged as the engine judges a
  pair, :func:`newsdiff.engine.judge.judge`), taking them out of the unique and boilerplate lists.

A correction whose spans no longer match the comparison's sentences (the
engine now splits the text differently) is left out rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from newsdiff.engine.annotate import SentenceAnalysis
from newsdiff.engine.judge import judge
from newsdiff.review.model import ManualLink, Review, Spans, content_hash
from newsdiff.values import Alignment, Article, Comparison


def apply_reviews(c: Comparison, reviews: Sequence[Review],
                  links: Sequence[ManualLink]) -> Comparison:
    """``c`` with the rejections in ``reviews`` and the ``links`` that concern its articles."""
    sides = _Sides(c)
    alignments = list(c.alignments)
    for review in reviews:
        if review.verdict != "rejected" or not review.corrected or review.target.kind != "pair":
            continue
        found = sides.indices(review.target.articles, review.target.spans)
        if found is None:
            continue
        a, b = set(found[0]), set(found[1])
        hit = [al for al in alignments if set(al.a) <= a and set(al.b) <= b]
        if review.corrected == "unrelated":
            alignments = [al for al in alignments if al not in hit]
        else:
            alignments = [_with_kind(al, review.corrected) if al in hit else al
                          for al in alignments]
    for link in links:
        found = sides.indices((link.a, link.b), (link.a_spans, link.b_spans))
        if found is not None and found[0] and found[1]:
            alignments.append(_linked(c, *found))
    alignments.sort(key=lambda al: (al.a, al.b))
    aligned_a = {i for al in alignments for i in al.a}
    aligned_b = {j for al in alignments for j in al.b}
    return Comparison(
        a=c.a, b=c.b, alignments=tuple(dict.fromkeys(alignments)),
        unique_a=_story_rest(c.a, aligned_a), unique_b=_story_rest(c.b, aligned_b),
        boilerplate_a=tuple(i for i in c.boilerplate_a if i not in aligned_a),
        boilerplate_b=tuple(j for j in c.boilerplate_b if j not in aligned_b),
    )


class _Sides:
    """The comparison's two articles by content hash, and their sentences by span."""

    def __init__(self, c: Comparison) -> None:
        self.hashes = (content_hash(c.a.text), content_hash(c.b.text))
        self.by_span = [{(s.start, s.end): s.index for s in article.sentences}
                        for article in (c.a, c.b)]

    def indices(self, articles: tuple[str, ...],
                spans: tuple[Spans, ...]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
        """Sentence indices in A and in B of a target or link given in either order,
        or ``None`` if it is about other articles or names a span that is no sentence."""
        if tuple(articles) == self.hashes:
            ordered = spans
        elif tuple(articles) == self.hashes[::-1]:
            ordered = spans[::-1]
        else:
            return None
        out = []
        for by_span, side in zip(self.by_span, ordered, strict=True):
            if any(tuple(span) not in by_span for span in side):
                return None
            out.append(tuple(sorted(by_span[tuple(span)] for span in side)))
        return out[0], out[1]


def _with_kind(al: Alignment, kind: str) -> Alignment:
    return replace(al, kind=kind, details=al.details if kind == "divergent" else ())


def _linked(c: Comparison, a: tuple[int, ...], b: tuple[int, ...]) -> Alignment:
    """The alignment a manual link makes: judged as the engine judges its own links."""
    verdict = judge([SentenceAnalysis(c.a.sentences[i]) for i in a],
                    [SentenceAnalysis(c.b.sentences[j]) for j in b])
    return Alignment(kind=verdict.kind, a=a, b=b, score=1.0, details=verdict.details,
                     diff=verdict.diff)


def _story_rest(article: Article, aligned: set[int]) -> tuple[int, ...]:
    return tuple(s.index for s in article.story_sentences if s.index not in aligned)
