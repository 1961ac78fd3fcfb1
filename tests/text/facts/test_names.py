"""Names: two spellings of one person's name, and what it costs to find them."""

from __future__ import annotations

import pytest

import newsdiff.text.facts.names as names_module
from newsdiff.text.distance import edit_distance
from newsdiff.text.facts import diverging_details, extract_facts
from newsdiff.values import Detail
from tests.text.facts.support import details, types


def test_first_name_spelling_variant():
    assert details("Sessions met Russian ambassador Sergey Kislyak.",
                   "Sessions met Russian Ambassador Sergei Kislyak.") == [
        ("name", "Sergey Kislyak", "Sergei Kislyak")]


def test_surname_spelling_variant():
    assert ("name", "Jeff Sessions", "Jeff Session") in details(
        "Attorney General Jeff Sessions resigned.", "Attorney General Jeff Session resigned.")


@pytest.mark.parametrize(("a", "b"), [
    ("Sessions met Kislyak.", "Sessions met Sergei Kislyak."),
    ("Michael Flynn resigned.", "Michael Cohen resigned."),
    ("Sergey Kislyak met Sergei Ivanov.", "Sergei Kislyak met Sergey Ivanov."),
    ("Sessions Met With Russian Ambassador", "Sessions Meet With Russian Ambassador"),
])
def test_not_spelling_variants(a, b):
    assert "name" not in types(a, b)


def test_spelling_checks_grow_with_the_names_not_their_square(monkeypatch):
    """A long page repeats its names: doubling it must not quadruple the spelling checks,
    as checking every name against every name would (it took a minute on 100,000
    characters).  Counting the checks keeps the test exact and independent of the
    machine's speed."""
    checks = 0

    def counted(u: str, v: str) -> int:
        nonlocal checks
        checks += 1
        return edit_distance(u, v)

    monkeypatch.setattr(names_module, "edit_distance", counted)

    def checks_for(repeats: int) -> int:
        nonlocal checks
        checks = 0
        a = extract_facts.__wrapped__("Sergey Kislyak met Jeff Sessions. " * repeats)
        b = extract_facts.__wrapped__("Sergei Kislyak met Jeff Session. " * repeats)
        assert diverging_details(a, b) == [
            Detail("name", "Jeff Sessions", "Jeff Session"),
            Detail("name", "Sergey Kislyak", "Sergei Kislyak"),
        ]
        return checks

    assert checks_for(200) <= 2 * checks_for(100)
