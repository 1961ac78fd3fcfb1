"""Per-article analysis: computed once, reused by every comparison the article is in."""

from __future__ import annotations

import pytest

from newsdiff.engine import annotate as annotate_module
from newsdiff.engine.annotate import annotate, detail_slots, read_facts, read_slots
from newsdiff.engine.pair import compare
from newsdiff.engine.story import compare_story
from newsdiff.resources import sample_story
from newsdiff.run.inprocess import InProcess
from newsdiff.sources import load_article
from newsdiff.text.facts import extract_facts


@pytest.fixture(scope="module")
def articles():
    return [load_article(str(p)) for p in sample_story()]


def test_an_analysis_covers_the_story_sentences_only(articles):
    analysis = annotate(articles[0])
    assert [s.sentence for s in analysis.sentences] == list(articles[0].story_sentences)
    assert annotate(analysis) is analysis


def test_an_article_compared_with_others_is_analysed_once(articles, monkeypatch):
    read = []
    real = annotate_module.extract_facts
    monkeypatch.setattr(annotate_module, "extract_facts",
                        lambda text: read.append(text) or real(text))
    analysed = [annotate(a) for a in articles]
    for other in analysed[1:]:
        compare(analysed[0], other, executor=InProcess())
    elsewhere = {s.text for a in articles[1:] for s in a.sentences}
    own = [s.sentence.text for s in analysed[0].sentences if s.sentence.text not in elsewhere]
    assert own and all(read.count(text) == 1 for text in own)


def test_analysed_and_plain_articles_give_the_same_results(articles):
    analysed = [annotate(a) for a in articles]
    assert compare(analysed[1], analysed[3]) == compare(articles[1], articles[3])
    assert compare_story(analysed) == compare_story(articles)


def test_facts_and_slots_read_in_bulk_are_those_read_one_by_one(articles):
    bulk, single = annotate(articles[2]), annotate(articles[2])
    read_slots(bulk.sentences, InProcess())
    read_facts(bulk.sentences, InProcess())
    for b, s in zip(bulk.sentences, single.sentences, strict=True):
        assert b.facts == s.facts == extract_facts(s.sentence.text)
        assert b.slots == s.slots == detail_slots(s.facts)
