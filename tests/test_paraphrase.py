"""The shipped paraphrase model: loads, behaves sensibly, and reproduces its MSRP score."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdiff.features import FEATURE_NAMES, pair_features
from newsdiff.paraphrase import load_model

MSRP = Path(__file__).parents[1].parent / "shared" / "data" / "msrp"
# The project's target is 0.78; the shipped model (honest CV, train only) reaches ~0.77.
# This floor guards against regressions; raise it when a better model ships.
MSRP_TEST_ACCURACY_FLOOR = 0.76

ORIGINAL = "Sessions met with Russian Ambassador Sergei Kislyak twice in 2016, the department said."
PARAPHRASE = (
    "Sessions spoke twice with Russia\u2019s ambassador, Sergei Kislyak, in 2016, "
    "the department said."
)
UNRELATED = "Heavy rain is expected across the north of England on Thursday evening."


def test_model_loads_with_provenance():
    model = load_model()
    assert model is load_model()
    assert model.metadata["feature_names"] == list(FEATURE_NAMES)
    assert "MSRP" in model.metadata["training_data"]["name"]
    assert model.metadata["metrics"]["test"]["accuracy"] > 0


def test_feature_vector_matches_names():
    assert len(pair_features(ORIGINAL, PARAPHRASE)) == len(FEATURE_NAMES)
    assert len(pair_features("", "")) == len(FEATURE_NAMES)


@pytest.mark.parametrize("b", [ORIGINAL, PARAPHRASE, UNRELATED, "", "2016"])
def test_probability_is_a_probability(b):
    p = load_model().probability(ORIGINAL, b)
    assert 0.0 <= p <= 1.0


def test_copy_beats_unrelated():
    model = load_model()
    assert model.probability(ORIGINAL, ORIGINAL) > model.probability(ORIGINAL, UNRELATED)


def test_paraphrase_above_half_unrelated_below():
    model = load_model()
    assert model.probability(ORIGINAL, PARAPHRASE) > 0.5
    assert model.probability(ORIGINAL, UNRELATED) < 0.5


def test_different_number_lowers_probability():
    model = load_model()
    changed = PARAPHRASE.replace("2016", "2015")
    assert model.probability(ORIGINAL, changed) < model.probability(ORIGINAL, PARAPHRASE)


@pytest.mark.parametrize("b", [PARAPHRASE, UNRELATED, "Kislyak met Sessions."])
def test_symmetric(b):
    model = load_model()
    assert pair_features(ORIGINAL, b) == pair_features(b, ORIGINAL)
    assert model.probability(ORIGINAL, b) == pytest.approx(
        model.probability(b, ORIGINAL), abs=1e-12
    )


def test_profiles_give_the_same_probability():
    model = load_model()
    pa, pb = model.profile(ORIGINAL), model.profile(PARAPHRASE)
    assert model.probability_from_profiles(pa, pb) == model.probability(ORIGINAL, PARAPHRASE)


@pytest.mark.skipif(not MSRP.is_dir(), reason="MSRP data not present")
def test_reproduces_msrp_test_accuracy():
    lines = (MSRP / "msr_paraphrase_test.txt").read_text(encoding="utf-8-sig").splitlines()
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    model = load_model()
    correct = sum((model.probability(a, b) >= 0.5) == (q == "1") for q, _, _, a, b in rows)
    accuracy = correct / len(rows)
    assert len(rows) == 1725
    assert accuracy == pytest.approx(model.metadata["metrics"]["test"]["accuracy"], abs=1e-3)
    assert accuracy >= MSRP_TEST_ACCURACY_FLOOR
