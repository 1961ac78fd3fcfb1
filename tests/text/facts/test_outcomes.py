"""Outcomes: what happened to one subject, named when two levels exclude each other."""

from __future__ import annotations

import pytest

from tests.text.facts.support import compare, details, mirrored, types


@pytest.mark.parametrize(("a", "b", "expected"), [
    # The words as printed, not the levels.
    ("A cyclist who was hit Friday has died, police said.",
     "Police said a cyclist was injured on Friday.",
     ("outcome", "has died", "was injured")),
    ("The pilot was killed when the plane came down.", "The pilot was hurt when the plane came down.",
     ("outcome", "was killed", "was hurt")),
    ("The guard was fatally wounded.", "The guard was wounded.",
     ("outcome", "was fatally wounded", "was wounded")),
    ("The hiker was later found dead.", "The hiker survived the fall.",
     ("outcome", "was later found dead", "survived")),
    ("All 60 guests were unharmed.", "Several guests were injured.",
     ("outcome", "were unharmed", "were injured")),
    ("The children are safe.", "The children were hurt.", ("outcome", "are safe", "were hurt")),
    # The object of an active verb is whom it befalls.
    ("The explosion killed two workers.", "Two workers were wounded in the explosion.",
     ("outcome", "killed", "were wounded")),
    # Legal outcomes.
    ("Garcia was charged with arson.", "Garcia was acquitted of arson.",
     ("outcome", "was charged", "was acquitted")),
    ("Prosecutors charged Garcia with arson.", "Garcia was cleared of arson on Monday.",
     ("outcome", "charged", "was cleared")),
    ("The jury found Okafor guilty.", "Okafor was found not guilty.", None),
    ("Okafor was convicted of fraud.", "Okafor was found not guilty of fraud.",
     ("outcome", "was convicted", "was found not guilty")),
    ("Officers arrested the landlord.", "The landlord was released without charge.",
     ("outcome", "arrested", "was released without charge")),
])
def test_outcome_conflicts(a, b, expected):
    found = details(a, b)
    if expected is None:  # the verdict's subject sits between "found" and "guilty": not read
        assert "outcome" not in types(a, b)
    else:
        assert expected in found
    assert compare(b, a) == mirrored(compare(a, b))


def test_two_subjects_each_with_their_own_conflict():
    assert details("Two guards were wounded and a robber was killed.",
                   "A robber was wounded and two guards were killed.") == [
        ("outcome", "was killed", "was wounded"), ("outcome", "were wounded", "were killed")]


@pytest.mark.parametrize(("a", "b"), [
    # "shot" is no level: a shot man may be dead or hurt.
    ("The cyclist was shot on Friday.", "The cyclist was killed on Friday."),
    # One level in other words.
    ("Two guards were injured.", "Two guards were wounded."),
    # Saying more: injured and later died, against died.
    ("The driver was injured and later died.", "The driver died in hospital."),
    ("The landlord was arrested and released without charge.", "The landlord was arrested."),
    ("Garcia was charged with arson.", "Garcia was convicted of arson."),
    # Different people.
    ("A woman died in the fire.", "Her neighbour was hurt in the fire."),
    ("The gunman was killed.", "Two officers were injured."),
    # Negated or doubted outcomes state nothing here (a negated one is negation's).
    ("The driver may have died.", "The driver was injured."),
    ("The driver will be charged with speeding.", "The driver was cleared of speeding."),
    ("No one was hurt.", "One man died."),
    # A plea is not a verdict; "survived by" is said of the dead; "the injured man" names no one.
    ("Okafor pleaded not guilty.", "Okafor was convicted of fraud."),
    ("He is survived by his wife.", "He died on Monday."),
    ("The injured man was taken to hospital.", "The man died on Monday."),
    # Words that need a companion to be an outcome.
    ("The judge cleared the courtroom.", "The judge was charged with contempt."),
    ("The zoo released a video.", "The zoo arrested nobody."),
])
def test_outcomes_that_stay_compatible(a, b):
    assert "outcome" not in types(a, b)


def test_negated_outcome_is_named_once_as_negation():
    assert types("None of the 25 crew members was hurt.",
                 "Two of the 25 crew members were hurt.") == ["negation"]
