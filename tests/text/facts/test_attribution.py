"""Attribution: speakers, or outlets, with nothing in common conflict; roles never cross."""

from __future__ import annotations

import pytest

from tests.text.facts.support import details, types


def test_different_outlets_conflict():
    assert details("The meeting took place in July, the AP noted.",
                   "The meeting took place in July, according to the Washington Post.") == [
        ("attribution", "the AP", "the Washington Post")]


def test_different_speakers_conflict():
    assert details("“It is false,” Flores said.", "“It is false,” Sessions said.") == [
        ("attribution", "Flores", "Sessions")]


@pytest.mark.parametrize(("a", "b"), [
    ("Sessions met Kislyak twice, The Post reported.",
     "Sessions met Kislyak twice, according to the Washington Post."),
    ("Flores told the Washington Post that the answer was not misleading.",
     "“There was nothing misleading about his answer,” Flores told The Washington Post."),
    ("“I'm not aware of any of those activities,” Sessions said in January.",
     ("“I'm not aware of any of those activities,” Sessions responded, according to The "
     "Washington Post.")),
    ("“It is false,” Sessions said.", "“It is false,” according to Reuters."),
    ("He met the ambassador of the United States.", "It is false, Reuters reported."),
    ("“It is false,” he said.", "“It is false,” the AP noted."),
    ("The intercepted Kislyak reports concerned two meetings.", "Reuters reported it."),
    ("Justice Department officials told The Post the meeting was routine.",
     "Justice Department spokeswoman Sarah Isgur Flores said the meeting was routine."),
])
def test_compatible_or_uncheckable_sources_do_not_conflict(a, b):
    assert "attribution" not in types(a, b)


# ------------------------------------------------------------------ described sources

@pytest.mark.parametrize(("a", "b", "expected"), [
    ("The harbour authority said the crane had collapsed.",
     "The logistics company said the crane had collapsed.",
     ("attribution", "The harbour authority", "The logistics company")),
    ("Police said the driver was drunk.", "The bus operator said the driver was drunk.",
     ("attribution", "Police", "The bus operator")),
    ("Airline officials said the plane was full.", "The aviation ministry said the plane was full.",
     ("attribution", "Airline officials", "The aviation ministry")),
    ("The ship's owner said the hull was intact.",
     "The Panama Maritime Authority said the hull was intact.",
     ("attribution", "The ship's owner", "The Panama Maritime Authority")),
])
def test_bodies_of_different_kinds_conflict(a, b, expected):
    assert details(a, b) == [expected]


@pytest.mark.parametrize(("a", "b"), [
    # a role speaks for a body it does not name
    ("A spokeswoman said the plant would close.",
     "Acme Steel spokeswoman Maria Lopez said the plant would close."),
    ("Officials said the bridge was unsafe.", "Police said the bridge was unsafe."),
    ("Sources said the talks had failed.", "The ministry said the talks had failed."),
    # one kind of body may contain or speak for another
    ("The ministry said the fee would rise.", "The government said the fee would rise."),
    ("The owner said the tanker was empty.", "The operator said the tanker was empty."),
    # a description may refer back to a name
    ("The company said the recall was voluntary.", "Nordwind said the recall was voluntary."),
    ("The port authority said the quay was closed.", "Harbourmaster Jensen said so."),
    # the same body, written out or shortened
    ("The port authority said the quay was closed.",
     "The Rotterdam Port Authority said the quay was closed."),
    ("He said the quay was closed.", "The company said the quay was closed."),
])
def test_described_sources_that_may_be_one_do_not_conflict(a, b):
    assert "attribution" not in types(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("Growth will slow to 2 percent next year, the IMF said.",
     "Growth will slow to 2 percent next year, the International Monetary Fund said."),
    ("Rates stay at 4 percent, the ECB said on Thursday.",
     "Rates stay at 4 percent, the European Central Bank said on Thursday."),
    ("The suspect was arrested in Ohio, the FBI said.",
     "The suspect was arrested in Ohio, the Federal Bureau of Investigation said."),
])
def test_an_acronym_and_the_name_it_spells_are_one_source(a, b):
    assert "attribution" not in types(a, b)
    assert "attribution" not in types(b, a)


def test_an_acronym_of_another_body_still_conflicts():
    assert types("Growth will slow to 2 percent, the IMF said.",
                 "Growth will slow to 2 percent, the World Bank said.") == ["attribution"]


@pytest.mark.parametrize(("a", "b"), [
    ("The ship sank on Tuesday, Dutch authorities said.",
     "The ship sank on Tuesday, the Netherlands said."),
    ("The ship sank on Tuesday, Egyptian authorities said.",
     "The ship sank on Tuesday, Egypt said."),
    ("The ship sank on Tuesday, French police said.", "The ship sank on Tuesday, France said."),
    ("Talks resume in May, British officials said.",
     "Talks resume in May, the United Kingdom said."),
])
def test_a_country_and_a_body_its_demonym_describes_are_one_source(a, b):
    """Regular demonyms by word formation (Egypt-ian), the irregular few by name."""
    assert "attribution" not in types(a, b)
    assert "attribution" not in types(b, a)


def test_a_demonym_of_another_country_still_conflicts():
    assert types("The ship sank on Tuesday, Dutch authorities said.",
                 "The ship sank on Tuesday, Belgium said.") == ["attribution"]
    assert types("The ship sank on Tuesday, Egyptian authorities said.",
                 "The ship sank on Tuesday, Panama said.") == ["attribution"]
