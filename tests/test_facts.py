"""Which checkable details two sentences about the same fact disagree on (facts.py).

The rule under test is the labelling guide's: a detail *conflicts* (number,
date, place, name, attribution, negation) — a sentence that merely says more
is not divergent.  So every detail type is tested both ways.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.text.facts import Facts, compare_texts, diverging_details, extract_facts
from newsdiff.values import Detail

SEEDS = Path(__file__).parents[1] / "src" / "newsdiff" / "seeds"  # the bundled sample story


def details(a: str, b: str) -> list[tuple[str, str, str]]:
    return [(d.type, d.a, d.b) for d in compare_texts(a, b)]


def types(a: str, b: str) -> list[str]:
    return [d.type for d in compare_texts(a, b)]


def mirrored(found: list[Detail]) -> list[Detail]:
    return [Detail(d.type, d.b, d.a) for d in found]


# ---------------------------------------------------------------- numbers

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


# ---------------------------------------------------------------- dates

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


# ---------------------------------------------------------------- places

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


# ---------------------------------------------------------------- names

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


# ---------------------------------------------------------------- attribution

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


# ---------------------------------------------------------------- negation

def test_negated_against_asserted_predicate():
    assert details("A spokeswoman acknowledged that Sessions did meet with Kislyak.",
                   "A spokeswoman said that Sessions did not meet with Kislyak.") == [
        ("negation", "did meet", "did not meet")]


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Sessions never met Kislyak.", "Sessions met Kislyak in July.",
     ("negation", "never met", "met")),
    ("Sessions has refused to recuse himself.", "Sessions would recuse himself.",
     ("negation", "has refused to recuse", "would recuse")),
    ("Lawmakers asked Sessions to recuse himself from the probe, which he has refused.",
     "Sessions will recuse himself from the probe.",
     ("negation", "has refused (to recuse)", "will recuse")),
    ("“I never met with any Russian officials to discuss issues of the campaign.”",
     "He and Sessions discussed campaign-related issues.",
     ("negation", "never met … to discuss", "discussed")),
])
def test_negation_conflicts(a, b, expected):
    assert expected in details(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("He did not disclose his contact with Kislyak.",
     "He failed to disclose two meetings with Kislyak."),
    ("Flores said the answer was not “misleading.”",
     "“There was absolutely nothing misleading about his answer,” Flores said."),
    ("He was asked if he had any contact with the Russian government.",
     "“I did not have communications with the Russians.”"),
    ("Flores said Sessions did not meet Kislyak as a Trump adviser but rather as a senator.",
     "Sessions met Kislyak twice in 2016."),
    ("I never met with any Russian officials to discuss issues of the campaign.",
     "Sessions met with Russian Ambassador Sergei Kislyak twice in 2016."),
    ("Sessions denied a question asking if he had discussed the election.",
     "He hadn't discussed any campaign issues."),
    ("He did not disclose the meetings.", "The meetings took place in July."),
    ("It is not unusual for senators to meet with ambassadors.", "Sessions met Kislyak."),
])
def test_not_negation_conflicts(a, b):
    assert "negation" not in types(a, b)


# ---------------------------------------------------------------- the sample story

def _seed_sentence(prefix: str, fragment: str) -> str:
    """The sentence (or line) of the seed file starting ``prefix`` that holds ``fragment``."""
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    for line in text.splitlines():
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


# ---------------------------------------------------------------- symmetry

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
    assert compare_texts(b, a) == mirrored(compare_texts(a, b))
    assert compare_texts(a, a) == []


@settings(max_examples=300, deadline=None)
@given(any_text | story_sentences, any_text)
def test_arbitrary_text_mirrors_and_never_fails(a, b):
    assert compare_texts(b, a) == mirrored(compare_texts(a, b))
    assert compare_texts(a, a) == []
    assert compare_texts(b, b) == []


# ---------------------------------------------------------------- the value and its cost

def test_identical_sentences_have_no_details():
    text = ("According to Justice Department officials, Sessions met with Russian Ambassador "
            "Sergei Kislyak twice in 2016, and did not disclose the meetings, The Washington "
            "Post reported.")
    assert compare_texts(text, text) == []


def test_facts_are_frozen_hashable_and_cached():
    facts = extract_facts("Sessions met Kislyak twice in July.")
    assert isinstance(facts, Facts)
    assert hash(facts) == hash(extract_facts("Sessions met Kislyak twice in July."))
    assert extract_facts("Sessions met Kislyak twice in July.") is facts
    with pytest.raises(AttributeError):
        facts.counts = ()  # type: ignore[misc]


def test_empty_and_punctuation_only_text():
    assert diverging_details(extract_facts(""), extract_facts("…!?")) == []


@pytest.mark.parametrize("chunk", [
    "Sessions did not meet in April, refused. Over 25 the AP noted, according to the ",
    "a" * 50, "1," * 40, "Sergey Kislyak " * 5, "in the " * 10, "once " * 10,
])
def test_long_input_completes(chunk):
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    facts = extract_facts.__wrapped__(text)  # a backtracking regex would hang here
    assert diverging_details(facts, facts) == []
