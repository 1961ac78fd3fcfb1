"""Word diffs as the front ends draw them: ``(text, side)`` runs, words marked but not gaps."""

from newsdiff.present.diffs import diff_runs, side_runs, split_padding
from newsdiff.values import Alignment

DIFF = (("=", "a "), ("-", "b "), ("+", "c"), ("=", " d"))


def test_diff_runs_name_the_side_that_alone_has_them():
    assert list(diff_runs(DIFF)) == [("a ", None), ("b ", "a"), ("c", "b"), (" d", None)]


def test_side_runs_leave_out_the_other_side():
    al = Alignment("shared", (0,), (0,), 1.0, diff=DIFF)
    assert list(side_runs(al, "a")) == [("a ", None), ("b ", "a"), (" d", None)]
    assert list(side_runs(al, "b")) == [("a ", None), ("c", "b"), (" d", None)]


def test_split_padding():
    assert split_padding("  word ") == ("  ", "word", " ")
    assert split_padding("  ") == ("  ", "", "")
