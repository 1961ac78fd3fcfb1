"""Claims by average-linkage clustering over a sparse similarity graph."""

from hypothesis import given
from hypothesis import strategies as st

from newsdiff.engine.claims import cluster

THRESHOLD = 0.5
HIGH, LOW = 0.9, THRESHOLD / 4


def test_similar_pairs_form_one_claim_and_complete_it():
    # 0~1 and 0~2 strongly, 1~2 not scored at all: the average still holds.
    claims = cluster(["a", "b", "c", "d"], {(0, 1): 1.0, (0, 2): 1.0}, THRESHOLD)
    assert claims == [[0, 1, 2], [3]]


def test_one_loose_link_does_not_chain_two_claims():
    sims = {(0, 1): HIGH, (2, 3): HIGH, (1, 2): THRESHOLD + 0.01}
    assert cluster(["a", "b", "c", "d"], sims, THRESHOLD) == [[0, 1], [2, 3]]


def test_below_threshold_stays_apart():
    assert cluster(["a", "b"], {(0, 1): LOW}, THRESHOLD) == [[0], [1]]


def test_no_similarities_gives_singletons():
    assert cluster(["x", "y", "z"], {}, THRESHOLD) == [[0], [1], [2]]


@given(st.dictionaries(st.tuples(st.integers(0, 5), st.integers(0, 5)).filter(lambda p: p[0] < p[1]),
                       st.floats(0, 1)))
def test_claims_do_not_depend_on_node_numbering(sims):
    keys = ["k0", "k1", "k2", "k3", "k4", "k5"]
    forward = cluster(keys, sims, THRESHOLD)
    perm = [5, 4, 3, 2, 1, 0]  # node i becomes node perm[i]
    renumbered = {tuple(sorted((perm[i], perm[j]))): s for (i, j), s in sims.items()}
    backward = cluster([keys[perm.index(n)] for n in range(6)], renumbered, THRESHOLD)
    assert sorted(sorted(keys[i] for i in c) for c in forward) == sorted(
        sorted(keys[perm.index(n)] for n in c) for c in backward
    )
