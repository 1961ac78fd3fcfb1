"""The JSON contract ``newsdiff.comparison/1``: its fields on a hand-built comparison, then
its invariants for any articles (property tests over the engine's output).

The property tests build articles from a pool of news-like sentences and random
filler, so that some sentences align, some are copies, some are unrelated, and
some look like boilerplate.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdiff import __version__
from newsdiff.engine.pair import compare
from newsdiff.present.visible import HIDDEN_RE
from newsdiff.render.json_out import JSON_ERRORS, SCHEMA, comparison_to_dict, render_json
from newsdiff.sources.formats.text import parse_article
from newsdiff.values import Alignment, Comparison, Detail
from newsdiff.values.comparison import mirror_diff
from tests.builders import A_SENTENCES, B_SENTENCES, build_comparison, make_article


def test_top_level_shape(comparison):
    d = comparison_to_dict(comparison)
    assert list(d) == [
        "schema", "version", "articles", "alignments", "unique", "boilerplate", "stats"]
    assert d["schema"] == SCHEMA == "newsdiff.comparison/1"
    assert d["version"] == __version__


def test_articles(comparison):
    a, b = comparison_to_dict(comparison)["articles"]
    assert a == {
        "id": "a", "path": "a.txt", "outlet": "Daily Planet", "title": "Sessions Met Envoy Twice",
        "byline": "By Lois Lane", "text": comparison.a.text,
        "sentences": [[s.start, s.end] for s in comparison.a.sentences],
    }
    assert b["id"] == "b" and b["byline"] is None


def test_offsets_are_the_sentence_spans(comparison):
    d = comparison_to_dict(comparison)
    ta, tb = comparison.a.text, comparison.b.text
    divergent = next(al for al in d["alignments"] if al["kind"] == "divergent")
    [[s, e]] = divergent["a"]
    assert ta[s:e] == "Sessions met the ambassador twice in 2016."
    [[s, e]] = divergent["b"]
    assert tb[s:e] == "Sessions met the ambassador three times in 2016."
    assert [ta[s:e] for s, e in d["unique"]["a"]] == [
        "The senator sat on the Armed Services Committee.", "He was a Trump adviser at the time."]
    assert [tb[s:e] for s, e in d["boilerplate"]["b"]] == ["Subscribe to our newsletter."]


def test_every_sentence_lies_in_exactly_one_place(comparison):
    d = comparison_to_dict(comparison)
    for side, art in zip("ab", d["articles"]):
        spans = [tuple(x) for al in d["alignments"] for x in al[side]]
        spans += [tuple(x) for x in d["unique"][side] + d["boilerplate"][side]]
        assert sorted(spans) == [tuple(x) for x in art["sentences"]]


def test_alignment_fields(comparison):
    alignments = comparison_to_dict(comparison)["alignments"]
    al = next(al for al in alignments if al["kind"] == "divergent")
    assert set(al) == {"kind", "a", "b", "score", "details", "diff"}
    assert al["score"] == 0.81
    assert al["details"] == [
        {"type": "number", "a": "twice", "b": "three times", "severity": "conflict"}]
    assert al["diff"][1] == ["-", "twice"]


def test_a_spelling_variant_says_so_in_its_severity():
    a = make_article(["Sessions met Sergey Kislyak."], path="a.txt")
    b = make_article(["Sessions met Sergei Kislyak."], path="b.txt")
    variant = Detail("name", "Sergey Kislyak", "Sergei Kislyak", "variant")
    c = Comparison(a, b, (Alignment("shared", (0,), (0,), 0.9, (variant,)),))
    [al] = comparison_to_dict(c)["alignments"]
    assert al["details"] == [{"type": "name", "a": "Sergey Kislyak", "b": "Sergei Kislyak",
                              "severity": "variant"}]


def test_only_filters_alignments_and_keeps_the_rest(comparison):
    d = comparison_to_dict(comparison, kinds=["divergent"])
    assert [al["kind"] for al in d["alignments"]] == ["divergent"]
    assert d["unique"] == comparison_to_dict(comparison)["unique"]
    assert d["stats"]["alignments"]["shared"] == 1


def test_stats_included(comparison):
    stats = comparison_to_dict(comparison)["stats"]
    assert stats["alignments"] == {"shared": 1, "paraphrase": 1, "divergent": 1}
    assert 0 < stats["articles"]["a"]["shared"] < 1


def test_text_exactly_as_read_and_no_raw_controls():
    sentences = ["Caf\u00e9 \u201cquotes\u201d \x1b[2J cleared.", "Bell\x07 and CSI\x9b here.",
                 "Third.", "Fourth.", "Fifth.", "Sixth."]
    a = make_article(sentences, title="\u00e9l\u00e8ve")
    c = build_comparison(a, make_article(sentences[:5]))
    out = render_json(c)
    assert "\u201cquotes\u201d" in out and "\u00e9l\u00e8ve" in out   # ensure_ascii=False
    assert not any(ch in out for ch in "\x1b\x07\x9b")
    assert json.loads(out)["articles"][0]["text"] == a.text
    assert out.endswith("}\n")


def test_no_raw_hidden_character_and_the_same_values():
    """Bidi, zero-width, ignorable and separator characters, a lone surrogate: all written
    as \\u escapes (joiners in emoji too), so the JSON in a terminal hides nothing and
    still reads back exactly."""
    hidden = "\u202e\u200b\u200d\ufe0f\u2028\u2800\u3164\U000e0041\udcff\x7f\x85"
    sentences = [f"Odd {hidden} text.", "\U0001f468\u200d\U0001f469 family.", *A_SENTENCES[2:]]
    a = make_article(sentences, title=hidden, path=f"{hidden}.txt")
    out = render_json(build_comparison(a, make_article(B_SENTENCES)))
    assert not HIDDEN_RE.search(out)
    assert "\\u202e\\u200b\\u200d\\ufe0f\\u2028\\u2800\\u3164\\udb40\\udc41\\udcff" in out
    doc = json.loads(out)
    assert doc["articles"][0]["text"] == a.text and doc["articles"][0]["path"] == a.path


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252", "utf-16"])
def test_what_an_encoding_lacks_is_written_as_json_escapes(comparison, encoding):
    out = render_json(comparison).replace("Daily Planet", "Daily \u00e9\u2014\U0001f600")
    written = out.encode(encoding, JSON_ERRORS)
    assert json.loads(written.decode(encoding)) == json.loads(out)


def test_mirror_swaps_sides():
    a = make_article(["Same here.", "Only A."])
    b = make_article(["Only B.", "Same here."])
    ab = Comparison(a, b, (Alignment("shared", (0,), (1,), 1.0),), unique_a=(1,), unique_b=(0,))
    ba = Comparison(b, a, (Alignment("shared", (1,), (0,), 1.0),), unique_a=(0,), unique_b=(1,))
    dab, dba = comparison_to_dict(ab), comparison_to_dict(ba)
    assert dab["unique"]["a"] == dba["unique"]["b"]
    assert dab["alignments"][0]["a"] == dba["alignments"][0]["b"]


# --- the contract's invariants, for any articles ------------------------------------

POOL = [
    "Attorney General Jeff Sessions met twice with the Russian ambassador in 2016.",
    "Sessions spoke with Russia's ambassador to the United States two times last year.",
    "The meetings took place in July and September, officials said.",
    "One meeting took place in April at the Mayflower Hotel in Washington.",
    "Democrats called for an independent investigation into the matter.",
    "Lawmakers are demanding that Sessions resign from his post.",
    ("\u201cI never met with any Russian officials to discuss issues of the campaign,\u201d"
     " he said."),
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
    a, b = parse_article(text_a, "a.txt"), parse_article(text_b, "b.txt")
    return comparison_to_dict(compare(a, b))


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
    flipped = sorted(
        (al["kind"], al["b"], al["a"], al["score"],
         [{**d, "a": d["b"], "b": d["a"]} for d in al["details"]],
         [list(run) for run in mirror_diff(tuple(map(tuple, al["diff"])))])
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
