"""Negation: a predicate one side denies and the other asserts, and the negations that are not."""

from __future__ import annotations

import pytest

from tests.text.facts.support import details, types


def test_negated_against_asserted_predicate():
    assert details("A spokeswoman acknowledged that Sessions did meet with Kislyak.",
                   "A spokeswoman said that Sessions did not meet with Kislyak.") == [
        ("negation", "did meet", "did not meet")]


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Sessions never met Kislyak.", "Sessions met Kislyak in July.",
     ("negation", "never met", "met")),
    ("Sessions has refused to recuse himself.", "Sessions would recuse himself.",
     ("negation", "has refused to recuse", "would recuse")),
    ("Lawmakers asked Sessions to recuse himself from the probe, which he has refused.",
     "Sessions will recuse himself from the probe.",
     ("negation", "has refused (to recuse)", "will recuse")),
    ("“I never met with any Russian officials to discuss issues of the campaign.”",
     "He and Sessions discussed campaign-related issues.",
     ("negation", "never met … to discuss", "discussed")),
])
def test_negation_conflicts(a, b, expected):
    assert expected in details(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("He did not disclose his contact with Kislyak.",
     "He failed to disclose two meetings with Kislyak."),
    ("Flores said the answer was not “misleading.”",
     "“There was absolutely nothing misleading about his answer,” Flores said."),
    ("He was asked if he had any contact with the Russian government.",
     "“I did not have communications with the Russians.”"),
    ("Flores said Sessions did not meet Kislyak as a Trump adviser but rather as a senator.",
     "Sessions met Kislyak twice in 2016."),
    ("I never met with any Russian officials to discuss issues of the campaign.",
     "Sessions met with Russian Ambassador Sergei Kislyak twice in 2016."),
    ("Sessions denied a question asking if he had discussed the election.",
     "He hadn't discussed any campaign issues."),
    ("He did not disclose the meetings.", "The meetings took place in July."),
    ("It is not unusual for senators to meet with ambassadors.", "Sessions met Kislyak."),
])
def test_not_negation_conflicts(a, b):
    assert "negation" not in types(a, b)
