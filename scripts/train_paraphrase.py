"""Train newsdiff's sentence-pair paraphrase classifier and write its data file.

Run from the repository root (training-only dependencies: numpy, scipy, scikit-learn)::

    .venv/bin/pip install -e '.[train]' scikit-learn
    .venv/bin/python scripts/train_paraphrase.py   # writes src/newsdiff/data/paraphrase_model.json
    .venv/bin/python scripts/train_paraphrase.py --data DIR --out FILE

Data: the Microsoft Research Paraphrase Corpus (Dolan & Brockett 2005), train
and test files as described in ``../shared/data/msrp/SOURCE.md``; licensed under
the Microsoft Research Shared Source licence (research and evaluation use).
Only the train split is used for learning: the term weights (IDF, TF-KLD after
Ji & Eisenstein 2013) and the classifier (logistic regression, gradient-boosted
trees, or a weighted blend of the two's log-odds), whose kind, size and blend
weight are chosen by stratified 5-fold cross-validation on train.  The classifier is fitted on cross-fitted features
(each pair's term weights learned without it, as at run time), and inside
cross-validation everything, term weights included, is re-learned per fold,
so the CV estimate is honest.  The test split is scored once, after
everything is fixed, and only reported.  A low-rank (SVD/NMF) projection of
the TF-KLD matrix was tried and dropped: learned from train sentences only it
added nothing in CV.

The features also use WordNet 3.0 through ``src/newsdiff/data/wordnet_map.json``
(built by ``scripts/build_wordnet_map.py``; WordNet 3.0 Copyright 2006 by
Princeton University, redistributed with its licence notice).

Everything is seeded, so re-running reproduces the lexicon, the trees, the CV
choice and the metrics exactly (given the same library versions); the logistic
part's weights can move in the third digit between runs (L-BFGS on highly
collinear features with multi-threaded BLAS), without changing any reported
metric.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
from sklearn.model_selection import StratifiedKFold

from newsdiff.engine.scoring.features import (
    FEATURE_NAMES,
    Lexicon,
    pair_features_from_profiles,
    profile,
)
from newsdiff.engine.scoring.model import model_from_dict
from newsdiff.text.wordnet import metadata as wordnet_metadata

SCRIPT_VERSION = "2"
SEED = 20130
FOLDS = 5
REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "msrp"
DEFAULT_OUT = REPO / "src" / "newsdiff" / "data" / "paraphrase_model.json"

KLD_SMOOTHING = 0.05  # pseudo-count for the per-term paraphrase/non-paraphrase rates
MIN_TERM_COUNT = 2  # terms seen in fewer training sentences get default weights
LOGISTIC_C = (1.0, 10.0)
TREE_COUNTS = (200, 400)
BLEND_TREE_WEIGHTS = (0.5, 0.7)  # weight of the trees' log-odds; the rest is logistic's
CONFIGS = (
    *(("logistic", c) for c in LOGISTIC_C),
    *(("boosted_trees", n) for n in TREE_COUNTS),
    *(("blend", (c, n, w)) for c in LOGISTIC_C for n in TREE_COUNTS for w in BLEND_TREE_WEIGHTS),
)
EMPTY_LEXICON = {"idf": {}, "kld": {}, "default_idf": 1.0, "default_kld": 1.0}


@dataclass(frozen=True)
class Pair:
    label: int
    a: str
    b: str


def load_pairs(path: Path) -> list[Pair]:
    """MSRP rows: UTF-8 with BOM, CRLF, tab-separated, one header line."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    return [Pair(int(quality), a, b) for quality, _, _, a, b in rows]


_NO_WEIGHTS = Lexicon.empty()


def content_terms(text: str) -> frozenset[str]:
    """The content terms the features look weights up for (``SentenceProfile.content``).

    Taken from the features' own profile, so the lexicon's keys always match
    what ``newsdiff.engine.scoring.features`` looks up, whatever other modules do with words.
    """
    return profile(text, _NO_WEIGHTS).content


def learn_idf(pairs: list[Pair]) -> tuple[dict[str, float], float]:
    """Smoothed IDF of content stems over training sentences; unseen stems get the maximum."""
    docs = [content_terms(s) for p in pairs for s in (p.a, p.b)]
    df = Counter(term for doc in docs for term in doc)
    n = len(docs)
    idf = {t: math.log((n + 1) / (c + 1)) + 1.0 for t, c in df.items() if c >= MIN_TERM_COUNT}
    return idf, math.log(n + 1) + 1.0


