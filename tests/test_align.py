"""Candidate pairs through the term index."""

from newsdiff.align import candidate_pairs, idf_weights
from newsdiff.tokens import content_words


def _terms(sentences):
    return [frozenset(content_words(s)) for s in sentences]


A = [
    "Sessions met the Russian ambassador twice in 2016.",
    "The weather in Cleveland was hot.",
    "Democrats called for an independent investigation.",
]
B = [
    "Lawmakers demanded an independent investigation of the meetings.",
    "The ambassador met Sessions twice, officials said.",
    "Stock markets rose on Tuesday.",
]


def test_candidates_do_not_assume_order():
    ta, tb = _terms(A), _terms(B)
    pairs = candidate_pairs(ta, tb, idf_weights(ta + tb))
    assert (0, 1) in pairs
    assert (2, 0) in pairs


def test_pairs_need_a_shared_content_word():
    ta, tb = _terms(A), _terms(B)
    pairs = candidate_pairs(ta, tb, idf_weights(ta + tb))
    assert (1, 2) not in pairs and (2, 2) not in pairs


def test_candidates_mirror_when_articles_swap():
    ta, tb = _terms(A), _terms(B)
    w = idf_weights(ta + tb)
    forward = candidate_pairs(ta, tb, w)
    backward = candidate_pairs(tb, ta, w)
    assert sorted((j, i) for i, j in backward) == forward


def test_top_k_bounds_candidates_per_sentence():
    many = [f"ambassador meeting number {i} with detail{i}" for i in range(50)]
    ta, tb = _terms(["the ambassador meeting"]), _terms(many)
    pairs = candidate_pairs(ta, tb, idf_weights(ta + tb), top_k=5)
    # the single A sentence proposes 5; each B sentence proposes its only partner
    assert len(pairs) == 50
    pairs_one_side = candidate_pairs(ta, tb[:1], idf_weights(ta + tb), top_k=5)
    assert pairs_one_side == [(0, 0)]
