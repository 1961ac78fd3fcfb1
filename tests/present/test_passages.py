"""A comparison's passages: reading order, groups of pairs, runs of unique sentences, labels."""

from newsdiff.present.passages import (
    PairLine,
    format_detail,
    highlight_pair,
    pair_label,
    pair_lines,
    passages,
    sentence_label,
    sentences_text,
)
from newsdiff.values import Alignment, Article, Comparison, Detail, Sentence
from tests.builders import make_article
from tests.scaling import near_linear


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


def test_runs_are_also_cut_where_the_sentences_to_keep_apart_change():
    """The reader keeps each review's sentences apart: a reviewed passage never merges with
    the sentences a rejection split from its neighbour, nor those with other sentences."""
    a = make_article(["a0", "a1", "a2", "a3", "a4", "a5"])
    b = make_article(["b0", "b1", "b2"])
    c = Comparison(a, b, (), unique_a=(0, 1, 2, 3, 4, 5), unique_b=(0, 1, 2))
    assert [p.a or p.b for p in passages(c)] == [(0, 1, 2, 3, 4, 5), (0, 1, 2)]
    # A reviewed run A2–A3, then a rejection that named A4, A5 and B1: the first set that
    # names a sentence is its own (A3 stays with A2, not with the rejection naming it too).
    apart = [((2, 3), ()), ((3, 4, 5), (1,))]
    assert [p.a or p.b for p in passages(c, apart=apart)] == [
        (0, 1), (2, 3), (4, 5), (0,), (1,), (2,)]
    boilerplate = Comparison(a, b, (), boilerplate_a=(0, 1, 2, 3, 4, 5))
    assert [p.a for p in passages(boilerplate, {"boilerplate"}, apart=apart)] == [
        (0, 1), (2, 3), (4, 5)]


def test_a_pair_label_names_each_side_sentences_in_order():
    assert pair_label((2,), (3,)) == "A3\u2013B4"
    assert pair_label((4, 0), (1,)) == "A1+A5\u2013B2"


def test_pairs_sharing_a_sentence_form_one_group_in_reading_order(grouped):
    shown = passages(grouped)
    assert [(p.kind, p.a, p.b, len(p.pairs)) for p in shown] == [
        ("divergent", (0,), (0, 2), 2),  # the most telling kind marks the group
        ("unique", (1,), (), 0),
        ("shared", (2, 3), (3,), 2),
        ("unique", (), (1,), 0),
    ]
    assert shown[0].is_group and shown[0].alignment is None
    assert [al.b for al in shown[0].pairs] == [(0,), (2,)]


def test_chains_join_into_one_component():
    a = make_article(["a0", "a1", "a2", "a3"])
    b = make_article(["b0", "b1", "b2", "b3"])
    chain = (Alignment("shared", (0,), (1,), 1.0), Alignment("paraphrase", (2,), (1,), 0.5),
             Alignment("paraphrase", (2,), (0,), 0.5), Alignment("shared", (3,), (3,), 1.0))
    c = Comparison(a, b, chain, unique_a=(1,), unique_b=(2,))
    assert [(p.mark, p.a, p.b) for p in passages(c)] == [
        ("shared", (0, 2), (0, 1)),
        ("unique-a", (1,), ()),
        ("shared", (3,), (3,)),
        ("unique-b", (), (2,)),
    ]


def test_hidden_kinds_join_nothing(grouped):
    shown = passages(grouped, {"divergent"})
    assert [(p.kind, p.a, p.b, p.is_group) for p in shown] == [("divergent", (0,), (2,), False)]
    assert shown[0].alignment is grouped.alignments[1]


def test_a_single_pair_is_highlighted_when_its_kind_marks_words(comparison, grouped):
    highlighted = {p.kind: p.highlighted for p in passages(comparison)}
    assert highlighted["divergent"] is comparison.alignments[1]
    assert highlighted["shared"] is comparison.alignments[0]
    assert highlighted["paraphrase"] is None and highlighted["unique"] is None
    assert passages(grouped)[0].highlighted is None  # a group: sentence by sentence


def test_highlights_only_against_an_unambiguous_partner(grouped):
    star, _, shared, _ = passages(grouped)
    # A0: a paraphrase (no highlights) and one divergent pair -> against B2.
    assert highlight_pair(star, "a", 0) is grouped.alignments[1]
    assert highlight_pair(star, "b", 0) is None and highlight_pair(star, "b", 2) is not None
    # B3 has two shared partners: plain; each of them is highlighted against it.
    assert highlight_pair(shared, "b", 3) is None
    assert highlight_pair(shared, "a", 2) is grouped.alignments[2]
    assert highlight_pair(shared, "a", 3) is grouped.alignments[3]


def test_pair_lines_by_kind_sharing_lines_with_equal_details(grouped):
    star, _, shared, _ = passages(grouped)
    assert pair_lines(star) == [
        PairLine("paraphrase", "A1\u2013B1"),
        PairLine("divergent", "A1\u2013B3", "number: twice \u2260 three times"),
    ]
    assert pair_lines(shared) == [PairLine("shared", "A3\u2013B4, A4\u2013B4")]
    assert sentence_label("b", 11) == "B12"


def test_a_large_group_picks_its_highlights_in_near_linear_time():
    """A live blog's group can hold tens of thousands of pairs: asking each
    sentence for its highlight must not scan them all."""
    def run(n: int):
        # A chain A0-B0, B0-A1, A1-B1, ...: one group, every sentence in two pairs
        # but A0 and the last B, the only ones highlighted.
        pairs = [Alignment("shared", (i,), (j,), 1.0, diff=(("equal", "x"),))
                 for i in range(n) for j in (i - 1, i) if j >= 0]
        a = make_article(["x."] * n)
        b = make_article(["x."] * n)
        (group,) = passages(Comparison(a, b, tuple(pairs)))
        return [highlight_pair(group, side, i) for side in "ab" for i in range(n)]

    highlighted = [al for al in run(5) if al is not None]
    assert [(al.a, al.b) for al in highlighted] == [((0,), (0,)), ((4,), (4,))]
    assert near_linear(run, 300, 3000)


def test_a_detail_reads_as_a_conflict_or_as_a_spelling_variant_without_colour():
    assert format_detail(Detail("number", "twice", "3")) == "number: twice \u2260 3"
    assert format_detail(Detail("name", "Sergey Lavrov", "Sergei Lavrov", "variant")) == (
        "name: Sergey Lavrov ~ Sergei Lavrov (spelling variant)")
