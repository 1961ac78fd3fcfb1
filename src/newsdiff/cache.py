"""A content-addressed, on-disk cache of comparisons, so reopening a story is instant.

Both engines are deterministic functions of the articles' content, so a result
can be looked up by a hash of that content.  The key covers only what the
engines read (each article's title, text and sentences), not where the article
came from (path, outlet, byline, date, address): the same text saved under
another name hits the cache, and the caller's own :class:`Article` objects are
put back into the result, so views still show the new name.

The key also covers :func:`engine_fingerprint`, a hash of the engine's code and
trained model: any change to them makes every old entry unreachable, with no
hand-bumped version number to forget.  Unreachable entries age out under the
size bound (:data:`MAX_BYTES`).

Entries are pickles, one file each, in ``<cache_dir>/comparisons/<key[:2]>/``.
Pickle runs code when loaded, which is acceptable here: the folder is the
user's own, as writable by them as the installed package itself.  Anything
that goes wrong while loading (a truncated or corrupt file, a class that no
longer unpickles after a code change) is a miss, and the file is removed.
Anything that goes wrong while saving (a read-only folder, a full disk, a
cache folder that is a file) is silent: the cache only ever saves time, it
never fails a comparison.

``NEWSDIFF_CACHE_DIR`` names another folder; ``NEWSDIFF_NO_CACHE=1`` turns the
cache off (compute afresh, neither read nor write).

Light to import (no engine module): the reader imports this on its first
comparison and the command line on every run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import marshal
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, TypeVar

from newsdiff import __version__

if TYPE_CHECKING:
    from newsdiff.model import Article, Comparison
    from newsdiff.story_model import Story

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

_SUFFIX = ".pickle"
_PROTOCOL = 5

T = TypeVar("T")

#: Bytes written by this process since the folder was last measured; ``None``: never yet.
_unmeasured: int | None = None


def cache_dir() -> Path:
    """``$NEWSDIFF_CACHE_DIR`` if set, else ``newsdiff`` in the platform's user cache folder."""
    if override := os.environ.get(ENV_DIR):
        return Path(override).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsdiff", appauthor=False))


def enabled() -> bool:
    """Whether to use the cache: not when ``NEWSDIFF_NO_CACHE`` is set (other than ``0``)."""
    return os.environ.get(ENV_OFF, "") in ("", "0")


@functools.cache
def engine_fingerprint() -> str:
    """A hash of everything the engines' results depend on besides the articles: the
    version and :func:`engine_files`.  About a megabyte, hashed once per process."""
    package = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in engine_files():
        digest.update(b"\0" + path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def engine_files() -> list[Path]:
    """The package's top-level modules (the engine) and its trained model (``data/``).

    The front ends in ``render/``, ``tui/`` and ``review/`` do not change results,
    so editing them keeps the cache.
    """
    package = Path(__file__).parent
    data = sorted(p for p in (package / "data").iterdir() if p.is_file())
    return [*sorted(package.glob("*.py")), *data]


def entry_key(kind: str, articles: Sequence[Article]) -> str:
    """The key of the ``kind`` ("pair" or "story") result for ``articles``, in order.

    A canonical JSON encoding of what the engines read, never a pickle (whose
    bytes may vary between equal values).
    """
    content = [
        engine_fingerprint(), kind,
        [[a.title, a.text, [[s.index, s.start, s.end, s.text, s.boilerplate]
                            for s in a.sentences]]
         for a in articles],
    ]
    return hashlib.sha256(json.dumps(content).encode()).hexdigest()


def cached_compare(a: Article, b: Article, *, use_cache: bool = True) -> Comparison:
    """``newsdiff.compare.compare(a, b)``, from the cache when it holds it.

    ``use_cache=False`` (``newsdiff --no-cache``) computes afresh and saves nothing.
    """
    from newsdiff.model import Comparison

    def compute() -> Comparison:
        from newsdiff.compare import compare

        return compare(a, b)

    result = _cached("pair", (a, b), Comparison, compute) if use_cache else compute()
    return replace(result, a=a, b=b)


def cached_compare_story(articles: Sequence[Article], *, use_cache: bool = True) -> Story:
    """``newsdiff.story.compare_story(articles)``, from the cache when it holds it
    (``use_cache`` as for :func:`cached_compare`)."""
    from newsdiff.story_model import Story

    articles = tuple(articles)

    def compute() -> Story:
        from newsdiff.story import compare_story

        return compare_story(articles)

    result = _cached("story", articles, Story, compute) if use_cache else compute()
    return replace(result, articles=articles)


def _cached(kind: str, articles: Sequence[Article], cls: type[T], compute: Callable[[], T]) -> T:
    """The entry for ``articles``, else ``compute()``, saved for next time."""
    if not enabled():
        return compute()
    key = entry_key(kind, articles)
    path = cache_dir() / "comparisons" / key[:2] / (key + _SUFFIX)
    found = _load(path, cls)
    if found is not None:
        return found
    result = compute()
    _save(path, result)
    return result


def _load(path: Path, cls: type[T]) -> T | None:
    """The entry at ``path``, touched as just used; ``None`` (and the file gone) if unusable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        value = pickle.loads(data)
    except Exception:  # noqa: BLE001 -- unpickling bad bytes can raise almost anything
        value = None
    if not isinstance(value, cls):
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # the mtime orders the eviction: least recently used first
    return value


def _save(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path``, or nothing at all if that fails."""
    try:
        data = pickle.dumps(value, protocol=_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return  # a value that does not pickle: the result is good all the same
    if _write_atomically(path, data):
        _wrote(path.parents[1], len(data))


def _write_atomically(path: Path, data: bytes) -> bool:
    """Write ``data`` at ``path``; whether that worked (a full disk, a read-only folder:
    not, and nothing is left behind).

    A temporary file in the same folder, renamed over ``path``: readers in other
    processes see the old file, the new one or none, never half of one.
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
    return True


def compiled(source: str, name: str) -> CodeType:
    """``source`` compiled, from the cache after the first time, as Python caches the
    bytecode of modules.

    For code generated at run time (the paraphrase model's trees, 20 ms to
    compile on every run otherwise).  The file is named by ``name``, the
    interpreter's bytecode tag and a hash of ``source``; writing one removes the
    older files of that ``name``, so the folder holds one per interpreter.
    Always on (``NEWSDIFF_NO_CACHE`` is about comparisons): it cannot change a
    result, only how fast it comes.
    """
    tag = sys.implementation.cache_tag or "python"
    digest = hashlib.sha256(source.encode()).hexdigest()[:32]
    folder = cache_dir() / "code"
    path = folder / f"{name}-{tag}-{digest}.marshal"
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        code = marshal.loads(path.read_bytes())
        if isinstance(code, CodeType):
            return code
    code = compile(source, f"<{name}>", "exec")
    if _write_atomically(path, marshal.dumps(code)):
        for old in folder.glob(f"{name}-{tag}-*.marshal"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    return code


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
