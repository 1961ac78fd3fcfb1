"""The cache's JSON format (:mod:`newsdiff.values.codec`): every value comes back equal.

Here rather than in ``tests/values/`` because the cache is its one user, and these
tests guard the cache's promise that a hit equals a fresh comparison.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import fields

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdiff.engine.pair
import newsdiff.engine.story
from newsdiff.resources import sample_story
from newsdiff.sources import load_article
from newsdiff.values import (
    Alignment,
    Article,
    Claim,
    ClaimPassage,
    Comparison,
    Detail,
    Divergence,
    Quote,
    QuoteRendering,
    Sentence,
    Story,
)
from newsdiff.values.codec import decode, encode
from tests.builders import make_article
from tests.stories import build_story


def round_trips(value: Comparison | Story) -> None:
    """``value`` comes back equal, with its articles or with the caller's."""
    assert decode(encode(value)) == value
    shown = (value.a, value.b) if isinstance(value, Comparison) else value.articles
    assert decode(encode(value, articles=False), shown) == value


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [load_article(str(p)) for p in sample_story()]


def test_every_pair_of_the_sample_story_round_trips(articles):
    for a, b in itertools.combinations(articles, 2):
        comparison = newsdiff.engine.pair.compare(a, b)
        round_trips(comparison)
        round_trips(comparison.swapped())


def test_the_sample_story_and_the_hand_built_ones_round_trip(articles, comparison, grouped):
    round_trips(newsdiff.engine.story.compare_story(articles))
    round_trips(build_story())
    round_trips(build_story(quotes=False))
    round_trips(comparison)
    round_trips(grouped)


def test_the_format_is_plain_ascii_json(comparison):
    data = encode(comparison)
    assert data.isascii()
    assert json.loads(data)[0] == "pair"


# --- any value at all ----------------------------------------------------------

#: Any text, lone surrogates and control characters included.
texts = st.text(st.characters(exclude_categories=()), max_size=8)
ints = st.integers()
floats = st.floats(allow_nan=False)  # NaN is not equal to itself, in any format
index_tuples = st.lists(ints, max_size=3).map(tuple)
optional_texts = st.none() | texts
diffs = st.lists(st.tuples(st.sampled_from("=-+"), texts), max_size=3).map(tuple)


def every_field(cls: type, **strategies: st.SearchStrategy) -> st.SearchStrategy:
    """``cls`` with a strategy for each of its fields: a field added to a value but not
    here fails, so that the codec's round trip covers it too."""
    assert set(strategies) == {f.name for f in fields(cls)}, cls
    return st.builds(cls, **strategies)


def several(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(strategy, max_size=3).map(tuple)


details = several(every_field(Detail, type=texts, a=texts, b=texts, severity=texts))


sentences = every_field(Sentence, index=ints, start=ints, end=ints, text=texts,
                        boilerplate=st.booleans())
article_values = every_field(Article, path=texts, outlet=texts, title=texts, text=texts,
                             sentences=several(sentences), byline=optional_texts,
                             date=optional_texts, url=optional_texts)
alignments = every_field(Alignment, kind=texts, a=index_tuples, b=index_tuples, score=floats,
                         details=details, diff=diffs)
comparisons = every_field(Comparison, a=article_values, b=article_values,
                          alignments=several(alignments), unique_a=index_tuples,
                          unique_b=index_tuples, boilerplate_a=index_tuples,
                          boilerplate_b=index_tuples)
passages = every_field(ClaimPassage, article=ints, sentences=index_tuples, relation=texts,
                       score=floats, details=details, diff=diffs)
claims = every_field(Claim, id=ints, passages=several(passages), anchor=ints, sources=ints,
                     lead=ints, outlets_diverge=index_tuples)
renderings = every_field(
    QuoteRendering, article=ints, text=texts, spans=several(st.tuples(ints, ints)),
    sentences=index_tuples, speaker=optional_texts, status=texts, diff=diffs, extent=texts,
    matched=st.none() | st.tuples(ints, ints))
quotes = every_field(Quote, id=ints, text=texts, speaker=optional_texts,
                     renderings=several(renderings), absent=index_tuples)
divergences = every_field(Divergence, claim=ints, type=texts,
                          values=several(st.tuples(ints, texts)), severity=texts)
stories = every_field(Story, articles=several(article_values), claims=several(claims),
                      quotes=several(quotes), divergences=several(divergences),
                      sources=several(index_tuples))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(comparisons)
def test_any_comparison_round_trips(value):
    round_trips(value)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(stories)
def test_any_story_round_trips(value):
    round_trips(value)


json_values = st.recursive(
    st.none() | st.booleans() | ints | floats | texts,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=30)


SHOWN = (make_article(["One."], path="a.txt"), make_article(["Two."], path="b.txt"))


@given(st.one_of(
    json_values,
    st.tuples(st.sampled_from(["pair", "story", "other"]), json_values, json_values),
).map(lambda v: json.dumps(v).encode()) | st.binary(max_size=40))
def test_anything_else_raises_only_what_the_cache_treats_as_a_miss(data):
    for shown in (None, SHOWN):
        try:
            decode(data, shown)
        except (ValueError, TypeError, LookupError, RecursionError):
            pass


def test_a_detail_keeps_its_severity_through_the_cache_and_a_swap():
    a, b = make_article(["Lavrov spoke."], path="a.txt"), make_article(["Lavrov spoke."], path="b.txt")
    variant = Detail("name", "Sergey Lavrov", "Sergei Lavrov", "variant")
    value = Comparison(a, b, (Alignment("shared", (0,), (0,), 0.9, (variant,)),))
    round_trips(value)
    assert decode(encode(value.swapped())).alignments[0].details == (
        Detail("name", "Sergei Lavrov", "Sergey Lavrov", "variant"),)
