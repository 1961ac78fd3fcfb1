"""The shipped paraphrase model: loads, behaves sensibly, reproduces its MSRP score, and is
a scorer the engine can send to workers."""

from __future__ import annotations

import pickle

import pytest

from newsdiff.engine.scoring import default_scorer, features
from newsdiff.engine.scoring.features import FEATURE_NAMES
from newsdiff.engine.scoring.model import (
    COMPILE_AFTER,
    BlendScorer,
    TreeScorer,
    _compile_trees,
    load_model,
)
from newsdiff.text import wordnet
from tests.locations import SHARED

MSRP = SHARED / "data" / "msrp"
# The project's target is 0.78; the shipped model (honest CV, train only) reaches 0.7843
# (CV on train 0.7836).  This floor guards against regressions; raise it when a better
# model ships.
MSRP_TEST_ACCURACY_FLOOR = 0.78

ORIGINAL = "Sessions met with Russian Ambassador Sergei Kislyak twice in 2016, the department said."
PARAPHRASE = (
    "Sessions spoke twice with Russia\u2019s ambassador, Sergei Kislyak, in 2016, "
    "the department said."
)
UNRELATED = "Heavy rain is expected across the north of England on Thursday evening."


def text_probability(a: str, b: str) -> float:
    """The shipped model's P(paraphrase) of two sentence texts."""
    model = load_model()
    return model.probability(model.prepare(a), model.prepare(b))


def pair_features(a: str, b: str) -> list[float]:
    lexicon = load_model().lexicon
    return features.pair_features_from_profiles(features.profile(a, lexicon),
                                                features.profile(b, lexicon))


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
    p = text_probability(ORIGINAL, b)
    assert 0.0 <= p <= 1.0


def test_copy_beats_unrelated():
    assert text_probability(ORIGINAL, ORIGINAL) > text_probability(ORIGINAL, UNRELATED)


def test_paraphrase_above_half_unrelated_below():
    assert text_probability(ORIGINAL, PARAPHRASE) > 0.5
    assert text_probability(ORIGINAL, UNRELATED) < 0.5


def test_different_number_lowers_probability():
    changed = PARAPHRASE.replace("2016", "2015")
    assert text_probability(ORIGINAL, changed) < text_probability(ORIGINAL, PARAPHRASE)


@pytest.mark.parametrize("b", [PARAPHRASE, UNRELATED, "Kislyak met Sessions."])
def test_symmetric(b):
    assert pair_features(ORIGINAL, b) == pair_features(b, ORIGINAL)
    assert text_probability(ORIGINAL, b) == pytest.approx(
        text_probability(b, ORIGINAL), abs=1e-12
    )


def test_the_default_scorer_is_the_shipped_model():
    assert default_scorer() is load_model()


def test_the_shipped_model_travels_to_workers_as_itself():
    assert pickle.loads(pickle.dumps(load_model())) is load_model()
    assert len(pickle.dumps(load_model())) < 200, "its term weights stay behind"


def test_another_model_travels_whole_and_scores_the_same():
    shipped = load_model()
    copy = type(shipped)(shipped.classifier, shipped.lexicon, dict(shipped.metadata))
    travelled = pickle.loads(pickle.dumps(copy))
    assert travelled is not shipped
    pa, pb = travelled.prepare(ORIGINAL), travelled.prepare(PARAPHRASE)
    assert travelled.probability(pa, pb) == text_probability(ORIGINAL, PARAPHRASE)


@pytest.mark.skipif(not MSRP.is_dir(), reason="MSRP data not present")
def test_reproduces_msrp_test_accuracy():
    lines = (MSRP / "msr_paraphrase_test.txt").read_text(encoding="utf-8-sig").splitlines()
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    model = load_model()
    correct = sum((text_probability(a, b) >= 0.5) == (q == "1") for q, _, _, a, b in rows)
    accuracy = correct / len(rows)
    assert len(rows) == 1725
    assert accuracy == pytest.approx(model.metadata["metrics"]["test"]["accuracy"], abs=1e-3)
    assert accuracy >= MSRP_TEST_ACCURACY_FLOOR


def test_wordnet_lemmas_of_irregular_and_regular_forms():
    assert wordnet.lemmas("met") == {"meet"}
    assert "say" in wordnet.lemmas("said")
    assert "speak" in wordnet.lemmas("spoke")
    assert "child" in wordnet.lemmas("children")
    assert "meeting" in wordnet.lemmas("meetings")
    assert wordnet.lemmas("xqzzy") == frozenset()


def synonyms(a: str, b: str) -> bool:
    """Whether the pair model's alignment sees two words as one: a lemma or a synonym group
    in common."""
    return bool(wordnet.lemmas(a) & wordnet.lemmas(b)
                or wordnet.synonym_groups(a) & wordnet.synonym_groups(b))


def test_wordnet_synonyms():
    assert synonyms("buy", "purchase")
    assert synonyms("big", "large")
    assert synonyms("bought", "purchased")
    assert not synonyms("cat", "car")
    assert not synonyms("xqzzy", "xqzzy2")


def test_wordnet_map_carries_its_licence_notice():
    meta = wordnet.metadata()
    assert "Copyright 2006 by Princeton University" in meta["licence_notice"]
    assert "Permission to use, copy, modify and distribute" in meta["licence"]


def test_synonym_raises_alignment_features():
    names = list(FEATURE_NAMES)
    plain = pair_features("The company will buy the plant.", "The company will close the plant.")
    synonym = pair_features(
        "The company will buy the plant.", "The company will purchase the plant."
    )
    i = names.index("align_content_dice")
    assert synonym[i] > plain[i]
    assert synonym[names.index("align_synonym_log")] > 0


@pytest.mark.parametrize(
    "b",
    [
        "Kislyak spoke with Sessions twice in 2016.",
        "The department said the ambassador met Sessions in 2015 and 2017.",
        "met met met",
    ],
)
def test_all_features_exactly_symmetric(b):
    assert pair_features(ORIGINAL, b) == pair_features(b, ORIGINAL)
    assert pair_features(PARAPHRASE, b) == pair_features(b, PARAPHRASE)


def _tree_scorers() -> list[TreeScorer]:
    model = load_model()
    scorers = (
        model.classifier.parts if isinstance(model.classifier, BlendScorer) else (model.classifier,)
    )
    return [s for s in scorers if isinstance(s, TreeScorer)]


def test_compiled_trees_match_walking_the_nodes():
    for b in (PARAPHRASE, UNRELATED, "", "2016"):
        features = pair_features(ORIGINAL, b)
        for tree in _tree_scorers():
            total = _compile_trees(tree.trees)(features)
            assert tree.bias + tree.learning_rate * total == tree.score_by_walking(features)


def test_a_tree_model_compiles_once_asked_often_and_answers_the_same():
    tree = _tree_scorers()[0]
    fresh = TreeScorer(tree.trees, tree.bias, tree.learning_rate)
    vectors = [pair_features(ORIGINAL, b) for b in (PARAPHRASE, UNRELATED, "", "2016")]
    answers = [fresh.score(vectors[k % 4]) for k in range(COMPILE_AFTER + 8)]
    assert "compiled" in fresh._state
    assert answers == [fresh.score_by_walking(vectors[k % 4]) for k in range(COMPILE_AFTER + 8)]
