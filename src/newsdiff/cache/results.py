"""Comparisons kept by the content they were computed from, so reopening a story is instant.

Both engines are deterministic functions of the articles' content, so a result
can be looked up by a hash of that content.  The key covers only what the
engines read (each article's title, text and sentences), not where the article
came from (path, outlet, byline, date, address): the same text saved under
another name hits the cache, and the caller's own :class:`Article` objects are
put back into the result, so views still show the new name.

The key also covers the *fingerprint* the caller gives: a hash of the engine's
code and trained model (:func:`newsdiff.engine.cached.engine_fingerprint`), so
that any change to them makes every old entry unreachable, with no
hand-bumped version number to forget.  Unreachable entries age out under the
store's size bound.

Entries are pickles, one file each, in ``<cache_dir>/comparisons/<key[:2]>/``.
Pickle runs code when loaded, which is acceptable here: the folder is the
user's own, as writable by them as the installed package itself.  Anything
that goes wrong while loading (a truncated or corrupt file, a class that no
longer unpickles after a code change) is a miss, and the file is removed.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from newsdiff.cache.store import cache_dir, drop_entry, enabled, read_entry, write_entry
from newsdiff.values import Article, Comparison

if TYPE_CHECKING:  # loaded by the story's own call: a pair never needs it
    from newsdiff.values import Story

T = TypeVar("T", "Comparison", "Story")

_SUFFIX = ".pickle"
_PROTOCOL = 5


def entry_key(fingerprint: str, kind: str, articles: Sequence[Article]) -> str:
    """The key of the ``kind`` ("pair" or "story") result for ``articles``, in order.

    A canonical JSON encoding of what the engines read, never a pickle (whose
    bytes may vary between equal values).
    """
    content = [
        fingerprint, kind,
        [[a.title, a.text, [[s.index, s.start, s.end, s.text, s.boilerplate]
                            for s in a.sentences]]
         for a in articles],
    ]
    return hashlib.sha256(json.dumps(content).encode()).hexdigest()


def cached_comparison(a: Article, b: Article, compute: Callable[[], Comparison], *,
                      fingerprint: str, use_cache: bool = True) -> Comparison:
    """``compute()``'s comparison of ``a`` and ``b``, from the cache when it holds it.

    ``use_cache=False`` (``newsdiff --no-cache``) computes afresh and saves nothing.
    """
    result = _cached("pair", (a, b), Comparison, compute, fingerprint, use_cache)
    return replace(result, a=a, b=b)


def cached_story(articles: Sequence[Article], compute: Callable[[], Story], *,
                 fingerprint: str, use_cache: bool = True) -> Story:
    """``compute()``'s story of ``articles``, from the cache when it holds it (``use_cache``
    as for :func:`cached_comparison`)."""
    from newsdiff.values import Story

    articles = tuple(articles)
    result = _cached("story", articles, Story, compute, fingerprint, use_cache)
    return replace(result, articles=articles)


def _cached(kind: str, articles: Sequence[Article], cls: type[T], compute: Callable[[], T],
            fingerprint: str, use_cache: bool) -> T:
    """The entry for ``articles``, else ``compute()``, saved for next time."""
    if not (use_cache and enabled()):
        return compute()
    key = entry_key(fingerprint, kind, articles)
    root = cache_dir() / "comparisons"
    path = root / key[:2] / (key + _SUFFIX)
    found = _load(path, cls)
    if found is not None:
        return found
    result = compute()
    _save(path, result, root)
    return result


def _load(path: Path, cls: type[T]) -> T | None:
    """The entry at ``path``; ``None`` (and the file gone) if unusable."""
    data = read_entry(path)
    if data is None:
        return None
    try:
        value = pickle.loads(data)
    except Exception:  # noqa: BLE001 -- unpickling bad bytes can raise almost anything
        value = None
    if not isinstance(value, cls):
        drop_entry(path)
        return None
    return value


def _save(path: Path, value: object, root: Path) -> None:
    """Pickle ``value`` to ``path``, or nothing at all if that fails."""
    try:
        data = pickle.dumps(value, protocol=_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return  # a value that does not pickle: the result is good all the same
    write_entry(path, data, bounded=root)
