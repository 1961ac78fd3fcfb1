"""The story view's model: labels, the claims matrix, quotes' statuses and extents, values."""

from __future__ import annotations

from newsdiff.present.story import (
    claim_text,
    divergences_by_claim,
    format_values,
    join_labels,
    matrix_claims,
    only_claims,
    outlet_labels,
    quote_extents,
    quote_statuses,
    relations,
    shown_extents,
    wire_notes,
)
from newsdiff.values import Divergence
from tests.stories import HOSTILE_SENTENCE, QUOTE, build_story


def test_outlet_labels_are_letters_then_numbers():
    assert outlet_labels(4) == ("A", "B", "C", "D")
    many = outlet_labels(27)
    assert many[0] == "1" and many[-1] == "27"


def test_join_labels():
    assert [join_labels(x) for x in (["A"], ["A", "B"], ["A", "B", "C"])] == [
        "A", "A and B", "A, B and C"]


def test_wire_notes_name_groups_of_two_or_more(story):
    assert wire_notes(story, outlet_labels(4)) == ["C and D reprint one wire story"]


def test_relations_per_outlet(story):
    c0, c1 = story.claims[:2]
    assert relations(story, c0) == ("anchor", "divergent", "shared", "paraphrase")
    assert relations(story, c1) == ("anchor", "shared", "absent", "absent")


def test_outlets_that_diverge_from_each_other_are_marked_divergent(story):
    """A claim counted divergent because two outlets other than the anchor's disagree
    shows where in its row, though their passages agree with the anchor."""
    from dataclasses import replace

    c1 = replace(story.claims[1], outlets_diverge=(1,))
    assert c1.kind == "divergent"
    assert relations(story, c1) == ("anchor", "divergent", "absent", "absent")


def test_matrix_holds_claims_of_two_or_more_outlets_and_only_lists_the_rest(story):
    assert [c.id for c in matrix_claims(story)] == [0, 1]
    assert [(i, [c.id for c in only]) for i, only in only_claims(story)] == [(0, [2]), (1, [3])]


def test_kinds_pick_claims_and_divergences_follow(story):
    assert [c.id for c in matrix_claims(story, {"divergent"})] == [0]
    assert [c.id for c in matrix_claims(story, {"shared"})] == [1]
    assert only_claims(story, {"shared", "divergent"}) == []
    assert divergences_by_claim(story, {"shared"}) == []
    assert [c.id for c, _ in divergences_by_claim(story, {"divergent"})] == [0]


def test_quote_statuses_per_outlet(story):
    assert quote_statuses(story, story.quotes[0]) == (
        "verbatim", "absent", "typographic", "altered")


def test_divergence_values_are_grouped_by_value(story):
    assert format_values(story.divergences[0], outlet_labels(4)) == (
        'A, C, D "twice" \u00b7 B "April, July and September"')


def test_divergence_values_differing_only_in_case_are_one_value():
    d = Divergence(0, "number", ((0, "Twice"), (1, "3 (April, July and September)"),
                                 (2, "twice"), (3, "TWICE")))
    assert format_values(d, outlet_labels(4)) == (
        'A, C, D "Twice" \u00b7 B "3 (April, July and September)"')


def test_claim_text_is_the_anchor_passage_on_one_line(story):
    assert claim_text(story, story.claims[3]) == HOSTILE_SENTENCE


def test_quote_extents_per_outlet(extent_story):
    assert quote_extents(extent_story, extent_story.quotes[0]) == (
        "whole", "whole", "longer", "part")  # B is absent: nothing to add
    assert shown_extents(extent_story) == ("longer", "part")
    assert shown_extents(build_story()) == ()
    assert extent_story.quotes[0].renderings[1].matched_text == QUOTE
