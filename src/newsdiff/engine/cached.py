"""The comparisons the command line and the reader ask for: from the result cache when it
holds them (:mod:`newsdiff.cache.results`), computed by the engine otherwise."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path

from newsdiff import __version__
from newsdiff.cache.results import cached_comparison, cached_story
from newsdiff.values import Article, Comparison, Story

_PACKAGE = Path(__file__).parents[1]
#: The parts of the package a result depends on: the engine, the text analysis it
#: reads sentences with, the values it returns, and the trained model and word lists.
_ENGINE_FOLDERS = ("engine", "text", "values")


def cached_compare(a: Article, b: Article, *, use_cache: bool = True) -> Comparison:
    """:func:`newsdiff.engine.pair.compare` of ``a`` and ``b``, from the cache when it can."""
    from newsdiff.engine.pair import compare

    return cached_comparison(a, b, lambda: compare(a, b), fingerprint=engine_fingerprint(),
                             use_cache=use_cache)


def cached_compare_story(articles: Sequence[Article], *, use_cache: bool = True) -> Story:
    """:func:`newsdiff.engine.story.compare_story` of ``articles``, from the cache when it
    can."""
    from newsdiff.engine.story import compare_story

    articles = tuple(articles)
    return cached_story(articles, lambda: compare_story(articles),
                        fingerprint=engine_fingerprint(), use_cache=use_cache)


@functools.cache
def engine_fingerprint() -> str:
    """A hash of everything the engines' results depend on besides the articles: the
    version and :func:`engine_files`.  About a megabyte, hashed once per process."""
    digest = hashlib.sha256(__version__.encode())
    for path in engine_files():
        digest.update(b"\0" + path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def engine_files() -> list[Path]:
    """The engine's modules, the text analysis and values it uses, and its trained model
    and word lists (``data/``).

    Reading inputs (``sources/``) and the front ends (``present/``, ``render/``,
    ``review/``, ``tui/``, the command line) do not change results, so editing
    them keeps the cache.
    """
    modules = [p for folder in _ENGINE_FOLDERS for p in (_PACKAGE / folder).rglob("*.py")]
    data = [p for p in (_PACKAGE / "data").iterdir() if p.is_file()]
    return sorted(modules + data)
