"""Counts and amounts: a count conflicts with a count of the same thing it cannot equal."""

from __future__ import annotations

import pytest

from tests.text.facts.support import details, types


def test_twice_conflicts_with_three_listed_months():
    a = "Sessions Met with Russian Ambassador Twice During Presidential Election"
    b = ("Sessions’ conversations with Kislyak reportedly took place in April at the Mayflower "
         "Hotel in Washington, in July during the Republican National Convention in Cleveland, "
         "and in September in his Washington office.")
    assert details(a, b) == [("number", "Twice", "3 (April, July and September)")]


def test_counts_of_the_same_noun_conflict():
    assert details("He had two confirmed meetings with the ambassador.",
                   "He had three meetings with the ambassador.") == [
        ("number", "two confirmed meetings", "three meetings")]


@pytest.mark.parametrize(("a", "b"), [
    ("Sessions met Kislyak twice in 2016.", "Sessions met Kislyak twice."),
    ("Sessions spoke with the ambassador twice.", "He failed to disclose two meetings."),
    ("The event was attended by some 50 ambassadors.",
     "The senator had over 25 conversations with foreign ambassadors."),
    ("He had over 25 conversations with ambassadors.", "He had 30 conversations with envoys."),
    ("The meetings occurred in July and September.",
     "They met in April, in July, and in September."),
    ("He met the ambassador twice, once in July and a second time in September.",
     "He met the ambassador two times."),
    ("I have been called a surrogate at a time or two.", "He met the ambassador three times."),
    ("The report concerned the first two meetings.", "They met three times."),
    ("Sales were twice as high.", "They met three times."),
])
def test_more_detail_or_different_quantities_are_not_number_conflicts(a, b):
    assert "number" not in types(a, b)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("They met once at a Heritage Foundation event and a second time in September.",
     "They met three times.", ("number", "2 (once … a second time)", "three times")),
    ("The senator had over 25 conversations with ambassadors.",
     "The senator had 20 conversations with ambassadors.",
     ("number", "over 25 conversations", "20 conversations")),
    ("The fund lost $5 million.", "The fund lost $7 million.",
     ("number", "$5 million", "$7 million")),
    ("Turnout rose 12 percent.", "Turnout rose 15%.", ("number", "12 percent", "15%")),
])
def test_number_conflicts(a, b, expected):
    assert expected in details(a, b)
