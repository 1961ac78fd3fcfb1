"""A pane of passages, one widget per passage, and the gap that stands for a missing one.

A group passage (pairs that share sentences, see
:func:`~newsdiff.present.passages.passages`) is drawn by :func:`group_side`
in readable units: each sentence with the partners it is paired with under
it, each partner marked with the pair's kind and verdict, and the pair the
reviewer has stepped to (``J`` and ``K``) picked out, its sentences bright and
the group's others dim, its word diff drawn and its kind, details and verdict
spelled out on a line of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual import events
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from newsdiff.present.markers import MARKS, Mark
from newsdiff.present.passages import (
    Passage,
    format_detail,
    highlight_pair,
    sentence_label,
    sentences_text,
)
from newsdiff.present.visible import visible
from newsdiff.present.words import counted
from newsdiff.tui import texts
from newsdiff.tui.targets import Stop
from newsdiff.tui.texts import OTHER
from newsdiff.values import ALIGNED_KINDS, Comparison

#: A review's mark on a passage: the symbol under the kind's marker, the line under the text.
Badge = tuple[Text, Text]

#: How a pair the reviewer took away as unrelated is marked among its group's pairs.
UNRELATED = Mark("[\u2260]", "unrelated", "bold red", False)

#: How the line naming what the review keys act on in a group starts.
FOCUS_MARK = "\u25b8 "

#: Keys of the group's pair selection, for the line that says how to move it.
STOP_KEYS = "J K pairs \u00b7 * whole group"


class Pane(VerticalScroll, can_focus=False):
    """One article's side of the comparison; the screen, not the pane, takes the keys."""


class _Item(Static):
    """Something in a pane that stands for passage ``key`` (its index in the passage list)."""

    class Clicked(Message):
        def __init__(self, key: int, side: str) -> None:
            super().__init__()
            self.key = key
            self.side = side

    def __init__(self, key: int, side: str, body: Text, mark: str,
                 badge: Badge | None = None) -> None:
        super().__init__(markup=False, classes=f"kind-{mark}")
        self.key = key
        self.side = side
        self.body = body
        self.mark = mark
        self.show(body, badge)

    def show_badge(self, badge: Badge | None) -> None:
        """Draw the item with ``badge`` (a review's gutter symbol and line) or without one."""
        self.show(self.body, badge)

    def show(self, body: Text, badge: Badge | None) -> None:
        """Draw ``body`` (the text beside the kind's marker) and ``badge`` under it."""
        self.body, self.badge = body, badge
        m = MARKS[self.mark]
        gutter = Text(m.marker, style=m.style)
        if badge is not None:
            gutter = Text.assemble(gutter, "\n", badge[0])
            body = Text.assemble(body, "\n", badge[1])
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(no_wrap=True, width=len(m.marker), justify="center")
        grid.add_column(ratio=1)
        grid.add_row(gutter, body)
        self.update(grid)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.key, self.side))


class PassageView(_Item):
    """A passage's sentences on one side, marked in the gutter by kind and, once reviewed,
    by its verdict."""

    def row_of(self, line: str) -> int | None:
        """The row, as drawn (wrapped at the text column's width), of the body's first line
        starting with ``line``: where a tall group's pane scrolls to show the pair stepped
        to.  None if no line starts so."""
        plain = self.body.plain
        if plain.startswith(line):
            return 0
        at = plain.find("\n" + line)
        if at < 0:
            return None
        width = max(1, self.content_region.width - len(MARKS[self.mark].marker) - 1)
        return len(Text(plain[:at]).wrap(self.app.console, width))


class Gap(_Item):
    """Where a passage only the other article carries would be: a one-line marker."""


def stop_mark(stop: Stop) -> Mark:
    """How a stop's kind is marked: as its passages are, or as a pair taken away."""
    return MARKS.get(stop.kind, UNRELATED)


def _symbols(stop: Stop) -> Text:
    """A stop's review as symbols after its label: ``✓``, ``✗``, ``⚑``, ``✎``, ``⇄``."""
    out = Text()
    review = stop.review
    if review is not None and review.verdict is not None:
        symbol, style = texts.VERDICT_MARKS[review.verdict]
        out.append(symbol, style=style)
    if review is not None and review.note:
        out.append(texts.NOTE_SYMBOL, style="bold")
    if stop.linked:
        out.append(texts.LINK_SYMBOL, style="bold cyan")
    return out


