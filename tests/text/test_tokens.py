"""Typography folding, the word forms used to match sentences across outlets, and the
token views of the one grammar in ``tokens``."""

import pytest

from newsdiff.text.tokens import (
    DETAIL_TOKEN_RE,
    DIFF_TOKEN_RE,
    content_words,
    fold_typography,
    lemma,
    name_tokens,
    words,
)


def test_typography_folds_quotes_dashes_and_spaces():
    folded = fold_typography("\u201cSession\u2019s\u201d \u2014 a\u00a0b -- c")
    assert folded == "\"Session's\" - a b - c"


def test_words_are_lower_case_without_possessive():
    words_read = words("Russia\u2019s envoy, Sessions\u2019 aide")
    assert words_read == ["russia", "envoy", "sessions", "aide"]


def test_words_keep_contractions_and_split_everything_else():
    assert words("Don't co-chair the U.S. panel at 10:30, 1,000 times") == [
        "don't", "co", "chair", "the", "u", "s", "panel", "at", "10", "30", "1", "000", "times"]


def test_detail_tokens_keep_numbers_abbreviations_and_hyphenated_words_whole():
    text = "On Jan. 10th the U.S. paid $1,000.50 (25%) at 10:30 a.m. to twenty-five co-chairs."
    assert DETAIL_TOKEN_RE.findall(text) == [
        "On", "Jan", ".", "10th", "the", "U.S.", "paid", "$", "1,000.50", "(", "25", "%", ")",
        "at", "10:30", "a.m.", "to", "twenty-five", "co-chairs", "."]


def test_name_tokens_keep_dots_on_their_words_and_commas_apart():
    assert name_tokens("Sen. Al Franken, (D-Minn.) told \u201cSessions\u2019\u201d aide.") == [
        "Sen.", "Al", "Franken", ",", "D-Minn.", "told", "Sessions'", "aide."]


def test_diff_tokens_rebuild_the_text():
    text = "Sessions\u2019  met\tthe U.S. envoy\u2014twice."
    assert "".join(DIFF_TOKEN_RE.findall(text)) == text


@pytest.mark.parametrize(
    ("forms", "base"),
    [
        (["met", "meet", "meets", "meeting", "meetings"], "meet"),
        (["Russian", "Russia"], "russia"),
        (["disclose", "disclosed", "discloses"], "disclos"),
        (["calls", "called", "calling"], "call"),
        (["stopped", "stop"], "stop"),
        (["discusses", "discussed", "discuss"], "discuss"),
        (["Sergey", "Sergei"], "sergei"),
        (["women", "woman"], "woman"),
        (["gunmen", "gunman"], "gunman"),
    ],
)
def test_inflections_share_a_lemma(forms, base):
    assert {lemma(f.lower()) for f in forms} == {base}


def test_news_is_not_a_plural():
    assert lemma("news") == "news"


def test_a_country_or_noun_ending_in_men_is_not_a_plural():
    assert [lemma(w) for w in ("yemen", "specimen", "omen")] == ["yemen", "specimen", "omen"]


def test_content_words_drop_stopwords_and_single_letters():
    assert content_words("He said a U.S. meeting was held") == ["meet", "hold"]
