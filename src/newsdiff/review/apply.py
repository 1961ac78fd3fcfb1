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

**Which alignments a rejection changes** (:meth:`Reviewed.correction`).  A
target that names exactly an alignment's sentences is that *pair*'s verdict
and changes that alignment only.  A target that names more (a *group*: every
sentence of several pairs that share sentences, as the reader's group verdict
and every verdict on a group before pairs could be reviewed one by one)
changes every alignment inside it.  A pair's own word wins over its group's:
a pair the reviewer accepted or rejected by itself keeps that verdict when its
group is rejected, whatever order they were given in; among groups, the
smallest one holding the pair decides.

A correction whose spans no longer match the comparison's sentences (the
engine now splits the text differently) is left out rather than guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from newsdiff.engine.annotate import SentenceAnalysis
from newsdiff.engine.judge import judge
from newsdiff.review.model import ManualLink, Review, Spans, content_hash
from newsdiff.values import Alignment, Article, Comparison

#: Sentence indices of A and of B, each sorted.
Sentences = tuple[tuple[int, ...], tuple[int, ...]]


def apply_reviews(c: Comparison, reviews: Sequence[Review],
                  links: Sequence[ManualLink]) -> Comparison:
    """``c`` with the rejections in ``reviews`` and the ``links`` that concern its articles."""
    reviewed = Reviewed(c, reviews)
    alignments = []
    for al in c.alignments:
        kind = reviewed.correction(al.a, al.b)
        if kind is None:
            alignments.append(al)
        elif kind != "unrelated":
            alignments.append(_with_kind(al, kind))
    for link in links:
        found = reviewed.sides.indices((link.a, link.b), (link.a_spans, link.b_spans))
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


@dataclass(frozen=True, slots=True)
class Placed:
    """A review of a passage and the sentences of A (``a``) and of B (``b``) it names."""

    review: Review
    a: tuple[int, ...]
    b: tuple[int, ...]

    def holds(self, a: Iterable[int], b: Iterable[int]) -> bool:
        """Whether the review's sentences include all of ``a`` and ``b``."""
        return set(a) <= set(self.a) and set(b) <= set(self.b)

    def touches(self, a: Iterable[int], b: Iterable[int]) -> bool:
        """Whether the review names one of the sentences ``a`` of A or ``b`` of B."""
        return bool(set(a) & set(self.a) or set(b) & set(self.b))


class Reviewed:
    """The reviews of one comparison's passages, each placed on the sentences it names.

    The one place that says what a review is about, for :func:`apply_reviews`
    and for the reader, which must show every verdict on what it changed: a
    review is looked up by its sentences exactly (:meth:`exact`), or as the
    review that holds sentences a correction moved (:meth:`holding`: a group
    verdict on a group another verdict made smaller, the rejection that split
    sentences apart), or as a review of part of a passage (:meth:`parts`: one
    of a group's pairs, a pair a rejection took away).  Reviews of other articles and of spans that are no
    sentence are left out, as :func:`apply_reviews` leaves them out.
    """

    def __init__(self, c: Comparison, reviews: Iterable[Review]) -> None:
        self.sides = Sides(c)
        placed = []
        for review in reviews:
            found = (self.sides.indices(review.target.articles, review.target.spans)
                     if review.target.kind == "pair" else None)
            if found is not None:
                placed.append(Placed(review, *found))
        #: Smallest first: of two reviews holding the same sentences, the smaller decides.
        self.placed = sorted(placed, key=lambda p: len(p.a) + len(p.b))
        self._exact = {(p.a, p.b): p for p in self.placed}

    def exact(self, a: Iterable[int], b: Iterable[int]) -> Placed | None:
        """The review of exactly sentences ``a`` of A and ``b`` of B, if any."""
        return self._exact.get((tuple(sorted(a)), tuple(sorted(b))))

    def holding(self, a: Iterable[int], b: Iterable[int], *,
                unrelated: bool) -> Placed | None:
        """The smallest review with a verdict that names sentences ``a`` and ``b`` and more:
        an ``unrelated`` rejection (``unrelated``: what split sentences apart), or any
        other verdict (what a group that lost pairs to another verdict was given)."""
        exact = self.exact(a, b)
        return next((p for p in self.placed
                     if p is not exact and p.review.verdict is not None
                     and (p.review.corrected == "unrelated") == unrelated and p.holds(a, b)),
                    None)

    def parts(self, a: Iterable[int], b: Iterable[int]) -> list[Placed]:
        """The reviews of part of a passage of sentences ``a`` and ``b``, smallest first: of
        some of its sentences of both sides (one of its pairs, or a group as an earlier
        kind filter showed it), and the ``unrelated`` rejections that took a pair away
        from it (they name one of its sentences and ones now elsewhere)."""
        a, b = tuple(sorted(a)), tuple(sorted(b))
        return [p for p in self.placed if (p.a, p.b) != (a, b) and (
            p.review.corrected == "unrelated" and p.touches(a, b)
            or p.a and p.b and set(p.a) <= set(a) and set(p.b) <= set(b))]

    def correction(self, a: Sequence[int], b: Sequence[int]) -> str | None:
        """The kind the reviewer gave the alignment of sentences ``a`` and ``b`` (``unrelated``:
        none), or None where the engine's kind stands: its own verdict if it has one
        that speaks of its kind, else the smallest rejected group holding it."""
        own = self.exact(a, b)
        if own is not None and own.review.verdict in ("accepted", "rejected"):
            return own.review.corrected
        group = next((p for p in self.placed if p is not own and p.review.corrected
                      and p.review.verdict == "rejected" and p.holds(a, b)), None)
        return None if group is None else group.review.corrected

    def split_inside(self, review: Review, a: Iterable[int], b: Iterable[int]) -> list[Review]:
        """The reviews of pairs inside the target of ``review`` (an ``unrelated`` rejection
        of a group) that name one of sentences ``a`` and ``b``: a pair's own flag or note,
        which no passage shows once the rejection split the pair apart, for the parts
        the split left (sentences ``a`` and ``b``) to show."""
        outer = next((p for p in self.placed if p.review.target == review.target), None)
        if outer is None:
            return []
        return [p.review for p in self.placed
                if p is not outer and p.a and p.b and outer.holds(p.a, p.b)
                and p.touches(a, b) and (p.review.verdict is not None or p.review.note)]

    def apart(self) -> list[Sentences]:
        """The sentences of each review, smallest first: a run of unique sentences is never
        one passage across two of them (see :func:`~newsdiff.present.passages.passages`)."""
        return [(p.a, p.b) for p in self.placed]


class Sides:
    """The comparison's two articles by content hash, and their sentences by span: how a
    target or link, named by spans, is found in a comparison (the reader names them so)."""

    def __init__(self, c: Comparison) -> None:
        self.hashes = (content_hash(c.a.text), content_hash(c.b.text))
        self.by_span = [{(s.start, s.end): s.index for s in article.sentences}
                        for article in (c.a, c.b)]

    def indices(self, articles: tuple[str, ...], spans: tuple[Spans, ...]) -> Sentences | None:
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
