"""Text laid out in fixed columns, line by line: the one-shot view's passages.

Rich's ``Table`` measures, wraps and pads every cell through its general
layout engine; a passage is just a few columns of known width, and drawing
thousands of them as tables took most of a long comparison's time (6 of 9 s
for a pair of 1 MB articles).  Here each cell is wrapped once (:func:`wrap`:
the line breaks of Rich's ``Text.wrap``, without its general machinery) and
the lines are padded and joined, which gives the same picture at a fraction
of the cost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len, chop_cells
from rich.console import Console
from rich.segment import Segment, Segments
from rich.text import Text

#: What rules are drawn with.
LINE = "\u2500"

#: A cell: text to wrap to its column, or lines already laid out (a nested column set).
Cell = Text | list[Text]

#: A word with the spaces around it (the text's leading spaces go with its first word).
_WORD = re.compile(r"\s*\S+\s*")


def split_width(total: int, parts: int) -> list[int]:
    """``total`` columns shared out evenly, the leftmost parts taking the remainder."""
    base, extra = divmod(max(total, parts), parts)
    return [base + (n < extra) for n in range(parts)]


def wrap(text: Text, width: int) -> list[Text]:
    """``text`` in lines of at most ``width`` cells (``width`` ≥ 1), broken between words, a
    word longer than a line folded, never cut; line breaks in ``text`` are kept, spaces
    at the end of a line dropped.

    What ``Text.wrap`` does for left-justified text, without its general
    machinery (justification, tabs, overflow modes) that took most of the
    time; most cells (markers, labels, short sentences) fit on one line and
    are not even split.
    """
    plain = text.plain
    if "\n" in plain:
        return [line for part in text.split("\n", allow_blank=True) for line in wrap(part, width)]
    if text.cell_len <= width and not plain[-1:].isspace():
        return [text]
    lines = list(text.divide(_breaks(plain, width)))
    for line in lines:
        line.rstrip()
    return lines


def _breaks(plain: str, width: int) -> list[int]:
    """Where to break ``plain`` (one line) so that no part is wider than ``width`` cells."""
    breaks: list[int] = []
    column = 0
    # Printable ASCII (control characters were made visible) is one cell per character.
    measure = len if plain.isascii() else cell_len
    for match in _WORD.finditer(plain):
        start, word = match.start(), match.group()
        size = measure(word.rstrip())
        if column + size > width and column:
            breaks.append(start)
            column = 0
        if size <= width:
            column += measure(word)
            continue
        *full, last = chop_cells(word, width)
        for piece in full:
            start += len(piece)
            breaks.append(start)
        column = cell_len(last)
    return breaks


def lay_out(cells: Sequence[Cell], widths: Sequence[int],
            gaps: Sequence[int]) -> list[Text]:
    """One row of ``cells``, side by side, as lines of text.

    Cell ``n`` is wrapped to ``widths[n]`` (a word longer than that is folded,
    never cut) and followed by ``gaps[n]`` spaces; every cell but the last is
    padded to its width so the next one starts in its column.  Lines end at
    their last character: padding after it is only noise in a pipe.
    """
    columns = [cell if isinstance(cell, list) else wrap(cell, width)
               for cell, width in zip(cells, widths, strict=True)]
    height = max(len(lines) for lines in columns)
    out = []
    for n in range(height):
        line = Text()
        for k, (lines, width) in enumerate(zip(columns, widths, strict=True)):
            part = lines[n] if n < len(lines) else Text()
            line.append_text(part)
            if k < len(columns) - 1:
                line.append(" " * (width - part.cell_len + gaps[k]))
        line.rstrip()
        out.append(line)
    return out


def flow(items: Sequence[Text], width: int, gap: int) -> list[Text]:
    """``items`` left to right, ``gap`` spaces apart, a new line when the next one does
    not fit (an item is never split, unless it is wider than a line on its own)."""
    lines: list[Text] = []
    line = Text()
    for item in items:
        if line.plain and line.cell_len + gap + item.cell_len > width:
            lines.append(line)
            line = Text()
        if line.plain:
            line.append(" " * gap)
        line.append_text(item)
    return [piece for line in [*lines, line] for piece in wrap(line, width)]


def indented(lines: Sequence[Text], spaces: int) -> list[Text]:
    """``lines``, each after ``spaces`` spaces."""
    return [Text(" " * spaces) + line for line in lines]


def rule(title: str, width: int) -> Text:
    """A dim horizontal line across ``width`` columns, ``title`` in its middle if any."""
    if not title:
        return Text(LINE * width, style="dim")
    left = (width - len(title) - 2) // 2
    right = width - len(title) - 2 - left
    return Text(f"{LINE * left} {title} {LINE * right}", style="dim")


def as_printed(console: Console, lines: Sequence[Text]) -> Segments:
    """``lines`` (already laid out to the console's width) as one renderable that
    ``Console.print`` passes through without measuring or wrapping them again.

    Without colour the styles would be dropped anyway, so the plain text is all
    there is to print.
    """
    if console.color_system is None:
        return Segments([Segment("".join(f"{line.plain}\n" for line in lines))])
    segments: list[Segment] = []
    for line in lines:
        segments += line.render(console)
        segments.append(Segment.line())
    return Segments(segments)
