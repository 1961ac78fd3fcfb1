"""From scored candidates to links."""

from newsdiff.links import CONFIDENT, MUTUAL_BEST, select_links


def test_confident_pairs_link_many_to_one():
    scores = {(0, 0): 0.9, (0, 1): 0.8, (1, 1): 0.1}
    assert select_links(scores, set()) == [(0, 0), (0, 1)]


def test_weak_pair_links_only_between_mutual_best_partners():
    weak = (CONFIDENT + MUTUAL_BEST) / 2
    scores = {(0, 0): weak, (1, 0): weak - 0.01, (1, 1): MUTUAL_BEST - 0.01}
    assert select_links(scores, set()) == [(0, 0)]


def test_verbatim_copy_excludes_other_partners():
    scores = {(0, 0): 1.0, (0, 1): 0.9, (1, 1): 0.9}
    assert select_links(scores, {(0, 0)}) == [(0, 0), (1, 1)]


def test_selection_mirrors():
    scores = {(0, 0): 0.4, (0, 1): 0.4, (1, 0): 0.3, (2, 2): 0.7}
    mirrored = {(j, i): p for (i, j), p in scores.items()}
    assert select_links(mirrored, set()) == sorted((j, i) for i, j in select_links(scores, set()))
