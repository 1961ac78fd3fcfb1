"""The story screen's parts: the claim matrix and one outlet's telling of the selected claim.

Article text is untrusted: it reaches these widgets only through
:func:`~newsdiff.present.visible` inside :class:`~rich.text.Text`, never as
markup.  Relations are marked from
:data:`~newsdiff.present.markers.RELATION_MARKS`, as the one-shot story view
marks them.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets.data_table import CursorType

from newsdiff.present.diffs import diff_runs
from newsdiff.present.markers import MARKS, RELATION_MARKS, Mark
from newsdiff.present.passages import format_detail, sentences_text
from newsdiff.present.story import (
    claim_label,
    claim_text,
    join_labels,
    outlet_labels,
    relations,
)
from newsdiff.present.visible import visible
from newsdiff.render.text import marked_text
from newsdiff.tui.compat import CursorHighlightTable, QuietScrollView, column_region
from newsdiff.values import Claim, ClaimPassage, DiffOp, Story

#: The least share of a passage's words a diff from the anchor must keep to be shown.
KEPT_SHARE = 0.5
#: The excerpt width below which the cells shrink to the marks' one-character symbols
#: (``*`` ``=`` ``~`` ``!`` ``.``), as the one-shot story view does.
ROOMY_EXCERPT = 40
#: Columns the row label leaves free besides the outlets': its own padding (2), the
#: vertical scrollbar (2), and 2 to spare, so a rounding never adds a sideways scrollbar.
_CHROME = 2 + 2 + 2


def outlet_label(story: Story, article: int) -> str:
    """An article's column label, as the one-shot story view names it (``A``, or ``27``)."""
    return _labels(len(story.articles))[article]


@cache
def _labels(count: int) -> tuple[str, ...]:
    """:func:`outlet_labels`, made once per story size: the stack names every outlet, and
    each wire copy's twins, on each move of the cursor."""
    return outlet_labels(count)


def outlet_name(story: Story, article: int, width: int | None = None) -> Text:
    """``A outlet``: an article's label in bold, then its outlet, cut to ``width`` cells."""
    name = Text(visible(story.articles[article].outlet))
    if width is not None:
        name.truncate(width, overflow="ellipsis")
    return Text.assemble((f"{outlet_label(story, article)} ", "bold"), name)


def relation_marker(relation: str, *, compact: bool = False) -> Text:
    """A relation's (or ``absent``'s) marker in its colour; ``compact``: its symbol."""
    m = RELATION_MARKS[relation]
    return Text(m.symbol if compact else m.marker, style=m.style, justify="center")


def claim_excerpt(story: Story, claim: Claim, width: int, badge: Text | None = None) -> Text:
    """The claim as the matrix names it: its review's symbol (a blank when it has none, so
    the excerpts line up), ``#id`` as the CLI and JSON do, then its anchor passage's text,
    on one line of ``width``.

    A claim one outlet alone carries is dimmed, so the eye finds where the shared ones end.
    """
    out = Text.assemble(badge or " ", " ", (claim_label(claim), "bold"), " ",
                        visible(claim_text(story, claim)), no_wrap=True, overflow="ellipsis",
                        style="dim" if len(claim.passages) == 1 else "")
    out.truncate(max(width, 1), overflow="ellipsis")
    return out


