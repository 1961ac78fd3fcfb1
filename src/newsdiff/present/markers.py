"""The one table of how each kind of passage is marked, shared by every front end.

Every kind gets a colour *and* a bracketed text marker, because the output is
read in logs, pipes, e-mails and by colour-blind readers as often as in a
colour terminal; the marker alone must carry the meaning.  Unique passages are
marked by side with diff's convention: ``-`` is A, ``+`` is B.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Mark:
    """How one kind of passage looks: marker, name (also the legend) and Rich style."""

    marker: str
    label: str
    style: str
    word_diff: bool
    """Whether word-level changes are highlighted.  Off for paraphrase: by definition
    nearly every word differs there, and highlighting them all would only be noise."""

    @property
    def symbol(self) -> str:
        """The marker without its brackets, for a cell too narrow for three columns."""
        return self.marker[1:-1]


MARKS: dict[str, Mark] = {
    "shared": Mark("[=]", "shared", "green", True),
    "paraphrase": Mark("[~]", "paraphrase", "cyan", False),
    "divergent": Mark("[!]", "divergent", "bold yellow", True),
    "unique-a": Mark("[-]", "only in A", "magenta", False),
    "unique-b": Mark("[+]", "only in B", "blue", False),
    "boilerplate": Mark("[#]", "boilerplate", "dim", False),
}

#: The story view's matrix: how an outlet's passage relates to the claim's anchor passage
#: (the pairwise kinds, marked as in the pairwise view), or that the outlet lacks the claim.
RELATION_MARKS: dict[str, Mark] = {
    "anchor": Mark("[*]", "anchor", "bold", False),
    **{kind: MARKS[kind] for kind in ("shared", "paraphrase", "divergent")},
    "absent": Mark("[.]", "absent", "dim", False),
}

#: How an outlet prints a quote: the same words are marked like shared wording, changed
#: words like a divergence.
QUOTE_MARKS: dict[str, Mark] = {
    "verbatim": replace(MARKS["shared"], label="verbatim"),
    "typographic": Mark("[\u2248]", "typographic", "green", False),
    "altered": replace(MARKS["divergent"], label="altered"),
    "absent": RELATION_MARKS["absent"],
}


@dataclass(frozen=True, slots=True)
class Suffix:
    """A suffix to a quote's status mark (``[≈]+``): how much of the quote an outlet prints."""

    symbol: str
    label: str


#: How much of a quote an outlet's quotation holds, as a suffix to its status mark: none
#: for the quote whole, ``+`` for a quotation that goes on beyond it (the status judges
#: the part that is the quote), ``…`` (an elision) for one that prints only part of it.
EXTENT_SUFFIXES: dict[str, Suffix] = {
    "whole": Suffix("", "the quote whole"),
    "longer": Suffix("+", "prints more"),
    "part": Suffix("\u2026", "prints part"),
}

#: Word-level changes inside an aligned pair: words only A has, words only B has.
DELETED_STYLE = "bold red underline"
INSERTED_STYLE = "bold green underline"

#: How the changed words read without colour, as in ``wdiff``/``dwdiff``.
DELETED_BRACKETS = ("[-", "-]")
INSERTED_BRACKETS = ("{+", "+}")
