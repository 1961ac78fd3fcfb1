"""Dates: components of one granularity conflict when neither side's covers the other's."""

from __future__ import annotations

import pytest

from tests.text.facts.support import details, types


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Another meeting took place in July.", "Another meeting took place in September.",
     ("date", "July", "September")),
    ("The report was released on Thursday.", "The report was released on Wednesday.",
     ("date", "Thursday", "Wednesday")),
    ("The hearing was on Jan. 10.", "The hearing was on Jan. 12.",
     ("date", "Jan. 10", "Jan. 12")),
    ("The report came out Wednesday night.", "The report came out Wednesday morning.",
     ("date", "Wednesday night", "Wednesday morning")),
    ("Flynn resigned on February 13, 2017.", "Flynn resigned in 2016.",
     ("date", "February 13, 2017", "2016")),
    ("The vote is at 10 a.m.", "The vote is at 3 p.m.", ("date", "10 a.m.", "3 p.m.")),
])
def test_date_conflicts(a, b, expected):
    assert expected in details(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Sessions met Kislyak twice in 2016.", "Sessions met Kislyak twice last year."),
    ("Sessions said in January that he had no contact.",
     "During the hearing on Jan. 10, Sessions said he had no contact."),
    ("The report came out Wednesday.", "The report came out Wednesday night."),
    ("The meetings occurred in July and September.",
     "They met in April, in July, and in September."),
    ("Another meeting took place in July.", "Sessions met Kislyak in 2016."),
    ("Sessions may resign.", "Sessions will resign in June."),
])
def test_compatible_dates_are_not_conflicts(a, b):
    assert "date" not in types(a, b)


@pytest.mark.parametrize("odd", ["²000", "¹⁹⁹⁹", "①②", "3:⁴⁵ p.m."])
def test_digits_that_are_not_decimal_are_no_date_and_no_crash(odd):
    """Superscript and circled digits pass ``str.isdigit`` but not ``int``: article text is
    untrusted, so such a token is simply not a year, day or time."""
    assert details(f"The plant opened in {odd} in May.", f"The plant opened in {odd}.") == []
