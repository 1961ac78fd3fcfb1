"""Comparing two sentences' details: a sentence never conflicts with itself, and swapping
the two sentences swaps each detail's sides and nothing else."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.text.facts import diverging_details, extract_facts
from tests.text.facts.support import compare, mirrored

SUBJECTS = ["Sessions", "Jeff Sessions", "Attorney General Jeff Session", "The senator"]
VERBS = ["met", "did meet", "did not meet", "never met", "spoke with", "had two meetings with"]
OBJECTS = ["Sergey Kislyak", "Sergei Kislyak", "the Russian ambassador", "Kislyak"]
COUNTS = ["", " twice", " three times", " once", " over 25 times"]
DATES = ["", " in July", " in September", " in July and September", " on Thursday",
         " in 2016", " on Jan. 10", " last year"]
PLACES = ["", " in Washington", " at the Mayflower Hotel in Washington", " in Cleveland"]
SOURCES = ["", ", the AP noted", ", according to the Washington Post", ", Flores said",
           ", Reuters reported", ", Justice Department officials told The Post"]

story_sentences = st.builds(
    lambda *parts: "".join(parts) + ".",
    st.sampled_from(SUBJECTS), st.sampled_from(VERBS).map(" {}".format),
    st.sampled_from(OBJECTS).map(" {}".format), st.sampled_from(COUNTS),
    st.sampled_from(DATES), st.sampled_from(PLACES), st.sampled_from(SOURCES),
)
any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)


@settings(max_examples=300, deadline=None)
@given(story_sentences, story_sentences)
def test_story_sentences_mirror(a, b):
    assert compare(b, a) == mirrored(compare(a, b))
    assert compare(a, a) == []


@settings(max_examples=300, deadline=None)
@given(any_text | story_sentences, any_text)
def test_arbitrary_text_mirrors_and_never_fails(a, b):
    assert compare(b, a) == mirrored(compare(a, b))
    assert compare(a, a) == []
    assert compare(b, b) == []


def test_identical_sentences_have_no_details():
    text = ("According to Justice Department officials, Sessions met with Russian Ambassador "
            "Sergei Kislyak twice in 2016, and did not disclose the meetings, The Washington "
            "Post reported.")
    assert compare(text, text) == []


def test_empty_and_punctuation_only_text():
    assert diverging_details(extract_facts(""), extract_facts("…!?")) == []
