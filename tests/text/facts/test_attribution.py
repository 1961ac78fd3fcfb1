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
