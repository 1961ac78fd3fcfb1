"""Typography folding and the word forms used to match sentences across outlets."""

import pytest

from newsdiff.text.tokens import content_words, fold_typography, lemma, words


def test_typography_folds_quotes_dashes_and_spaces():
    assert fold_typography("\u201cSession\u2019s\u201d \u2014 a\u00a0b -- c") == "\"Session's\" - a b - c"


def test_words_are_lower_case_without_possessive():
    assert words("Russia\u2019s envoy, Sessions\u2019 aide") == ["russia", "envoy", "sessions", "aide"]


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
    ],
)
def test_inflections_share_a_lemma(forms, base):
    assert {lemma(f.lower()) for f in forms} == {base}


def test_news_is_not_a_plural():
    assert lemma("news") == "news"


def test_content_words_drop_stopwords_and_single_letters():
    assert content_words("He said a U.S. meeting was held") == ["meet", "hold"]
