"""Word-level diff of two aligned passages, using diff-match-patch.

diff-match-patch diffs characters; readers want whole words marked.  So each
distinct token (a word or mark with the whitespace after it: the diff view of
``tokens``, the one view that keeps every character) is first mapped, by its
folded form, to one private-use character, the two token strings are diffed,
and the result is mapped back to each side's text: the "lines to chars" trick
of diff-match-patch, applied to words.  We use the C++ build
(fast-diff-match-patch): on sentence pairs it measured about 2x faster than
the pure-Python package with the same output.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, groupby

import fast_diff_match_patch

from newsdiff.text.tokens import DIFF_TOKEN_RE, fold_typography
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
    """Diff ``a`` into ``b`` by whole tokens; equal, deleted and inserted runs in order,
    a deletion always before the insertion next to it.

    Every word the two texts share in the same order stays unmarked, so two
    tellings of one fact in different words show the words they have in common and
    a changed detail ("Sergey" / "Sergei", "4.2" / "4.4") stands out on its own.
    (diff-match-patch's semantic cleanup, made for prose edits, folds such shared
    words into one whole-sentence replacement.)  Tokens are aligned by their folded
    form (case and typography aside, see :func:`_key`), and a token that matches
    but is printed differently ("ambassador" / "Ambassador") is shown as changed.
    Only an equal run with no word in it (a space, a comma, a dash) between two
    changes joins them: it would split one change in two and tell the reader
    nothing.  Every word counts, "not" and "the" too: a kept "not" is what says
    that a negation is the same on both sides.
    """
    tokens_a, tokens_b = DIFF_TOKEN_RE.findall(a), DIFF_TOKEN_RE.findall(b)
    runs = diff_tokens([_key(t) for t in tokens_a], [_key(t) for t in tokens_b], cleanup="No")
    # token by token: (op, text, whether it is a word), both sides consumed in order
    steps: list[tuple[DiffOp, str, bool]] = []
    at_a = at_b = 0
    for op, chunk in runs:
        for _ in chunk:
            if op == "-":
                steps.append(("-", tokens_a[at_a], False))
                at_a += 1
            elif op == "+":
                steps.append(("+", tokens_b[at_b], False))
                at_b += 1
            else:
                x, y = tokens_a[at_a], tokens_b[at_b]
                at_a, at_b = at_a + 1, at_b + 1
                if x == y:
                    steps.append(("=", x, _is_word(x)))
                elif x.rstrip() == y.rstrip():  # the same word, other whitespace after it
                    core = x.rstrip()
                    steps += [("=", core, _is_word(core)), ("-", x[len(core):], False),
                              ("+", y[len(core):], False)]
                else:
                    steps += [("-", x, False), ("+", y, False)]
    return _runs(steps)


def _runs(steps: list[tuple[DiffOp, str, bool]]) -> tuple[tuple[DiffOp, str], ...]:
    """Token steps as runs: equal tokens with no word between two changes join the change
    on both sides; a change's deletions come before its insertions."""
    segments = [list(group) for _, group in groupby(steps, key=lambda step: step[0] == "=")]
    out: list[tuple[DiffOp, str]] = []
    deleted = inserted = ""
    for n, segment in enumerate(segments):
        if segment[0][0] != "=":
            deleted += "".join(text for op, text, _ in segment if op == "-")
            inserted += "".join(text for op, text, _ in segment if op == "+")
            continue
        text = "".join(text for _, text, _ in segment)
        between_changes = bool(deleted or inserted) and n + 1 < len(segments)
        if between_changes and not any(is_word for _, _, is_word in segment):
            deleted, inserted = deleted + text, inserted + text
            continue
        _add_change(out, deleted, inserted)
        _add(out, "=", text)
        deleted = inserted = ""
    _add_change(out, deleted, inserted)
    return tuple(out)


def _add(out: list[tuple[DiffOp, str]], op: DiffOp, text: str) -> None:
    """Append a run, joined to the last one if it has the same op."""
    if text:
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))


def _add_change(out: list[tuple[DiffOp, str]], deleted: str, inserted: str) -> None:
    """Append a change, leaving unmarked the whitespace both sides end it with."""
    common = min(len(deleted) - len(deleted.rstrip()), len(inserted) - len(inserted.rstrip()))
    if deleted and inserted and common and deleted[-common:] == inserted[-common:]:
        _add(out, "-", deleted[:-common])
        _add(out, "+", inserted[:-common])
        _add(out, "=", deleted[-common:])
    else:
        _add(out, "-", deleted)
        _add(out, "+", inserted)


@lru_cache(maxsize=65536)
def _key(token: str) -> str:
    """What a token is compared by: its folded form without the whitespace after it
    (whitespace alone compares as itself)."""
    core = token.rstrip()
    return fold_typography(core).casefold() if core else token


def _is_word(token: str) -> bool:
    """Whether a diff token is a word or number (not whitespace or a mark)."""
    return token[:1].isalnum()
