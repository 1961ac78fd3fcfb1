"""Kinds of aligned pairs, and the one judgement of two tellings every part uses."""

import pytest

from newsdiff.engine.annotate import SentenceAnalysis
from newsdiff.engine.judge import classify_pair, is_shared, judge, longest_common_run
from newsdiff.text.diffing import word_diff
from newsdiff.text.facts import extract_facts
from newsdiff.text.tokens import words
from newsdiff.values import Detail, Sentence
from newsdiff.values.comparison import mirror_diff


def _kind(a: str, b: str):
    return classify_pair(words(a), words(b), extract_facts(a), extract_facts(b))


def test_copied_quote_with_other_typography_is_shared():
    kind, details = _kind(
        "\u201cI have been called a surrogate at a time or two in that campaign,\u201d he said.",
        '"I have been called a surrogate at a time or two in that campaign."',
    )
    assert (kind, details) == ("shared", ())


def test_short_identical_sentence_is_shared():
    assert _kind("It is false.\u201d", 'It is false."')[0] == "shared"


def test_same_words_without_a_common_run_are_a_paraphrase():
    a = "Flores told the Washington Post that Sessions\u2019 answer was not \u201cmisleading.\u201d"
    b = '"There was absolutely nothing misleading about his answer," Flores told The Washington Post.'
    assert not is_shared(words(a), words(b))
    assert _kind(a, b)[0] == "paraphrase"


def test_conflicting_detail_makes_a_copy_divergent():
    kind, details = _kind(
        "Sessions met with Russian ambassador Sergey Kislyak twice in 2016.",
        "Sessions met with Russian ambassador Sergey Kislyak three times in 2016.",
    )
    assert kind == "divergent"
    assert [(d.type, d.a, d.b, d.severity) for d in details] == [
        ("number", "twice", "three times", "conflict")]


def test_a_spelling_variant_makes_a_pair_divergent_as_the_milder_detail():
    """Sergey and Sergei are one name transliterated twice: a fact-checker wants it named
    (the gold guide counts a spelling as divergent), marked as milder than a conflict."""
    kind, details = _kind(
        "Sessions met with Russian ambassador Sergey Kislyak twice in 2016.",
        "Sessions met with Russian ambassador Sergei Kislyak twice in 2016.",
    )
    assert kind == "divergent"
    assert [(d.type, d.a, d.b, d.severity) for d in details] == [
        ("name", "Sergey Kislyak", "Sergei Kislyak", "variant")]


def test_longest_common_run_counts_contiguous_words_only():
    assert longest_common_run("a b c x d e".split(), "a b c y d e".split()) == 3
    assert longest_common_run([], "a".split()) == 0


def test_same_quote_credited_to_different_speakers_diverges_on_attribution():
    kind, details = _kind(
        "\u201cThere was absolutely nothing misleading about his answer,\u201d Flores said.",
        "\u201cThere was absolutely nothing misleading about his answer,\u201d Sessions said.",
    )
    assert kind == "divergent"
    assert [d.type for d in details] == ["attribution"]


def test_different_statements_by_different_speakers_are_not_an_attribution_conflict():
    kind, _ = _kind(
        "He was asked about communications with the campaign, Flores said.",
        "Sessions said he did not have communications with the Russians.",
    )
    assert kind != "divergent"


def test_different_outlets_credited_for_one_fact_diverge_on_attribution():
    kind, details = _kind(
        "The other meeting took place at a Heritage Foundation event in July, the AP noted.",
        "According to the Washington Post, another meeting was held in July at a Heritage event.",
    )
    assert kind == "divergent"
    assert [d.type for d in details] == ["attribution"]


# --- judge: one classify-and-diff for pairs, story passages and manual links -------


def telling(*texts: str, start: int = 0) -> list[SentenceAnalysis]:
    """Sentences of one article, numbered from ``start``, as the engine analyses them."""
    out, pos = [], 0
    for n, text in enumerate(texts, start=start):
        out.append(SentenceAnalysis(Sentence(n, pos, pos + len(text), text)))
        pos += len(text) + 1
    return out


COUNT = telling("Sessions met the ambassador twice during the campaign.")
MONTHS = telling("Sessions met the ambassador two times.",
                 "The meetings took place in April, July and September.", start=3)


@pytest.mark.parametrize("a, b", [
    (COUNT, telling("Sessions met the ambassador three times during the campaign.")),
    (COUNT, telling("Sessions did not meet the ambassador during the campaign.")),
    (COUNT, MONTHS),
    (telling("The talks were private."), telling("Officials said the talks were private.")),
])
def test_judging_b_against_a_mirrors_a_against_b(a, b):
    forward, backward = judge(a, b), judge(b, a)
    assert forward.kind == backward.kind
    assert forward.details == tuple(Detail(d.type, d.b, d.a) for d in backward.details)
    assert forward.diff == mirror_diff(backward.diff)


def test_a_pair_is_judged_in_the_order_of_its_texts_and_mirrored_back():
    a = "Sessions met the ambassador twice."
    b = "Sessions met the ambassador three times."
    assert b < a, "b is the canonical first"
    verdict = judge(telling(a), telling(b))
    kind, details = _kind(b, a)
    assert (verdict.kind, verdict.details) == (kind, tuple(Detail(d.type, d.b, d.a)
                                                           for d in details))
    assert verdict.diff == mirror_diff(word_diff(b, a))


def test_a_passage_disputes_a_count_sentence_by_sentence():
    """Joined, "two times" and three months allow each other; sentence by sentence, the
    list of three months disputes the other side's "twice"."""
    verdict = judge(COUNT, MONTHS)
    assert verdict.kind == "divergent"
    assert [(d.type, d.a) for d in verdict.details] == [("number", "twice")]
    assert "3 (April, July and September)" in {d.b for d in verdict.details}
