"""The cache folder on disk: where it is, entries written whole or not at all, a size bound.

Two kinds of entry live here, each kept by its own module: comparisons
(:mod:`newsdiff.cache.results`) and compiled generated code
(:mod:`newsdiff.cache.code`).  This module knows neither; it only keeps files.

Anything that goes wrong while writing (a read-only folder, a full disk, a
cache folder that is a file) is silent: the cache only ever saves time, it
never fails the work it caches.

``NEWSDIFF_CACHE_DIR`` names another folder; ``NEWSDIFF_NO_CACHE=1`` turns the
comparison cache off (compute afresh, neither read nor write).

Light to import (no engine module): the command line imports it on every run.
"""

from __future__ import annotations

import contextlib
import os
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

#: Bytes written by this process since the folder was last measured; ``None``: never yet.
_unmeasured: int | None = None


def cache_dir() -> Path:
    """``$NEWSDIFF_CACHE_DIR`` if set, else ``newsdiff`` in the platform's user cache folder."""
    if override := os.environ.get(ENV_DIR):
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsdiff", appauthor=False))


def enabled() -> bool:
    """Whether to use the comparison cache: not when ``NEWSDIFF_NO_CACHE`` is set (other
    than ``0``)."""
    return os.environ.get(ENV_OFF, "") in ("", "0")


def read_entry(path: Path) -> bytes | None:
    """The bytes of the entry at ``path``, touched as just used; ``None`` if there is none."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # the mtime orders the eviction: least recently used first
    return data


def drop_entry(path: Path) -> None:
    """Remove an entry that turned out unusable (damaged, or from older code)."""
    with contextlib.suppress(OSError):
        path.unlink()


def write_entry(path: Path, data: bytes, *, bounded: Path | None = None) -> bool:
    """Write ``data`` at ``path``; whether that worked (a full disk, a read-only folder:
    not, and nothing is left behind).

    A temporary file in the same folder, renamed over ``path``: readers in other
    processes see the old file, the new one or none, never half of one.  Entries
    under ``bounded`` count towards its size bound (see :func:`trim`).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    if bounded is not None:
        _wrote(bounded, len(data))
    return True


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
        for folder in os.scandir(root):
            if folder.is_dir(follow_symlinks=False):
                files.extend(_files_of(folder.path))
    total = sum(size for _, size, _ in files)
    if total <= limit:
        return
    for _, size, path in sorted(files):
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size
        if total <= limit * TRIM_TO:
            return


def _files_of(folder: str) -> list[tuple[float, int, str]]:
    """``(mtime, size, path)`` of each file in ``folder``; none if it cannot be read."""
    out = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    out.append((st.st_mtime, st.st_size, entry.path))
    return out
