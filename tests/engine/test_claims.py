"""Claims by agglomerative clustering over a sparse similarity graph (each linkage)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdiff.engine.claims import LINKAGES, cluster

THRESHOLD = 0.5
HIGH, LOW = 0.9, THRESHOLD / 4


def test_similar_pairs_form_one_claim_and_complete_it():
    # 0~1 and 0~2 strongly, 1~2 not scored at all: the average still holds.
    claims = cluster(["a", "b", "c", "d"], {(0, 1): 1.0, (0, 2): 1.0}, THRESHOLD)
    assert claims == [[0, 1, 2], [3]]


def test_one_loose_link_does_not_chain_two_claims():
    sims = {(0, 1): HIGH, (2, 3): HIGH, (1, 2): THRESHOLD + 0.01}
    assert cluster(["a", "b", "c", "d"], sims, THRESHOLD) == [[0, 1], [2, 3]]


def test_an_average_exactly_at_the_threshold_joins_despite_rounding():
    # (0.7 + 0.1) / 2 is 0.39999999999999997 in floating point
    sims = {(0, 1): 1.0, (0, 2): 0.7, (1, 2): 0.1}
    assert cluster(["a", "b", "c"], sims, 0.4) == [[0, 1, 2]]


def test_below_threshold_stays_apart():
    assert cluster(["a", "b"], {(0, 1): LOW}, THRESHOLD) == [[0], [1]]


def test_no_similarities_gives_singletons():
    assert cluster(["x", "y", "z"], {}, THRESHOLD) == [[0], [1], [2]]


CHAIN = {(0, 1): HIGH, (1, 2): HIGH, (2, 3): HIGH}  # 0~1~2~3, the ends not scored


def test_single_linkage_follows_a_chain_of_retellings():
    assert cluster(["a", "b", "c", "d"], CHAIN, THRESHOLD, "single") == [[0, 1, 2, 3]]


def test_average_linkage_stops_a_chain_whose_ends_are_unlike():
    claims = cluster(["a", "b", "c", "d"], CHAIN, THRESHOLD, "average")
    assert len(claims) > 1 and all(len(c) < 4 for c in claims)


def test_complete_linkage_joins_only_groups_alike_in_every_pair():
    tight = {(0, 1): HIGH, (0, 2): HIGH, (1, 2): HIGH, (2, 3): HIGH}
    assert cluster(["a", "b", "c", "d"], tight, THRESHOLD, "complete") == [[0, 1, 2], [3]]
    # 0~1 and 0~2 alike, 1~2 not scored: average completes the group, complete does not
    open_group = {(0, 1): 1.0, (0, 2): 1.0}
    assert cluster(["a", "b", "c"], open_group, THRESHOLD, "average") == [[0, 1, 2]]
    assert len(cluster(["a", "b", "c"], open_group, THRESHOLD, "complete")) == 2


def test_an_unknown_linkage_is_refused():
    with pytest.raises(ValueError, match="linkage"):
        cluster(["a"], {}, THRESHOLD, "ward")


@given(st.dictionaries(st.tuples(st.integers(0, 5), st.integers(0, 5)).filter(lambda p: p[0] < p[1]),
                       st.floats(0, 1)))
@pytest.mark.parametrize("linkage", LINKAGES)
def test_claims_do_not_depend_on_node_numbering(linkage, sims):
    keys = ["k0", "k1", "k2", "k3", "k4", "k5"]
    forward = cluster(keys, sims, THRESHOLD, linkage)
    perm = [5, 4, 3, 2, 1, 0]  # node i becomes node perm[i]
    renumbered = {tuple(sorted((perm[i], perm[j]))): s for (i, j), s in sims.items()}
    backward = cluster([keys[perm.index(n)] for n in range(6)], renumbered, THRESHOLD, linkage)
    assert sorted(sorted(keys[i] for i in c) for c in forward) == sorted(
        sorted(keys[perm.index(n)] for n in c) for c in backward
    )
