"""Comparisons kept by the content they were computed from, so reopening a story is instant.

Both engines are deterministic functions of the articles' content, so a result
can be looked up by a hash of that content.  The key covers only what the
engines read (each article's title, text and sentences), not where the article
came from (path, outlet, byline, date, address): the same text saved under
another name hits the cache, and the caller's own :class:`Article` objects are
put back into the result, so views still show the new name.  The entry
therefore leaves the articles out.

The key also covers the *fingerprint* the caller gives: a hash of the engine's
code and trained model (:func:`newsdiff.engine.cached.engine_fingerprint`), so
that any change to them makes every old entry unreachable, with no
hand-bumped version number to forget.  Unreachable entries age out under the
store's size bound.

Entries are JSON (:mod:`newsdiff.values.codec`), one file each, in
``<cache_dir>/comparisons/<key[:2]>/``: reading one builds values and can run
no code, whoever wrote it.  The store checks the folder's owner and each
entry's hash (:mod:`newsdiff.cache.store`); an entry that still does not
decode to the kind of result asked for is a miss, and is removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from newsdiff.cache.store import drop_entry, enabled, folder, read_entry, write_entry
from newsdiff.values import Article, Comparison
from newsdiff.values.codec import decode, encode

if TYPE_CHECKING:  # loaded by the story's own call: a pair never needs it
    from newsdiff.values import Story

T = TypeVar("T", "Comparison", "Story")

FOLDER = "comparisons"
_SUFFIX = ".json"


def entry_key(fingerprint: str, kind: str, articles: Sequence[Article]) -> str:
    """The key of the ``kind`` ("pair" or "story") result for ``articles``, in order.

    A canonical JSON encoding of what the engines read.
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
    return _cached("pair", (a, b), Comparison, compute, fingerprint, use_cache)


def cached_story(articles: Sequence[Article], compute: Callable[[], Story], *,
                 fingerprint: str, use_cache: bool = True) -> Story:
    """``compute()``'s story of ``articles``, from the cache when it holds it (``use_cache``
    as for :func:`cached_comparison`)."""
    from newsdiff.values import Story

    return _cached("story", tuple(articles), Story, compute, fingerprint, use_cache)


def results_folder() -> Path | None:
    """The folder of the entries, made if need be; ``None`` when the cache is off
    (``NEWSDIFF_NO_CACHE``) or its folder is not to be used, which the first call in a
    process says on stderr (see :func:`newsdiff.cache.store.folder`): a front end that
    takes over the terminal calls this first, so that the line is seen."""
    return folder(FOLDER) if enabled() else None


def _cached(kind: str, articles: Sequence[Article], cls: type[T], compute: Callable[[], T],
            fingerprint: str, use_cache: bool) -> T:
    """The entry for ``articles`` (with them in it), else ``compute()``, saved for next
    time; ``compute()`` alone when the cache is off or its folder is not to be used."""
    root = results_folder() if use_cache else None
    if root is None:
        return _with_articles(compute(), articles)
    key = entry_key(fingerprint, kind, articles)
    path = root / key[:2] / (key + _SUFFIX)
    if (data := read_entry(path)) is not None:
        try:
            found = decode(data, articles)
        except (ValueError, TypeError, LookupError, RecursionError):
            found = None  # hash-checked, so our own bytes, from other code than this
        if isinstance(found, cls):
            return found
        drop_entry(path)
    result = compute()
    write_entry(path, encode(result, articles=False), bounded=root)
    return _with_articles(result, articles)


def _with_articles(result: T, articles: Sequence[Article]) -> T:
    """``result`` showing the caller's ``articles`` (the engine's may be equal copies)."""
    if isinstance(result, Comparison):
        return replace(result, a=articles[0], b=articles[1])
    return replace(result, articles=tuple(articles))
