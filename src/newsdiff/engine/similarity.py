"""How likely two sentences tell the same fact: what the engine clusters and links on.

Two sentences of one article join a claim by IDF-weighted containment (how
much of the shorter sentence's content the other carries): within one
article the question is only whether they are about the same thing.

Two sentences of different articles get the learned same-fact model's
probability (:mod:`newsdiff.engine.scoring.same_fact`), from what is measured
of the pair:

- containment, which scores a headline and a lede that adds detail high (a
  pair model trained on sentences of similar length does not);
- the scorer's probability (by default the paraphrase model,
  :mod:`newsdiff.engine.scoring`), which sees paraphrase in different words.
  It is asked only about pairs that share at least the model's
  ``scorer_gate`` of their content (below that, its confident answers on
  pairs unlike its training data are mostly wrong), and not about pairs whose
  containment reaches its ``scorer_enough``: the similarity is the larger of
  the two, and such a pair's containment already says what the scorer would
  (both bounds are chosen by the model's cross-validation);
- the cosine of the two sentences, and of the two articles as wholes, and how
  many sentence pairs the two articles make (see the model's docstring).

The scorer is asked about each pair in one canonical order (by sentence
text), so the result does not depend on which article came first.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from typing import Any

from newsdiff.engine.annotate import SentenceAnalysis
from newsdiff.engine.scoring import Scorer
from newsdiff.engine.scoring.same_fact import SameFactModel
from newsdiff.run import Executor

#: Scorer questions one core answers in a second (for the executor's judgement).
SCORER_PAIRS_PER_SECOND = 8_000


class ArticleContext:
    """What the same-fact model knows of the articles: each one's content terms (with
    aliases) and number of story sentences, and how alike two of them are."""

    def __init__(self, weights: dict[str, int], terms: Sequence[frozenset[str]],
                 sizes: Sequence[int]) -> None:
        self.weights, self.terms, self.sizes = weights, terms, sizes
        self.norms = [_norm(weights, ts) for ts in terms]
        self._cosines: dict[tuple[int, int], float] = {}

    def cosine(self, a: int, b: int) -> float:
        """IDF-weighted cosine of articles ``a`` and ``b``'s content terms."""
        key = (a, b) if a < b else (b, a)
        if key not in self._cosines:
            shared = sum(self.weights[t] ** 2 for t in self.terms[a] & self.terms[b])
            self._cosines[key] = shared / max(1.0, self.norms[a] * self.norms[b])
        return self._cosines[key]


