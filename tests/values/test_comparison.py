"""The comparison's values: seen from the other side without comparing again."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from newsdiff.values import Alignment, Detail
from newsdiff.values.comparison import mirror_diff
from tests.builders import A_SENTENCES, B_SENTENCES, build_comparison, make_article

runs = st.lists(st.tuples(st.sampled_from("=-+"), st.text(min_size=1, max_size=5)), max_size=12)


def test_a_mirrored_change_lists_the_deleted_text_first():
    diff = (("=", "Sessions "), ("-", "Met"), ("+", "Spoke"), ("=", " With"))
    assert mirror_diff(diff) == (("=", "Sessions "), ("-", "Spoke"), ("+", "Met"), ("=", " With"))


def texts(diff) -> tuple[str, str]:
    """The two texts a diff goes between."""
    return ("".join(t for op, t in diff if op != "+"), "".join(t for op, t in diff if op != "-"))


@given(runs)
def test_mirroring_swaps_the_texts_and_undoes_itself(diff):
    mirrored = mirror_diff(tuple(diff))
    assert texts(mirrored) == texts(diff)[::-1]
    assert not any(x[0] == "+" and y[0] == "-" for x, y in pairwise(mirrored))
    assert mirror_diff(mirror_diff(mirrored)) == mirrored


def test_an_alignment_seen_from_b():
    al = Alignment("divergent", (0,), (1,), 0.8, (Detail("number", "twice", "three times"),),
                   (("=", "met "), ("-", "twice"), ("+", "three times")))
    assert al.swapped() == Alignment("divergent", (1,), (0,), 0.8,
                                     (Detail("number", "three times", "twice"),),
                                     (("=", "met "), ("-", "three times"), ("+", "twice")))
    assert al.swapped().swapped() == al


def test_a_comparison_seen_from_b_swaps_every_part():
    c = build_comparison(make_article(A_SENTENCES, boilerplate=frozenset({3})),
                         make_article(B_SENTENCES, boilerplate=frozenset({4})))
    s = c.swapped()
    assert (s.a, s.b) == (c.b, c.a)
    assert (s.unique_a, s.unique_b, s.boilerplate_a, s.boilerplate_b) == (
        c.unique_b, c.unique_a, c.boilerplate_b, c.boilerplate_a)
    assert [(al.a, al.b) for al in s.alignments] == sorted((al.b, al.a) for al in c.alignments)
    in_order = tuple(sorted(c.alignments, key=lambda al: (al.a, al.b)))
    assert s.swapped() == replace(c, alignments=in_order)
