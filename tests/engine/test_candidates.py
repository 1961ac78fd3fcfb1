"""Candidate pairs through the term index."""

from newsdiff.engine.candidates import candidate_pairs, idf_weights
from newsdiff.text.tokens import content_words

SENTENCES = [
    "Sessions met the Russian ambassador twice in 2016.",  # 0
    "The weather in Cleveland was hot.",  # 1
    "Democrats called for an independent investigation.",  # 2
    "Lawmakers demanded an independent investigation of the meetings.",  # 3
    "The ambassador met Sessions twice, officials said.",  # 4
    "Stock markets rose on Tuesday.",  # 5
]


def _pairs(sentences, top_k=8):
    terms = [frozenset(content_words(s)) for s in sentences]
    return candidate_pairs(terms, idf_weights(terms), top_k=top_k)


def test_candidates_do_not_assume_order():
    pairs = _pairs(SENTENCES)
    assert (0, 4) in pairs
    assert (2, 3) in pairs


def test_pairs_need_a_shared_content_word():
    pairs = _pairs(SENTENCES)
    assert not any(5 in pair for pair in pairs)
    assert (1, 2) not in pairs


def test_pairs_are_ordered_and_never_a_sentence_with_itself():
    pairs = _pairs(SENTENCES + SENTENCES[:1])
    assert all(i < j for i, j in pairs)
    assert (0, 6) in pairs


def test_top_k_bounds_the_partners_each_sentence_proposes():
    many = ["the ambassador meeting"] + [f"ambassador meeting number{i}" for i in range(50)]
    pairs = _pairs(many, top_k=5)
    # each of the 50 proposes sentence 0 or a sibling; sentence 0 is in at most 50 pairs
    partners_of_first = [p for p in pairs if 0 in p]
    assert len(partners_of_first) <= 50
    assert all(sum(1 for p in pairs if i in p) >= 1 for i in range(len(many)))
    assert len(pairs) <= 5 * len(many)
