"""The learned sentence-pair paraphrase classifier.

A classifier over ``newsdiff.features`` (logistic regression or small
gradient-boosted trees, whichever cross-validated better) fitted on the MSRP
train split by ``scripts/train_paraphrase.py``; its weights, term statistics
and provenance (data, licence, metrics, script version) ship in
``data/paraphrase_model.json``.  Nothing is trained at run time: loading the
model is reading that file once, and scoring a pair is a dot product or a
walk down each tree, in pure Python.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsdiff.features import (
    FEATURE_NAMES,
    Lexicon,
    SentenceProfile,
    pair_features_from_profiles,
    profile,
)
from newsdiff.resources import package_dir

MODEL_FILE = "paraphrase_model.json"


@dataclass(frozen=True, slots=True, eq=False)
class ParaphraseModel:
    """Scores how likely two sentences state the same thing (MSRP's notion of paraphrase)."""

    classifier: LinearScorer | TreeScorer
    lexicon: Lexicon
    metadata: dict[str, Any]

    def profile(self, text: str) -> SentenceProfile:
        """The sentence's cached profile under this model's lexicon; reuse it across pairs."""
        return profile(text, self.lexicon)

    def probability(self, a: str, b: str) -> float:
        """P(paraphrase) for two sentences; symmetric in ``a`` and ``b``."""
        return self.probability_from_profiles(self.profile(a), self.profile(b))

    def probability_from_profiles(self, pa: SentenceProfile, pb: SentenceProfile) -> float:
        """P(paraphrase) for two profiles made by ``self.profile``."""
        return _sigmoid(self.score_features(pair_features_from_profiles(pa, pb)))

    def score_features(self, features: list[float]) -> float:
        """The classifier's log-odds for a feature vector ordered as ``FEATURE_NAMES``."""
        return self.classifier.score(features)


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

    def score(self, features: list[float]) -> float:
        total = 0.0
        for nodes in self.trees:
            feature, threshold, left, right, value = nodes[0]
            while feature >= 0:
                node = left if features[feature] <= threshold else right
                feature, threshold, left, right, value = nodes[node]
            total += value
        return self.bias + self.learning_rate * total


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


def _scorer(classifier: dict[str, Any]) -> LinearScorer | TreeScorer:
    if classifier["type"] == "logistic":
        return LinearScorer(tuple(classifier["weights"]), classifier["bias"])
    trees = tuple(tuple(tuple(node) for node in tree) for tree in classifier["trees"])
    return TreeScorer(trees, classifier["bias"], classifier["learning_rate"])


def _sigmoid(score: float) -> float:
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    z = math.exp(score)
    return z / (1.0 + z)
