"""Which scored candidate pairs become alignments.

A sentence may report a fact that the other article spreads over several
sentences, so a sentence may link to more than one partner: every pair the
pair model is confident about is kept.  A pair the model is less sure of is
kept only when each sentence is the other's best partner, which recovers
same-fact pairs told in quite different words without letting a sentence
collect every loosely related one.  A sentence with a verbatim copy on the
other side links to that copy alone.

All rules are symmetric in A and B.
"""

from __future__ import annotations

from collections import defaultdict

# Probability from the pair model above which a pair is linked outright.
CONFIDENT = 0.5
# Lower bar for a pair of mutual best partners.
MUTUAL_BEST = 0.25


def select_links(
    scores: dict[tuple[int, int], float], exact: set[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The linked pairs, sorted, from candidate scores and the verbatim pairs."""
    copied_a = {i for i, _ in exact}
    copied_b = {j for _, j in exact}
    best_a: dict[int, tuple[float, int]] = defaultdict(lambda: (-1.0, -1))
    best_b: dict[int, tuple[float, int]] = defaultdict(lambda: (-1.0, -1))
    for (i, j), p in scores.items():
        best_a[i] = max(best_a[i], (p, -j))
        best_b[j] = max(best_b[j], (p, -i))
    links = []
    for (i, j), p in scores.items():
        if (i in copied_a or j in copied_b) and (i, j) not in exact:
            continue
        mutual = best_a[i][1] == -j and best_b[j][1] == -i
        if (i, j) in exact or p >= CONFIDENT or (mutual and p >= MUTUAL_BEST):
            links.append((i, j))
    return sorted(links)
