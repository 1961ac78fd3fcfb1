"""Places: names after "in"/"at" that say where, conflicting only when neither fits the other."""

from __future__ import annotations

import pytest

from tests.text.facts.support import details, types


def test_places_in_the_same_role_conflict():
    assert details("The first meeting was at the Mayflower Hotel in Washington.",
                   "The first meeting was in Cleveland.") == [
        ("place", "Mayflower Hotel, Washington", "Cleveland")]


@pytest.mark.parametrize(("a", "b"), [
    ("They met in Washington.", "They met at the Mayflower Hotel in Washington."),
    ("They met at a Heritage Foundation event.", "They met in Cleveland."),
    ("He was a member in the Senate Armed Services Committee.", "They met in Cleveland."),
    ("They met in Sessions' office.", "They met in Cleveland."),
    ("They met in his Washington office.", "They met in Cleveland."),
    ("They met in July.", "They met in Cleveland."),
])
def test_places_that_fit_or_are_not_places_do_not_conflict(a, b):
    assert "place" not in types(a, b)
