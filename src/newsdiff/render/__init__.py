"""What every renderer shows, decided once: which passages, in what order, with what text.

The text, Markdown (and later HTML) renderers differ only in how they draw a
passage; what a passage *is* lives here so that they cannot drift apart:

* passages come in A's reading order (aligned pairs and A-only runs
  interleaved, so the reader follows A's story), then the B-only ones in B's
  order;
* consecutive unique or boilerplate sentences of one paragraph form one
  passage (a whole unaligned section as one block would be a wall of text);
* article text is untrusted, so :func:`visible` turns control characters into
  printable escapes before anything reaches a terminal.

This module must stay free of Rich so that the CLI can import it cheaply.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

from newsdiff.model import ALL_KINDS, Alignment, Article, Comparison, Detail
from newsdiff.render.markers import MARKS
from newsdiff.stats import STORY_CATEGORIES, Summary

#: Kinds shown when the user does not say: everything but boilerplate.
DEFAULT_KINDS: frozenset[str] = frozenset(ALL_KINDS) - {"boilerplate"}

# C0 (except tab and newline), DEL and C1 controls could move the cursor, clear the
# screen or retitle the window; bidi overrides and isolates can make a sentence read
# differently from what it says ("Trojan Source").  All are shown as \xNN / \uNNNN.
_INVISIBLE = {
    *(c for c in range(0x20) if chr(c) not in "\t\n"),
    *range(0x7F, 0xA0),
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
}
_VISIBLE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _INVISIBLE}

# How a run of diff text reads on each side: A shows what B lacks, B what A lacks.
_SIDE_OP = {"a": "-", "b": "+"}


@dataclass(frozen=True, slots=True)
class Passage:
    """One thing to show: an aligned pair, or a run of unique or boilerplate sentences."""

    kind: str
    a: tuple[int, ...]
    b: tuple[int, ...]
    alignment: Alignment | None = None

    @property
    def mark(self) -> str:
        """Key into :data:`~newsdiff.render.markers.MARKS` (unique is marked by side)."""
        if self.kind == "unique":
            return "unique-a" if self.a else "unique-b"
        return self.kind


def visible(text: str) -> str:
    """``text`` with every control or bidi-override character spelled out as an escape."""
    return text.translate(_VISIBLE)


def passages(c: Comparison, kinds: Collection[str] = DEFAULT_KINDS) -> list[Passage]:
    """The passages of ``c`` whose kind is in ``kinds``: A's reading order, then B-only."""
    in_a = [Passage(al.kind, al.a, al.b, al) for al in c.alignments if al.kind in kinds]
    in_b: list[Passage] = []
    for kind, on_a, on_b in (
        ("unique", c.unique_a, c.unique_b),
        ("boilerplate", c.boilerplate_a, c.boilerplate_b),
    ):
        if kind in kinds:
            in_a += [Passage(kind, run, ()) for run in _paragraph_runs(c.a, on_a)]
            in_b += [Passage(kind, (), run) for run in _paragraph_runs(c.b, on_b)]
    in_a.sort(key=lambda p: min(p.a, default=len(c.a.sentences)))
    in_b.sort(key=lambda p: p.b[0])
    return in_a + in_b


def hidden_boilerplate(c: Comparison, kinds: Collection[str]) -> str | None:
    """The note that boilerplate was left out, and how much, when it was."""
    a, b = len(c.boilerplate_a), len(c.boilerplate_b)
    if "boilerplate" in kinds or not a + b:
        return None
    return (
        f"{MARKS['boilerplate'].marker} {a + b} boilerplate sentences hidden (A {a}, B {b}); "
        "--only boilerplate shows them"
    )


def sentences_text(article: Article, indices: Iterable[int]) -> str:
    """The text of the given sentences as read; gaps between non-adjacent ones show as "…"."""
    return " … ".join(
        article.text[article.sentences[run[0]].start : article.sentences[run[-1]].end]
        for run in _runs(indices)
    )


def side_runs(alignment: Alignment, side: str) -> Iterator[tuple[str, bool]]:
    """The word diff as seen from one side: ``(text, changed)`` runs of A's or B's text."""
    own = _SIDE_OP[side]
    for op, text in alignment.diff:
        if op in ("=", own):
            yield text, op == own


def split_padding(text: str) -> tuple[str, str, str]:
    """``text`` as (leading space, core, trailing space), to mark words but not the gaps."""
    core = text.strip()
    if not core:
        return text, "", ""
    lead = text[: len(text) - len(text.lstrip())]
    return lead, core, text[len(lead) + len(core) :]


def format_detail(d: Detail) -> str:
    """A differing detail as one line: ``number: twice ≠ 3``."""
    return f"{d.type}: {d.a} \u2260 {d.b}"


def summary_rows(s: Summary, outlets: tuple[str, str]) -> list[list[str]]:
    """The summary as a table of plain strings, header first: one row per kind.

    Kinds are rows (not columns) so the table stays narrow enough for 80 columns.
    """
    rows = [["", "count", f"A {outlets[0]}".strip(), f"B {outlets[1]}".strip()]]
    for kind in STORY_CATEGORIES[:-1]:
        mark = MARKS[kind]
        rows.append([f"{mark.marker} {mark.label}", str(s.alignments[kind]),
                     f"{s.a.share(kind):.0%}", f"{s.b.share(kind):.0%}"])
    for kind, marker, count in (
        ("unique", f"{MARKS['unique-a'].marker}/{MARKS['unique-b'].marker}", s.unique_sentences),
        ("boilerplate", MARKS["boilerplate"].marker, s.boilerplate_sentences),
    ):
        rows.append([f"{marker} {kind}", f"{count['a']} / {count['b']}",
                     f"{s.a.share(kind):.0%}", f"{s.b.share(kind):.0%}"])
    rows.append(["words", "", str(s.a.total_words), str(s.b.total_words)])
    return rows


SUMMARY_NOTE = (
    "count: aligned pairs; for unique and boilerplate, sentences in A / B. "
    "%: share of the article's story words (boilerplate: of all its words)."
)


def _paragraph_runs(article: Article, indices: Iterable[int]) -> list[tuple[int, ...]]:
    """Runs of consecutive sentences, also cut where a line break separates two of them."""
    pieces: list[tuple[int, ...]] = []
    for run in _runs(indices):
        start = 0
        for k in range(1, len(run)):
            gap = article.text[article.sentences[run[k - 1]].end : article.sentences[run[k]].start]
            if "\n" in gap:
                pieces.append(run[start:k])
                start = k
        pieces.append(run[start:])
    return pieces


def _runs(indices: Iterable[int]) -> list[tuple[int, ...]]:
    """Sorted indices cut into runs of consecutive numbers: 1 2 3 7 8 -> (1 2 3) (7 8)."""
    runs: list[list[int]] = []
    for i in sorted(set(indices)):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [tuple(r) for r in runs]
