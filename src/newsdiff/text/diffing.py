"""Word-level diff of two aligned passages, using diff-match-patch.

diff-match-patch diffs characters; readers want whole words marked.  So each
distinct token (a word, a run of spaces, a punctuation mark: the diff view of
``tokens``, the one view that keeps every character) is first mapped
to one private-use character, the two token strings are diffed with semantic
cleanup, and the result is mapped back to text: the "lines to chars" trick of
diff-match-patch, applied to words.  We use the C++ build
(fast-diff-match-patch): on sentence pairs it measured about 2x faster than
the pure-Python package with the same output.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import fast_diff_match_patch

from newsdiff.text.tokens import DIFF_TOKEN_RE
from newsdiff.values import DiffOp

# Private-use code points (BMP, then planes 15-16): one per distinct token.
_PRIVATE_USE = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))


def diff_tokens(
    a: Sequence[str], b: Sequence[str], cleanup: str = "Semantic"
) -> list[tuple[DiffOp, list[str]]]:
    """Diff two token sequences; runs of equal, deleted and inserted tokens in order.

    ``cleanup="Semantic"`` gives the runs a reader expects; ``"No"`` keeps
    every equal token, which is what counting in-order overlap needs.
    """
    distinct = dict.fromkeys([*a, *b])
    codes = {token: chr(code) for token, code in zip(distinct, chain.from_iterable(_PRIVATE_USE))}
    encoded_a = "".join(map(codes.__getitem__, a))
    encoded_b = "".join(map(codes.__getitem__, b))
    decode = {code: token for token, code in codes.items()}
    return [
        (op, [decode[c] for c in chunk])
        for op, chunk in fast_diff_match_patch.diff(
            encoded_a, encoded_b, cleanup=cleanup, counts_only=False
        )
    ]


def word_diff(a: str, b: str) -> tuple[tuple[DiffOp, str], ...]:
    """Diff ``a`` into ``b`` by whole tokens; equal, deleted and inserted runs in order."""
    runs: list[tuple[DiffOp, str]] = []
    for op, chunk in diff_tokens(DIFF_TOKEN_RE.findall(a), DIFF_TOKEN_RE.findall(b)):
        text = "".join(chunk)
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))
    return tuple(runs)