def learn_kld(pairs: list[Pair]) -> tuple[dict[str, float], float]:
    """TF-KLD weights (Ji & Eisenstein 2013), symmetrised.

    For each stem, among pairs where it occurs on at least one side, compare
    how often it occurs on both sides in paraphrases (p) and in
    non-paraphrases (q); the weight is the Bernoulli KL divergence KL(p || q).
    Words whose sharing separates the classes weigh more.
    """
    both = {1: Counter(), 0: Counter()}
    either = {1: Counter(), 0: Counter()}
    for p in pairs:
        sa, sb = content_terms(p.a), content_terms(p.b)
        both[p.label].update(sa & sb)
        either[p.label].update(sa | sb)
    weights = {}
    for term in either[0] | either[1]:
        if either[0][term] + either[1][term] < MIN_TERM_COUNT:
            continue
        weights[term] = _bernoulli_kl(
            _rate(both[1][term], either[1][term]), _rate(both[0][term], either[0][term])
        )
    return weights, float(np.median(list(weights.values())))


def _rate(hits: int, total: int) -> float:
    return (hits + KLD_SMOOTHING) / (total + 2 * KLD_SMOOTHING)


def _bernoulli_kl(p: float, q: float) -> float:
    return p * math.log(p / q) + (1 - p) * math.log((1 - p) / (1 - q))


def learn_lexicon(pairs: list[Pair]) -> Lexicon:
    idf, default_idf = learn_idf(pairs)
    kld, default_kld = learn_kld(pairs)
    return Lexicon(idf=idf, kld=kld, default_idf=default_idf, default_kld=default_kld)


def feature_matrix(pairs: list[Pair], lexicon: Lexicon) -> np.ndarray:
    return np.array(
        [pair_features_from_profiles(profile(p.a, lexicon), profile(p.b, lexicon)) for p in pairs]
    )


def crossfit_features(pairs: list[Pair]) -> np.ndarray:
    """Training features computed as at run time: with term statistics that never saw the pair.

    Learning IDF/TF-KLD on the same pairs whose features feed the classifier
    makes the weighted features look better in training than they ever are on
    new text (shared rare words all have known weights; the label leaks into
    TF-KLD), and costs about two points of accuracy.  So each training pair's
    features come from a lexicon learned on the other folds.
    """
    y = labels(pairs)
    x = np.zeros((len(pairs), len(FEATURE_NAMES)))
    for keep, held in _folds(y, SEED + 1):
        lexicon = learn_lexicon([pairs[i] for i in keep])
        x[held] = feature_matrix([pairs[i] for i in held], lexicon)
    return x


def labels(pairs: list[Pair]) -> np.ndarray:
    return np.array([p.label for p in pairs])


