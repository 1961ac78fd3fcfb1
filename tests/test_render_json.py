import json

from tests.builders import build_comparison, make_article

from newsdiff import __version__
from newsdiff.values import Alignment, Comparison
from newsdiff.render.json_out import SCHEMA, comparison_to_dict, render_json


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
    assert al["details"] == [{"type": "number", "a": "twice", "b": "three times"}]
    assert al["diff"][1] == ["-", "twice"]


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


def test_mirror_swaps_sides():
    a = make_article(["Same here.", "Only A."])
    b = make_article(["Only B.", "Same here."])
    ab = Comparison(a, b, (Alignment("shared", (0,), (1,), 1.0),), unique_a=(1,), unique_b=(0,))
    ba = Comparison(b, a, (Alignment("shared", (1,), (0,), 1.0),), unique_a=(0,), unique_b=(1,))
    dab, dba = comparison_to_dict(ab), comparison_to_dict(ba)
    assert dab["unique"]["a"] == dba["unique"]["b"]
    assert dab["alignments"][0]["a"] == dba["alignments"][0]["b"]
