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


@pytest.mark.parametrize(("a", "b"), [
    # an acronym and its expansion, read off the other side's name
    ("Rates were set at the ECB this week.", "Rates were set at the European Central Bank this week."),
    ("The loan was agreed at the IMF.", "The loan was agreed at the International Monetary Fund."),
    ("He testified at the FBI.", "He testified at the Federal Bureau of Investigation."),
    ("Gold is stored at BoE.", "Gold is stored at the Bank of England."),
    ("The talks were held in the U.K.", "The talks were held in the United Kingdom."),
    ("Troops are stationed in the UAE.", "Troops are stationed in the United Arab Emirates."),
    # typography: accents, apostrophes, hyphens, case
    ("The ferry sank off the coast at Bogotá.", "The ferry sank off the coast at Bogota."),
    ("Protesters gathered at Tian'anmen.", "Protesters gathered at Tiananmen Square."),
    ("The race ended in Saint-Étienne.", "The race ended in Saint-Etienne."),
    ("The summit opened in KYIV.", "The summit opened in Kyiv."),
])
def test_one_place_written_two_ways_does_not_conflict(a, b):
    assert "place" not in types(a, b)


@pytest.mark.parametrize(("a", "b", "place_a", "place_b"), [
    # an acronym that spells some other name's initials is not its expansion
    ("The deal was signed at the ECB.", "The deal was signed at the World Trade Organization.",
     "ECB", "World Trade Organization"),
    # one capital letter does not make an acronym: "Ur" is a place of its own
    ("The tablets were found in Ur.", "The tablets were found in Upper Rhine.",
     "Ur", "Upper Rhine"),
    # a name runs on across "of", so the part it shares is not the whole of it
    ("The tanker ran aground in the Gulf of Aden.", "The tanker ran aground in the Gulf of Oman.",
     "Gulf of Aden", "Gulf of Oman"),
])
def test_different_places_still_conflict(a, b, place_a, place_b):
    assert details(a, b) == [("place", place_a, place_b)]


def test_a_name_with_of_fits_its_own_parts():
    assert "place" not in types("They met in the Gulf of Mexico.", "They met in the Gulf.")
