"""What a comparison shows, decided once: which passages, in what order, with what text.

The text and Markdown renderers and the reader differ only in how they draw
a passage; what a passage *is* lives here so that they cannot drift apart:

* passages come in A's reading order (aligned passages and A-only runs
  interleaved, so the reader follows A's story), then the B-only ones in B's
  order;
* every sentence is shown once: aligned pairs that share a sentence form one
  group passage (see :func:`passages`), and a group names its pairs in
  :func:`pair_lines` and picks each sentence's word highlights with
  :func:`highlight_pair` (a single pair's, :attr:`Passage.highlighted`);
* consecutive unique or boilerplate sentences of one paragraph form one
  passage (a whole unaligned section as one block would be a wall of text),
  unless the caller keeps some sentences apart (the reader: what a reviewer
  gave a verdict must stay a passage of its own, see :func:`passages`).

How a word diff is drawn is :mod:`~newsdiff.present.diffs`' part, the summary
table :mod:`~newsdiff.present.summary`'s.  Free of Rich, so the command line
imports it cheaply.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

from newsdiff.present.markers import MARKS
from newsdiff.values import ALIGNED_KINDS, ALL_KINDS, Alignment, Article, Comparison, Detail

#: Kinds shown when the user does not say: everything but boilerplate.
DEFAULT_KINDS: frozenset[str] = frozenset(ALL_KINDS) - {"boilerplate"}

#: Which kind a group of pairs is marked with: the most telling one among its pairs.
#: A divergence is what a reader must not miss; copied wording says more than a paraphrase.
_GROUP_MARK_ORDER = ("divergent", "shared", "paraphrase")


@dataclass(frozen=True, slots=True)
class Passage:
    """One thing to show: aligned sentences, or a run of unique or boilerplate sentences.

    An aligned passage holds its ``pairs`` (one :class:`Alignment` each) and every
    sentence they touch, in each article's reading order.  Most hold one pair; a
    *group* holds several that share sentences (see :func:`passages`), and its
    ``kind`` is the most telling kind among them: divergent, then shared, then
    paraphrase.  Each pair keeps its own kind, shown by :func:`pair_lines`.

    ``highlights`` is :func:`highlight_pair`'s answer for every sentence, worked
    out once from ``pairs``: a group of a live blog whose sentences repeat can hold
    tens of thousands of pairs, and asking each sentence anew would be quadratic.
    """

    kind: str
    a: tuple[int, ...]
    b: tuple[int, ...]
    pairs: tuple[Alignment, ...] = ()
    highlights: Mapping[tuple[str, int], Alignment] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "highlights", _highlights(self.pairs))

    @property
    def mark(self) -> str:
        """Key into :data:`~newsdiff.present.markers.MARKS` (unique is marked by side)."""
        if self.kind == "unique":
            return "unique-a" if self.a else "unique-b"
        return self.kind

    @property
    def alignment(self) -> Alignment | None:
        """The pair, when the passage is exactly one aligned pair."""
        return self.pairs[0] if len(self.pairs) == 1 else None

    @property
    def is_group(self) -> bool:
        """Whether this passage joins several pairs that share sentences."""
        return len(self.pairs) > 1

    @property
    def highlighted(self) -> Alignment | None:
        """The pair whose word diff is drawn on both sides: the passage's one pair, when
        it has a diff and its kind marks words (a group's sentences: :func:`highlight_pair`)."""
        al = self.alignment
        return al if al is not None and al.diff and MARKS[self.mark].word_diff else None


@dataclass(frozen=True, slots=True)
class PairLine:
    """One line of a group's pair list: a kind, the pairs it names, their details.

    ``pairs`` reads like ``A1–B2, A1–B3`` (see :func:`sentence_label`); ``details``
    is plain text, like ``number: twice ≠ 3`` or empty.  Both hold article text
    only through the details, so each renderer still escapes them.
    """

    mark: str
    pairs: str
    details: str = ""


def passages(c: Comparison, kinds: Collection[str] = DEFAULT_KINDS, *,
             apart: Iterable[tuple[Collection[int], Collection[int]]] = ()) -> list[Passage]:
    """The passages of ``c`` whose kind is in ``kinds``: A's reading order, then B-only.

    Aligned pairs of the shown kinds that share a sentence are one passage, so
    that no sentence is printed twice: a headline aligned with B's headline and
    lede is shown once, next to both.  Sharing is transitive (A1–B1, B1–A2,
    A2–B2 puts A1, A2, B1 and B2 in one passage, or B1 or A2 would repeat), so a
    group is a connected component of the graph whose edges are the pairs.  It
    takes the place of its first A sentence; its sentences are listed in each
    article's order and labelled (``A1``, ``B12``), which also tells the reader
    when a group reaches far into an article.  Pairs hidden by ``kinds`` do not
    join anything.

    ``apart`` lists sets of sentences (of A, of B) that a run of unique or
    boilerplate sentences must not join with its neighbours: a run is also cut
    where consecutive sentences belong to different sets (a sentence belongs to
    the first set naming it).  The reader passes the sentences of each review,
    so that a passage with its own verdict or note stays that passage when a
    rejection splits its neighbours' sentences apart, and the split sentences
    stay with the rejection that split them.
    """
    in_a = [_aligned(group) for group in _components(
        [al for al in c.alignments if al.kind in kinds])]
    in_b: list[Passage] = []
    units: tuple[dict[int, int], dict[int, int]] = ({}, {})
    for n, sides in enumerate(apart):
        for unit, indices in zip(units, sides, strict=True):
            for i in indices:
                unit.setdefault(i, n)
    for kind, on_a, on_b in (
        ("unique", c.unique_a, c.unique_b),
        ("boilerplate", c.boilerplate_a, c.boilerplate_b),
    ):
        if kind in kinds:
            in_a += [Passage(kind, run, ()) for run in _paragraph_runs(c.a, on_a, units[0])]
            in_b += [Passage(kind, (), run) for run in _paragraph_runs(c.b, on_b, units[1])]
    in_a.sort(key=lambda p: min(p.a, default=len(c.a.sentences)))
    in_b.sort(key=lambda p: p.b[0])
    return in_a + in_b


def sentence_label(side: str, index: int) -> str:
    """How a group names a sentence: side and 1-based position in its article, ``A1``."""
    return f"{side.upper()}{index + 1}"


def pair_label(a: Iterable[int], b: Iterable[int]) -> str:
    """How a group names one of its pairs: its sentences of A, then of B, ``A1+A2–B3``."""
    return "\u2013".join("+".join(sentence_label(side, i) for i in sorted(indices))
                          for side, indices in (("a", a), ("b", b)))


def highlight_pair(p: Passage, side: str, index: int) -> Alignment | None:
    """The pair whose word diff is drawn on sentence ``index`` of ``side``, if any.

    Highlights mean "words the partner lacks", so they are drawn only where the
    partner is unambiguous: the sentence's one pair whose kind marks words
    (shared or divergent; a paraphrase differs in nearly every word).  A
    sentence with two or more such pairs is shown plain, and each of its
    partners, when it has no other such pair, shows against it what it adds or
    drops; the pair list and the details still say how every pair differs.  For
    a single pair this is exactly the old rule: both sides highlighted.
    """
    return p.highlights.get((side, index))


def pair_lines(p: Passage) -> list[PairLine]:
    """A group's pairs, by kind in legend order; pairs of one kind with equal details share a line.

    So a headline paraphrased by three sentences costs one line, not three, and
    so does one figure that three sentences of A give and B contradicts.
    """
    lines: dict[tuple[str, str], list[str]] = {}
    for kind in ALIGNED_KINDS:
        for al in p.pairs:
            if al.kind == kind:
                details = "; ".join(map(format_detail, al.details))
                lines.setdefault((kind, details), []).append(pair_label(al.a, al.b))
    return [PairLine(kind, ", ".join(pairs), details)
            for (kind, details), pairs in lines.items()]


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


def format_detail(d: Detail) -> str:
    """A differing detail as one line: ``number: twice ≠ 3``, or for a spelling variant,
    which contradicts nothing, ``name: Sergey Kislyak ~ Sergei Kislyak (spelling variant)``:
    the words say how much it weighs, so it reads the same without colour."""
    if d.conflicts:
        return f"{d.type}: {d.a} \u2260 {d.b}"
    return f"{d.type}: {d.a} ~ {d.b} (spelling variant)"


def _components(alignments: list[Alignment]) -> list[list[Alignment]]:
    """The pairs cut into connected components: pairs sharing a sentence, transitively."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(node, node) != node:
            parent[node] = node = parent[parent[node]]
        return node

    for al in alignments:
        nodes = [("a", i) for i in al.a] + [("b", j) for j in al.b]
        for node in nodes[1:]:
            parent[root(node)] = root(nodes[0])
    groups: dict[tuple[str, int], list[Alignment]] = {}
    for al in alignments:
        groups.setdefault(root(("a", al.a[0])), []).append(al)
    return list(groups.values())


def _aligned(pairs: list[Alignment]) -> Passage:
    """One aligned passage of a component's pairs, sorted in A's then B's reading order."""
    pairs = sorted(pairs, key=lambda al: (al.a, al.b))
    kinds = {al.kind for al in pairs}
    kind = next(k for k in _GROUP_MARK_ORDER if k in kinds)
    a = tuple(sorted({i for al in pairs for i in al.a}))
    b = tuple(sorted({j for al in pairs for j in al.b}))
    return Passage(kind, a, b, tuple(pairs))


def _highlights(pairs: tuple[Alignment, ...]) -> dict[tuple[str, int], Alignment]:
    """Each sentence's one pair that marks words, for sentences that have exactly one
    (see :func:`highlight_pair`)."""
    found: dict[tuple[str, int], list[Alignment]] = {}
    for al in pairs:
        if al.diff and MARKS[al.kind].word_diff:
            for side, indices in (("a", al.a), ("b", al.b)):
                for index in indices:
                    found.setdefault((side, index), []).append(al)
    return {key: only for key, (only, *more) in found.items() if not more}




def _paragraph_runs(article: Article, indices: Iterable[int],
                    unit: Mapping[int, int]) -> list[tuple[int, ...]]:
    """Runs of consecutive sentences, also cut where a line break separates two of them
    and where ``unit`` (a sentence's set to keep apart, see :func:`passages`) changes."""
    pieces: list[tuple[int, ...]] = []
    for run in _runs(indices):
        start = 0
        for k in range(1, len(run)):
            gap = article.text[article.sentences[run[k - 1]].end : article.sentences[run[k]].start]
            if "\n" in gap or unit.get(run[k - 1]) != unit.get(run[k]):
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
