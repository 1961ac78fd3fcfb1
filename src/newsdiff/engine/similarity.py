"""How similar two sentences are: what the engine clusters and links on.

The similarity of two sentences joins two views of "the same fact":

- IDF-weighted containment: how much of the shorter sentence's content the
  other carries.  A headline and a lede that adds detail score high, which
  a pair model trained on sentence pairs of similar length does not;
- the scorer (by default the learned pair model, :mod:`newsdiff.engine.scoring`),
  which sees paraphrase in different words.  It is asked only about pairs
  from different articles (what it was trained on, and where paraphrase is
  the question) that share at least :data:`MODEL_MIN_CONTAINMENT` of their
  content: below that, its confident answers on pairs unlike its training
  data are mostly wrong.  Nor is it asked when containment alone reaches
  :data:`DIRECT_LINK`: such a pair is linked whatever the model says.
  Sentences of one article join a claim by containment.

The scorer is asked about each pair in one canonical order (by sentence
text), so the result does not depend on which article came first.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from newsdiff.engine.annotate import SentenceAnalysis
from newsdiff.engine.scoring import Scorer
from newsdiff.run import Executor

#: The scorer is asked only about pairs sharing at least this much of their content.
MODEL_MIN_CONTAINMENT = 0.2
#: A pair this similar is linked even if clustering put its sentences in different claims.
DIRECT_LINK = 0.6
#: Scorer questions one core answers in a second (for the executor's judgement).
SCORER_PAIRS_PER_SECOND = 8_000


class Similarity:
    """Similarity of two distinct sentence texts (nodes), computed once per pair.

    ``nodes[i]`` is the analysis of node ``i``'s text, ``terms[i]`` its content
    terms with aliases, ``sides[i]`` the articles (by index) that print it.
    """

    def __init__(self, weights: dict[str, int], nodes: Sequence[SentenceAnalysis],
                 terms: Sequence[frozenset[str]], sides: Sequence[frozenset[int]],
                 scorer: Scorer, executor: Executor) -> None:
        self.weights = weights
        self.nodes, self.terms, self.sides = nodes, terms, sides
        self.scorer, self.executor = scorer, executor
        self.known: dict[tuple[int, int], float] = {}
        self.mass = [sum(weights[t] for t in ts) for ts in terms]
        self._prepared: dict[int, Any] = {}

    def __call__(self, i: int, j: int) -> float:
        """Similarity of nodes ``i`` and ``j``."""
        if i == j:
            return 1.0
        key = (i, j) if i < j else (j, i)
        if key not in self.known:
            self.known[key] = self._compute(*key)
        return self.known[key]

    def scores(self, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], float]:
        """The similarity of each pair ``(i, j)``, ``i < j``: what ``__call__`` gives.  When
        the executor spreads them, the scorer's questions are asked all at once, by
        sentence text; otherwise here, one by one, each sentence prepared once."""
        pairs = list(pairs)
        if self.executor.spreads(len(pairs), SCORER_PAIRS_PER_SECOND):
            asked = []
            for pair in pairs:
                if pair not in self.known:
                    containment = self._containment(*pair)
                    if self._asks_scorer(*pair, containment):
                        asked.append((pair, containment))
                    else:
                        self.known[pair] = containment
            texts = [tuple(self.nodes[n].sentence.text for n in self._canonical(*pair))
                     for pair, _ in asked]
            answers = self.executor.map_chunks(functools.partial(probabilities, self.scorer),
                                               texts, SCORER_PAIRS_PER_SECOND)
            for (pair, containment), p in zip(asked, answers, strict=True):
                self.known[pair] = max(containment, p)
        return {pair: self(*pair) for pair in pairs}

    def _compute(self, i: int, j: int) -> float:
        containment = self._containment(i, j)
        if not self._asks_scorer(i, j, containment):
            return containment
        first, second = self._canonical(i, j)
        return max(containment, self.scorer.probability(self._prepare(first),
                                                        self._prepare(second)))

    def _prepare(self, node: int) -> Any:
        if node not in self._prepared:
            self._prepared[node] = self.scorer.prepare(self.nodes[node].sentence.text)
        return self._prepared[node]

    def _containment(self, i: int, j: int) -> float:
        shared = sum(self.weights[t] for t in self.terms[i] & self.terms[j])
        return shared / max(1, min(self.mass[i], self.mass[j]))

    def _asks_scorer(self, i: int, j: int, containment: float) -> bool:
        return MODEL_MIN_CONTAINMENT <= containment < DIRECT_LINK and across(
            self.sides[i], self.sides[j])

    def _canonical(self, i: int, j: int) -> tuple[int, int]:
        """The two nodes in the order the scorer is asked about them (by sentence text)."""
        return (i, j) if self.nodes[i].key <= self.nodes[j].key else (j, i)


def probabilities(scorer: Scorer, pairs: list[tuple[str, str]]) -> list[float]:
    """The scorer's probability for each pair of sentence texts (a worker's job)."""
    return [scorer.probability(scorer.prepare(a), scorer.prepare(b)) for a, b in pairs]


def across(sides_i: frozenset[int], sides_j: frozenset[int]) -> bool:
    """Whether two texts occur in different articles (``sides_*``: the articles, by index,
    that print each text)."""
    return len(sides_i | sides_j) >= 2
