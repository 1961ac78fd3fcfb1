"""Word-level diffs of aligned passages."""

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from newsdiff.text.diffing import diff_tokens, word_diff
from newsdiff.values.comparison import mirror_diff


def test_changed_word_is_marked_whole():
    diff = word_diff("Sessions met twice with Kislyak", "Sessions met three times with Kislyak")
    assert ("-", "twice") in diff
    assert ("+", "three times") in diff
    assert diff[0] == ("=", "Sessions met ")


def test_typography_change_is_its_own_run():
    diff = word_diff("the Trump campaign — not about", "the Trump campaign -- not about")
    assert ("-", "—") in diff and ("+", "--") in diff


def test_identical_text_is_one_equal_run():
    assert word_diff("It is false.", "It is false.") == (("=", "It is false."),)


def test_unrelated_text_is_replaced_whole():
    diff = word_diff("apples and pears", "quantum chromodynamics")
    assert diff == (("-", "apples and pears"), ("+", "quantum chromodynamics"))


def test_mirror_swaps_insertions_and_deletions_deleted_text_first():
    diff = word_diff("one two four", "one three four")
    assert diff == (("=", "one "), ("-", "two"), ("+", "three"), ("=", " four"))
    assert mirror_diff(diff) == (("=", "one "), ("-", "three"), ("+", "two"), ("=", " four"))
    assert mirror_diff(mirror_diff(diff)) == diff


def test_the_engine_never_puts_an_insertion_before_a_deletion():
    """So that a mirrored diff, reordered, reads as one computed the other way would."""
    diff = word_diff("Sessions Met With Ambassador Twice", "POLITICS Sessions Spoke With Him")
    assert not any(x[0] == "+" and y[0] == "-" for x, y in pairwise(diff))


def test_diff_tokens_without_cleanup_keeps_every_equal_token():
    runs = diff_tokens("a b c d".split(), "a x c d e".split(), cleanup="No")
    assert sum(len(r) for op, r in runs if op == "=") == 3


def test_many_distinct_tokens_beyond_the_private_use_block():
    a = " ".join(f"w{i}" for i in range(8000))
    b = " ".join(f"w{i}" for i in range(1, 8001))
    diff = word_diff(a, b)
    assert "".join(t for op, t in diff if op != "+") == a
    assert "".join(t for op, t in diff if op != "-") == b


@given(st.text(max_size=200), st.text(max_size=200))
def test_diff_reconstructs_both_sides(a, b):
    diff = word_diff(a, b)
    assert "".join(t for op, t in diff if op != "+") == a
    assert "".join(t for op, t in diff if op != "-") == b


def test_a_retold_sentence_marks_the_changed_name_alone():
    """Issue 15: the one changed detail of two tellings stands out, not the whole sentence."""
    diff = word_diff("Sessions met with Russian Ambassador Sergey Kislyak twice in 2016",
                     "According to officials, Sessions met with Russian Ambassador Sergei "
                     "Kislyak twice in 2016, and did not disclose it")
    assert ("-", "Sergey") in diff and ("+", "Sergei") in diff
    assert ("=", "Sessions met with Russian Ambassador ") in diff
    assert ("=", " Kislyak twice in 2016") in diff


def test_a_number_changes_whole():
    diff = word_diff("The 4.2-magnitude quake hit at 9:27", "The 4.4-magnitude quake hit at 9:27")
    assert diff == (("=", "The "), ("-", "4.2"), ("+", "4.4"), ("=", "-magnitude quake hit at 9:27"))


def test_a_paraphrase_keeps_the_content_words_both_share_in_order():
    diff = word_diff("The ship blocked the canal for six days in high winds",
                     "The vessel blocked the waterway for six days amid strong winds")
    kept = "".join(t for op, t in diff if op == "=")
    for word in ("blocked", "six days", "winds"):
        assert word in kept
    assert ("-", "ship") in diff and ("+", "vessel") in diff


def test_marks_between_two_changes_join_them_words_do_not():
    """A shared comma or dash between two changes is not kept as its own unmarked run; a
    shared word is, "not" and "the" too (a kept "not" says the negation is the same)."""
    diff = word_diff("red cars, blue boats", "green trucks, yellow boats")
    assert diff == (("-", "red cars, blue"), ("+", "green trucks, yellow"), ("=", " boats"))
    diff = word_diff("campaign — not about meetings", "campaign, not about talks")
    assert ("=", " not about ") in diff and ("-", "meetings") in diff
