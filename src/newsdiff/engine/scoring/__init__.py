"""The learned parts of the engine: the paraphrase :class:`Scorer` and the same-fact model.

The same-fact model (:mod:`~newsdiff.engine.scoring.same_fact`) turns what
the similarity measures of a pair of sentences of two articles (among it the
scorer's answer) into the probability that they tell one fact, and carries the
thresholds the engine links and clusters with.

The engine asks a scorer about candidate pairs it cannot settle by shared
content alone (see :mod:`newsdiff.engine.similarity`).  Any object with the
two methods below will do: the shipped pair model
(:mod:`~newsdiff.engine.scoring.model`, over the features of
:mod:`~newsdiff.engine.scoring.features`) is the default, and a heavier
model can be passed to ``compare`` / ``compare_story`` in its place.  A
scorer sent to worker processes must pickle (the shipped model pickles as
"load the shipped model", which a worker has already loaded).
"""

from __future__ import annotations

from typing import Any, Protocol


class Scorer(Protocol):
    """The probability that two sentences state the same thing; symmetric."""

    def prepare(self, text: str) -> Any:
        """What the scorer needs of one sentence, computed once however many pairs it is in."""

    def probability(self, a: Any, b: Any) -> float:
        """P(same thing) of two sentences, each given as ``prepare`` made it."""


def default_scorer() -> Scorer:
    """The shipped pair model, loaded once per process."""
    from newsdiff.engine.scoring.model import load_model

    return load_model()
