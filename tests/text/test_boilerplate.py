"""Boilerplate detection: the gold labels of the sample story, and other outlets' page furniture."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdiff.text.boilerplate import byline_name, find_boilerplate
from newsdiff.text.segment import split_sentences
from tests.locations import SHARED


def flagged(text: str) -> list[str]:
    """The boilerplate sentences of ``text``, in order."""
    spans = split_sentences(text)
    return [text[s:e] for i, (s, e) in enumerate(spans) if i in find_boilerplate(text, spans)]


def story(text: str) -> list[str]:
    """The story sentences of ``text``, in order."""
    spans = split_sentences(text)
    found = find_boilerplate(text, spans)
    return [text[s:e] for i, (s, e) in enumerate(spans) if i not in found]


# --- the gold labels ------------------------------------------------------------------


def _gold_files() -> list[Path]:
    files = sorted((SHARED / "gold-dev").glob("*.json"))
    if not files:
        pytest.skip("shared gold files not available")
    return files


def _snippet_verdicts(text: str, snippets: list[str]) -> list[bool]:
    """For each snippet, whether the sentence holding it is flagged as boilerplate."""
    spans = split_sentences(text)
    found = find_boilerplate(text, spans)
    verdicts = []
    for snippet in snippets:
        at = text.index(snippet)
        (index,) = [i for i, (s, e) in enumerate(spans) if s <= at < e]
        verdicts.append(index in found)
    return verdicts


def _gold_sides():
    for path in _gold_files():
        gold = json.loads(path.read_text(encoding="utf-8"))
        for side in ("a", "b"):
            text = (SHARED / "seeds" / gold[side]).read_text(encoding="utf-8")
            story_snippets = gold[f"unique_{side}"] + [pair[side] for pair in gold["pairs"]]
            yield path.name, side, text, gold[f"boilerplate_{side}"], story_snippets


def test_gold_boilerplate_snippets_are_flagged() -> None:
    for name, side, text, boilerplate, _ in _gold_sides():
        missed = [s for s, v in zip(boilerplate, _snippet_verdicts(text, boilerplate)) if not v]
        assert not missed, f"{name} side {side}"


def test_gold_story_snippets_are_not_flagged() -> None:
    for name, side, text, _, story_snippets in _gold_sides():
        wrong = [s for s, v in zip(story_snippets, _snippet_verdicts(text, story_snippets)) if v]
        assert not wrong, f"{name} side {side}"


# --- other outlets' page furniture ------------------------------------------------------

WIRE_STORY = """\
Jump to navigation
Home | World | Politics | Business | Opinion
Senate Panel Delays Vote on Budget Deal
By Jane Doe and John Roe
Updated 3:45 PM ET, Thu March 2, 2017
Share
Tweet
Email
The Senate Budget Committee on Thursday postponed a vote on the spending deal.
Committee chairman Mike Enzi said members needed more time to review the text.
Advertisement
“We will not be rushed,” Enzi told reporters after the meeting.
(AP Photo/J. Scott Applewhite)
Related: Shutdown looms as talks stall
Democrats said they would push for changes to the defense section.
Read more
Sign up for our newsletter to get the latest news delivered to your inbox.
12 Comments
Leave a comment
We use cookies to improve your experience on our site.
© 2017 Example Media. All rights reserved.
"""


def test_wire_story_furniture() -> None:
    assert story(WIRE_STORY) == [
        "Senate Panel Delays Vote on Budget Deal",
        "The Senate Budget Committee on Thursday postponed a vote on the spending deal.",
        "Committee chairman Mike Enzi said members needed more time to review the text.",
        "“We will not be rushed,” Enzi told reporters after the meeting.",
        "Democrats said they would push for changes to the defense section.",
    ]


BLOG_POST = """\
# Mayor Unveils Transit Plan

*By Sam Lee*

