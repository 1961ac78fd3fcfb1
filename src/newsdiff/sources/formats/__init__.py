"""Article formats: each module in this package reads one kind of input into an Article.

A format module defines ``FORMAT``, a :class:`Format`: the file suffixes and
web media types it reads, and the function that turns bytes into an
:class:`~newsdiff.values.Article` (:mod:`~newsdiff.sources.formats.text` for
text and Markdown, :mod:`~newsdiff.sources.formats.html` for web pages).  The
modules are found on this package's path, not listed anywhere, so a new
format is a new module and nothing else changes: files are read by its
suffixes, folders pick them up, fetched documents of its media types are
accepted.  Every format module is imported when the formats are first asked
for, so a format's heavy parts (a page extractor) are imported by its reader
when first used, never by the module.
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from newsdiff.values import Article

#: The format that reads a file whose suffix no format claims (and standard input).
DEFAULT = "text"


@dataclass(frozen=True, slots=True)
class Format:
    """One kind of input: which files and media types it is, and how it is read."""

    name: str
    suffixes: frozenset[str]
    media_types: frozenset[str]
    read: Callable[[bytes, str], Article]
    """``read(data, name)``: the article in ``data``; ``name`` is what to show and report."""


@functools.cache
def formats() -> tuple[Format, ...]:
    """Every format of this package, found once and then cached: its folders in path order,
    the modules of each by name (the first format that claims a suffix or type reads it)."""
    names = [name.removesuffix(".py") for folder in __path__ for name in sorted(os.listdir(folder))
             if name.endswith(".py") and not name.startswith("_")]
    return tuple(importlib.import_module(f"{__name__}.{name}").FORMAT
                 for name in dict.fromkeys(names))


def for_path(path: str) -> Format:
    """The format of a file, by its suffix (the default format when none claims it)."""
    suffix = PurePath(path).suffix.lower()
    return next((f for f in formats() if suffix in f.suffixes), named(DEFAULT))


def for_media_type(media_type: str) -> Format | None:
    """The format of a fetched document of ``media_type`` (lower case, no parameters), if
    newsdiff reads it."""
    return next((f for f in formats() if media_type in f.media_types), None)


def named(name: str) -> Format:
    """The format called ``name`` (such as :data:`DEFAULT`)."""
    return next(f for f in formats() if f.name == name)


def article_suffixes() -> frozenset[str]:
    """The suffixes of the files a folder contributes: those some format reads."""
    return frozenset().union(*(f.suffixes for f in formats()))
