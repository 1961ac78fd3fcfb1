"""The cache folder on disk: whose it is, entries checked when read, written whole, a size bound.

This module keeps bytes and knows nothing of what they mean
(:mod:`newsdiff.cache.results` does).  What it guards against:

- **Someone else's folder.**  A folder owned by another user, or one that
  group or others may write to (``NEWSDIFF_CACHE_DIR`` in a shared
  temporary folder, ``sudo`` keeping the user's ``HOME``), is not used: its
  entries could be anyone's.  One line on stderr says so, once per process
  (see :func:`folder`), and the work goes on uncached.
- **Damage.**  Each entry starts with the SHA-256 of the rest: a bit flipped
  on disk, a truncated write, is a miss and the entry is removed.
- **Things that are not entries.**  An entry is opened without following a
  symbolic link, without waiting (a FIFO), and read only if it is a regular
  file no larger than :data:`MAX_ENTRY_BYTES` (a link to ``/dev/zero``, a
  device or a folder in its place is a miss, never a hang or an endless
  read).

Anything else that goes wrong (a read-only folder, a full disk, a cache
folder that is a file) is silent: the cache only ever saves time, it never
fails the work it caches.

``NEWSDIFF_CACHE_DIR`` names another folder; ``NEWSDIFF_NO_CACHE=1`` turns the
cache off (compute afresh, neither read nor write).

Light to import (no engine module): the command line imports it on every run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
from pathlib import Path

ENV_DIR = "NEWSDIFF_CACHE_DIR"
ENV_OFF = "NEWSDIFF_NO_CACHE"

#: The most the entries may take on disk; past it the least recently used go, down to
#: :data:`TRIM_TO` of it, so that one trim makes room for many writes.
MAX_BYTES = 500 * 1024 * 1024
TRIM_TO = 0.8
#: The folder is measured on a process's first write and then again after every
#: ``MAX_BYTES * CHECK_SHARE`` bytes it writes: measuring walks every entry, too slow
#: to do on every write, and several processes overshoot the bound by this much at most.
CHECK_SHARE = 0.05
#: The largest entry read or written.  An entry takes about as many bytes as the texts
#: it compares (0.6 to 1.5 times on the sample story), so a pair at the input cap (20 MB
#: each) fits; a larger result is simply not kept.
MAX_ENTRY_BYTES = 128 * 1024 * 1024

#: The length of an entry's header: the SHA-256 of the payload in hex, and a newline.
_HEADER = 65
#: How an entry is opened: never through a symbolic link, never waiting for a writer
#: (a FIFO), binary on Windows (which has neither of the others).
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
#: Folders this module makes are the user's alone.
_FOLDER_MODE = 0o700

#: Bytes written by this process since the folder was last measured; ``None``: never yet.
_unmeasured: int | None = None
#: Whether this process has said it is not using a cache folder (it says so once).
_warned = False


def cache_dir() -> Path:
    """``$NEWSDIFF_CACHE_DIR`` if set, else ``newsdiff`` in the platform's user cache folder."""
    if override := os.environ.get(ENV_DIR):
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsdiff", appauthor=False))


def enabled() -> bool:
    """Whether to use the cache: not when ``NEWSDIFF_NO_CACHE`` is set (other than ``0``)."""
    return os.environ.get(ENV_OFF, "") in ("", "0")


def folder(name: str) -> Path | None:
    """The folder ``name`` in the cache folder, made if need be; ``None`` if it is not to
    be used.

    Both the cache folder (through a symbolic link, if one owned by the user or
    by root) and ``name`` (a folder itself, never a link) must be the user's
    and writable by no one else, and a missing cache folder is made only in a
    folder of the user's or root's (not, under ``sudo``, in the user's home,
    where it would then be in the user's way); a folder that fails this is
    reported on stderr (once per process) and not used.  The folders are
    checked on every call, a few ``stat`` calls: they may be deleted or
    replaced while a reader runs.  One that cannot be made (read-only, a file
    in the way) is silently not used.
    """
    root = cache_dir()
    sub = root / name
    try:
        problem = _problem(root, sub)
    except OSError:
        return None
    if problem is not None:
        _warn(*problem)
        return None
    return sub


def _problem(root: Path, sub: Path) -> tuple[Path, str] | None:
    """What is wrong with ``root`` or ``sub`` (see :func:`folder`), making them as needed."""
    if not os.path.lexists(root) and (problem := _made_for_another(root)):
        return problem
    root.mkdir(mode=_FOLDER_MODE, parents=True, exist_ok=True)
    if problem := _not_private(root, link_ok=True):
        return problem
    with contextlib.suppress(FileExistsError):
        sub.mkdir(mode=_FOLDER_MODE)
    return _not_private(sub, link_ok=False)


def _made_for_another(path: Path) -> tuple[Path, str] | None:
    """Why ``path``, which does not exist, is not to be made: its nearest existing
    parent belongs to another user than this one or root."""
    if not hasattr(os, "geteuid"):
        return None
    parent = next(p for p in path.parents if os.path.lexists(p))
    owner = os.stat(parent).st_uid
    if owner not in (os.geteuid(), 0):
        return path, f"it would be made in {parent}, which belongs to another user (uid {owner})"
    return None


