"""The JSON contract ``newsdiff.story/1``, on a hand-built story."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from newsdiff.render.story_json import render_story_json, story_to_dict
from newsdiff.values import Detail
from tests.stories import (
    ALTERED,
    HOSTILE_SENTENCE,
    HOSTILE_TITLE,
    LONGER,
    QUOTE,
)


@pytest.fixture
def data(story) -> dict:
    return json.loads(render_story_json(story))


def test_json_top_level(data):
    assert data["schema"] == "newsdiff.story/1"
    assert set(data) == {"schema", "version", "articles", "sources", "claims", "quotes",
                         "divergences"}
    assert data["sources"] == [[0], [1], [2, 3]]


def test_json_articles_keep_text_exactly(story, data):
    for i, (article, out) in enumerate(zip(story.articles, data["articles"], strict=True)):
        assert out["id"] == i and out["text"] == article.text and out["path"] == article.path
        assert out["sentences"] == [[s.start, s.end] for s in article.sentences]
    assert [(a["label"], a["source"], a["only"]) for a in data["articles"]] == [
        ("A", 0, [2]), ("B", 1, [3]), ("C", 2, []), ("D", 2, [])]
    assert data["articles"][1]["title"] == HOSTILE_TITLE
    assert HOSTILE_SENTENCE in data["articles"][1]["text"]


def test_json_escapes_every_control_character(story):
    out = render_story_json(story)
    assert "\x1b" not in out and "\x9b" not in out
    assert "\\u001b[2J" in out and "\\u009b" in out


def test_json_claims(story, data):
    c0 = data["claims"][0]
    assert (c0["id"], c0["kind"], c0["outlets"], c0["sources"], c0["anchor"]) == (
        0, "divergent", [0, 1, 2, 3], 3, 0)
    assert [p["relation"] for p in c0["passages"]] == [
        "anchor", "divergent", "shared", "paraphrase"]
    b = c0["passages"][1]
    (start, end), = b["sentences"]
    assert story.articles[1].text[start:end] == (
        "Sessions met the ambassador in April, July and September.")
    assert b["details"] == [
        {"type": "number", "anchor": "twice", "value": "April, July and September",
         "severity": "conflict"}]
    assert "".join(text for op, text in b["diff"] if op != "-") == story.articles[1].text[start:end]
    assert data["claims"][2]["kind"] is None and data["claims"][2]["outlets"] == [0]


def test_json_quotes(story, data):
    q = data["quotes"][0]
    assert (q["id"], q["text"], q["speaker"], q["absent"]) == (0, QUOTE, "Sessions", [1])
    assert [(r["article"], r["status"]) for r in q["renderings"]] == [
        (0, "verbatim"), (2, "typographic"), (3, "altered")]
    for r in q["renderings"]:
        (start, end), = r["spans"]
        assert story.articles[r["article"]].text[start:end] == r["text"]
    assert q["renderings"][2]["diff"][1:3] == [["-", "any"], ["+", "with"]]


def test_json_divergences(data):
    assert data["divergences"] == [{"claim": 0, "type": "number", "values": [
        {"article": 0, "value": "twice"}, {"article": 1, "value": "April, July and September"},
        {"article": 2, "value": "twice"}, {"article": 3, "value": "twice"}],
        "severity": "conflict"}]


def test_json_kinds_filter_claims_and_what_refers_to_them(story):
    out = story_to_dict(story, kinds={"shared"})
    assert [c["id"] for c in out["claims"]] == [1]
    assert out["divergences"] == [] and all(a["only"] == [] for a in out["articles"])
    assert len(out["quotes"]) == 1 and len(out["articles"]) == 4


def test_json_gives_each_rendering_its_extent_and_matched_part(extent_story):
    q = story_to_dict(extent_story)["quotes"][0]
    assert [(r["article"], r["extent"], r["matched"], r["status"]) for r in q["renderings"]] == [
        (0, "whole", [0, len(QUOTE)], "verbatim"), (2, "longer", [0, len(QUOTE)], "verbatim"),
        (3, "part", [0, len(ALTERED)], "altered")]
    longer = q["renderings"][1]
    (start, end), = longer["spans"]
    assert extent_story.articles[2].text[start:end] == longer["text"] == LONGER


def test_json_passage_details_say_their_severity(story):
    variant = Detail("name", "Sergey Lavrov", "Sergei Lavrov", "variant")
    claim = story.claims[1]
    shared = replace(claim.passages[1], details=(variant,))
    changed = replace(story, claims=(story.claims[0], replace(claim, passages=(
        claim.passages[0], shared)), *story.claims[2:]))
    passage = story_to_dict(changed)["claims"][1]["passages"][1]
    assert (passage["relation"], passage["details"]) == ("shared", [
        {"type": "name", "anchor": "Sergey Lavrov", "value": "Sergei Lavrov",
         "severity": "variant"}])
