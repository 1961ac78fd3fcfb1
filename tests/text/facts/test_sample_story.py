"""The details the bundled sample story's outlets disagree on, and the paraphrases they don't."""

from __future__ import annotations

from newsdiff.resources import sample_story
from tests.text.facts.support import details, types


def _seed_sentence(prefix: str, fragment: str) -> str:
    """The sentence (or line) of the seed file starting ``prefix`` that holds ``fragment``."""
    path = next(p for p in sample_story() if p.name.startswith(f"{prefix}_"))
    for line in path.read_text(encoding="utf-8").splitlines():
        for sentence in line.split(". "):
            if fragment in sentence:
                return sentence
    raise AssertionError(f"{fragment!r} not in seed {prefix}")


def test_seed_headline_twice_against_three_meetings():
    a = _seed_sentence("001", "Twice During Presidential Election")
    b = _seed_sentence("003", "Mayflower Hotel")
    assert types(a, b) == ["number"]


def test_seed_two_confirmed_meetings_against_three():
    a = _seed_sentence("001", "two confirmed meetings")
    b = _seed_sentence("003", "Mayflower Hotel")
    assert details(a, b)[0][0] == "number"


def test_seed_sergey_against_sergei():
    a = _seed_sentence("002", "Sessions did meet with Russian ambassador")
    b = _seed_sentence("004", "Sergei Kislyak twice in 2016")
    assert details(a, b) == [("name", "Sergey Kislyak", "Sergei Kislyak")]


def test_seed_refused_recusal_against_recusal():
    a = _seed_sentence("001", "of which he has refused")
    b = _seed_sentence("003", "would recuse himself")
    assert types(a, b) == ["negation"]


def test_seed_paraphrases_without_conflict():
    a = _seed_sentence("000", "spoke twice with Russia")
    b = _seed_sentence("004", "failed to disclose two meetings")
    assert details(a, b) == []
