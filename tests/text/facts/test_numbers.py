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


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Four men were hurt in the blast.", "Five men were hurt in the blast.",
     ("number", "Four men", "Five men")),
    ("Six children were rescued from the flat.", "Nine children were rescued from the flat.",
     ("number", "Six children", "Nine children")),
    ("One woman was arrested at the scene.", "Two women were arrested at the scene.",
     ("number", "One woman", "Two women")),
    ("Two gunmen opened fire.", "Three gunmen opened fire.",
     ("number", "Two gunmen", "Three gunmen")),
])
def test_counts_of_nouns_ending_in_en_conflict(a, b, expected):
    """"men", "children": nouns, not participles like "taken", so they are what is counted."""
    assert expected in details(a, b)


# ------------------------------------------------------------------ hedges

@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Volunteers rescued more than 40 dogs from the kennel.",
     "Volunteers rescued more than 90 dogs from the kennel.",
     ("number", "more than 40 dogs", "more than 90 dogs")),
    ("At least 4 climbers were missing.", "3 climbers were missing.",
     ("number", "At least 4 climbers", "3 climbers")),
    ("Over 200 flights were cancelled.", "Some 600 flights were cancelled.",
     ("number", "Over 200 flights", "Some 600 flights")),
])
def test_hedged_counts_that_cannot_both_hold_conflict_and_keep_their_hedge(a, b, expected):
    assert details(a, b) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    ("More than 40 dogs were rescued.", "Volunteers rescued 47 dogs."),
    ("Roughly 70 homes lost power.", "73 homes lost power."),
    ("At least 12 cars were damaged.", "12 cars were damaged."),
    ("More than 200 flights were cancelled.", "More than 250 flights were cancelled."),
    ("Up to 80 workers could lose their jobs.", "About 30 workers could lose their jobs."),
    ("Nearly 500 runners finished.", "More than 450 runners finished."),
])
def test_hedged_counts_that_can_both_hold_are_compatible(a, b):
    assert "number" not in types(a, b)


# ------------------------------------------------------------------ running totals

@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The death toll from the landslide rose to 23.", "The death toll climbed to 19 on Friday.",
     ("number", "death toll from the landslide rose to 23", "death toll climbed to 19")),
    ("Death toll reaches 8 in the valley.", "The toll stood at 6 by nightfall.",
     ("number", "Death toll reaches 8", "toll stood at 6")),
    ("The number of injured has risen to 40.", "The number of injured reached 35.",
     ("number", "number of injured has risen to 40", "number of injured reached 35")),
])
def test_running_totals_conflict(a, b, expected):
    assert expected in details(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("The death toll rose to 23.", "The death toll rose to 23 on Friday."),
    ("The number of dead rose to 12.", "The number of injured rose to 30."),
    ("The toll road leads to 3 villages.", "The death toll rose to 9."),
    ("The death toll rose to at least 20.", "The death toll reached 24."),
])
def test_running_totals_of_other_things_or_equal_totals_are_compatible(a, b):
    assert "number" not in types(a, b)


# ------------------------------------------------------------------ magnitudes and units

@pytest.mark.parametrize(("a", "b", "expected"), [
    ("A 5.1-magnitude tremor shook the coast.", "The 5.3-magnitude quake shook the coast.",
     ("number", "5.1-magnitude", "5.3-magnitude")),
    ("The quake had a magnitude 7.0 reading.", "A 6.8 magnitude quake struck.",
     ("number", "magnitude 7.0", "6.8 magnitude")),
    ("A Category 3 storm made landfall.", "A Category 4 storm made landfall.",
     ("number", "Category 3", "Category 4")),
    ("He received a 12-year sentence.", "He was sentenced to 15 years in prison.",
     ("number", "12-year", "15 years")),
])
def test_magnitudes_and_units_conflict(a, b, expected):
    assert expected in details(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("A magnitude 6.0 quake hit the island.", "A 6-magnitude quake hit the island."),
    ("A 5.5 magnitude quake hit.", "The magnitude 5.50 tremor hit."),
    ("A 10-year-old girl was hurt.", "The accident happened 12 years ago."),
])
def test_equal_magnitudes_and_other_units_are_compatible(a, b):
    assert "number" not in types(a, b)


# ------------------------------------------------------------------ money

@pytest.mark.parametrize(("a", "b"), [
    ("The club paid $80 million for him.", "The club paid $80-M for him."),
    ("The club paid $80m for him.", "The club paid 80 million dollars for him."),
    ("The bridge will cost £2bn.", "The bridge will cost 2 billion pounds."),
    ("The fine was €1.2bn.", "The fine was 1.2 billion euros."),
    ("The fine was US$40 million.", "The fine was $40 million."),
    ("The deal is worth $3 billion (€2.8 billion).", "The deal is worth €2.8 billion."),
    ("The deal is worth $3 billion.", "The deal is worth €2.8 billion."),
])
def test_one_amount_in_several_forms_is_compatible(a, b):
    assert "number" not in types(a, b)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The club paid $80 million for him.", "The club paid $95m for him.",
     ("number", "$80 million", "$95m")),
    ("The bridge will cost £2bn.", "The bridge will cost 3 billion pounds.",
     ("number", "£2bn", "3 billion pounds")),
    ("The fine was $40 million.", "The fine was €40 million.",
     ("number", "$40 million", "€40 million")),
    ("The fine was £40m.", "The fine was 40 million dollars.",
     ("number", "£40m", "40 million dollars")),
])
def test_different_amounts_or_currencies_conflict(a, b, expected):
    assert details(a, b) == [expected]


def test_a_qualified_dollar_is_not_a_plain_dollar():
    assert "number" not in types("It cost A$40 million.", "It cost $40 million.")
    assert "number" not in types("It cost 40 million Canadian dollars.", "It cost C$40 million.")


# ------------------------------------------------------------------ counts in words and lists

@pytest.mark.parametrize(("a", "b", "expected"), [
    ("She faces four counts of fraud.", "She faces six counts of fraud.",
     ("number", "four counts", "six counts")),
    ("The suspect was arrested twice.", "The suspect was arrested three times.",
     ("number", "twice", "three times")),
    ("The band toured in March, June and October.", "The band toured twice.",
     ("number", "3 (March, June and October)", "twice")),
    ("Two hundred and fifty ships waited.", "Three hundred ships waited.",
     ("number", "Two hundred and fifty ships", "Three hundred ships")),
])
def test_counts_in_words_and_lists_conflict(a, b, expected):
    assert expected in details(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Two hundred and fifty ships waited.", "250 ships waited."),
    ("One hundred fifty thousand people fled.", "150,000 people fled."),
    ("A dozen people were hurt.", "12 people were hurt."),
    ("She faces four counts of fraud.", "She faces 4 counts of fraud."),
    ("More than 150 ships were waiting.", "More than 150 ships waiting to pass."),
])
def test_counts_written_in_words_or_figures_are_compatible(a, b):
    assert "number" not in types(a, b)
