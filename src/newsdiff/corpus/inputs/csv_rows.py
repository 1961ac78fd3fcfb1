"""CSV with a header row (``.csv``, ``.csv.gz``): the spreadsheet export of an archive.

Read by the standard ``csv`` module from lines given one at a time, each decoded on its
own (bytes that are not UTF-8 reject the row that holds them, not the file), and mapped
by the one row rule (:func:`~newsdiff.corpus.inputs.fields.record_from_row`) under the
header's names.  A row's origin is the line it starts on (the header is line 1).

A quoted field may span lines, so unlike JSONL a CSV file has state across lines: after
a row the parser cannot read (a field over the cap, a row over the cap), where the next
row starts is not known, and what follows would be read out of step.  Such a break ends
the file with one reject, as a cut gzip does.  The ``csv`` module's field size limit is
process-wide; it is raised (never lowered) to the cap on a line, so that an article's
text fits in a field and a missing closing quote cannot swallow the rest of a file
without bound.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from newsdiff.corpus.inputs import streams
from newsdiff.corpus.inputs.fields import FieldMap, record_from_row
from newsdiff.corpus.inputs.streams import Cursor, Item, decode_line, guarded
from newsdiff.sources.files import cannot_read, printable

ROW_TOO_LONG = "row too long"
BROKEN_CSV = "broken CSV: {}"


class _RowTooLong(Exception):
    """A row longer than the cap on a line: where the next one starts is not known."""


def check(path: str, fields: FieldMap, cap: int) -> None:
    """An InputError when the header of ``path`` has no column for the text: every row
    would be a reject, and the user has only to name the column (``--field text=…``).
    A file whose header cannot be read is left to :func:`read` to reject."""
    try:
        with streams.open_binary(path) as handle:
            header = next(csv.reader(_Lines(handle, cap)), None)
    except (csv.Error, _RowTooLong, EOFError, OSError):
        return
    if header is not None and fields.text not in header:
        shown = printable(", ".join(header), 200)
        raise cannot_read(path, f"no column '{printable(fields.text, 60)}' for the text (its "
                                f"columns: {shown}; --field text=COLUMN names another)")


def read(path: str, fields: FieldMap, outlet: str, cap: int) -> Iterator[Item]:
    """The records and rejects of the CSV file ``path``, row by row; ``outlet`` for a row
    that names none, ``cap`` the longest row read, in bytes."""
    cursor = Cursor(path, 1)
    return guarded(_items(path, fields, outlet, cap, cursor), cursor.origin, _reason)


def _items(path: str, fields: FieldMap, outlet: str, cap: int, cursor: Cursor) -> Iterator[Item]:
    """The rows after the header; ``cursor.at`` is the line the row being read starts on."""
    if csv.field_size_limit() < cap:
        csv.field_size_limit(cap)
    with streams.open_binary(path) as handle:
        lines = _Lines(handle, cap)
        rows = csv.reader(lines)
        header = next(rows, [])
        cursor.at = rows.line_num + 1
        for row in rows:
            if row:  # a blank line is no row
                yield record_from_row(dict(zip(header, row, strict=False)), fields,
                                      cursor.origin(), outlet)
            lines.row_bytes, cursor.at = 0, rows.line_num + 1


class _Lines:
    """The decoded lines of a CSV file, for ``csv.reader``, which asks for one line at a
    time and only when the row it is reading needs one; a _RowTooLong once the lines of
    one row (``row_bytes``, set to 0 by the reader after each row) pass ``cap`` bytes."""

    def __init__(self, handle: BinaryIO, cap: int) -> None:
        self.handle, self.cap, self.row_bytes = handle, cap, 0

    def __iter__(self) -> Iterator[str]:
        at = Cursor("")
        for line in streams.lines(self.handle, self.cap, at):
            self.row_bytes += len(line) if line is not None else self.cap + 1
            if self.row_bytes > self.cap:
                raise _RowTooLong
            yield decode_line(line, at.at)


def _reason(exc: Exception) -> str | None:
    """The reject reason for a break only a CSV file has."""
    if isinstance(exc, _RowTooLong):
        return ROW_TOO_LONG
    if isinstance(exc, csv.Error):
        return BROKEN_CSV.format(str(exc)[:80])
    return None
