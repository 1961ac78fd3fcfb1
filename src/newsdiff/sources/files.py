"""Bytes from a file or standard input, never more than a cap; the error for unusable input.

The bottom of :mod:`newsdiff.sources`: the formats turn these bytes into an
article, and :mod:`~newsdiff.sources.url` applies the same cap to a page.
Anything we cannot use (a missing file, a directory, a named pipe or a
device, a file over the cap) becomes an ``InputError`` with a one-line message
naming the file, never a traceback, never unbounded memory, and never a wait:
only regular files are read, and they are opened without blocking.  :func:`cannot_read` makes that message
for every part of ``sources`` (decoding, the formats, fetching), so it lives
here, in the module all of them already build on.
"""

from __future__ import annotations

import os
import stat
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
    Only a regular file is read (see :func:`_open_regular`): a pipe is read as
    standard input, never by name.
    """
    cap = max_bytes()
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return capped(stream.read(cap + 1), STDIN_NAME, cap), STDIN_NAME
    return read_file(path, cap), path


def read_file(path: str, cap: int, too_large: str | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``cap`` of them.

    Every file ``sources`` reads comes through here (an article, an ``outlets.toml``), so each
    is refused by the same one-line error when it is missing, unreadable, not a regular
    file or too large; ``too_large`` says why a file over ``cap`` is refused when the
    input cap (see :func:`capped`) is not the reason.
    """
    try:
        with _open_regular(path) as handle:
            capped(b"", path, cap, os.fstat(handle.fileno()).st_size, too_large)
            return capped(handle.read(cap + 1), path, cap, too_large=too_large)
    except FileNotFoundError:
        raise cannot_read(path, "no such file") from None
    except PermissionError:
        raise cannot_read(path, "permission denied") from None
    except OSError as exc:
        raise cannot_read(path, (exc.strerror or str(exc)).lower()) from None


def _open_regular(path: str) -> BinaryIO:
    """``path`` opened for reading, or an InputError if it is not a regular file.

    A named pipe would block ``open()`` until some writer came, a device such
    as ``/dev/zero`` never ends and a terminal waits for typing, so the file is
    opened with ``O_NONBLOCK`` (which opens a pipe at once and changes nothing
    for a regular file) and its type checked on the open descriptor, where it
    cannot change between the check and the read.  A socket cannot be opened
    at all; its type is named from ``stat`` instead of the bare "no such device".
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        mode = _mode(path)
        if mode is None or stat.S_ISREG(mode) or stat.S_ISDIR(mode):
            raise
        raise cannot_read(path, _kind(mode)) from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise cannot_read(path, "is a directory" if stat.S_ISDIR(mode) else _kind(mode))
    return os.fdopen(fd, "rb")


def _mode(path: str) -> int | None:
    """The file type and permission bits of ``path``, if it exists (``stat`` never blocks)."""
    try:
        return os.stat(path).st_mode
    except OSError:
        return None


_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    """Why a file of ``mode`` (not a regular file, not a folder) is not read; a pipe or a
    terminal given by name is usually meant as standard input, so the message says how."""
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    hint = " ('-' reads standard input)" if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) else ""
    return f"{kind}, not a regular file{hint}"


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


def capped(data: bytes, name: str, cap: int, size: int | None = None,
           too_large: str | None = None) -> bytes:
    """``data``, unless it (or the file's ``size``, when known) is over ``cap`` bytes: then
    an InputError saying ``too_large``, by default that the input cap was passed."""
    if max(len(data), size or 0) > cap:
        mib, rest = divmod(cap, 1024 * 1024)
        shown = f"{mib} MB" if mib and not rest else f"{cap} bytes"
        raise cannot_read(name, too_large or
                          f"larger than {shown} (the cap; {MAX_BYTES_VAR} sets another)")
    return data


def cannot_read(name: str, reason: str) -> InputError:
    """The one-line error for an unusable input, with the name made printable."""
    return InputError(f"newsdiff: cannot read '{printable(name)}': {reason}")


def printable(text: str, limit: int | None = None) -> str:
    """``text`` for a one-line message: unprintable characters escaped (``\\x1b``), and cut
    to ``limit`` characters with an ellipsis when given (a name from a file may be long)."""
    shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    return shown if limit is None or len(shown) <= limit else shown[: limit - 1] + "\u2026"
