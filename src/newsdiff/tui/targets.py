"""What a verdict or a manual link of the reader is about, in the store's terms.

The store names passages by their articles' content hashes and their
sentences' character spans, never by position in a view, so a verdict given on
one screen holds on another and when the articles are opened again.  A pair's
two ends are put in hash order: comparing A with B or B with A (``s`` swaps
them) is one comparison, and its passages must be one target each, not two.

A group passage (pairs that share sentences) is one target as a whole, and each
of its pairs is one too: the reader steps through a group's :func:`stops`, so
that a verdict is given to the pair the reviewer looks at, or to the group
when they ask for it (see :mod:`newsdiff.review.apply` for what each changes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsdiff.present.passages import Passage, pair_label
from newsdiff.review.apply import Reviewed
from newsdiff.review.model import ManualLink, Review, Spans, Target, content_hash
from newsdiff.values import Alignment, Article, Claim, Comparison, Story

#: One end of a target or link: an article's hash and the spans of its sentences.
End = tuple[str, Spans]

#: Hashing an article's text once: the screens name targets at every key press.
article_hash = lru_cache(maxsize=4096)(content_hash)


def spans(article: Article, indices: Iterable[int]) -> Spans:
    """The ``(start, end)`` offsets of the given sentences, in reading order."""
    return tuple((article.sentences[i].start, article.sentences[i].end) for i in sorted(indices))


def pair_ends(c: Comparison, a: Sequence[int], b: Sequence[int]) -> tuple[End, End]:
    """Sentences ``a`` of A and ``b`` of B as two ends, in hash order."""
    first, second = sorted([(article_hash(c.a.text), spans(c.a, a)),
                            (article_hash(c.b.text), spans(c.b, b))])
    return first, second


def pair_target(c: Comparison, p: Passage) -> Target:
    """The target of a passage of the compare screen (either side may be empty); of a
    group, all its sentences: the group as a whole."""
    return sentences_target(c, p.a, p.b)


def sentences_target(c: Comparison, a: Sequence[int], b: Sequence[int]) -> Target:
    """The target naming sentences ``a`` of A and ``b`` of B: one pair's, say."""
    ends = pair_ends(c, a, b)
    return Target("pair", tuple(h for h, _ in ends), tuple(s for _, s in ends))


@dataclass(frozen=True, slots=True)
class Stop:
    """One pair of a group passage, as the reader steps through them (``J`` and ``K``).

    An alignment of the comparison (``alignment``), or a review of part of the
    passage that is no alignment now (``alignment`` None), kept in sight so
    that its verdict is seen and can be revised: a pair the reviewer took away
    as unrelated (``kind`` ``unrelated``), or a part of the group an earlier
    kind filter showed as a passage of its own.  ``review`` is the stop's own
    review, if any; ``linked``, whether a manual link of the reviewer made it.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    kind: str
    target: Target
    review: Review | None = None
    alignment: Alignment | None = None
    linked: bool = False

    @property
    def label(self) -> str:
        """``A3–B4``, as the group names its pairs."""
        return pair_label(self.a, self.b)

    @property
    def reviewed(self) -> bool:
        """Whether the stop has a verdict of its own."""
        return self.review is not None and self.review.verdict is not None


def stops(c: Comparison, p: Passage, reviewed: Reviewed, links: Iterable[ManualLink],
          review: Callable[[Target], Review | None]) -> tuple[Stop, ...]:
    """What the reader steps through in passage ``p``, in reading order (A's, then B's):
    a group's pairs, and the reviews of part of the passage that are no pair of it now
    (see :meth:`Reviewed.parts`); () for one pair with none of those (its own target is
    the only one, or it has no pair: sentences split apart stand for the rejection that
    split them).  ``review`` gives a target's own review (a note alone too)."""
    pairs = {(al.a, al.b): al for al in p.pairs}
    others = [q for q in reviewed.parts(p.a, p.b) if (q.a, q.b) not in pairs]
    if not p.pairs or not p.is_group and not others:
        return ()
    made = {link_ends(link) for link in links}
    found = []
    for al in p.pairs:
        target = sentences_target(c, al.a, al.b)
        found.append(Stop(al.a, al.b, al.kind, target, review(target), al,
                          pair_ends(c, al.a, al.b) in made))
    found += [Stop(q.a, q.b, "unrelated" if q.review.corrected == "unrelated"
                   else q.review.corrected or q.review.kind, q.review.target, q.review)
              for q in others]
    return tuple(sorted(found, key=lambda stop: (stop.a, stop.b)))


def claim_target(story: Story, claim: Claim) -> Target:
    """The target of a claim of the story screen: each carrying outlet's sentences."""
    ends = sorted((article_hash(story.articles[p.article].text),
                   spans(story.articles[p.article], p.sentences)) for p in claim.passages)
    return Target("claim", tuple(h for h, _ in ends), tuple(s for _, s in ends))


def new_link(c: Comparison, a: Sequence[int], b: Sequence[int]) -> ManualLink:
    """A manual link between sentences ``a`` of A and ``b`` of B."""
    (ha, sa), (hb, sb) = pair_ends(c, a, b)
    return ManualLink(ha, hb, sa, sb)


def link_ends(link: ManualLink) -> tuple[End, End]:
    """A stored link's ends in hash order, whichever way round it was saved."""
    first, second = sorted([(link.a, link.a_spans), (link.b, link.b_spans)])
    return first, second


def links_in(c: Comparison, p: Passage, links: Iterable[ManualLink]) -> list[ManualLink]:
    """The manual links that make one of the pairs of passage ``p``."""
    pairs = {pair_ends(c, al.a, al.b) for al in p.pairs}
    return [link for link in links if link_ends(link) in pairs]