class Similarity:
    """Similarity of two distinct sentence texts (nodes), computed once per pair.

    ``nodes[i]`` is the analysis of node ``i``'s text, ``terms[i]`` its content
    terms with aliases, ``sides[i]`` the articles (by index) that print it.
    """

    def __init__(self, weights: dict[str, int], nodes: Sequence[SentenceAnalysis],
                 terms: Sequence[frozenset[str]], sides: Sequence[frozenset[int]],
                 articles: ArticleContext, scorer: Scorer, model: SameFactModel,
                 executor: Executor) -> None:
        self.weights = weights
        self.nodes, self.terms, self.sides, self.articles = nodes, terms, sides, articles
        self.scorer, self.model, self.executor = scorer, model, executor
        self.known: dict[tuple[int, int], float] = {}
        #: The scorer's answers, by pair (None: not asked).
        self.answers: dict[tuple[int, int], float | None] = {}
        #: Each node's highest similarity to a candidate partner in another article.
        self.best: dict[int, float] = {}
        self.mass = [sum(weights[t] for t in ts) for ts in terms]
        self.norms = [_norm(weights, ts) for ts in terms]
        self._prepared: dict[int, Any] = {}

    def __call__(self, i: int, j: int) -> float:
        """Similarity of nodes ``i`` and ``j``."""
        if i == j:
            return 1.0
        key = (i, j) if i < j else (j, i)
        if key not in self.known:
            self.known[key] = self._value(*key)
        return self.known[key]

    def scores(self, pairs: Iterable[tuple[int, int]]) -> dict[tuple[int, int], float]:
        """The similarity of each candidate pair ``(i, j)``, ``i < j``, after noting each
        node's best candidate partner (which the model compares every pair with).

        When the executor spreads them, the scorer's questions are asked all at once,
        by sentence text; otherwise here, one by one, each sentence prepared once."""
        pairs = list(pairs)
        if self.executor.spreads(len(pairs), SCORER_PAIRS_PER_SECOND):
            asked = [pair for pair in pairs
                     if pair not in self.answers and self.asks_scorer(*pair)]
            texts = [tuple(self.nodes[n].sentence.text for n in self._canonical(*pair))
                     for pair in asked]
            answers = self.executor.map_chunks(functools.partial(probabilities, self.scorer),
                                               texts, SCORER_PAIRS_PER_SECOND)
            self.answers.update(zip(asked, answers, strict=True))
        plain = {(i, j): self.plain(i, j) for i, j in pairs
                 if across(self.sides[i], self.sides[j])}
        for (i, j), value in plain.items():
            self.best[i] = max(self.best.get(i, 0.0), value)
            self.best[j] = max(self.best.get(j, 0.0), value)
        for pair, value in plain.items():
            self.known.setdefault(pair, self._probability(*pair, value))
        return {pair: self(*pair) for pair in pairs}

    def plain(self, i: int, j: int) -> float:
        """The larger of containment and the scorer's probability (when it is asked)."""
        key = (i, j) if i < j else (j, i)
        if key not in self.answers:
            self.answers[key] = self.paraphrase(*key) if self.asks_scorer(*key) else None
        containment, answer = self.containment(i, j), self.answers[key]
        return containment if answer is None else max(containment, answer)

    def containment(self, i: int, j: int, shared: frozenset[str] | None = None) -> float:
        """How much of the content of the lighter of nodes ``i`` and ``j`` the other carries
        (``shared``: their common terms, when known)."""
        if shared is None:
            shared = self.terms[i] & self.terms[j]
        return sum(self.weights[t] for t in shared) / max(1, min(self.mass[i], self.mass[j]))

    def asks_scorer(self, i: int, j: int) -> bool:
        """Whether the scorer is asked about nodes ``i`` and ``j`` (see the module docstring)."""
        return across(self.sides[i], self.sides[j]) and self.model.asks_scorer(
            self.containment(i, j))

    def paraphrase(self, i: int, j: int) -> float:
        """The scorer's probability for nodes ``i`` and ``j``, asked in canonical order."""
        first, second = self._canonical(i, j)
        return self.scorer.probability(self._prepare(first), self._prepare(second))

    def features(self, i: int, j: int, plain: float, best: tuple[float, float]) -> list[float]:
        """What the same-fact model sees of nodes ``i`` and ``j`` of different articles, in
        the order of ``same_fact.FEATURE_NAMES``: ``plain`` is their :meth:`plain`
        similarity, ``best`` each one's best with a candidate partner in another article."""
        shared = self.terms[i] & self.terms[j]
        a, b = self._articles(i, j)
        lengths = sorted((len(self.terms[i]), len(self.terms[j])))
        relative = sorted(relative_similarity(plain, top) for top in best)
        return [
            plain,
            self.containment(i, j, shared),
            sum(self.weights[t] ** 2 for t in shared) / max(1.0, self.norms[i] * self.norms[j]),
            self.articles.cosine(a, b),
            math.log1p(self.articles.sizes[a] * self.articles.sizes[b]),
            math.log1p(lengths[0]),
            math.log1p(lengths[1]),
            *relative,
        ]

    def _value(self, i: int, j: int) -> float:
        if not across(self.sides[i], self.sides[j]):
            return self.containment(i, j)
        return self._probability(i, j, self.plain(i, j))

    def _probability(self, i: int, j: int, plain: float) -> float:
        """The model's P(same fact) of nodes ``i`` and ``j`` of different articles."""
        best = (self.best.get(i, 0.0), self.best.get(j, 0.0))
        return self.model.probability(self.features(i, j, plain, best))

    def _articles(self, i: int, j: int) -> tuple[int, int]:
        """The two different articles whose context a pair of nodes is judged in: the first
        that prints each (a text printed by several is judged as in the first of them)."""
        a = min(self.sides[i])
        others = self.sides[j] - {a}
        if others:
            return a, min(others)
        b = min(self.sides[j])
        return min(self.sides[i] - {b}), b

    def _prepare(self, node: int) -> Any:
        if node not in self._prepared:
            self._prepared[node] = self.scorer.prepare(self.nodes[node].sentence.text)
        return self._prepared[node]

    def _canonical(self, i: int, j: int) -> tuple[int, int]:
        """The two nodes in the order the scorer is asked about them (by sentence text)."""
        return (i, j) if self.nodes[i].key <= self.nodes[j].key else (j, i)


def probabilities(scorer: Scorer, pairs: list[tuple[str, str]]) -> list[float]:
    """The scorer's probability for each pair of sentence texts (a worker's job)."""
    return [scorer.probability(scorer.prepare(a), scorer.prepare(b)) for a, b in pairs]


def relative_similarity(value: float, best: float) -> float:
    """How a pair's similarity compares with a sentence's best partner's (1: it is the best)."""
    return value / best if best > value else 1.0


def across(sides_i: frozenset[int], sides_j: frozenset[int]) -> bool:
    """Whether two texts occur in different articles (``sides_*``: the articles, by index,
    that print each text)."""
    return len(sides_i | sides_j) >= 2


def _norm(weights: dict[str, int], terms: frozenset[str]) -> float:
    return math.sqrt(sum(weights[t] ** 2 for t in terms))
