"""The scores by which scripts/tune_corpus_stories.py chooses corpus story finding."""

from __future__ import annotations

import pytest

from tests.scripts.test_training_choices import _script


@pytest.fixture(scope="module")
def tune():
    return _script("tune_corpus_stories")


def test_b_cubed_of_the_gold_itself_is_perfect(tune):
    assert tune.bcubed([[0, 1], [2]], ["a", "a", "b"]) == (1.0, 1.0, 1.0)


def test_b_cubed_of_one_merge_and_one_split(tune):
    # Events a = {0, 1}, b = {2, 3}; found {0, 1, 2} and {3}.
    precision, recall, f1 = tune.bcubed([[0, 1, 2], [3]], ["a", "a", "b", "b"])
    assert precision == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert recall == pytest.approx((1 + 1 + 1 / 2 + 1 / 2) / 4)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))


def test_folds_keep_a_topic_whole(tune):
    s = tune.EventSet("x", [str(k) for k in range(12)], [""] * 12, ["e"] * 12,
                      [f"t{k // 2}" for k in range(12)])
    folds = s.folds()
    assert all(folds[k] == folds[k + 1] for k in range(0, 12, 2))
    assert set(folds.tolist()) == set(range(tune.FOLDS))
