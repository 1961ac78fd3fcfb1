"""What every reader of a large input shares: opening it (gunzipped when it is ``.gz``),
its lines one at a time under a cap, and the rule for an input that breaks mid-way.

An archive of millions of articles is read as a stream, never whole, so a
reader holds one line, one row batch or one WARC record at a time.  A line is
read at most :func:`newsdiff.sources.files.max_bytes` bytes at a time, so a
file without line ends cannot fill memory either.  A file that breaks part
way (a gzip cut short by a failed copy, a corrupt Parquet page) keeps the
records read before the break and ends with one reject saying why
(:func:`guarded`): a long run should not be lost to the last megabyte of one
of its inputs, and the reject says which records are missing.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from newsdiff.corpus.records import Record, Reject

Item = Record | Reject

TRUNCATED_GZIP = "truncated gzip"
CORRUPT_GZIP = "corrupt gzip"
READ_ERROR = "read error"


def open_binary(path: str) -> BinaryIO:
    """``path`` opened for reading bytes, decompressed as it is read when it is ``.gz``.

    Called through the module (``streams.open_binary``) by every reader, so a test can
    watch how much of a file has been read.
    """
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")  # the caller closes it


@dataclass(slots=True)
class Cursor:
    """Where a reader is in its input: the line, row or offset of the item being read."""

    path: str
    at: int = 0

    def origin(self) -> str:
        """``path:at``, as origins are written."""
        return f"{self.path}:{self.at}"


def lines(handle: BinaryIO, cap: int, cursor: Cursor) -> Iterator[bytes | None]:
    """The lines of ``handle`` as bytes, the line end kept; None for a line longer than
    ``cap`` bytes, which is skipped (read and dropped ``cap`` bytes at a time).

    ``cursor.at`` is the 1-based number of the line last given.
    """
    while line := handle.readline(cap + 1):
        cursor.at += 1
        if len(line) > cap and not line.endswith(b"\n"):
            while (rest := handle.readline(cap + 1)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def decode_line(line: bytes, number: int) -> str:
    """A line's text, bytes that are not UTF-8 kept as lone surrogates (which a record
    refuses as ``bad encoding``, see :mod:`~newsdiff.corpus.inputs.fields`) so that one bad
    line does not stop the file; the first line's BOM dropped."""
    text = line.decode("utf-8", "surrogateescape")
    return text.removeprefix("\ufeff") if number == 1 else text


def guarded(items: Iterator[Item], where: Callable[[], str],
            reason: Callable[[Exception], str | None] = lambda _: None) -> Iterator[Item]:
    """``items``, until reading them fails: then one Reject at ``where()`` and no more.

    ``reason`` names the failures a reader knows (a corrupt Parquet file); a gzip cut
    short or corrupt and a failed read are known to all.  Anything else is a bug and
    is raised.
    """
    try:
        yield from items
    except Exception as exc:  # re-raised below unless it is a known failure
        why = reason(exc) or _stream_reason(exc)
        if why is None:
            raise
        yield Reject(where(), why)


def _stream_reason(exc: Exception) -> str | None:
    """The reject reason for a failure of the file itself, or None for any other."""
    if isinstance(exc, EOFError):
        return TRUNCATED_GZIP
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return CORRUPT_GZIP
    if isinstance(exc, OSError):
        return READ_ERROR
    return None