def _not_private(path: Path, *, link_ok: bool) -> tuple[Path, str] | None:
    """Why ``path`` is not a folder of this user's alone (the folder at fault and the
    reason), or ``None`` if it is.  Raises ``OSError`` if it is not a folder at all.

    Not checked where there are no user ids (Windows): a user's cache folder there is
    private unless its ACLs were changed.
    """
    if not hasattr(os, "geteuid"):
        return None
    user = os.geteuid()
    st = os.lstat(path)
    if stat.S_ISLNK(st.st_mode):
        if not link_ok:
            return path, "it is a symbolic link"
        if st.st_uid not in (user, 0):
            return path, f"it is a symbolic link owned by another user (uid {st.st_uid})"
        st = os.stat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise NotADirectoryError(path)
    if st.st_uid != user:
        return path, f"it is owned by another user (uid {st.st_uid}, not {user})"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return path, f"others may write to it (mode {stat.S_IMODE(st.st_mode):04o})"
    return None


def _warn(path: Path, reason: str) -> None:
    """Say, the first time in this process, that the cache folder ``path`` is not used.

    One line, whatever the folder's name holds: its line breaks and other characters that
    do not print (a terminal's escapes) are spelled out as Python escapes.
    """
    global _warned
    if not _warned:
        _warned = True
        line = f"not using the cache folder {path}: {reason}"
        shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in line)
        print(f"newsdiff: {shown}", file=sys.stderr)


def read_entry(path: Path) -> bytes | None:
    """The payload of the entry at ``path``, touched as just used; ``None`` if there is
    no usable entry (a damaged one is removed).

    At most the size the entry had when opened, plus one byte, is read: one that grows
    meanwhile is a miss.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > _HEADER + MAX_ENTRY_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(st.st_size + 1)
        payload = data[_HEADER:]
        if (len(data) > st.st_size
                or data[:_HEADER] != hashlib.sha256(payload).hexdigest().encode() + b"\n"):
            drop_entry(path)
            return None
        with contextlib.suppress(OSError):  # the mtime orders the eviction (LRU first)
            os.utime(fd if os.utime in os.supports_fd else path)
        return payload
    except OSError:
        return None
    finally:
        os.close(fd)


def drop_entry(path: Path) -> None:
    """Remove an entry that turned out unusable (damaged, or from older code)."""
    with contextlib.suppress(OSError):
        path.unlink()


def write_entry(path: Path, payload: bytes, *, bounded: Path) -> None:
    """Keep ``payload`` at ``path`` (a file in a folder under ``bounded``, which
    :func:`folder` gave), with its hash; nothing at all if that fails (a full disk, a
    read-only folder) or it is over :data:`MAX_ENTRY_BYTES`.

    A temporary file in the same folder, renamed over ``path``: readers in other
    processes see the old file, the new one or none, never half of one.  Nothing is
    followed: the temporary file is new (``O_EXCL``), the rename replaces a link at
    ``path`` rather than writing where it points, and a link in place of ``path``'s
    folder is not written through.  The entry counts towards ``bounded``'s size bound
    (see :func:`trim`).
    """
    if len(payload) > MAX_ENTRY_BYTES:
        return
    data = hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    try:
        path.parent.mkdir(mode=_FOLDER_MODE, exist_ok=True)
        if not stat.S_ISDIR(os.lstat(path.parent).st_mode):
            return
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return
    _wrote(bounded, len(data))


def _wrote(root: Path, size: int) -> None:
    """Count ``size`` bytes written under ``root``; trim it when it is time to measure."""
    global _unmeasured
    if _unmeasured is not None and _unmeasured + size < MAX_BYTES * CHECK_SHARE:
        _unmeasured += size
        return
    _unmeasured = 0
    trim(root)


def trim(root: Path, limit: int | None = None) -> None:
    """Past ``limit`` bytes (:data:`MAX_BYTES`) of files under ``root``, delete the least
    recently used (oldest mtime) until they take :data:`TRIM_TO` of it.

    Temporary files left by a killed writer count too, and go as they age.
    """
    limit = MAX_BYTES if limit is None else limit
    files = []
    with contextlib.suppress(OSError):
        for sub in os.scandir(root):
            if sub.is_dir(follow_symlinks=False):
                files.extend(_files_of(sub.path))
    total = sum(size for _, size, _ in files)
    if total <= limit:
        return
    for _, size, path in sorted(files):
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size
        if total <= limit * TRIM_TO:
            return


def _files_of(shard: str) -> list[tuple[float, int, str]]:
    """``(mtime, size, path)`` of each file in ``shard``; none if it cannot be read."""
    out = []
    with contextlib.suppress(OSError), os.scandir(shard) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    out.append((st.st_mtime, st.st_size, entry.path))
    return out
