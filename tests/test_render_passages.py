from newsdiff.model import Alignment, Article, Comparison, Sentence
from newsdiff.render import passages, sentences_text, side_runs, split_padding, visible

from conftest import make_article


def test_visible_spells_out_controls_and_bidi_but_keeps_tab_newline_and_unicode():
    assert visible("a\x1b[2J\x07\x7f\x9b\u202e\u2067b") == (
        "a\\x1b[2J\\x07\\x7f\\x9b\\u202e\\u2067b")
    assert visible("caf\u00e9\t\u201cok\u201d\n") == "caf\u00e9\t\u201cok\u201d\n"


def test_unique_runs_are_cut_at_paragraphs_and_ordered():
    text = "One. Two.\n\nThree. Four."
    spans = [(0, 4), (5, 9), (11, 17), (18, 23)]
    sentences = tuple(Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans))
    a = Article("a", "", "", text, sentences)
    b = make_article(["Four.", "Five."])
    shared = Alignment("shared", (3,), (0,), 1.0)
    c = Comparison(a, b, (shared,), unique_a=(0, 1, 2), unique_b=(1,))
    shown = passages(c)
    assert [(p.mark, p.a, p.b) for p in shown] == [
        ("unique-a", (0, 1), ()),
        ("unique-a", (2,), ()),
        ("shared", (3,), (0,)),
        ("unique-b", (), (1,)),
    ]
    assert sentences_text(a, (0, 1)) == "One. Two."
    assert sentences_text(a, (0, 2)) == "One. \u2026 Three."


def test_side_runs_and_padding():
    diff = (("=", "a "), ("-", "b "), ("+", "c"), ("=", " d"))
    al = Alignment("shared", (0,), (0,), 1.0, diff=diff)
    assert list(side_runs(al, "a")) == [("a ", False), ("b ", True), (" d", False)]
    assert list(side_runs(al, "b")) == [("a ", False), ("c", True), (" d", False)]
    assert split_padding("  word ") == ("  ", "word", " ")
    assert split_padding("  ") == ("  ", "", "")
