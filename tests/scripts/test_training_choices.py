"""The rules by which the training scripts pick among choices their cross-validation
cannot tell apart (what ships in ``data/same_fact_model.json`` and
``data/story_choices.json``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"


def _script(name: str):
    """Import a script as the module it is when run (``tune_story`` imports
    ``train_same_fact`` so)."""
    if name in sys.modules:
        return sys.modules[name]
    if str(SCRIPTS) not in sys.path:
        sys.path.append(str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = sys.modules[name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def train():
    return _script("train_same_fact")


def _cv(*per_fold: float) -> dict:
    return {"per_fold": list(per_fold)}


def test_the_largest_slot_cap_whose_shortfall_is_within_its_noise_ships(train):
    # 40 is worse than 5 in some folds and better in others: they cannot be told apart
    assert train.chosen_slot_cap({5: _cv(0.50, 0.40, 0.45, 0.42, 0.44),
                                  10: _cv(0.47, 0.43, 0.44, 0.40, 0.46),
                                  40: _cv(0.46, 0.44, 0.43, 0.41, 0.45)}) == 40


def test_a_slot_cap_worse_in_every_fold_does_not_ship(train):
    # 40 trails 10 by a little, but in every fold: the paired comparison sees it
    assert train.chosen_slot_cap({5: _cv(0.440, 0.430, 0.450, 0.420, 0.460),
                                  10: _cv(0.442, 0.431, 0.452, 0.421, 0.463),
                                  40: _cv(0.432, 0.420, 0.441, 0.412, 0.452)}) == 10


def test_the_story_prefers_the_best_mean_then_fewer_partners_then_the_first_linkage():
    tune = _script("tune_story")
    # counts[fold][dataset] = [tp, fp, fn, tn]: a choice that finds every gold link
    perfect = [{d: [10, 0, 0, 10] for d in tune.DATASETS}]
    folds = [0]
    ranked = sorted([(8, 0.5, "complete"), (4, 0.5, "complete"), (4, 0.5, "average"),
                     (4, 0.6, "single")],
                    key=lambda choice: tune.preference(perfect, folds, choice), reverse=True)
    assert ranked == [(4, 0.6, "single"), (4, 0.5, "average"), (4, 0.5, "complete"),
                      (8, 0.5, "complete")]
    worse = [{d: [5, 5, 5, 5] for d in tune.DATASETS}]
    assert tune.preference(perfect, folds, (8, 0.4, "single")) > tune.preference(
        worse, folds, (2, 0.7, "average"))
