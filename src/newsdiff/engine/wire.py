"""Wire copy: which articles of a story are reprints of one another (one source).

Two articles are one source when :data:`WIRE_CONTAINMENT` of the shorter
one's word 5-grams occur in the other: a reprint may be trimmed or
retitled, so containment, not overlap of the union.  A story's claims count
their independent sources as well as their outlets.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from newsdiff.text.tokens import words
from newsdiff.values import Article

#: Share of the shorter article's word 5-grams the other must contain to be a reprint.
WIRE_CONTAINMENT = 0.7
_SHINGLE = 5


def wire_sources(articles: Sequence[Article]) -> tuple[tuple[int, ...], ...]:
    """Articles grouped by source: near-duplicates (reprints of one wire story) together.

    Two articles are one source when :data:`WIRE_CONTAINMENT` of the shorter
    one's word 5-grams occur in the other (a reprint may be trimmed or retitled,
    so containment, not overlap of the union).  Groups are closed under that
    relation and ordered by their first article.
    """
    sets = [shingles(a) for a in articles]
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if is_reprint(sets[i], sets[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(articles)):
        groups[root(i)].append(i)
    return tuple(sorted(tuple(g) for g in groups.values()))


def is_reprint(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> bool:
    """Whether two articles' :func:`shingles` make them one source: :data:`WIRE_CONTAINMENT`
    of the shorter one's 5-grams occur in the other (never when the shorter has none)."""
    small, large = sorted((a, b), key=len)
    return bool(small) and len(small & large) >= WIRE_CONTAINMENT * len(small)


def reprint_share(copy: Article, source: Article) -> float:
    """The share of ``copy``'s 5-grams that ``source`` holds (0 when it has none): how much of
    a reprint is its source's text."""
    own = shingles(copy)
    return len(own & shingles(source)) / len(own) if own else 0.0


def shingles(article: Article) -> frozenset[tuple[str, ...]]:
    """The article's story text as a set of word 5-grams (empty under five words): what
    :func:`wire_sources` compares, and what corpus near-copy finding shingles so that
    both call the same articles reprints."""
    ws = words(" ".join(s.text for s in article.story_sentences))
    return frozenset(tuple(ws[k:k + _SHINGLE]) for k in range(len(ws) - _SHINGLE + 1))

