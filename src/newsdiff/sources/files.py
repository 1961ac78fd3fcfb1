"""Bytes from a file or standard input, never more than a cap; the error for unusable input.

The bottom of :mod:`newsdiff.sources`: the formats turn these bytes into an
article, and :mod:`~newsdiff.sources.url` applies the same cap to a page.
Anything we cannot use (a missing file, a directory, a file over the cap)
becomes an ``InputError`` with a one-line message naming the file, never a
traceback, and never unbounded memory.  :func:`cannot_read` makes that message
for every part of ``sources`` (decoding, the formats, fetching), so it lives
here, in the module all of them already build on.
"""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

from newsdiff.values import InputError

MAX_BYTES = 20 * 1024 * 1024
"""Largest input accepted by default: far beyond any article, small enough to never exhaust
memory.  ``$NEWSDIFF_MAX_BYTES`` sets another cap (for a book-length text, or a tighter one)."""

MAX_BYTES_VAR = "NEWSDIFF_MAX_BYTES"

STDIN_NAME = "<stdin>"
"""The name standard input (``"-"``) is shown and reported by."""


def read_source(path: str, stdin: BinaryIO | None = None) -> tuple[bytes, str]:
    """The raw bytes of ``path`` (or of stdin for ``"-"``) and the name to report.

    A file whose size is over the cap (see :func:`max_bytes`) is refused before
    it is read; a stream, or a file that grows, is read at most one byte past
    the cap, so an endless stream is refused without filling memory either.
    """
    cap = max_bytes()
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return capped(stream.read(cap + 1), STDIN_NAME, cap), STDIN_NAME
    try:
        with open(path, "rb") as handle:
            capped(b"", path, cap, os.fstat(handle.fileno()).st_size)
            return capped(handle.read(cap + 1), path, cap), path
    except FileNotFoundError:
        raise cannot_read(path, "no such file") from None
    except IsADirectoryError:
        raise cannot_read(path, "is a directory") from None
    except PermissionError:
        raise cannot_read(path, "permission denied") from None
    except OSError as exc:
        raise cannot_read(path, (exc.strerror or str(exc)).lower()) from None


def max_bytes() -> int:
    """The input size cap: ``$NEWSDIFF_MAX_BYTES`` when set, else ``MAX_BYTES``.

    Read at each call, not at import, so a test or a wrapper script can change it.
    """
    value = os.environ.get(MAX_BYTES_VAR, "").strip()
    if not value:
        return MAX_BYTES
    if not (value.isascii() and value.isdigit()) or int(value) <= 0:
        raise InputError(f"newsdiff: {MAX_BYTES_VAR} must be a positive number of bytes, "
                         f"not {value!r}")
    return int(value)


def capped(data: bytes, name: str, cap: int, size: int | None = None) -> bytes:
    """``data``, unless it (or the file's ``size``, when known) is over ``cap`` bytes."""
    if max(len(data), size or 0) > cap:
        mib, rest = divmod(cap, 1024 * 1024)
        shown = f"{mib} MB" if mib and not rest else f"{cap} bytes"
        raise cannot_read(name, f"larger than {shown} (the cap; {MAX_BYTES_VAR} sets another)")
    return data


def cannot_read(name: str, reason: str) -> InputError:
    """The one-line error for an unusable input, with the name made printable."""
    shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in name)
    return InputError(f"newsdiff: cannot read '{shown}': {reason}")