def _folds(y: np.ndarray, seed: int):
    return StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=seed).split(
        np.zeros(len(y)), y
    )


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float) -> dict:
    """Logistic regression on standardised features, folded back to raw-feature weights."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    weights = model.coef_[0] / scale
    return {
        "type": "logistic",
        "weights": weights.tolist(),
        "bias": float(model.intercept_[0] - weights @ mean),
    }


def fit_boosted(x: np.ndarray, y: np.ndarray, trees: int) -> dict:
    """Gradient-boosted depth-3 trees, exported as flat arrays for pure-Python scoring.

    Leaves of at least 20 pairs and half the features per split (both chosen
    by CV against the defaults) regularise the trees over correlated features.
    """
    model = GradientBoostingClassifier(
        n_estimators=trees,
        max_depth=3,
        learning_rate=0.05,
        subsample=0.8,
        min_samples_leaf=20,
        max_features=0.5,
        random_state=SEED,
    ).fit(x, y)
    return {
        "type": "boosted_trees",
        "bias": math.log(y.mean() / (1 - y.mean())),  # sklearn's prior-based starting score
        "learning_rate": model.learning_rate,
        "trees": [_export_tree(est[0].tree_) for est in model.estimators_],
    }


def _export_tree(tree) -> list[list]:
    """[feature, threshold, left, right, value] per node; leaves have feature -1."""
    return [
        [
            int(tree.feature[n]),
            float(tree.threshold[n]),
            int(tree.children_left[n]),
            int(tree.children_right[n]),
            float(tree.value[n][0][0]),
        ]
        for n in range(tree.node_count)
    ]


def fit(x: np.ndarray, y: np.ndarray, config: tuple) -> dict:
    kind, param = config
    if kind == "logistic":
        return fit_logistic(x, y, param)
    if kind == "boosted_trees":
        return fit_boosted(x, y, int(param))
    return blend(fit_logistic(x, y, param[0]), fit_boosted(x, y, int(param[1])), param[2])


def blend(logistic: dict, trees: dict, tree_weight: float) -> dict:
    return {
        "type": "blend",
        "weights": [1.0 - tree_weight, tree_weight],
        "parts": [logistic, trees],
    }


def log_odds(classifier: dict, x: np.ndarray) -> np.ndarray:
    """Scores the exported classifier exactly as newsdiff.engine.scoring.model will (same code)."""
    model = model_from_dict(
        {"feature_names": list(FEATURE_NAMES), "lexicon": EMPTY_LEXICON, "classifier": classifier}
    )
    return np.array([model.score_features(list(row)) for row in x])


def predict(classifier: dict, x: np.ndarray) -> np.ndarray:
    return (log_odds(classifier, x) >= 0).astype(int)


def cross_validate(pairs: list[Pair]) -> dict[tuple, float]:
    """Mean CV accuracy per classifier config; features cross-fitted inside each training fold.

    Blends are scored from their parts' validation log-odds (the same sum the
    shipped BlendScorer computes), so each part is fitted once per fold.
    """
    y = labels(pairs)
    scores: dict[tuple, list[float]] = {}
    for train_idx, valid_idx in _folds(y, SEED):
        train = [pairs[i] for i in train_idx]
        x_train = crossfit_features(train)
        x_valid = feature_matrix([pairs[i] for i in valid_idx], learn_lexicon(train))
        odds = {
            config: log_odds(fit(x_train, y[train_idx], config), x_valid)
            for config in CONFIGS
            if config[0] != "blend"
        }
        for c, n, w in (param for kind, param in CONFIGS if kind == "blend"):
            odds[("blend", (c, n, w))] = (1.0 - w) * odds[("logistic", c)] + w * odds[
                ("boosted_trees", n)
            ]
        for config, score in odds.items():
            scores.setdefault(config, []).append(accuracy_score(y[valid_idx], score >= 0))
    return {config: float(np.mean(accs)) for config, accs in scores.items()}


def metrics(y: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    return {
        "accuracy": round(float(accuracy_score(y, pred)), 4),
        "precision": round(float(precision_score(y, pred)), 4),
        "recall": round(float(recall_score(y, pred)), 4),
        "f1": round(float(f1_score(y, pred)), 4),
    }


def model_document(lexicon: Lexicon, classifier: dict, report: dict) -> dict:
    """The data file's contents: provenance first, then the learned numbers (rounded)."""
    wordnet = wordnet_metadata()
    return {
        "script": "scripts/train_paraphrase.py",
        "script_version": SCRIPT_VERSION,
        "external_resources": {
            "wordnet": {
                "file": "src/newsdiff/data/wordnet_map.json",
                "built_by": wordnet["script"],
                "source": wordnet["source"],
                "licence_notice": wordnet["licence_notice"],
            }
        },
        "training_data": {
            "name": "Microsoft Research Paraphrase Corpus (MSRP), train split, 4076 pairs",
            "citation": "Dolan & Brockett 2005, Automatically Constructing a Corpus of "
            "Sentential Paraphrases, IWP2005",
            "licence": "Microsoft Research Shared Source licence (research and evaluation "
            "use); only derived statistics and weights are shipped, no corpus text",
        },
        **report,
        "feature_names": list(FEATURE_NAMES),
        "classifier": _rounded(classifier),
        "lexicon": {
            "default_idf": round(lexicon.default_idf, 4),
            "default_kld": round(lexicon.default_kld, 4),
            "idf": {t: round(w, 3) for t, w in sorted(lexicon.idf.items())},
            "kld": {t: round(w, 4) for t, w in sorted(lexicon.kld.items())},
        },
    }


def _rounded(value):
    """Round floats to 6 significant digits: plenty for scoring, a third of the file size."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    train = load_pairs(args.data / "msr_paraphrase_train.txt")
    test = load_pairs(args.data / "msr_paraphrase_test.txt")
    cv = cross_validate(train)
    for config, acc in cv.items():
        print(f"cv {config[0]:<14} {config[1]!s:<18} accuracy {acc:.4f}", flush=True)
    # Ties go to the simpler model: logistic, then trees, then a blend.
    simplicity = {"logistic": 2, "boosted_trees": 1, "blend": 0}
    config = max(cv, key=lambda key: (cv[key], simplicity[key[0]]))
    lexicon = learn_lexicon(train)
    classifier = _rounded(fit(crossfit_features(train), labels(train), config))
    train_pred = predict(classifier, feature_matrix(train, lexicon))
    test_pred = predict(classifier, feature_matrix(test, lexicon))
    document = model_document(
        lexicon,
        classifier,
        {
            "hyper_parameters": {
                "classifier": config[0],
                "parameter": list(config[1]) if isinstance(config[1], tuple) else config[1],
                "parameter_meaning": {
                    "logistic": "inverse L2 strength C (standardised features)",
                    "boosted_trees": "number of depth-3 trees (learning rate 0.05, "
                    "subsample 0.8, min 20 pairs per leaf, half the features per split)",
                    "blend": "[logistic C, number of trees, trees' weight in the log-odds sum]",
                }[config[0]],
                "cv_folds": FOLDS,
                "seed": SEED,
            },
            "metrics": {
                "cv_accuracy_train": round(cv[config], 4),
                "train": metrics(labels(train), train_pred),
                "test": metrics(labels(test), test_pred),
            },
        },
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_name(args.out.name + ".tmp")
    tmp.write_text(
        json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8"
    )
    os.replace(tmp, args.out)  # atomic: a concurrent reader never sees half a file
    print(f"chosen {config}: cv {cv[config]:.4f}, test {document['metrics']['test']}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
