"""The one table of how each kind of passage is marked, shared by every renderer.

Every kind gets a colour *and* a bracketed text marker, because the output is
read in logs, pipes, e-mails and by colour-blind readers as often as in a
colour terminal; the marker alone must carry the meaning.  Unique passages are
marked by side with diff's convention: ``-`` is A, ``+`` is B.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    """How one kind of passage looks: marker, name (also the legend) and Rich style."""

    marker: str
    label: str
    style: str
    word_diff: bool
    """Whether word-level changes are highlighted.  Off for paraphrase: by definition
    nearly every word differs there, and highlighting them all would only be noise."""


MARKS: dict[str, Mark] = {
    "shared": Mark("[=]", "shared", "green", True),
    "paraphrase": Mark("[~]", "paraphrase", "cyan", False),
    "divergent": Mark("[!]", "divergent", "bold yellow", True),
    "unique-a": Mark("[-]", "only in A", "magenta", False),
    "unique-b": Mark("[+]", "only in B", "blue", False),
    "boilerplate": Mark("[#]", "boilerplate", "dim", False),
}

#: Word-level changes inside an aligned pair: words only A has, words only B has.
DELETED_STYLE = "bold red underline"
INSERTED_STYLE = "bold green underline"

#: How the changed words read without colour, as in ``wdiff``/``dwdiff``.
DELETED_BRACKETS = ("[-", "-]")
INSERTED_BRACKETS = ("{+", "+}")
