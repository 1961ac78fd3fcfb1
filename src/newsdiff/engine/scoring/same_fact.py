"""The learned same-fact model: do two sentences of different articles report one fact?

The paraphrase model (:mod:`~newsdiff.engine.scoring.model`) answers a narrower
question, on sentence pairs of similar length taken out of their articles.
Whether two sentences of two *articles* tell the same fact also depends on
what surrounds them: two articles about different earthquakes share as many
words per sentence as two about the same one, but far fewer as wholes; and
two long articles have many more sentence pairs that share a few topic words
than pairs that tell one fact.  So the model sees, beside the sentence pair's
own similarity (containment, paraphrase probability, cosine), how alike the
two articles' vocabularies are and how many sentence pairs they make.

It is a logistic regression fitted by ``scripts/train_same_fact.py`` on real
news with human gold of several sources (ECB+ and the Gun Violence Corpus:
sentences of articles on one event; STS 2013 headlines; the sample story's
hand-labelled pairs), and everything the engine decides with it (the link and
claim thresholds, which pairs the paraphrase model is asked about, how many
candidate partners each sentence keeps, when a detail slot is too common to
link on, when a person is the story's subject rather than an alias) was
chosen by cross-validation grouped by topic or story.
Weights, choices and their cross-validated scores ship in
``data/same_fact_model.json``; nothing is trained at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsdiff.engine.claims import known_linkage
from newsdiff.resources import package_dir

MODEL_FILE = "same_fact_model.json"

#: What the engine measures of a candidate pair of sentences (see
#: ``newsdiff.engine.similarity.Similarity.features``); a model uses some of them.
FEATURE_NAMES = (
    "similarity",          # max(containment, paraphrase probability when asked)
    "containment",         # IDF-weighted share of the shorter sentence's content the other has
    "cosine",              # IDF-weighted cosine of the two sentences' content terms
    "articles_cosine",     # IDF-weighted cosine of the two articles' content terms
    "log_sentence_pairs",  # log(1 + story sentences of one article x those of the other)
    "log_shorter",         # log(1 + content terms of the shorter sentence)
    "log_longer",          # log(1 + content terms of the longer sentence)
    "relative_lower",      # similarity / each sentence's best in another article: the lower
    "relative_higher",     # ... and the higher of the two
)


@dataclass(frozen=True, slots=True)
class SameFactModel:
    """P(same fact) of a candidate pair, and the choices the engine makes with it."""

    used: tuple[int, ...]
    """Indices into :data:`FEATURE_NAMES` of the features the weights apply to."""
    weights: tuple[float, ...]
    bias: float
    link_threshold: float
    """Two sentences this likely to tell one fact are linked, whatever their claims."""
    claim_threshold: float
    """Sentences are grouped into claims while their linkage similarity is this high."""
    claim_linkage: str
    """How two groups of sentences are judged alike (see :mod:`~newsdiff.engine.claims`)."""
    scorer_gate: float
    """The paraphrase model is asked only about pairs sharing at least this much content."""
    scorer_enough: float
    """... and not about pairs sharing this much or more (their containment says enough)."""
    partners: int
    """How many candidate partners each sentence keeps in a pair comparison."""
    max_slot_sentences: int
    """A detail slot that more sentences than this fill (per pair of articles) links none."""
    max_named_share: float
    """A person named in more than this share of the sentences gets no alias."""
    metadata: dict[str, Any]

    def asks_scorer(self, containment: float) -> bool:
        """Whether the paraphrase model is asked about a pair of this containment."""
        return self.scorer_gate <= containment < self.scorer_enough

    def probability(self, features: Sequence[float]) -> float:
        """P(same fact) for a vector ordered as :data:`FEATURE_NAMES`."""
        return sigmoid(self.bias + sum(w * features[i] for w, i in zip(self.weights, self.used)))


def sigmoid(score: float) -> float:
    """The probability of log-odds ``score`` (without overflow at either end)."""
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-score))
    z = math.exp(score)
    return z / (1.0 + z)


@cache
def load_same_fact_model(file: str | None = None) -> SameFactModel:
    """The shipped model (or the one in data file ``file``, trained on another scorer's
    answers), read once per process."""
    path = package_dir("data") / (file or MODEL_FILE)
    return same_fact_model_from_dict(json.loads(path.read_text(encoding="utf-8")))


def same_fact_model_from_dict(data: dict[str, Any]) -> SameFactModel:
    """Build the model from its data file's contents, checking its features are this code's."""
    unknown = [name for name in data["features"] if name not in FEATURE_NAMES]
    if unknown:
        raise RuntimeError(f"the same-fact model uses unknown features {unknown}; "
                           "re-run scripts/train_same_fact.py")
    choices = data["choices"]
    return SameFactModel(
        used=tuple(FEATURE_NAMES.index(name) for name in data["features"]),
        weights=tuple(float(w) for w in data["weights"]),
        bias=float(data["bias"]),
        link_threshold=float(choices["link_threshold"]),
        claim_threshold=float(choices["claim_threshold"]),
        claim_linkage=known_linkage(choices["claim_linkage"],
                                    "re-run scripts/train_same_fact.py"),
        scorer_gate=float(choices["scorer_gate"]),
        scorer_enough=float(choices["scorer_enough"]),
        partners=int(choices["partners"]),
        max_slot_sentences=int(choices["max_slot_sentences"]),
        max_named_share=float(choices["max_named_share"]),
        metadata={k: v for k, v in data.items() if k not in ("weights", "bias")},
    )
