"""The terminal view: both articles side by side on wide terminals, stacked on narrow ones.

Article text is untrusted.  It only ever enters Rich as :class:`rich.text.Text`
built from :func:`~newsdiff.present.visible.visible` output, never as markup, so
a headline like ``[bold red]x[/]`` prints literally and ``\\x1b[2J`` cannot
clear the reader's screen.  Without colour, changed words are bracketed as in
``wdiff`` so the output still says everything in a pipe or a log.

A group passage (several pairs sharing sentences) prints each of its sentences
once, labelled ``A1`` / ``B12``: A's sentences on the left and B's on the right
(wide) or A's above B's (stacked), then one line per kind of pair, each with its
own marker, naming the pairs and their details.  Which sentences carry word
highlights is :func:`~newsdiff.present.passages.highlight_pair`'s rule.

How changed words are marked (:func:`marked_text`) and how a view is printed
to a string (:func:`print_to_string`) are shared with the story view, the
session list and the reader, so all of them read alike.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Collection, Iterable

from rich.console import Console
from rich.text import Text

from newsdiff.present.diffs import side_runs, split_padding
from newsdiff.present.markers import (
    DELETED_BRACKETS,
    DELETED_STYLE,
    INSERTED_BRACKETS,
    INSERTED_STYLE,
    MARKS,
)
from newsdiff.present.passages import (
    DEFAULT_KINDS,
    Passage,
    format_detail,
    hidden_boilerplate,
    highlight_pair,
    pair_lines,
    passages,
    sentence_label,
    sentences_text,
)
from newsdiff.present.summary import SUMMARY_NOTE, summarize, summary_rows
from newsdiff.present.visible import visible, visible_line
from newsdiff.render.columns import (
    LINE,
    Cell,
    as_printed,
    flow,
    indented,
    lay_out,
    rule,
    split_width,
    wrap,
)
from newsdiff.render.selection import no_passages
from newsdiff.values import Alignment, Article, Comparison

#: From this many columns on, A and B are shown side by side.
SIDE_BY_SIDE_WIDTH = 120

_MARKER_WIDTH = max(len(m.marker) for m in MARKS.values())
#: Spaces between columns, and between A and B side by side.
_GAP = 1
_SIDE_GAP = 2
#: Indent of the pair lines under a group, and of a pair's details: under the text.
_PAIR_INDENT = _MARKER_WIDTH + 1
_DETAIL_INDENT = _MARKER_WIDTH + 3
#: The summary's outlet columns wrap beyond this width; its columns are this far apart.
_SUMMARY_COLUMN = 30
_SUMMARY_GAP = 3
_CHANGE = {"a": (DELETED_STYLE, DELETED_BRACKETS), "b": (INSERTED_STYLE, INSERTED_BRACKETS)}


def changed_words(side: str, words: str, *, color: bool, brackets: bool) -> Text:
    """Words only one side has: coloured, bracketed ``[-…-]`` / ``{+…+}``, or both.

    The one-shot view brackets only without colour; the reader does both.
    """
    if not words:
        return Text()
    style, (open_, close) = _CHANGE[side]
    shown = f"{open_}{visible(words)}{close}" if brackets else visible(words)
    return Text(shown, style=style if color else "")


def highlighted_side(al: Alignment, side: str, *, color: bool, brackets: bool) -> Text:
    """One side of a pair with the words only that side has marked."""
    return marked_text(side_runs(al, side), color=color, brackets=brackets)


def marked_text(runs: Iterable[tuple[str, str | None]], *, color: bool, brackets: bool) -> Text:
    """``(text, side)`` runs joined, the words of runs that only side ``a`` or ``b`` has marked.

    One side of a pair passes only its own changes; a whole diff (a quote's
    changed words, in the story view) passes both sides' runs.
    """
    text = Text()
    for run, side in runs:
        if side is None:
            text.append(visible(run))
        else:
            lead, core, trail = split_padding(run)
            text.append(visible(lead))
            text.append_text(changed_words(side, core, color=color, brackets=brackets))
            text.append(visible(trail))
    return text


def render_text(
    c: Comparison,
    *,
    kinds: Collection[str] = DEFAULT_KINDS,
    width: int = 80,
    color: bool = False,
) -> str:
    """``c`` drawn for a terminal ``width`` columns wide, with or without ANSI colour."""
    view = _TextView(c, color, width)
    return print_to_string(lambda console: view.draw(console, kinds), width=width, color=color)


def print_to_string(draw: Callable[[Console], None], *, width: int, color: bool) -> str:
    """What ``draw`` prints on a console ``width`` columns wide, with or without ANSI colour.

    Markup, emoji codes and highlighting are off: article text must print as is.
    """
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        no_color=not color,
        markup=False,
        emoji=False,
        highlight=False,
    )
    draw(console)
    out = console.file.getvalue()
    # Rich pads table cells to the full width; without colour that is only trailing junk.
    return out if color else "\n".join(line.rstrip() for line in out.split("\n"))


def headline(article: Article) -> Text:
    """Outlet and title in bold; byline and path dimmed below them, each on one line (a
    line break in a name is spelled out, :func:`~newsdiff.present.visible.visible_line`)."""
    head = Text.assemble(
        (visible_line(article.outlet), "bold"),
        " \u2014 " if article.outlet and article.title else "",
        (visible_line(article.title), "bold"),
    )
    meta = " \u00b7 ".join(visible_line(x) for x in (article.byline, article.path) if x)
    if meta:
        head.append(f"\n{meta}", style="dim")
    return head


class _TextView:
    """Draws one comparison; the layout differs only in how a passage's rows are laid out."""

    def __init__(self, c: Comparison, color: bool, width: int) -> None:
        self.c = c
        self.color = color
        self.width = width
        self.wide = width >= SIDE_BY_SIDE_WIDTH

    def draw(self, console: Console, kinds: Collection[str]) -> None:
        lines = [*self._headlines(), *self._legend(), rule("", self.width)]
        shown = passages(self.c, kinds)
        if not shown:
            lines += [*wrap(Text(no_passages(self.c, kinds)), self.width), Text()]
        for passage in shown:
            if passage.is_group:
                lines += self._group(passage) + self._pair_lines(passage)
            else:
                lines += self._passage(passage)
                for detail in passage.alignment.details if passage.alignment else ():
                    lines += lay_out([Text(), self._detail(format_detail(detail))],
                                     [_DETAIL_INDENT, self.width - _DETAIL_INDENT], [0])
            lines.append(Text())
        note = hidden_boilerplate(self.c, kinds)
        if note:
            lines += wrap(Text(note, style=MARKS["boilerplate"].style), self.width)
        lines += [rule("Summary", self.width), *self._summary()]
        console.print(as_printed(console, lines), crop=False)

    def _headlines(self) -> list[Text]:
        rows = [(Text(side, style="bold"), headline(article))
                for side, article in (("A", self.c.a), ("B", self.c.b))]
        if self.wide:
            a, b = (self._labelled([row], width)
                    for row, width in zip(rows, self._side_widths(), strict=True))
            return self._row(Text(), a, b)
        return [line for label, head in rows for line in self._row(Text(), label, head)]

    def _legend(self) -> list[Text]:
        """Each marker and what it means, as many to a line as fit."""
        items = [Text(m.marker, style=m.style).append(f" {m.label}") for m in MARKS.values()]
        items.append(Text("changed words: ")
                     .append(changed_words("a", "A", color=self.color, brackets=not self.color))
                     .append(" ")
                     .append(changed_words("b", "B", color=self.color, brackets=not self.color)))
        return flow(items, self.width, gap=2)

    def _side_widths(self) -> list[int]:
        """The widths of A's and B's columns side by side."""
        return split_width(self.width - _MARKER_WIDTH - _GAP - _SIDE_GAP, 2)

    def _row(self, marker: Text, first: Cell, second: Cell,
             label_width: int = 1) -> list[Text]:
        """A marker, then A and B side by side (wide), or a side label and its text (stacked)."""
        if self.wide:
            return lay_out([marker, first, second],
                           [_MARKER_WIDTH, *self._side_widths()], [_GAP, _SIDE_GAP])
        room = self.width - _MARKER_WIDTH - label_width - 2 * _GAP
        return lay_out([marker, first, second],
                       [_MARKER_WIDTH, label_width, room], [_GAP, _GAP])

    def _group(self, p: Passage) -> list[Text]:
        """A group: each sentence once, labelled; A's left of (wide) or above (stacked) B's."""
        mark = MARKS[p.mark]
        marker = Text(mark.marker, style=mark.style)
        rows = {side: [(Text(sentence_label(side, i), style="bold"), self._sentence(p, side, i))
                       for i in getattr(p, side)] for side in ("a", "b")}
        if self.wide:
            a, b = (self._labelled(rows[side], width)
                    for side, width in zip(("a", "b"), self._side_widths(), strict=True))
            return self._row(marker, a, b)
        label_width = max(label.cell_len for label, _ in rows["a"] + rows["b"])
        lines = []
        for label, text in rows["a"] + rows["b"]:
            lines += self._row(marker, label, text, label_width)
            marker = Text()
        return lines

    @staticmethod
    def _labelled(rows: list[tuple[Text, Text]], width: int) -> list[Text]:
        """One side of a wide group, ``width`` columns: labels, and the sentences beside them."""
        label_width = max(label.cell_len for label, _ in rows)
        return [line for label, text in rows
                for line in lay_out([label, text],
                                    [label_width, width - label_width - _GAP], [_GAP])]

    def _pair_lines(self, p: Passage) -> list[Text]:
        """Under a group: each kind's marker and label, then its pairs and their details,
        a long list of pairs wrapping under itself, not under the marker."""
        lines = pair_lines(p)
        label_width = max(len(MARKS[line.mark].label) for line in lines)
        room = self.width - _PAIR_INDENT - _MARKER_WIDTH - label_width - 2 * _GAP
        out = []
        for line in lines:
            mark = MARKS[line.mark]
            text = Text(line.pairs)
            if line.details:
                text.append(" \u2014 ").append(self._detail(line.details))
            out += lay_out([Text(), Text(mark.marker, style=mark.style),
                                     Text(mark.label), text],
                           [_PAIR_INDENT - _GAP, _MARKER_WIDTH, label_width, room],
                           [_GAP, _GAP, _GAP])
        return out

    @staticmethod
    def _detail(detail: str) -> Text:
        return Text(visible(detail), style=MARKS["divergent"].style)

    def _passage(self, p: Passage) -> list[Text]:
        mark = MARKS[p.mark]
        marker = Text(mark.marker, style=mark.style)
        a, b = (self._side(p, side) if getattr(p, side) else None for side in ("a", "b"))
        if self.wide:
            return self._row(marker, a or Text(), b or Text())
        lines = []
        for side, text in (("A", a), ("B", b)):
            if text is not None:
                lines += self._row(marker, Text(side, style="bold"), text)
                marker = Text()
        return lines

    def _side(self, p: Passage, side: str) -> Text:
        """One side's text of a passage, its changed words highlighted where that helps."""
        al = p.highlighted
        if al is None:
            article = self.c.a if side == "a" else self.c.b
            style = MARKS["boilerplate"].style if p.kind == "boilerplate" else ""
            return Text(visible(sentences_text(article, getattr(p, side))), style=style)
        return highlighted_side(al, side, color=self.color, brackets=not self.color)

    def _sentence(self, p: Passage, side: str, index: int) -> Text:
        """One sentence of a group, highlighted against its partner if it has one to show."""
        al = highlight_pair(p, side, index)
        if al is not None:
            return highlighted_side(al, side, color=self.color, brackets=not self.color)
        return Text(visible(sentences_text(self.c.a if side == "a" else self.c.b, (index,))))

    def _summary(self) -> list[Text]:
        """The counts and shares per kind: a bold header, a rule, one row per kind, the note.

        The outlets' columns are at most :data:`_SUMMARY_COLUMN` wide (a long
        outlet name wraps) and right-aligned, like the numbers under them.
        """
        header, *rows = summary_rows(summarize(self.c), (self.c.a.outlet, self.c.b.outlet))
        cells = [[Text(visible(cell), style="bold") for cell in header],
                 *([Text(visible(cell)) for cell in row] for row in rows)]
        widths = [min(max(cell.cell_len for cell in column), _SUMMARY_COLUMN)
                  for column in zip(*cells, strict=True)]
        gaps = [_SUMMARY_GAP] * (len(widths) - 1)
        lines = []
        for n, row in enumerate(cells):
            laid = [wrap(cell, width) for cell, width in zip(row, widths, strict=True)]
            for column, width in zip(laid[1:], widths[1:], strict=True):
                for line in column:  # numbers (and their headings) align right
                    line.align("right", width)
            lines += indented(lay_out(laid, widths, gaps), 1)
            if n == 0:
                lines += indented([Text(LINE * (sum(widths) + sum(gaps)))], 1)
        return [*lines, Text(), *wrap(Text(SUMMARY_NOTE, style="dim"), self.width)]
