"""Reading articles: one entry point for a file, a folder, standard input or a web address.

:func:`load_article` takes whatever the user named and returns an
:class:`~newsdiff.values.Article`: bytes are read under a cap
(:mod:`~newsdiff.sources.files`), fetched for an http(s) address
(:mod:`~newsdiff.sources.url`), and read by the format their suffix or media
type names (:mod:`~newsdiff.sources.formats`: text and Markdown, web pages).
Anything we cannot use becomes an ``InputError`` with a one-line message
naming the input, never a traceback.  The article's outlet is the user's word
when there is one (``outlet=``, an ``outlets.toml`` beside the file), else what
the article says or a careful guess (:mod:`~newsdiff.sources.outlets`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from newsdiff.sources import formats, outlets
from newsdiff.sources.files import cannot_read, read_source
from newsdiff.values import Article


def load_article(path: str, stdin: BinaryIO | None = None, *,
                 deadline: float | None = None, outlet: str | None = None) -> Article:
    """Read and parse one article; ``"-"`` means standard input.

    An http(s) address is fetched (see :mod:`newsdiff.sources.url`, imported
    only then) within ``deadline`` seconds for the whole fetch (None: the default,
    :data:`newsdiff.sources.url.DEADLINE`); a file is read by the format its suffix names.
    ``outlet`` (``--outlet``) names the article's outlet, whatever the article says;
    without it, a file's name in the ``outlets.toml`` of its folder does (see
    :func:`~newsdiff.sources.outlets.mapped_outlet`).  The user's word wins over front
    matter and page metadata too: it is how a wrong site name is put right.
    """
    given = outlets.user_outlet(outlet) if outlet is not None else None
    if is_url(path):
        from newsdiff.sources.url import fetch_article

        article = fetch_article(path, deadline=deadline)
    else:
        data, name = read_source(path, stdin)
        given = given or (outlets.mapped_outlet(path) if path != "-" else None)
        article = formats.for_path(path).read(data, name)
    return dataclasses.replace(article, outlet=given) if given else article


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
    whose suffix a format reads (see :func:`~newsdiff.sources.formats.article_suffixes`;
    not, then, the folder's ``outlets.toml``).

    An entry that is not a regular file (a named pipe, a device, a folder) is listed like
    the rest and refused by name when it is read, never opened in a way that waits:
    leaving it out would change the story without a word.
    """
    suffixes = formats.article_suffixes()
    try:
        return sorted(f for f in folder.iterdir() if f.suffix.lower() in suffixes)
    except OSError as exc:
        raise cannot_read(str(folder), (exc.strerror or str(exc)).lower()) from None
