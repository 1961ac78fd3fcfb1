"""Which sentences report the same fact: claims found by average-linkage clustering.

Scoring pairs one by one misses how facts are told across outlets: a
headline ("Sessions Spoke With Russian Ambassador Twice"), a lede and a
later sentence all carry one claim, each in its own words, and a sentence
of the other article may resemble one of them far more than the rest.  So
the sentences of both articles are clustered into claims, and every
cross-article pair inside a claim is linked.

Average linkage (a cluster joins another only when its members are, on
average, similar enough to all of the other's) completes such groups without
chaining unrelated sentences through one loose link.  The graph is sparse:
only candidate pairs from the term index carry a similarity, absent pairs
count as 0, so the cost follows the number of candidates, not n².

Every tie is broken by a key the caller derives from the sentences alone
(not from which article came first), so swapping the articles gives the
same claims.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Hashable, Sequence


def cluster(
    keys: Sequence[Hashable],
    similarity: dict[tuple[int, int], float],
    threshold: float,
) -> list[list[int]]:
    """Groups of node indices whose average pairwise similarity stays ≥ ``threshold``.

    ``similarity`` holds each scored pair once as ``(i, j)`` with ``i < j``;
    ``keys[i]`` orders node ``i`` among equals (ties between equal averages).
    """
    members: dict[int, list[int]] = {i: [i] for i in range(len(keys))}
    first_key = {i: keys[i] for i in range(len(keys))}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in similarity.items():
        links[i][j] = links[j][i] = s
    heap = [_entry(i, j, s, 1, 1, first_key) for (i, j), s in similarity.items()]
    heapq.heapify(heap)
    while heap:
        negative_average, _, _, i, j = heapq.heappop(heap)
        if -negative_average < threshold:
            break
        if i not in members or j not in members or links[i].get(j) is None:
            continue
        current = links[i][j] / (len(members[i]) * len(members[j]))
        if current != -negative_average:
            continue
        _merge(i, j, members, first_key, links)
        for k, total in links[i].items():
            heapq.heappush(heap, _entry(i, k, total, len(members[i]), len(members[k]), first_key))
    return sorted((sorted(group) for group in members.values()), key=lambda g: keys[g[0]])


def _entry(i: int, j: int, total: float, size_i: int, size_j: int, first_key: dict) -> tuple:
    """A heap entry: highest average first, ties by the clusters' keys."""
    low, high = sorted((first_key[i], first_key[j]))
    return (-total / (size_i * size_j), low, high, i, j)


def _merge(
    keep: int,
    gone: int,
    members: dict[int, list[int]],
    first_key: dict,
    links: dict[int, dict[int, float]],
) -> None:
    """Fold cluster ``gone`` into ``keep``, summing their similarities to every neighbour."""
    members[keep].extend(members.pop(gone))
    first_key[keep] = min(first_key[keep], first_key.pop(gone))
    for k, total in links.pop(gone, {}).items():
        del links[k][gone]
        if k == keep:
            continue
        links[keep][k] = links[k][keep] = links[keep].get(k, 0.0) + total
