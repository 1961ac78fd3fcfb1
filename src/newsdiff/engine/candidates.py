"""Which sentences of A could report the same fact as which sentences of B.

Articles reorder facts, so alignment never assumes the same order.  Instead
of scoring all |A| x |B| pairs, an inverted index from content-word stems to
the sentences that use them proposes candidates: each sentence's best few
partners by shared, IDF-weighted vocabulary.  Only those candidates are
scored by the learned pair model, so a comparison grows with the number of
sentences times a small constant rather than with their product.

The index covers the sentences of both articles at once, so a sentence's
partners include sentences of its own article (which the claims need).
Scores are integers and ties break by sentence number, so the result does
not depend on the order in which terms are summed.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

# A stem used by more sentences than this is too common to propose candidates
# on its own (it still counts when the pair model scores a candidate).
MAX_POSTING = 100
# IDF weights are summed as integers so that the sum does not depend on order.
WEIGHT_SCALE = 1000


def idf_weights(term_sets: Sequence[frozenset[str]]) -> dict[str, int]:
    """Integer IDF of every stem over the given sentences (a sentence = a document)."""
    df: Counter[str] = Counter()
    for terms in term_sets:
        df.update(terms)
    n = len(term_sets)
    return {t: round(WEIGHT_SCALE * math.log((n + 1) / (d + 0.5))) for t, d in df.items()}


def candidate_pairs(
    term_sets: Sequence[frozenset[str]],
    weights: dict[str, int],
    top_k: int,
) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of sentences worth scoring, in sorted order.

    A pair qualifies when it shares at least one indexed stem and is among
    the ``top_k`` best partners of either of its sentences.  Each sentence's
    partners are ranked on their own, so memory stays proportional to the
    number of sentences times ``top_k``.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for j, terms in enumerate(term_sets):
        for t in terms:
            postings[t].append(j)
    chosen: set[tuple[int, int]] = set()
    for i, terms in enumerate(term_sets):
        overlap: dict[int, int] = defaultdict(int)
        for t in terms:
            hits = postings[t]
            if len(hits) > MAX_POSTING:
                continue
            w = weights[t]
            for j in hits:
                overlap[j] += w
        overlap.pop(i, None)
        best = sorted(overlap.items(), key=lambda jw: (-jw[1], jw[0]))[:top_k]
        chosen.update((min(i, j), max(i, j)) for j, _ in best)
    return sorted(chosen)
