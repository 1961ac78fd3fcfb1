"""Which sentences report the same fact: claims found by agglomerative clustering.

Scoring pairs one by one misses how facts are told across outlets: a
headline ("Sessions Spoke With Russian Ambassador Twice"), a lede and a
later sentence all carry one claim, each in its own words, and a sentence
of the other article may resemble one of them far more than the rest.  So
the sentences of both articles are clustered into claims, and every
cross-article pair inside a claim is linked.

How two groups are judged alike is the linkage, chosen with the threshold by
grouped cross-validation (``scripts/train_same_fact.py`` for a pair,
``scripts/tune_story.py`` for a story), not by hand:

- ``average``: members of one are, on average, similar enough to all of the
  other's (completes a claim without chaining unrelated sentences through one
  loose link);
- ``single``: some member of one is similar enough to some member of the other
  (follows a chain of retellings);
- ``complete``: every member of one is similar enough to every member of the
  other (only tight groups).

The graph is sparse: only candidate pairs from the term index carry a
similarity, absent pairs count as 0, so the cost follows the number of
candidates, not n².

Every tie is broken by a key the caller derives from the sentences alone
(not from which article came first), so swapping the articles gives the
same claims.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

#: How far below the threshold a linkage value may fall and still join: an average is
#: a sum along the merges, and a sum such as 0.7 + 0.1 comes out a hair under 0.8.
_ROUNDING = 1e-9


@dataclass(slots=True)
class _Between:
    """What two clusters' scored member pairs add up to (absent pairs count as 0)."""

    total: float
    lowest: float
    highest: float
    scored: int

    def merged(self, other: _Between | None) -> _Between:
        if other is None:
            return self
        return _Between(self.total + other.total, min(self.lowest, other.lowest),
                        max(self.highest, other.highest), self.scored + other.scored)


#: How alike two clusters of these sizes are, under each linkage (the default first).
_LINKAGE_VALUES = {
    "average": lambda between, size_i, size_j: between.total / (size_i * size_j),
    "single": lambda between, size_i, size_j: between.highest,
    "complete": lambda between, size_i, size_j: (
        between.lowest if between.scored == size_i * size_j else 0.0),
}
#: The linkages :func:`cluster` knows, the default first.
LINKAGES = tuple(_LINKAGE_VALUES)


def known_linkage(name: str, remedy: str) -> str:
    """``name`` if it is one of :data:`LINKAGES`; else a RuntimeError that says ``remedy``
    (for data files that name a linkage)."""
    if name not in LINKAGES:
        raise RuntimeError(f"unknown claim linkage {name!r}; {remedy}")
    return name


def cluster(
    keys: Sequence[Hashable],
    similarity: dict[tuple[int, int], float],
    threshold: float,
    linkage: str = LINKAGES[0],
) -> list[list[int]]:
    """Groups of node indices joined while their ``linkage`` similarity is ≥ ``threshold``.

    ``similarity`` holds each scored pair once as ``(i, j)`` with ``i < j``;
    ``keys[i]`` orders node ``i`` among equals (ties between equal values).
    """
    if linkage not in LINKAGES:
        raise ValueError(f"unknown linkage {linkage!r} (known: {', '.join(LINKAGES)})")
    linkage_value = _LINKAGE_VALUES[linkage]
    members: dict[int, list[int]] = {i: [i] for i in range(len(keys))}
    first_key = {i: keys[i] for i in range(len(keys))}
    links: dict[int, dict[int, _Between]] = defaultdict(dict)
    for (i, j), s in similarity.items():
        links[i][j] = links[j][i] = _Between(s, s, s, 1)

    def value(i: int, j: int) -> float:
        return linkage_value(links[i][j], len(members[i]), len(members[j]))

    def entry(i: int, j: int) -> tuple:
        """A heap entry: the most alike first, ties by the clusters' keys."""
        low, high = sorted((first_key[i], first_key[j]))
        return (-value(i, j), low, high, i, j)

    heap = [entry(i, j) for (i, j) in similarity]
    heapq.heapify(heap)
    while heap:
        negative_value, _, _, i, j = heapq.heappop(heap)
        if -negative_value < threshold - _ROUNDING:
            break
        if i not in members or j not in members or j not in links[i]:
            continue
        if -value(i, j) != negative_value:  # stale: the clusters changed since
            continue
        _merge(i, j, members, first_key, links)
        for k in links[i]:
            heapq.heappush(heap, entry(i, k))
    return sorted((sorted(group) for group in members.values()), key=lambda g: keys[g[0]])


def _merge(
    keep: int,
    gone: int,
    members: dict[int, list[int]],
    first_key: dict,
    links: dict[int, dict[int, _Between]],
) -> None:
    """Fold cluster ``gone`` into ``keep``, combining their pairs with every neighbour."""
    members[keep].extend(members.pop(gone))
    first_key[keep] = min(first_key[keep], first_key.pop(gone))
    for k, between in links.pop(gone, {}).items():
        del links[k][gone]
        if k == keep:
            continue
        links[keep][k] = links[k][keep] = between.merged(links[keep].get(k))
