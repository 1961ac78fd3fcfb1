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


@pytest.mark.parametrize(("a", "b", "expected"), [
    # A copula's noun phrase, denied and asserted of one subject.
    ("The storm was not the only reason for the delay.",
     "The storm was the only reason for the delay, officials said.",
     ("negation", "was not the only reason", "was the only reason")),
    ("Flooding wasn't the main problem.", "Flooding was the main problem for farmers.",
     ("negation", "wasn't the main problem", "was the main problem")),
    # A statement withheld against the statement.
    ("The ministry has not said when the border would reopen.",
     "The ministry said the border would reopen on Thursday.",
     ("negation", "has not said when the border would reopen",
      "said the border would reopen on Thursday")),
    ("The club declined to say whether the coach had resigned.",
     "The coach had resigned, the club said.",
     ("negation", "declined to say whether the coach had resigned",
      "had resigned, the club said")),
    ("The firm has yet to announce when the factory will restart.",
     "The firm announced that the factory will restart in June.",
     ("negation", "has yet to announce when the factory will restart",
      "announced that the factory will restart in June")),
    # A negated subject: "no"/"none" deny the verb, not the noun after them.
    ("No climbers were injured in the avalanche.", "Three climbers were injured in the avalanche.",
     ("negation", "No climbers were injured", "were injured")),
    ("None of the 30 pupils was harmed.", "Four of the 30 pupils were harmed.",
     ("negation", "None of the 30 pupils was harmed", "were harmed")),
    # Denial with a clause or a gerund.
    ("The senator denied that he met the lobbyist.", "The senator met the lobbyist twice.",
     ("negation", "denied that he met", "met")),
    ("She denies having signed the contract.", "She signed the contract in May.",
     ("negation", "denies having signed", "signed")),
])
def test_negation_conflicts_beyond_the_verb(a, b, expected):
    assert expected in details(a, b)


@pytest.mark.parametrize(("a", "b"), [
    # A different noun phrase: "not the only reason" does not deny "a reason".
    ("The storm was not the only reason for the delay.", "The storm was a reason for the delay."),
    # Another subject of the same noun phrase.
    ("The storm was not the only reason.", "Staffing was the only reason."),
    # "When" is answered only by a time; a refusal to comment states nothing.
    ("The ministry has not said when the border would reopen.",
     "The ministry said the border would reopen."),
    ("The minister did not comment.", "The minister said the border would reopen on Thursday."),
    # A negation in another clause, about another predicate.
    ("The mayor did not attend, but the bridge reopened on Monday.",
     "The bridge reopened on Monday, the mayor said."),
    # An addition, not a denial.
    ("He did not merely visit the plant but also toured the mine.", "He visited the plant."),
    ("Not only the storm but also the strike caused the delay.", "The storm caused the delay."),
    # Double negations.
    ("He did not deny meeting the lobbyist.", "He met the lobbyist."),
    ("She never failed to file the report.", "She filed the report."),
    ("It is not true that he did not pay the fine.", "He paid the fine."),
    ("It is not true that he paid the fine.", "He did not pay the fine."),
])
def test_negations_that_stay_compatible(a, b):
    assert "negation" not in types(a, b)
