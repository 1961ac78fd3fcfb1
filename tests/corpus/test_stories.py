"""Story finding's second stage: weighted terms, blocking by shared keys, clustering."""

from __future__ import annotations

import numpy as np
import pytest

from newsdiff.corpus import stories as stories_module
from newsdiff.corpus.records import Record
from newsdiff.corpus.stories import (
    StoryChoices,
    candidate_pairs,
    find_stories,
    shipped_choices,
    story_id,
)
from newsdiff.corpus.vectors import DocumentFrequencies, article_terms, weigh
from newsdiff.engine.claims import LINKAGES

_TEXTS = [
    "Ferry halted on the Danube at Vukovar. Operator Ivan Horvat said crossings would resume.",
    "The Vukovar ferry on the Danube was halted, operator Ivan Horvat said on Tuesday.",
    "Mirela Tanase named chief conductor of the Transylvania Philharmonic in Cluj.",
    "The Transylvania Philharmonic in Cluj named Mirela Tanase its chief conductor.",
]


def _vectors(texts):
    terms = [article_terms(Record(str(n), "x", t).article()) for n, t in enumerate(texts)]
    frequencies = DocumentFrequencies()
    frequencies.add(f for f, _ in terms)
    return terms, weigh(terms, frequencies)


def test_rewrites_of_one_story_are_grouped_and_two_stories_kept_apart():
    _, vectors = _vectors(_TEXTS)
    found = find_stories(["a", "b", "c", "d"], vectors, [None] * 4, [], shipped_choices())
    assert found == [[0, 1], [2, 3]]


def test_a_term_of_one_article_only_carries_no_weight():
    terms, vectors = _vectors(_TEXTS[:2] + ["Zyxwv qwerty."])
    assert vectors[2].nnz == 0 and len(terms[2][0]) > 0
    assert np.isclose((vectors[0].multiply(vectors[0])).sum(), 1.0)


def test_articles_further_apart_than_the_window_are_no_candidates():
    _, vectors = _vectors(_TEXTS[:2])
    assert candidate_pairs(vectors, [0, 30], None) == [(0, 1)]
    assert candidate_pairs(vectors, [0, 30], 7) == []
    assert candidate_pairs(vectors, [0, None], 7) == [(0, 1)]  # an undated one may be either


def test_a_key_that_too_many_articles_offer_proposes_no_pairs(monkeypatch):
    _, vectors = _vectors(_TEXTS[:2])
    monkeypatch.setattr(stories_module, "MAX_BLOCK", 1)
    assert candidate_pairs(vectors, [None, None], None) == []


def test_near_copies_are_one_story_whatever_their_words():
    _, vectors = _vectors(_TEXTS)
    found = find_stories(["a", "b", "c", "d"], vectors, [None] * 4, [[0, 2]],
                         StoryChoices(0.99, "average"))
    assert any({0, 2} <= set(group) for group in found)
    assert sorted(i for group in found for i in group) == [0, 1, 2, 3]


def test_a_story_id_depends_on_its_members_only():
    assert story_id(["b", "a"]) == story_id(["a", "b"]) != story_id(["a", "c"])
    assert story_id(["a"]).startswith("s") and len(story_id(["a"])) == 13


def test_the_shipped_choices_name_a_known_linkage():
    choices = shipped_choices()
    assert choices.linkage in LINKAGES and 0 < choices.threshold < 1


@pytest.mark.parametrize("linkage", LINKAGES)
def test_every_linkage_groups_the_plain_case(linkage):
    _, vectors = _vectors(_TEXTS)
    found = find_stories(["a", "b", "c", "d"], vectors, [None] * 4, [],
                         StoryChoices(shipped_choices().threshold, linkage))
    assert found == [[0, 1], [2, 3]]
