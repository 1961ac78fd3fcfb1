"""Reading articles: one entry point for a file, a folder, standard input or a web address.

:func:`load_article` takes whatever the user named and returns an
:class:`~newsdiff.values.Article`: bytes are read under a cap
(:mod:`~newsdiff.sources.files`), fetched for an http(s) address
(:mod:`~newsdiff.sources.url`), and read by the format their suffix or media
type names (:mod:`~newsdiff.sources.formats`: text and Markdown, web pages).
Anything we cannot use becomes an ``InputError`` with a one-line message
naming the input, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from newsdiff.sources import formats
from newsdiff.sources.files import cannot_read, read_source
from newsdiff.values import Article


def load_article(path: str, stdin: BinaryIO | None = None, *,
                 deadline: float | None = None) -> Article:
    """Read and parse one article; ``"-"`` means standard input.

    An http(s) address is fetched (see :mod:`newsdiff.sources.url`, imported
    only then) within ``deadline`` seconds for the whole fetch (None: the default,
    :data:`newsdiff.sources.url.DEADLINE`); a file is read by the format its suffix names.
    """
    if is_url(path):
        from newsdiff.sources.url import fetch_article

        return fetch_article(path, deadline=deadline)
    data, name = read_source(path, stdin)
    return formats.for_path(path).read(data, name)


def is_url(path: str) -> bool:
    """Whether ``path`` is an http(s) address (see :func:`newsdiff.sources.url.is_url`).

    Only a name with a colon can be one, so only then is :mod:`newsdiff.sources.url` (and
    ``urllib.request`` with it) imported: reading files stays fast to start.
    """
    if ":" not in path:
        return False
    from newsdiff.sources import url

    return url.is_url(path)


def expand_paths(paths: Iterable[str | Path]) -> list[Path | str]:
    """Files and web addresses as given; folders replaced by their article files in name order.

    Here rather than in the reader so that the one-shot story view reads a
    folder by the same rule without importing Textual.  An address stays a
    string: as a ``Path`` its ``//`` would collapse.
    """
    out: list[Path | str] = []
    for item in paths:
        if isinstance(item, str) and is_url(item):
            out.append(item)
            continue
        p = Path(item)
        out += folder_articles(p) if p.is_dir() else [p]
    return out


def folder_articles(folder: Path) -> list[Path]:
    """The article files directly inside ``folder`` (one level deep), sorted by name: those
    whose suffix a format reads (see :func:`~newsdiff.sources.formats.article_suffixes`).

    An entry that is not a regular file (a named pipe, a device, a folder) is listed like
    the rest and refused by name when it is read, never opened in a way that waits:
    leaving it out would change the story without a word.
    """
    suffixes = formats.article_suffixes()
    try:
        return sorted(f for f in folder.iterdir() if f.suffix.lower() in suffixes)
    except OSError as exc:
        raise cannot_read(str(folder), (exc.strerror or str(exc)).lower()) from None