class ClaimMatrix(CursorHighlightTable):
    """One row per claim, one column per article, a relation mark in each cell.

    The claim's excerpt is the row label, so it stays on screen when many
    outlets scroll the table sideways and the cursor only ever rests on an
    outlet's cell.  The excerpt takes the width the outlet columns leave.
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)
        self.story: Story | None = None
        self.claims: list[Claim] = []
        self.badges: dict[int, Text] = {}
        #: The width the excerpts were cut to (0: not filled yet).
        self._filled_width = 0

    def show(self, story: Story, claims: list[Claim], badges: dict[int, Text]) -> None:
        """Fill the table with ``claims``, keeping the cursor on the same claim and outlet
        (or, when that claim is gone, on the same row); ``badges``: the review symbols of
        the reviewed claims, by claim id.

        The excerpt takes the width the outlets leave; when that is less than
        :data:`ROOMY_EXCERPT`, the cells shrink to one character.  Before the
        table's first layout (a story from the cache arrives that soon) that
        width is not known yet: the first resize fills it, once.
        """
        keep, row, column = self.cursor_claim, self.cursor_row, self.cursor_column
        self.story, self.claims, self.badges = story, claims, badges
        self._filled_width = self.size.width
        if not self._filled_width:
            return
        self.clear(columns=True)
        labels = outlet_labels(len(story.articles))
        for n, label in enumerate(labels):
            self.add_column(Text(label, justify="center"), key=str(n))
        free = self._filled_width - _CHROME
        width = free - len(labels) * (len(RELATION_MARKS["anchor"].marker) + 2)
        compact = width < ROOMY_EXCERPT
        if compact:
            width = free - len(labels) * (len(RELATION_MARKS["anchor"].symbol) + 2)
        for claim in claims:
            self.add_row(*(relation_marker(r, compact=compact) for r in relations(story, claim)),
                         key=str(claim.id),
                         label=claim_excerpt(story, claim, max(12, width), badges.get(claim.id)))
        if keep in claims:
            row = claims.index(keep)
        if claims:
            self.move_cursor(row=min(row, len(claims) - 1), column=column, animate=False)

    def is_highlighted(self, cursor: Coordinate, cell: Coordinate,
                       cursor_type: CursorType) -> bool:
        """As in a spreadsheet, the cursor's row label and column header light up with its
        cell, so the claim and the outlet under the cursor read at a glance."""
        row, column = cell
        if column == -1 or row == -1:
            return cursor.row == row or cursor.column == column
        return super().is_highlighted(cursor, cell, cursor_type)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        """Besides the two cells (the table's own refresh), repaint the row labels and the
        column headers the cursor left and reached (see :meth:`is_highlighted`); only
        those: the whole table would draw every visible line again on each move."""
        super().watch_cursor_coordinate(old, new)
        if old.row != new.row:
            self.refresh_row(old.row)
            self.refresh_row(new.row)
        if old.column != new.column and self.show_header:
            for column in (old.column, new.column):
                # The header stays on top whatever the vertical scroll.
                region = column_region(self, column)
                header = Region(region.x - round(self.scroll_x), 0, region.width,
                                self.header_height).intersection(self.size.region)
                if header:
                    self.refresh(header)

    def on_resize(self, event: events.Resize) -> None:
        """Cut the excerpts again to a new width (only a width: a new height changes none)."""
        if self.story is not None and event.size.width != self._filled_width:
            self.show(self.story, self.claims, self.badges)

    @property
    def cursor_claim(self) -> Claim | None:
        """The claim of the cursor's row."""
        return self.claims[self.cursor_row] if 0 <= self.cursor_row < len(self.claims) else None


#: The stack's key of the line naming the outlets that lack the claim (passages are keyed
#: by their article).
ABSENT = "absent"


class ClaimStack(QuietScrollView, can_focus=False):
    """The selected claim's passages in article order, each with its relation's mark in the
    gutter, then the line naming the outlets that lack it; one of them highlighted.

    One widget drawing only the lines on screen (Textual's Line API), not one
    widget per passage: a story of many outlets would lay out, measure and
    paint dozens of widgets on each move of the cursor.  Each passage is
    wrapped once per claim and width into a list of :class:`Strip`; moving
    the highlight only paints the lines again.  A new wrap changes the stack's
    content size but never its own, so it only updates the scrollbar: a layout
    would repaint the matrix too (see :class:`~newsdiff.tui.compat.QuietScrollView`).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"claim-stack--selected"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        #: What each block shows, by key (an article, or :data:`ABSENT`), in stack order.
        self.bodies: dict[int | str, Text] = {}
        #: The key of the highlighted block (None: none is).
        self.selected: int | str | None = None
        self._blocks: dict[int | str, RenderableType] = {}
        #: Every block's lines, one blank line after each, wrapped to ``_width`` cells
        #: (0: not wrapped yet), and each block's first and past-last line.
        self._lines: list[Strip] = []
        self._spans: dict[int | str, tuple[int, int]] = {}
        self._width = 0

    def show(self, story: Story, claim: Claim) -> None:
        """Stack ``claim``'s passages and, when some outlets lack it, the line naming them;
        from the top, none highlighted yet."""
        self.bodies, self._blocks = {}, {}
        for passage in sorted(claim.passages, key=lambda p: p.article):
            body = self.bodies[passage.article] = passage_body(story, passage)
            self._blocks[passage.article] = Gutter(RELATION_MARKS[passage.relation], body)
        if len(claim.passages) < len(story.articles):
            self.bodies[ABSENT] = self._blocks[ABSENT] = absent_line(story, claim)
        self.selected = None
        self._wrap()
        self.scroll_home(animate=False, immediate=True)

    def clear(self) -> None:
        """An empty stack (no claim is listed)."""
        self.bodies, self._blocks, self.selected = {}, {}, None
        self._wrap()

    def select(self, article: int) -> None:
        """Highlight ``article``'s passage (the absent line, when it lacks the claim) and
        scroll it into view."""
        self.selected = article if article in self._blocks else ABSENT
        self.refresh()
        if self.selected in self._spans:
            start, end = self._spans[self.selected]
            self.scroll_to_region(Region(0, start, self._width, end - start), animate=False,
                                  immediate=True)

    def span(self, key: int | str) -> tuple[int, int]:
        """The first and past-last line of a block, from the stack's top."""
        return self._spans[key]

    def on_resize(self, event: events.Resize) -> None:
        """Wrap the blocks again to the new size (a new height may add or drop the
        scrollbar, and so change the width)."""
        self._wrap()

    def _wrap(self) -> None:
        """Wrap every block to the widget's width, less the scrollbar's when they overflow
        its height (tried first: a long claim, as a story of many outlets has, overflows)."""
        width, height = self.size
        if not width:
            return
        self._width = width - self.styles.scrollbar_size_vertical
        self._lines, self._spans = self._render_blocks(self._width)
        if len(self._lines) <= height:  # no scrollbar: the whole width
            self._width = width
            self._lines, self._spans = self._render_blocks(width)
        self.set_virtual_size(Size(self._width, len(self._lines)))
        self.refresh()

    def _render_blocks(self, width: int) -> tuple[list[Strip], dict[int | str, tuple[int, int]]]:
        """The blocks' lines at ``width``, each with a cell of padding either side."""
        console = self.app.console
        options = console.options.update_width(max(1, width - 2))
        pad = Segment(" ")
        lines: list[Strip] = []
        spans = {}
        for key, block in self._blocks.items():
            start = len(lines)
            lines += (Strip([pad, *line, pad], width)
                      for line in console.render_lines(block, options, pad=True))
            spans[key] = (start, len(lines))
            lines.append(Strip.blank(width))
        return lines, spans

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the view: the stack's, highlighted when it is the selected block's."""
        width = self.scrollable_content_region.width
        line = y + self.scroll_offset.y
        if line >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        start, end = self._spans.get(self.selected, (0, 0))
        style = (self.get_component_rich_style("claim-stack--selected") if start <= line < end
                 else self.rich_style)
        return self._lines[line].adjust_cell_length(width).apply_style(style)


class Gutter:
    """A relation's mark, and beside it a text wrapped to the width left (the mark's line
    first).

    What a two-column ``Table.grid`` draws, without measuring columns: the stack
    wraps every passage of the selected claim on each move of the cursor.
    """

    def __init__(self, mark: Mark, body: Text) -> None:
        self.mark = mark
        self.body = body

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        gutter = len(self.mark.marker) + 1
        mark = (Segment(self.mark.marker, console.get_style(self.mark.style)), Segment(" "))
        blank = (Segment(" " * gutter),)
        # As a table's cell: a word too long for the line is cut with an ellipsis.
        lines = console.render_lines(self.body, options.update(
            width=max(1, options.max_width - gutter), justify="left", overflow="ellipsis",
            no_wrap=False), pad=True)
        for n, line in enumerate(lines):
            yield from blank if n else mark
            yield from line
            yield Segment.line()


def passage_title(story: Story, passage: ClaimPassage) -> Text:
    """``B  outlet  divergent 0.82``, and the wire copy it belongs to, if any."""
    article = passage.article
    title = Text.assemble((f"{outlet_label(story, article)}  ", "bold"),
                          (visible(story.articles[article].outlet), "bold"))
    m = RELATION_MARKS[passage.relation]
    title.append(f"  {m.label}", style=m.style)
    if passage.relation != "anchor":
        title.append(f" {passage.score:.2f}", style="dim")
    twins = [outlet_label(story, a) for a in story.sources[story.source_of(article)]
             if a != article]
    if twins:
        title.append(f"  wire copy with {join_labels(twins)}", style="italic")
    return title


def passage_body(story: Story, passage: ClaimPassage) -> Text:
    """Title, then the passage's text, then the details that differ from the anchor's.

    The text is a word diff from the anchor (``[-anchor's words-]``
    ``{+this outlet's+}``) for shared and divergent passages that keep most of
    the anchor's words; as printed for the anchor, for a paraphrase (nearly
    every word differs, so marking them would be noise) and for a rewording.
    """
    text = passage_title(story, passage).append("\n")
    if RELATION_MARKS[passage.relation].word_diff and mostly_kept(passage.diff):
        text.append_text(marked_text(diff_runs(passage.diff), color=True, brackets=True))
    else:
        article = story.articles[passage.article]
        text.append(visible(sentences_text(article, passage.sentences)))
    for d in passage.details:
        text.append("\n").append(visible(format_detail(d)), style=MARKS["divergent"].style)
    return text


def mostly_kept(diff: tuple[tuple[DiffOp, str], ...]) -> bool:
    """Whether a word diff keeps enough of the passage to read as one text.

    A passage that rewords most of the anchor (several sentences joined to
    one, say) would show as the anchor struck out and a new text inserted:
    two texts glued together.  Such a passage is shown as printed; below
    :data:`KEPT_SHARE` of its words in common with the anchor, that is.
    """
    counts = {op: 0 for op in "=+"}
    for op, run in diff:
        if op in counts:
            counts[op] += len(run.split())
    return counts["="] >= KEPT_SHARE * (counts["="] + counts["+"]) > 0


def absent_line(story: Story, claim: Claim) -> Text:
    """The outlets that do not carry the claim, on one line."""
    m = RELATION_MARKS["absent"]
    absent = [n for n in range(len(story.articles)) if claim.passage_of(n) is None]
    names = Text(", ").join(outlet_name(story, n) for n in absent)
    return Text.assemble((m.marker, m.style), " not in ", names, style="dim")
