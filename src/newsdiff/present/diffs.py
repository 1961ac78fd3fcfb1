"""Word diffs as every front end draws them: runs of text, tagged with the side that has them.

An engine diff is ``(op, text)`` runs (``=`` both, ``-`` only the text it starts
from, ``+`` only the text it goes to).  The renderers, the review exports and
the reader all draw ``(text, side)`` runs instead, ``side`` being ``a``, ``b``
or ``None`` (both), and mark the words of a one-sided run but not the spaces
around them (:func:`split_padding`), so a changed word reads the same in a
terminal, in Markdown and in the reader.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newsdiff.values import Alignment, DiffOp

#: Which side of a word diff a run belongs to: ``None`` for both, ``a`` for the text the
#: diff starts from (A, the anchor, the canonical quote), ``b`` for the text it goes to.
_DIFF_SIDE: dict[DiffOp, str | None] = {"=": None, "-": "a", "+": "b"}


def diff_runs(diff: Sequence[tuple[DiffOp, str]]) -> Iterator[tuple[str, str | None]]:
    """A word diff as ``(text, side)`` runs, ``side`` naming the text that alone has it."""
    for op, text in diff:
        yield text, _DIFF_SIDE[op]


def side_runs(alignment: Alignment, side: str) -> Iterator[tuple[str, str | None]]:
    """One side of a pair's word diff: its ``(text, side)`` runs, the other side's left out.

    So A's side shows what B lacks, B's side what A lacks.
    """
    for text, own in diff_runs(alignment.diff):
        if own in (None, side):
            yield text, own


def split_padding(text: str) -> tuple[str, str, str]:
    """``text`` as (leading space, core, trailing space), to mark words but not the gaps."""
    core = text.strip()
    if not core:
        return text, "", ""
    lead = text[: len(text) - len(text.lstrip())]
    return lead, core, text[len(lead) + len(core) :]
