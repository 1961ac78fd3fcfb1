"""The summary: alignment counts and word shares per kind, and the table every renderer draws."""

from newsdiff.present.summary import STORY_CATEGORIES, summarize, summary_rows
from newsdiff.text.tokens import words
from newsdiff.values import Alignment, Comparison
from tests.builders import make_article


def test_counts_alignments_per_kind(comparison):
    s = summarize(comparison)
    assert s.alignments == {"shared": 1, "paraphrase": 1, "divergent": 1}
    assert s.unique_sentences == {"a": 2, "b": 1}
    assert s.boilerplate_sentences == {"a": 1, "b": 1}


def test_story_shares_sum_to_one_and_boilerplate_is_share_of_all_words(comparison):
    s = summarize(comparison)
    for cov, article in ((s.a, comparison.a), (s.b, comparison.b)):
        assert abs(sum(cov.share(k) for k in STORY_CATEGORIES) - 1) < 1e-9
        assert cov.total_words == len(words(article.text))
    bp = len(words(comparison.a.sentences[3].text))
    assert s.a.words["boilerplate"] == bp
    assert s.a.share("boilerplate") == bp / s.a.total_words


def test_word_counts_follow_the_sentences(comparison):
    a = summarize(comparison).a
    text = comparison.a.sentences
    assert a.words["divergent"] == len(words(text[0].text))
    assert a.words["shared"] == len(words(text[1].text))
    assert a.words["unique"] == len(words(text[4].text)) + len(words(text[5].text))


def test_a_sentence_in_several_alignments_counts_once_by_priority():
    a = make_article(["One two three.", "Four five."])
    b = make_article(["One two three.", "One two four.", "Six seven."])
    c = Comparison(
        a, b,
        alignments=(
            Alignment("paraphrase", (0,), (2,), 0.5),
            Alignment("shared", (0,), (0,), 0.9),
            Alignment("divergent", (0,), (1,), 0.8),
        ),
        unique_a=(1,),
    )
    s = summarize(c)
    assert s.a.words == {
        "shared": 0, "paraphrase": 0, "divergent": 3, "unique": 2, "boilerplate": 0}
    assert s.b.words["shared"] == 3 and s.b.words["divergent"] == 3 and s.b.words["paraphrase"] == 2


def test_empty_story_has_zero_shares():
    a = make_article(["Share this."], boilerplate=frozenset({0}))
    c = Comparison(a, a, alignments=(), boilerplate_a=(0,), boilerplate_b=(0,))
    s = summarize(c)
    assert all(s.a.share(k) == 0 for k in STORY_CATEGORIES)
    assert s.a.share("boilerplate") == 1


def test_as_dict_is_plain_data(comparison):
    d = summarize(comparison).as_dict()
    assert set(d) == {"alignments", "unique_sentences", "boilerplate_sentences", "articles"}
    art = d["articles"]["a"]
    assert set(art) == {"words", "story_words", *STORY_CATEGORIES, "boilerplate"}
    assert isinstance(art["shared"], float)


def test_summary_rows_are_one_per_kind_under_a_header(comparison):
    rows = summary_rows(summarize(comparison), ("Daily Planet", ""))
    assert rows[0] == ["", "count", "A Daily Planet", "B"]  # no outlet: no trailing space
    assert [row[0] for row in rows[1:]] == [
        "[=] shared", "[~] paraphrase", "[!] divergent", "[-]/[+] unique", "[#] boilerplate",
        "words"]
    assert rows[1] == ["[=] shared", "1", "15%", "20%"]
    assert rows[4][1] == "2 / 1" and rows[-1] == ["words", "", "39", "29"]
