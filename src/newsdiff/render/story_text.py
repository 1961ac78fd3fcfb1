"""The story view in a terminal: claims × outlets matrix, then the quotes, then the divergences.

Both tables are drawn as a matrix: a row label, one cell per outlet and a
line of text.  Cells carry the markers of ``present.markers`` (``[=]``), or
their one-character symbols (``=``) when three-character cells would leave
the text too little room; when even that is too narrow, the text moves to its
own lines below the cells.  Rows are one line each (the text is cut with
"…"), so a story of fifty claims still reads at a glance; the word diffs of
altered quotes and the divergences' values wrap instead, since they are what
the reader came for.

Article text enters Rich only as :class:`rich.text.Text` built from
:func:`~newsdiff.present.visible.visible` output, never as markup, as in the
pairwise view.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsdiff.present.diffs import diff_runs
from newsdiff.present.markers import EXTENT_SUFFIXES, MARKS, QUOTE_MARKS, RELATION_MARKS, Mark
from newsdiff.present.story import (
    EXTENT_NOTE,
    STORY_KINDS,
    claim_label,
    claim_text,
    counts,
    divergences_by_claim,
    format_values,
    matrix_claims,
    only_claims,
    outlet_labels,
    quote_extents,
    quote_label,
    quote_statuses,
    relations,
    shown_claims,
    shown_extents,
    wire_notes,
)
from newsdiff.present.visible import visible, visible_line
from newsdiff.render.selection import no_claims
from newsdiff.render.text import headline, marked_text, print_to_string
from newsdiff.values import Quote, Story

#: The text column gets at least this much room beside three-character cells, else
#: the cells shrink to one character; below ``_MIN_TEXT`` the text goes under the cells.
_ROOMY_TEXT = 40
_MIN_TEXT = 20

#: Indent of lines that belong to the row above (stacked text, details).
_INDENT = 3


@dataclass(frozen=True, slots=True)
class _Matrix:
    """Column widths of one matrix: row labels, outlet cells, and where the text starts.

    ``suffix_width`` is room after each mark for a one-character suffix (a
    quote's extent: ``[≈]+``), 0 when the table has none to show.
    """

    labels: tuple[str, ...]
    label_width: int
    cell_width: int
    stacked: bool
    suffix_width: int = 0

    @classmethod
    def fit(cls, labels: tuple[str, ...], row_labels: Sequence[str], width: int,
            suffix_width: int = 0) -> _Matrix:
        """The roomiest layout that leaves the text enough of ``width``."""
        label_width = max(map(len, row_labels), default=0)
        for cell_width, room in ((3, _ROOMY_TEXT), (1, _MIN_TEXT)):
            matrix = cls(labels, label_width, cell_width, False, suffix_width)
            if width - matrix.text_column >= room:
                return matrix
        return cls(labels, label_width, 1, True, suffix_width)

    @property
    def text_column(self) -> int:
        """Where a row's text starts (stacked: where its continuation lines start)."""
        if self.stacked:
            return _INDENT
        return self.label_width + 1 + len(self.labels) * (
            self.cell_width + self.suffix_width + 1)

    def cell(self, mark: Mark, suffix: str = "") -> Text:
        """A mark as the cell shows it, then its suffix (padded to the suffix column)."""
        shown = mark.marker if self.cell_width == 3 else mark.symbol
        return Text(shown.center(self.cell_width) + suffix.ljust(self.suffix_width),
                    style=mark.style)

    def legend(self, marks: dict[str, Mark], suffixes: Sequence[str] = ()) -> Text:
        """The marks of one table as its cells show them, and what they mean; then the
        meaning of each of ``suffixes``' symbols."""
        legend = Text()
        for mark in marks.values():
            if legend:
                legend.append("  ")
            legend.append_text(Text(mark.marker if self.cell_width == 3 else mark.symbol,
                                    style=mark.style)).append(f" {mark.label}")
        for symbol, label in ((EXTENT_SUFFIXES[s].symbol, EXTENT_SUFFIXES[s].label)
                              for s in suffixes):
            legend.append("  ").append(symbol, style="bold").append(f" {label}")
        return legend

    def header(self) -> Text:
        """The outlet labels, each centred over its mark."""
        line = Text(" " * self.label_width)
        for label in self.labels:
            line.append(" ").append(label.center(self.cell_width), style="bold")
            line.append(" " * self.suffix_width)
        return line

    def rows(self, label: str, marks: Sequence[Mark], text: Text, width: int,
             suffixes: Sequence[str] = ()) -> list[Text]:
        """A row's line(s): label and cells (each with its suffix, if any), then its text,
        cut to fit with "…"."""
        line = Text(label.ljust(self.label_width), style="bold")
        for n, mark in enumerate(marks):
            line.append(" ").append_text(self.cell(mark, suffixes[n] if suffixes else ""))
        if self.stacked:
            return [line, _cut(Text(" " * _INDENT).append_text(text), width)]
        return [_cut(line.append(" ").append_text(text), width)]


def render_story_text(
    story: Story, *, kinds: Collection[str] = STORY_KINDS, width: int = 80, color: bool = False
) -> str:
    """``story`` drawn for a terminal ``width`` columns wide, with or without ANSI colour."""
    view = _StoryView(story, kinds, width, color)
    return print_to_string(view.draw, width=width, color=color)


class _StoryView:
    """Draws one story: header, claims, quotes, divergences."""

    def __init__(self, story: Story, kinds: Collection[str], width: int, color: bool) -> None:
        self.story = story
        self.kinds = kinds
        self.width = width
        self.color = color
        self.labels = outlet_labels(len(story.articles))

    def draw(self, console: Console) -> None:
        console.print(Text(f"Story: {counts(self.story)}", style="bold"))
        console.print(self._outlets())
        self._claims(console)
        self._quotes(console)
        self._divergences(console)

    def _outlets(self) -> Table:
        """Each outlet's column label, outlet, title, byline and path; then the wire copies."""
        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for label, article in zip(self.labels, self.story.articles, strict=True):
            grid.add_row(Text(label, style="bold"), headline(article))
        for note in wire_notes(self.story, self.labels):
            grid.add_row("", Text(f"{note}.", style="italic"))
        return grid

    def _claims(self, console: Console) -> None:
        claims = matrix_claims(self.story, self.kinds)
        console.print(Rule("Claims", style="dim"))
        if claims:
            matrix = _Matrix.fit(self.labels, [claim_label(c) for c in claims], self.width)
            console.print(matrix.legend(RELATION_MARKS))
            console.print(Text("One row per claim that two or more outlets carry, most outlets "
                               "first. The text is the anchor's sentence that the other outlets "
                               "tell too; the anchor is the passage they are compared with.",
                               style="dim"))
            console.print(matrix.header())
            for c in claims:
                marks = [RELATION_MARKS[r] for r in relations(self.story, c)]
                text = Text(visible(claim_text(self.story, c)))
                self._lines(console, matrix.rows(claim_label(c), marks, text, self.width))
        elif shown_claims(self.story, self.kinds):
            console.print(Text("No claim of the selected kinds is carried by two or more "
                               "outlets.", style="dim"))
        else:
            console.print(Text(no_claims(self.story, self.kinds)))
        for article, only in only_claims(self.story, self.kinds):
            console.print()
            outlet = self.story.articles[article].outlet
            console.print(Text.assemble((f"Only in {self.labels[article]}", "bold"),
                                        f" ({visible_line(outlet)})"))
            for c in only:
                line = Text.assemble(" " * _INDENT, (claim_label(c), "bold"), " ",
                                     visible(claim_text(self.story, c)))
                console.print(_cut(line, self.width))

    def _quotes(self, console: Console) -> None:
        quotes = self.story.quotes
        if not quotes:
            return
        console.print(Rule("Quotes", style="dim"))
        extents = shown_extents(self.story)
        matrix = _Matrix.fit(self.labels, [quote_label(q) for q in quotes], self.width,
                             suffix_width=1 if extents else 0)
        console.print(matrix.legend(QUOTE_MARKS, extents))
        if extents:
            console.print(Text(EXTENT_NOTE, style="dim"))
        console.print(matrix.header())
        for q in quotes:
            marks = [QUOTE_MARKS[s] for s in quote_statuses(self.story, q)]
            suffixes = [EXTENT_SUFFIXES[e].symbol for e in quote_extents(self.story, q)]
            self._lines(console, matrix.rows(quote_label(q), marks, _quoted(q), self.width,
                                             suffixes))
            for r in q.renderings:
                if r.status == "altered":
                    diff = marked_text(diff_runs(r.diff), color=self.color,
                                       brackets=not self.color)
                    line = Text(self.labels[r.article], style="bold").append(" ").append_text(diff)
                    console.print(Padding(line, (0, 0, 0, matrix.text_column)))

    def _divergences(self, console: Console) -> None:
        found = divergences_by_claim(self.story, self.kinds)
        if not found:
            return
        console.print(Rule("Divergences", style="dim"))
        mark = MARKS["divergent"]
        for claim, divergences in found:
            line = Text.assemble((claim_label(claim), "bold"), " ",
                                 visible(claim_text(self.story, claim)))
            console.print(_cut(line, self.width))
            for d in divergences:
                detail = Text.assemble((mark.marker, mark.style), f" {d.type}: ",
                                       visible(format_values(d, self.labels)))
                console.print(Padding(detail, (0, 0, 0, _INDENT)))

    @staticmethod
    def _lines(console: Console, lines: list[Text]) -> None:
        for line in lines:
            console.print(line, no_wrap=True)


def _quoted(q: Quote) -> Text:
    """A quote's canonical words in quotation marks, and who said them when known."""
    text = Text(f"\u201c{visible(' '.join(q.text.split()))}\u201d")
    if q.speaker:
        text.append(f" \u2014 {visible_line(q.speaker)}", style="italic")
    return text


def _cut(line: Text, width: int) -> Text:
    """``line`` on one line of at most ``width`` cells, ending in "…" if it was longer."""
    line.truncate(width, overflow="ellipsis")
    return line
