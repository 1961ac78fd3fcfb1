"""The comparisons the command line and the reader ask for: from the result cache when it
holds them (:mod:`newsdiff.cache.results`), computed by the engine otherwise."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsdiff import __version__
from newsdiff.cache.results import cached_comparison, cached_story
from newsdiff.engine.scoring import chosen_scorer_name
from newsdiff.values import Article, Comparison

if TYPE_CHECKING:  # the engine itself is imported only on a miss: a hit needs none of it
    from newsdiff.engine.annotate import ArticleAnalysis
    from newsdiff.values import Story

_PACKAGE = Path(__file__).parents[1]
#: The parts of the package a result depends on: the engine, the text analysis it
#: reads sentences with, the values it returns, and the trained model and word lists.
_ENGINE_FOLDERS = ("engine", "text", "values")


def cached_compare(a: Article | ArticleAnalysis, b: Article | ArticleAnalysis, *,
                   use_cache: bool = True) -> Comparison:
    """:func:`newsdiff.engine.pair.compare` of ``a`` and ``b`` (articles, or their analyses,
    which a caller comparing one article with many keeps), from the cache when it can."""

    def compute() -> Comparison:
        from newsdiff.engine.pair import compare

        return compare(a, b)

    return cached_comparison(_plain(a), _plain(b), compute, fingerprint=engine_fingerprint(),
                             use_cache=use_cache)


def cached_compare_story(articles: Sequence[Article | ArticleAnalysis], *,
                         use_cache: bool = True) -> Story:
    """:func:`newsdiff.engine.story.compare_story` of ``articles`` (or their analyses), from
    the cache when it can."""
    articles = tuple(articles)

    def compute() -> Story:
        from newsdiff.engine.story import compare_story

        return compare_story(articles)

    return cached_story([_plain(a) for a in articles], compute,
                        fingerprint=engine_fingerprint(), use_cache=use_cache)


def _plain(article: Article | ArticleAnalysis) -> Article:
    """The article itself, analysed or not."""
    return article if isinstance(article, Article) else article.article


def engine_fingerprint() -> str:
    """A hash of everything the engines' results depend on besides the articles: the
    version, :func:`engine_files` and the chosen scorer (``NEWSDIFF_SCORER``)."""
    return hashlib.sha256(_files_digest() + chosen_scorer_name().encode()).hexdigest()


@functools.cache
def _files_digest() -> bytes:
    """The version and :func:`engine_files`: about a megabyte, hashed once per process."""
    digest = hashlib.sha256(__version__.encode())
    for path in engine_files():
        digest.update(b"\0" + path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


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
