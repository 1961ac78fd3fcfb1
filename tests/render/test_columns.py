"""The one-shot view's column layout: the same wrapping as Rich, cells side by side."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from newsdiff.render.columns import lay_out, split_width, wrap

# Words of Latin, accented and double-width (CJK) letters, some longer than a line.
_WORDS = st.lists(st.text(alphabet="abcdeé漢字", min_size=1, max_size=14), max_size=12)
_SPACES = st.sampled_from([" ", "  ", "\n", " \n "])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    words = draw(_WORDS)
    return "".join(word + draw(_SPACES) for word in words).rstrip(" ")


@settings(max_examples=300, deadline=None)
@given(_texts(), st.integers(min_value=2, max_value=30))
def test_wrap_breaks_lines_where_rich_does(text, width):
    console = Console(file=io.StringIO(), width=200)
    ours = [line.plain for line in wrap(Text(text), width)]
    theirs = Text(text).wrap(console, width, overflow="fold")
    assert ours == [line.plain.rstrip() for line in theirs]  # Rich keeps some end spaces


def test_wrap_keeps_styles_and_never_exceeds_the_width():
    text = Text("Sessions met the ambassador ") + Text("twice", style="bold") + Text(" in 2016.")
    lines = wrap(text, 12)
    assert all(line.cell_len <= 12 for line in lines)
    bold = [line for line in lines if line.spans]
    assert [line.plain[s.start:s.end] for line in bold for s in line.spans] == ["twice"]


def test_split_width_shares_the_remainder_from_the_left():
    assert split_width(115, 2) == [58, 57]
    assert sum(split_width(7, 3)) == 7


def test_lay_out_starts_each_cell_in_its_column():
    lines = lay_out([Text("[=]"), Text("one two three four"), Text("uno")], [3, 9, 5], [1, 2])
    assert [line.plain for line in lines] == ["[=] one two    uno", "    three", "    four"]
