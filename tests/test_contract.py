"""The JSON contract's invariants, for any articles (property tests).

Articles are built from a pool of news-like sentences and random filler, so
that some sentences align, some are copies, some are unrelated, and some look
like boilerplate.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff.engine.pair import compare
from newsdiff.sources.formats.text import parse_article
from newsdiff.render.json_out import comparison_to_dict

POOL = [
    "Attorney General Jeff Sessions met twice with the Russian ambassador in 2016.",
    "Sessions spoke with Russia's ambassador to the United States two times last year.",
    "The meetings took place in July and September, officials said.",
    "One meeting took place in April at the Mayflower Hotel in Washington.",
    "Democrats called for an independent investigation into the matter.",
    "Lawmakers are demanding that Sessions resign from his post.",
    "\u201cI never met with any Russian officials to discuss issues of the campaign,\u201d he said.",
    "The White House dismissed the reports as a partisan attack.",
    "Share this story",
    "Skip to main content",
    "Photo credit: Jane Doe/Flickr",
]

sentence = st.one_of(
    st.sampled_from(POOL),
    st.lists(st.sampled_from("alpha beta gamma delta report senator vote tax".split()),
             min_size=3, max_size=9).map(lambda ws: " ".join(ws).capitalize() + "."),
)
article_text = st.lists(sentence, min_size=1, max_size=8).map("\n\n".join)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _json(text_a: str, text_b: str) -> dict:
    return comparison_to_dict(compare(parse_article(text_a, "a.txt"), parse_article(text_b, "b.txt")))


def _buckets(doc: dict, side: int) -> tuple[set, set, set]:
    key = "ab"[side]
    aligned = {tuple(span) for al in doc["alignments"] for span in al[key]}
    unique = {tuple(span) for span in doc["unique"][key]}
    boiler = {tuple(span) for span in doc["boilerplate"][key]}
    return aligned, unique, boiler


@SETTINGS
@given(article_text, article_text)
def test_every_sentence_in_exactly_one_bucket(text_a, text_b):
    doc = _json(text_a, text_b)
    for side, article in enumerate(doc["articles"]):
        sentences = {tuple(s) for s in article["sentences"]}
        aligned, unique, boiler = _buckets(doc, side)
        assert aligned | unique | boiler == sentences
        assert not (aligned & unique) and not (aligned & boiler) and not (unique & boiler)
        for start, end in sentences:
            assert 0 <= start < end <= len(article["text"])


@SETTINGS
@given(article_text, article_text)
def test_swapping_articles_mirrors_the_result(text_a, text_b):
    forward, backward = _json(text_a, text_b), _json(text_b, text_a)
    mirror = {"=": "=", "-": "+", "+": "-"}
    flipped = sorted(
        (al["kind"], al["b"], al["a"], al["score"],
         [{"type": d["type"], "a": d["b"], "b": d["a"]} for d in al["details"]],
         [[mirror[op], t] for op, t in al["diff"]])
        for al in backward["alignments"]
    )
    straight = sorted(
        (al["kind"], al["a"], al["b"], al["score"], al["details"], al["diff"])
        for al in forward["alignments"]
    )
    assert flipped == straight
    assert forward["unique"] == {"a": backward["unique"]["b"], "b": backward["unique"]["a"]}


@SETTINGS
@given(article_text)
def test_identical_articles_share_everything(text):
    doc = _json(text, text)
    assert {al["kind"] for al in doc["alignments"]} <= {"shared"}
    assert doc["unique"] == {"a": [], "b": []}


@SETTINGS
@given(st.lists(st.sampled_from("alpha beta gamma delta".split()), min_size=2, max_size=30),
       st.lists(st.sampled_from("omega sigma kappa theta".split()), min_size=2, max_size=30))
def test_unrelated_articles_are_only_unique(words_a, words_b):
    doc = _json(" ".join(words_a) + ".", " ".join(words_b) + ".")
    assert doc["alignments"] == []
    assert doc["unique"]["a"] and doc["unique"]["b"]
