"""Article formats: each module in this package reads one kind of file into an Article.

A format module defines ``FORMAT``, a :class:`Format`: the file suffixes and
web media types it reads, and the function that turns bytes into an
:class:`~newsdiff.values.Article`.  The modules are found here by name, so a
new format is a new module and nothing else changes: folders pick up its
suffixes, fetched pages its media types.  A format's heavy parts (a page
extractor) are imported by its reader when first used, never by the module.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
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
    """Every format of this package, in module-name order."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        found.append(importlib.import_module(f"{__name__}.{module.name}").FORMAT)
    return tuple(found)


def for_path(path: str) -> Format:
    """The format of a file, by its suffix (the default format when none claims it)."""
    suffix = PurePath(path).suffix.lower()
    return next((f for f in formats() if suffix in f.suffixes), named(DEFAULT))


def for_media_type(media_type: str) -> Format | None:
    """The format of a fetched document of ``media_type``, if newsdiff reads it."""
    return next((f for f in formats() if media_type in f.media_types), None)


def named(name: str) -> Format:
    return next(f for f in formats() if f.name == name)


def article_suffixes() -> frozenset[str]:
    """The suffixes of the files a folder contributes: those some format reads."""
    return frozenset().union(*(f.suffixes for f in formats()))


def media_types() -> frozenset[str]:
    """The media types a fetched document may have."""
    return frozenset().union(*(f.media_types for f in formats()))