* [Facebook](https://example.com/fb)
* [Twitter](https://example.com/tw)

The mayor on Monday unveiled a $2 billion plan to expand bus service.
Officials said the first routes would open next spring.

Photo credit: City Hall Press Office
Watch the video below:
Most Popular Stories

Support independent journalism. Become a supporter today and get ad-free access.

Our small newsroom depends on readers like you.
The plan also adds protected bike lanes.
About Us
Contact Us
Staff Writer:
Photo Editor:
"""


def test_markdown_blog_with_trailing_appeal() -> None:
    assert story(BLOG_POST) == [
        "# Mayor Unveils Transit Plan",
        "The mayor on Monday unveiled a $2 billion plan to expand bus service.",
        "Officials said the first routes would open next spring.",
    ]


def test_caption_with_slash_credit() -> None:
    text = (
        "Fed Raises Rates Again\n\nJanet Yellen speaks in Washington/Chip Somodevilla\n\n"
        "The Federal Reserve raised its benchmark rate by a quarter point on Wednesday.\n"
        "Getty Images\n"
    )
    assert flagged(text) == ["Janet Yellen speaks in Washington/Chip Somodevilla", "Getty Images"]


def test_headline_with_slash_is_not_a_caption() -> None:
    text = "Judge Approves AT&T/Time Warner\n\nA federal judge approved the merger on Tuesday.\n"
    assert flagged(text) == []


def test_trailing_staff_list_without_appeal() -> None:
    text = (
        "The council approved the budget on Tuesday.\nIt takes effect in July.\n"
        "Newsroom\nEditor in Chief:\nManaging Editor:\nPolitics, Budget, City Council\n"
    )
    assert story(text) == [
        "The council approved the budget on Tuesday.",
        "It takes effect in July.",
    ]


# Four lines of reporting that follow a line under test, so that it sits in the
# article's first half and only the line rules, not the trailing-block rules, apply.
STORM_REPORT = """\
Power was out for days.
Crews worked through the weekend.
Schools reopened on Wednesday.
The governor asked for federal aid.
"""


@pytest.mark.parametrize(
    "line",
    [
        "Skip to content",
        "Jump to navigation",
        "•",
        "• Print.",
        "Share this article",
        "Share on Facebook",
        "One comment",
        "12 Comments",
        "No comments",
        "Share Your Thoughts?",
        "Leave a comment",
        "Join the conversation",
        "Give us feedback, share a story tip or update, or report an error.",
        "Image: Gage Skidmore",
        "Photo by Jane Smith",
        "Featured image: Reuters",
        "Sources: The Washington Post, Reuters / Photo credit: Example/Flickr",
        "Getty Images",
        "This post has been updated.",
        "(This story has been updated to include comment from the White House.)",
        "Popular Video",
        "Related Stories",
        "Related: Senate passes bill",
        "READ MORE: What the ruling means",
        "Advertisement",
        "Story continues below advertisement",
        "Watch the moment from the hearing below:",
        "Watch the video below:",
        "Sign up for our newsletter",
        "We use cookies to give you the best experience.",
        "Privacy Policy",
        "By Dani Graham",
        "By JANE DOE, Staff Writer",
        "Dear Reader,",
        "Become a member today and support our reporting.",
    ],
)
def test_single_furniture_line_in_an_article(line: str) -> None:
    text = f"Storm Hits Coast\n\nThe storm made landfall on Friday night.\n{line}\n{STORM_REPORT}"
    assert flagged(text) == [line]


def test_appeal_near_the_end_takes_the_rest() -> None:
    text = f"Storm Hits Coast\n{STORM_REPORT}Dear Reader,\nWe rely on you.\nThank you.\n"
    assert flagged(text) == ["Dear Reader,", "We rely on you.", "Thank you."]


@pytest.mark.parametrize(
    "sentence",
    [
        "Justice Department officials told the Post that Sessions held the meeting.",
        "In a statement, the spokesperson said the answer was not misleading.",
        "“Subscribe to our newsletter,” the campaign email urged supporters.",
        "The campaign reported a donation of $2,700 from the ambassador.",
        "By Tuesday, Sessions had recused himself.",
        "By the time he arrived, the hearing had ended.",
        "Another meeting took place in July.",
        "It is false.”",
        "Sessions said he would watch the proceedings closely.",
        "More than 50 ambassadors attended the event.",
        "Posted on Twitter at 9 p.m., the video spread quickly.",
        "Photos of the meeting were shared widely on social media.",
        "The company uses cookies and other trackers, regulators said.",
        "No responses were received from the ministry.",
    ],
)
def test_reporting_is_not_flagged(sentence: str) -> None:
    text = f"Sessions Under Fire\n\nSessions met the ambassador twice.\n{sentence}\n{STORM_REPORT}"
    assert flagged(text) == []


def test_headline_only_text_is_kept() -> None:
    assert flagged("Sessions Spoke With Russian Ambassador Twice") == []


def test_appeal_in_first_half_does_not_swallow_the_story() -> None:
    text = (
        "Become a member today.\nThe vote was held on Monday.\nIt passed narrowly.\n"
        "Opponents vowed to appeal.\nThe law takes effect in May.\n"
    )
    assert flagged(text) == ["Become a member today."]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Dani Graham", "Dani Graham"),
        ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
        ("by The Associated Press", "The Associated Press"),
        ("*By Sam Lee*", "Sam Lee"),
        ("By Jane Doe | March 2, 2017", "Jane Doe"),
        ("Written by Kim Park", "Kim Park"),
        ("By Tuesday, Sessions had recused himself.", None),
        ("By the time he arrived, it was over", None),
        ("Byron Smith said so", None),
        ("Sessions Met With Kislyak", None),
    ],
)
def test_byline_name(line: str, name: str | None) -> None:
    assert byline_name(line) == name


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_indices_are_sentence_indices(text: str) -> None:
    spans = split_sentences(text)
    assert find_boilerplate(text, spans) <= set(range(len(spans)))


def test_section_label_above_headline_is_boilerplate() -> None:
    text = "World News\n\nFloods Close Schools Across the Region\n\nSchools closed on Monday."
    assert find_boilerplate(text, split_sentences(text)) == {0}


def test_short_headline_of_a_short_story_is_not_a_section_label() -> None:
    text = "Floods\n\nSchools closed."
    assert find_boilerplate(text, split_sentences(text)) == set()
