"""Names: two spellings of one person's name, and what it costs to find them."""

from __future__ import annotations

import pytest

import newsdiff.text.facts.names as names_module
from newsdiff.text.distance import edit_distance
from newsdiff.text.facts import diverging_details, extract_facts
from newsdiff.values import Detail
from tests.text.facts.support import compare, details, types


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


@pytest.mark.parametrize(("a", "b"), [
    ("The talks were led by Yevgeny Primakov.", "The talks were led by Evgeny Primakov."),
    ("Colonel Moamar Kadhafi addressed the crowd.", "Colonel Muamar Kadhafi addressed the crowd."),
    ("The orchestra played Rachmaninov Preludes.", "The orchestra played Rachmaninoff Preludes."),
    ("Envoy Dmitry Peskov spoke first.", "Envoy Dmitri Peskov spoke first."),
])
def test_transliterations_are_spelling_variants_not_conflicts(a, b):
    """One person transliterated two ways: named, but as a variant, which contradicts nothing."""
    found = compare(a, b)
    assert [(d.type, d.severity) for d in found] == [("name", "variant")]
    assert not any(d.conflicts for d in found)


@pytest.mark.parametrize(("a", "b"), [
    # a country and its demonym, in either order and under any regular suffix
    ("Kenyan runner Eliud Kipchoge won again.", "Kenya's Eliud Kipchoge won again."),
    ("North Korea's Kim Jong Un fired a missile.", "North Korean leader Kim Jong Un fired a missile."),
    ("Iraqi Prime Minister Ali Hassan resigned.", "Iraq Prime Minister Ali Hassan resigned."),
    ("Western Australian premier Mark Lowe spoke.", "Western Australia's Mark Lowe spoke."),
    # typography: accents, apostrophes, hyphens, case
    ("Coach Zinédine Zidane resigned.", "Coach Zinedine Zidane resigned."),
    ("Senator Conan O'Brien voted.", "Senator Conan O’brien voted."),
    ("Minister Jean-Luc Mélenchon spoke.", "Minister Jean-Luc Melenchon spoke."),
    ("Rep. Kevin McCarthy spoke.", "Rep. Kevin MCCARTHY spoke."),
])
def test_equivalent_forms_are_no_detail(a, b):
    assert "name" not in types(a, b)


def test_a_demonym_fold_leaves_real_spellings_alone():
    """A name that merely ends like a demonym is still checked: "Kislyak" is no country's."""
    assert [d.severity for d in compare("Ambassador Sergey Kislyak left.",
                                        "Ambassador Sergey Kisliak left.")] == ["variant"]


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
            Detail("name", "Jeff Sessions", "Jeff Session", "variant"),
            Detail("name", "Sergey Kislyak", "Sergei Kislyak", "variant"),
        ]
        return checks

    assert checks_for(200) <= 2 * checks_for(100)
