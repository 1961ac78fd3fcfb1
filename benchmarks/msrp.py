"""MSRP test-split benchmark of the shipped paraphrase model (no training, no numpy).

Run from the repository root::

    .venv/bin/python benchmarks/msrp.py [--data ../shared/data/msrp]

Reports accuracy, precision, recall and F1 of ``newsdiff.engine.scoring.model`` on the
MSRP test split (label 1 = paraphrase, predicted when P >= 0.5), the same for
a TF-IDF cosine baseline (IDF and threshold fitted on the train split), and
the mean time per pair of feature extraction plus scoring, both from raw text
(profiles not cached) and from already profiled sentences (the engine's case),
and the one-off load times of the model file and the WordNet map.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import sys
import time
from collections import Counter
from pathlib import Path

from newsdiff.engine.scoring.model import load_model
from newsdiff.text.tokens import words

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "msrp"

Pair = tuple[int, str, str]


def load_pairs(path: Path) -> list[Pair]:
    """MSRP rows: UTF-8 with BOM, CRLF, tab-separated, one header line."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    return [(int(quality), a, b) for quality, _, _, a, b in rows]


def scores(gold: list[int], pred: list[int]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred))
    fp = sum(p and not g for g, p in zip(gold, pred))
    fn = sum(g and not p for g, p in zip(gold, pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    return {"accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1}


class TfidfCosine:
    """The classic baseline: cosine of TF-IDF word vectors, thresholded.

    IDF and the threshold (the one maximising train accuracy) come from train only.
    """

    def __init__(self, train: list[Pair]) -> None:
        docs = [set(words(s)) for _, a, b in train for s in (a, b)]
        df = Counter(w for doc in docs for w in doc)
        self.idf = {w: math.log(len(docs) / c) for w, c in df.items()}
        self.default_idf = math.log(len(docs))
        self.threshold = self._best_threshold(train)

    def similarity(self, a: str, b: str) -> float:
        va, vb = self._vector(a), self._vector(b)
        dot = sum(x * vb.get(w, 0.0) for w, x in va.items())
        norm = math.sqrt(sum(x * x for x in va.values()) * sum(x * x for x in vb.values()))
        return dot / norm if norm else 0.0

    def predict(self, pairs: list[Pair]) -> list[int]:
        return [int(self.similarity(a, b) >= self.threshold) for _, a, b in pairs]

    def _vector(self, text: str) -> dict[str, float]:
        return {w: n * self.idf.get(w, self.default_idf) for w, n in Counter(words(text)).items()}

    def _best_threshold(self, train: list[Pair]) -> float:
        sims = sorted((self.similarity(a, b), label) for label, a, b in train)
        correct = sum(label == 1 for _, label in sims)  # threshold below everything
        best, best_correct = 0.0, correct
        for sim, label in sims:
            correct += 1 if label == 0 else -1  # this pair now falls below the threshold
            if correct > best_correct:
                best, best_correct = sim + 1e-9, correct
        return best


def time_per_pair(pairs: list[Pair]) -> tuple[float, float]:
    """Mean microseconds per pair: from raw text, and from already-made profiles."""
    # A copy of the lexicon is another key for the cached profiles: none is made yet.
    model = dataclasses.replace(load_model(), lexicon=dataclasses.replace(load_model().lexicon))
    start = time.perf_counter()
    for _, a, b in pairs:
        model.probability(model.prepare(a), model.prepare(b))
    cold = time.perf_counter() - start
    profiles = [(model.prepare(a), model.prepare(b)) for _, a, b in pairs]
    start = time.perf_counter()
    for pa, pb in profiles:
        model.probability(pa, pb)
    warm = time.perf_counter() - start
    return cold / len(pairs) * 1e6, warm / len(pairs) * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="MSRP test benchmark of newsdiff.engine.scoring.model")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args(argv)
    train = load_pairs(args.data / "msr_paraphrase_train.txt")
    test = load_pairs(args.data / "msr_paraphrase_test.txt")
    gold = [label for label, _, _ in test]
    start = time.perf_counter()
    model = load_model()
    loaded = time.perf_counter()
    model.prepare("Officials met on Tuesday.")  # the first profile loads the WordNet map
    load_ms, wordnet_ms = (loaded - start) * 1e3, (time.perf_counter() - loaded) * 1e3
    cold_us, warm_us = time_per_pair(test)
    results = {
        "newsdiff.engine.scoring.model": scores(
            gold, [int(model.probability(model.prepare(a), model.prepare(b)) >= 0.5)
                   for _, a, b in test]
        ),
        "TF-IDF cosine baseline": scores(gold, TfidfCosine(train).predict(test)),
    }
    print(f"MSRP test split: {len(test)} pairs, {sum(gold)} paraphrases")
    print(f"{'system':<30} {'accuracy':>8} {'precision':>9} {'recall':>7} {'F1':>7}")
    for name, s in results.items():
        print(
            f"{name:<30} {s['accuracy']:>8.4f} {s['precision']:>9.4f} {s['recall']:>7.4f} "
            f"{s['f1']:>7.4f}"
        )
    print(
        f"model: {model.metadata['hyper_parameters']}, CV accuracy on train "
        f"{model.metadata['metrics']['cv_accuracy_train']:.4f}"
    )
    print(f"time per pair: {cold_us:.1f} µs from text, {warm_us:.1f} µs from cached profiles")
    print(f"load time: model {load_ms:.1f} ms, WordNet map {wordnet_ms:.1f} ms (first use)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
