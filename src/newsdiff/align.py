"""Which sentences of A could report the same fact as which sentences of B.

Articles reorder facts, so alignment never assumes the same order.  Instead
of scoring all |A| x |B| pairs, an inverted index from content-word stems to
the sentences that use them proposes candidates: each sentence's best few
partners by shared, IDF-weighted vocabulary.  Only those candidates are
scored by the learned pair model, so a comparison grows with the number of
sentences times a small constant rather than with their product.

Everything here is symmetric in A and B (integer scores, index tie-breaks,
candidates proposed from both sides), so swapping the articles mirrors the
result exactly.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

# A stem used by more sentences than this is too common to propose candidates
# on its own (it still counts when the pair model scores a candidate).
MAX_POSTING = 200
# How many partners each sentence proposes, from each side.
TOP_K = 8
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
    terms_a: Sequence[frozenset[str]],
    terms_b: Sequence[frozenset[str]],
    weights: dict[str, int],
    top_k: int = TOP_K,
) -> list[tuple[int, int]]:
    """Pairs (i, j) of A's and B's sentences worth scoring, in sorted order.

    A pair qualifies when it shares at least one indexed stem and is among
    the ``top_k`` best partners of either of its sentences.
    """
    overlap = _shared_weight(terms_a, terms_b, weights)
    best_for_a: dict[int, list[tuple[int, int]]] = defaultdict(list)
    best_for_b: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (i, j), w in overlap.items():
        best_for_a[i].append((-w, j))
        best_for_b[j].append((-w, i))
    chosen: set[tuple[int, int]] = set()
    for i, ranked in best_for_a.items():
        chosen.update((i, j) for _, j in sorted(ranked)[:top_k])
    for j, ranked in best_for_b.items():
        chosen.update((i, j) for _, i in sorted(ranked)[:top_k])
    return sorted(chosen)


def _shared_weight(
    terms_a: Sequence[frozenset[str]],
    terms_b: Sequence[frozenset[str]],
    weights: dict[str, int],
) -> dict[tuple[int, int], int]:
    """Summed weight of the stems each (i, j) pair shares, through the index of B."""
    postings: dict[str, list[int]] = defaultdict(list)
    for j, terms in enumerate(terms_b):
        for t in terms:
            postings[t].append(j)
    df_a: Counter[str] = Counter(t for terms in terms_a for t in terms)
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for i, terms in enumerate(terms_a):
        for t in terms:
            hits = postings.get(t)
            if not hits or len(hits) > MAX_POSTING or df_a[t] > MAX_POSTING:
                continue
            w = weights[t]
            for j in hits:
                overlap[(i, j)] += w
    return overlap