def group_side(c: Comparison, p: Passage, side: str, stops: Sequence[Stop],
               current: int | None, *, focus: bool) -> Text:
    """One side of a passage with :func:`~newsdiff.tui.targets.stops`, in readable units.

    Each sentence is labelled (``A3``) and followed by its partners, one token
    per stop that names it (``[~]B4✓``: the kind, the other side's sentences,
    the stop's verdict).  ``current`` is the stop selected (None: the whole
    group, or the passage is not selected): its tokens and labels are reversed,
    the sentences it does not name dimmed, and its word diff drawn where it has
    one sentence on this side.  ``focus`` (the selected passage, in the active
    pane) adds the line naming what the review keys act on where the eye is:
    under the selected pair's first sentence, or on top for the whole group.
    """
    article = texts.article_of(c, side)
    other = OTHER[side]
    picked = stops[current] if current is not None else None
    partners: dict[int, list[int]] = {}  # each sentence's stops, found once: a live blog's
    for k, stop in enumerate(stops):     # group can hold thousands
        for i in getattr(stop, side):
            partners.setdefault(i, []).append(k)
    lines: list[Text] = []
    focus_at = 0 if picked is None else None
    for i in getattr(p, side):
        mine = picked is not None and i in getattr(picked, side)
        line = Text().append(sentence_label(side, i), style="bold reverse" if mine else "bold")
        line.append(" ")
        al = picked.alignment if mine and picked is not None else highlight_pair(p, side, i)
        if (al is not None and len(getattr(al, side)) == 1 and al.diff
                and MARKS[al.kind].word_diff):
            sentence = texts.highlighted(al, side)
        else:
            sentence = Text(visible(sentences_text(article, (i,))))
        if picked is not None and not mine:
            sentence.stylize("dim")
        lines.append(line.append_text(sentence))
        if i in partners:
            lines.append(_partner_line(stops, partners[i], other, current))
        if mine and focus_at is None:
            focus_at = len(lines)
    if focus:
        lines.insert(len(lines) if focus_at is None else focus_at,
                     focus_line(p, stops, current))
    return Text("\n").join(lines)


def _partner_line(stops: Sequence[Stop], found: Sequence[int], other: str,
                  current: int | None) -> Text:
    """A sentence's partners: a token per stop ``found`` names it in, the current reversed."""
    line = Text().append("  \u21a6", style="dim")
    for k in found:
        stop = stops[k]
        m = stop_mark(stop)
        token = Text.assemble(
            (m.marker, m.style), "+".join(sentence_label(other, j) for j in getattr(stop, other)))
        token.append_text(_symbols(stop))
        if k == current:
            token.stylize("reverse")
        line.append(" ").append_text(token)
    return line


def focus_line(p: Passage, stops: Sequence[Stop], current: int | None) -> Text:
    """What the review keys act on in a passage with stops: the pair stepped to (its kind,
    details, verdict and note), or the whole group (how many pairs of each kind); and how
    many of the stops have a verdict of their own."""
    line = Text().append(FOCUS_MARK, style="bold")
    done = f"{sum(stop.reviewed for stop in stops)} of {len(stops)} reviewed"
    if current is None:
        kinds = [(kind, sum(al.kind == kind for al in p.pairs)) for kind in ALIGNED_KINDS]
        line.append(f"the whole group: {counted(len(p.pairs), 'pair')}", style="bold")
        line.append(" (" + ", ".join(f"{n} {MARKS[kind].label}" for kind, n in kinds if n)
                    + f"; {done})")
    else:
        stop = stops[current]
        m = stop_mark(stop)
        line.append(f"pair {stop.label} ({current + 1} of {len(stops)}, {done})  ",
                    style="bold")
        line.append(m.marker, style=m.style).append(f" {m.label}")
        if stop.alignment is None and stop.kind == "unrelated":
            line.append(" (taken apart by you)", style="italic")
        if stop.alignment is not None and stop.alignment.details:
            line.append(" \u2014 ").append(
                visible("; ".join(map(format_detail, stop.alignment.details))),
                style=MARKS["divergent"].style)
        badge = texts.review_badge(stop.review, linked=stop.linked)
        if badge is not None:
            line.append("  ").append_text(badge[1])
    return line.append(f"   {STOP_KEYS}", style="dim")
