"""The learned sentence-pair paraphrase classifier.

A classifier over ``newsdiff.engine.scoring.features`` (logistic regression, small
gradient-boosted trees, or a weighted blend of the two's log-odds, whichever
cross-validated best) fitted on the MSRP train split by
``scripts/train_paraphrase.py``; its weights, term statistics and provenance
(data, licence, metrics, script version) ship in ``data/paraphrase_model.json``.
Nothing is trained at run time: loading the model is reading that file once,
and scoring a pair is a dot product and a walk down each tree, in pure Python.
A model asked many times turns its trees into one generated Python function
of nested conditionals, about three times faster than walking node tuples; it
does so only once it has been asked :data:`COMPILE_AFTER` times, because
compiling costs as much as that many walks save, and a one-shot comparison of
two articles asks a few dozen questions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from newsdiff.engine.scoring.features import (
    FEATURE_NAMES,
    Lexicon,
    SentenceProfile,
    pair_features_from_profiles,
    profile,
)
from newsdiff.engine.scoring.same_fact import sigmoid
from newsdiff.resources import package_dir

MODEL_FILE = "paraphrase_model.json"
#: Questions a tree model answers by walking its nodes before it compiles them: the
#: break-even of compiling (about 34 ms) against walking (about 95 µs a question, 28 µs
#: compiled) on the development machine.  Either way the answer is the same, bit for bit.
COMPILE_AFTER = 500


@dataclass(frozen=True, slots=True, eq=False)
class ParaphraseModel:
    """Scores how likely two sentences state the same thing (MSRP's notion of paraphrase)."""

    classifier: LinearScorer | TreeScorer | BlendScorer
    lexicon: Lexicon
    metadata: dict[str, Any]

    def prepare(self, text: str) -> SentenceProfile:
        """The sentence's profile under this model's lexicon (cached: a sentence is in many
        pairs)."""
        return profile(text, self.lexicon)

    def probability(self, pa: SentenceProfile, pb: SentenceProfile) -> float:
        """P(paraphrase) for two profiles made by :meth:`prepare`; symmetric."""
        return sigmoid(self.score_features(pair_features_from_profiles(pa, pb)))

    def score_features(self, features: list[float]) -> float:
        """The classifier's log-odds for a feature vector ordered as ``FEATURE_NAMES``."""
        return self.classifier.score(features)

    def __reduce__(self):
        """Sent to a worker process, the shipped model goes as "load the shipped model"
        (a forked worker has it already, and its term weights are large); any other
        model goes whole."""
        if self is load_model():
            return (load_model, ())
        return (ParaphraseModel, (self.classifier, self.lexicon, self.metadata))


@dataclass(frozen=True, slots=True)
class LinearScorer:
    """Logistic regression: log-odds are a weighted sum of the features."""

    weights: tuple[float, ...]
    bias: float

    def score(self, features: list[float]) -> float:
        return self.bias + sum(w * x for w, x in zip(self.weights, features))


@dataclass(frozen=True, slots=True)
class TreeScorer:
    """Gradient-boosted regression trees: log-odds are the prior plus scaled leaf values.

    Each tree is a tuple of nodes ``(feature, threshold, left, right, value)``;
    a leaf has feature -1.  Like scikit-learn, ``x <= threshold`` goes left.
    """

    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...]
    bias: float
    learning_rate: float
    #: Questions walked so far, then the compiled function (see :data:`COMPILE_AFTER`).
    _state: dict[str, Any] = field(default_factory=lambda: {"walked": 0}, init=False,
                                   repr=False, compare=False)

    def score(self, features: list[float]) -> float:
        compiled = self._state.get("compiled")
        if compiled is None:
            self._state["walked"] += 1
            if self._state["walked"] < COMPILE_AFTER:
                return self.score_by_walking(features)
            compiled = self._state["compiled"] = _compile_trees(self.trees)
        return self.bias + self.learning_rate * compiled(features)

    def __reduce__(self):
        """Pickled as its trees; the compiled function is made again where it is needed."""
        return (TreeScorer, (self.trees, self.bias, self.learning_rate))

    def score_by_walking(self, features: list[float]) -> float:
        """The same log-odds by walking the node tuples (the reference for ``score``)."""
        total = 0.0
        for nodes in self.trees:
            feature, threshold, left, right, value = nodes[0]
            while feature >= 0:
                node = left if features[feature] <= threshold else right
                feature, threshold, left, right, value = nodes[node]
            total += value
        return self.bias + self.learning_rate * total


@dataclass(frozen=True, slots=True)
class BlendScorer:
    """A weighted sum of other scorers' log-odds (e.g. logistic regression and trees)."""

    parts: tuple[LinearScorer | TreeScorer, ...]
    weights: tuple[float, ...]

    def score(self, features: list[float]) -> float:
        return sum(w * part.score(features) for w, part in zip(self.weights, self.parts))


def _compile_trees(
    trees: tuple[tuple[tuple[int, float, int, int, float], ...], ...],
) -> Callable[[list[float]], float]:
    """One Python function summing every tree's leaf value, as nested conditional expressions.

    The source is generated from numbers only (``int``/``float`` reprs, which
    round-trip exactly) and the leaf values are added in tree order, so the
    result equals ``TreeScorer.score_by_walking`` bit for bit.

    Compiled afresh in each process that needs it (see :data:`COMPILE_AFTER`), never
    kept on disk: compiled code read back from a file would run whatever that file
    holds.
    """

    def expression(nodes: tuple[tuple[int, float, int, int, float], ...], n: int) -> str:
        feature, threshold, left, right, value = nodes[n]
        if int(feature) < 0:
            return repr(float(value))
        return (
            f"({expression(nodes, int(left))} if x[{int(feature)}] <= {float(threshold)!r} "
            f"else {expression(nodes, int(right))})"
        )

    lines = ["def trees_total(x):", "    t = 0.0"]
    lines += [f"    t += {expression(nodes, 0)}" for nodes in trees]
    lines.append("    return t")
    namespace: dict[str, Any] = {}
    exec(compile("\n".join(lines), "<paraphrase-trees>", "exec"), namespace)  # noqa: S102
    return namespace["trees_total"]


@cache
def load_model() -> ParaphraseModel:
    """The shipped model, read once per process."""
    path = package_dir("data") / MODEL_FILE
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")))


def model_from_dict(data: dict[str, Any]) -> ParaphraseModel:
    """Build a model from the data file's contents, checking it matches this code's features."""
    if tuple(data["feature_names"]) != FEATURE_NAMES:
        raise RuntimeError(
            "the paraphrase model was trained on different features; "
            "re-run scripts/train_paraphrase.py"
        )
    lex = data["lexicon"]
    lexicon = Lexicon(
        idf=lex["idf"],
        kld=lex["kld"],
        default_idf=lex["default_idf"],
        default_kld=lex["default_kld"],
    )
    metadata = {k: v for k, v in data.items() if k not in ("lexicon", "classifier")}
    return ParaphraseModel(_scorer(data["classifier"]), lexicon, metadata)


def _scorer(classifier: dict[str, Any]) -> LinearScorer | TreeScorer | BlendScorer:
    if classifier["type"] == "blend":
        return BlendScorer(
            tuple(_scorer(part) for part in classifier["parts"]), tuple(classifier["weights"])
        )
    if classifier["type"] == "logistic":
        return LinearScorer(tuple(classifier["weights"]), classifier["bias"])
    trees = tuple(tuple(tuple(node) for node in tree) for tree in classifier["trees"])
    return TreeScorer(trees, classifier["bias"], classifier["learning_rate"])
