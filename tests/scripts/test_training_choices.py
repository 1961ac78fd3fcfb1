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


def _cv(objective: float, standard_error: float = 0.02) -> dict:
    return {"objective": objective, "standard_error": standard_error}


def test_the_largest_slot_cap_within_one_standard_error_of_the_best_ships(train):
    assert train.chosen_slot_cap({5: _cv(0.441), 10: _cv(0.432), 20: _cv(0.431),
                                  40: _cv(0.431)}) == 40


def test_a_slot_cap_clearly_worse_than_the_best_does_not_ship(train):
    assert train.chosen_slot_cap({5: _cv(0.46, 0.01), 10: _cv(0.455), 20: _cv(0.44),
                                  40: _cv(0.40)}) == 10


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
