"""What a verdict or a manual link of the reader is about, in the store's terms.

The store names passages by their articles' content hashes and their
sentences' character spans, never by position in a view, so a verdict given on
one screen holds on another and when the articles are opened again.  A pair's
two ends are put in hash order: comparing A with B or B with A (``s`` swaps
them) is one comparison, and its passages must be one target each, not two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from newsdiff.present.passages import Passage
from newsdiff.review.model import ManualLink, Spans, Target, content_hash
from newsdiff.values import Article, Claim, Comparison, Story

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
    """The target of a passage of the compare screen (either side may be empty)."""
    ends = pair_ends(c, p.a, p.b)
    return Target("pair", tuple(h for h, _ in ends), tuple(s for _, s in ends))


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
