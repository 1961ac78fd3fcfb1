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
"load the shipped model", which a worker has already loaded).  A scorer may
name, as ``same_fact_file``, the same-fact model trained on its answers (the
scale of its probabilities is its own); otherwise the shipped one judges.

Which scorer the front ends use is the environment's ``NEWSDIFF_SCORER``:
``builtin`` (the default) or ``encoder``, the optional sentence encoder of
:mod:`~newsdiff.engine.scoring.encoder`, so that the command line, the
reader and the worker processes all judge alike.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from newsdiff.values.errors import InputError

#: The environment variable that chooses the scorer, and its values.
SCORER_VARIABLE = "NEWSDIFF_SCORER"
SCORER_NAMES = ("builtin", "encoder")


class Scorer(Protocol):
    """The probability that two sentences state the same thing; symmetric."""

    def prepare(self, text: str) -> Any:
        """What the scorer needs of one sentence, computed once however many pairs it is in."""

    def probability(self, a: Any, b: Any) -> float:
        """P(same thing) of two sentences, each given as ``prepare`` made it."""


def chosen_scorer_name() -> str:
    """The scorer ``NEWSDIFF_SCORER`` names (``builtin`` when unset), or an InputError."""
    name = os.environ.get(SCORER_VARIABLE, "").strip().lower() or SCORER_NAMES[0]
    if name not in SCORER_NAMES:
        raise InputError(f"{SCORER_VARIABLE} must be {' or '.join(SCORER_NAMES)}, "
                         f"not {name[:40]!r}")
    return name


def default_scorer() -> Scorer:
    """The chosen scorer (see :func:`chosen_scorer_name`), loaded once per process."""
    return scorer_named(chosen_scorer_name())


def scorer_named(name: str) -> Scorer:
    """The scorer called ``name`` (one of :data:`SCORER_NAMES`), loaded once per process."""
    if name == "encoder":
        from newsdiff.engine.scoring.encoder import load_encoder

        return load_encoder()
    from newsdiff.engine.scoring.model import load_model

    return load_model()


def same_fact_file(scorer: Scorer) -> str | None:
    """The same-fact model trained on ``scorer``'s answers (None: the shipped one)."""
    return getattr(scorer, "same_fact_file", None)
