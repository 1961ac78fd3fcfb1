"""Stories: the articles of a corpus grouped by the event they report.

Two stages, as in record linkage (block, score, cluster):

1. near-copies (:mod:`~newsdiff.corpus.nearcopies`): reprints of one wire
   story, found by MinHash LSH and checked by the engine's own reprint test;
   they are one story whatever else happens (a group is clustered as its first
   article);
2. rewrites: articles whose weighted terms (:mod:`~newsdiff.corpus.vectors`)
   are alike.  Comparing every pair costs the square of the corpus, so only
   *candidate* pairs are scored: two articles that share one of their
   :data:`KEYS_PER_ARTICLE` heaviest terms, published within the date window of
   each other (when both dates are known).  A term among the keys of more than
   :data:`MAX_BLOCK` articles is a topic, not a story ("police", "election"), and
   proposes no pairs.  The scored pairs are clustered by the engine's sparse
   agglomerative clustering (:func:`newsdiff.engine.claims.cluster`) at the
   threshold and linkage that grouped cross-validation on ECB+ chose
   (``scripts/tune_corpus_stories.py``, ``data/corpus_story_choices.json``).

A story's id is derived from its members' ids alone, so a rerun on the same
input gives the same ids.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy import sparse

from newsdiff.engine.claims import cluster, known_linkage
from newsdiff.resources import package_dir

#: The data file of the chosen threshold and linkage (written by the tuning script).
CHOICES_FILE = "corpus_story_choices.json"

#: How many of its heaviest terms each article offers as blocking keys.
KEYS_PER_ARTICLE = 20
#: A key that more articles than this offer proposes no pairs (a bound on cost: a block's
#: pairs grow with the square of its size).
MAX_BLOCK = 200
#: Candidate pairs scored per step (bounds the memory of one sparse product).
_CHUNK = 100_000


@dataclass(frozen=True, slots=True)
class StoryChoices:
    """What story finding decides with: the clustering's threshold and linkage."""

    threshold: float
    linkage: str


@cache
def shipped_choices() -> StoryChoices:
    """The choices that ``scripts/tune_corpus_stories.py`` made, read once per process."""
    data = json.loads((package_dir("data") / CHOICES_FILE).read_text(encoding="utf-8"))
    return StoryChoices(float(data["threshold"]),
                        known_linkage(data["linkage"], "re-run scripts/tune_corpus_stories.py"))


def candidate_pairs(vectors: sparse.csr_matrix, days: Sequence[int | None],
                    window: int | None) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of articles that share a blocking key and whose dates
    (days since some epoch; None when unknown) are at most ``window`` days apart."""
    blocks: dict[int, list[int]] = defaultdict(list)
    for i in range(vectors.shape[0]):
        start, end = vectors.indptr[i], vectors.indptr[i + 1]
        row, weights = vectors.indices[start:end], vectors.data[start:end]
        top = row[np.argsort(-weights, kind="stable")[:KEYS_PER_ARTICLE]]
        for key in top.tolist():
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if _within(days[i], days[j], window):
                    pairs.add((i, j))
    return sorted(pairs)


def _within(a: int | None, b: int | None, window: int | None) -> bool:
    return window is None or a is None or b is None or abs(a - b) <= window


def similarities(vectors: sparse.csr_matrix,
                 pairs: Sequence[tuple[int, int]]) -> dict[tuple[int, int], float]:
    """The cosine of each pair's rows (they are unit length)."""
    out: dict[tuple[int, int], float] = {}
    for start in range(0, len(pairs), _CHUNK):
        chunk = pairs[start:start + _CHUNK]
        left = vectors[[i for i, _ in chunk]]
        right = vectors[[j for _, j in chunk]]
        values = np.asarray(left.multiply(right).sum(axis=1)).ravel()
        out.update(zip(chunk, values.tolist(), strict=True))
    return out


def find_stories(ids: Sequence[str], vectors: sparse.csr_matrix, days: Sequence[int | None],
                 near_copies: Sequence[Sequence[int]], choices: StoryChoices,
                 window: int | None = None) -> list[list[int]]:
    """The articles (by index) grouped into stories, each sorted, in order of first member.

    Each group of near-copies (``near_copies``, groups of indices) is one story: it is
    clustered as one article, its first, so that no merge can split it.
    """
    first_of = {i: group[0] for group in near_copies for i in group}
    nodes = [i for i in range(len(ids)) if first_of.get(i, i) == i]
    node_vectors = vectors[nodes]
    scored = similarities(node_vectors,
                          candidate_pairs(node_vectors, [days[i] for i in nodes], window))
    members: dict[int, list[int]] = {}
    for i in range(len(ids)):
        members.setdefault(first_of.get(i, i), []).append(i)
    found = [sorted(i for k in group for i in members[nodes[k]])
             for group in cluster([ids[i] for i in nodes], scored, choices.threshold,
                                  choices.linkage)]
    return sorted(found)


def story_id(member_ids: Sequence[str]) -> str:
    """A story's id, from its members' ids alone (stable across reruns of one input)."""
    digest = hashlib.blake2b("\n".join(sorted(member_ids)).encode("utf-8"), digest_size=6)
    return f"s{digest.hexdigest()}"
