"""Reading one sentence's details: the value it gives, and what reading costs."""

from __future__ import annotations

import pytest

from newsdiff.text.facts import Facts, diverging_details, extract_facts


def test_facts_are_frozen_hashable_and_cached():
    facts = extract_facts("Sessions met Kislyak twice in July.")
    assert isinstance(facts, Facts)
    assert hash(facts) == hash(extract_facts("Sessions met Kislyak twice in July."))
    assert extract_facts("Sessions met Kislyak twice in July.") is facts
    with pytest.raises(AttributeError):
        facts.counts = ()  # type: ignore[misc]


@pytest.mark.parametrize("chunk", [
    "Sessions did not meet in April, refused. Over 25 the AP noted, according to the ",
    "a" * 50, "1," * 40, "Sergey Kislyak " * 5, "in the " * 10, "once " * 10,
])
def test_long_input_completes(chunk):
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    facts = extract_facts.__wrapped__(text)  # a backtracking regex would hang here
    assert diverging_details(facts, facts) == []
