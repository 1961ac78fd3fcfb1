"""How far apart two sequences are: edit distance and longest common subsequence.

The pair model compares sentences word by word and character by character,
and the detail reader compares spellings of a name: all of them through
these two functions.  Both are bit-parallel (Myers/Hyyrö): one pass over the
second sequence with a big integer per step, after the first sequence's
positions are turned into bit masks (:func:`position_masks`), which a caller
comparing one sequence with many computes once.

(rapidfuzz does the same in C++, about ten times faster per call, but
importing it costs 10-16 ms on every run of the command line, more than it
saves on a typical comparison.)
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

Masks = dict[Hashable, int]


def position_masks(items: Sequence[Hashable]) -> Masks:
    """Each item's positions in ``items`` as a bit mask (bit ``i`` set: ``items[i]``)."""
    masks: Masks = {}
    for i, item in enumerate(items):
        masks[item] = masks.get(item, 0) | (1 << i)
    return masks


def edit_distance(a: Sequence[Hashable], b: Sequence[Hashable],
                  masks: Masks | None = None) -> int:
    """Levenshtein distance between ``a`` and ``b`` (insertions, deletions, substitutions);
    ``masks`` is ``position_masks(a)`` when the caller has it."""
    m = len(a)
    if not m:
        return len(b)
    masks = position_masks(a) if masks is None else masks
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for item in b:
        eq = masks.get(item, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score


def common_subsequence(a: Sequence[Hashable], b: Sequence[Hashable],
                       masks: Masks | None = None) -> int:
    """Length of the longest common subsequence of ``a`` and ``b`` (``masks`` as for
    :func:`edit_distance`)."""
    m = len(a)
    masks = position_masks(a) if masks is None else masks
    full = (1 << m) - 1
    v = full
    for item in b:
        u = v & masks.get(item, 0)
        v = ((v + u) | (v - u)) & full
    return m - v.bit_count()
