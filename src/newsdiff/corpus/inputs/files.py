"""Article files (``.txt``, ``.md``, ``.html``…) as records: one given by name, or every
one in a folder and the folders inside it.

The corpus form of what ``newsdiff a.txt b.html`` reads: each file is read under the
size cap for one file and by the format its suffix names
(:mod:`newsdiff.sources.formats`; a folder takes the suffixes some format claims, so a
new format is read here too), and its outlet is what ``outlets.toml`` beside it says,
else what the article says of itself or the guess from its name
(:mod:`newsdiff.sources.outlets`).  A folder is walked in sorted order of the parts of
each path, one directory listing at a time, so a folder of a million files is never
listed whole and every run meets its files in the same order.  Links to folders are not
followed (a link loop would never end); a file or folder that cannot be read, or a file
that holds no article, is a reject and the walk goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from newsdiff.corpus.inputs.fields import FieldMap, record_from_article
from newsdiff.corpus.inputs.streams import Item
from newsdiff.corpus.records import Reject
from newsdiff.sources import formats
from newsdiff.sources.files import cannot_read, read_file
from newsdiff.sources.outlets import mapped_outlet
from newsdiff.values import InputError

UNREADABLE_FILE = "unreadable file"
NO_ARTICLE = "no article text"


def read(path: str, fields: FieldMap, outlet: str, cap: int) -> Iterator[Item]:
    """The one record of the article file ``path`` (its id is the path as given)."""
    yield read_article(path, path, cap)


def read_folder(path: str, fields: FieldMap, outlet: str, cap: int) -> Iterator[Item]:
    """The records of every article file in the folder ``path`` and the folders inside it,
    in sorted order; each one's id is its path relative to ``path``."""
    for relative in article_files(path):
        yield read_article(os.path.join(path, relative), Path(relative).as_posix(), cap)


def check_folder(path: str, fields: FieldMap, cap: int) -> None:
    """An InputError when the folder ``path`` holds no article file at all (walked only
    until the first is found)."""
    if next(article_files(path), None) is None:
        suffixes = ", ".join(sorted(formats.article_suffixes()))
        raise cannot_read(path, f"no article files in the folder (it reads {suffixes})")


def read_article(path: str, id: str, cap: int) -> Item:
    """The record of the article file ``path``, or why it is none.

    A broken ``outlets.toml`` beside it stops the run, as it does everywhere (see
    :func:`~newsdiff.sources.outlets.parse_outlets`): its writer meant those names.
    """
    try:
        data = read_file(path, cap)
    except InputError:
        return Reject(path, UNREADABLE_FILE, id)
    try:
        article = formats.for_path(path).read(data, path)
    except InputError:
        return Reject(path, NO_ARTICLE, id)
    return record_from_article(article, id, path, outlet=mapped_outlet(path))


def article_files(folder: str, prefix: str = "") -> Iterator[str]:
    """The paths, relative to ``folder``, of the article files in it and in the folders
    inside it, sorted by their parts (a folder's files and folders by name, each folder
    where its name falls, as :class:`~pathlib.PurePath` objects sort).  Hidden files and
    folders (``.git``, a Mac's ``._page.html``) are not articles and are passed over.  A
    folder inside that cannot be listed is given as if it were a file, so that reading it
    fails and it is a reject rather than a silent gap."""
    suffixes = formats.article_suffixes()
    try:
        with os.scandir(os.path.join(folder, prefix) if prefix else folder) as listing:
            entries = sorted((entry.name, entry.is_dir(follow_symlinks=False))
                             for entry in listing)
    except OSError:
        if prefix:
            yield prefix
        return
    for name, is_dir in entries:
        if name.startswith("."):
            continue
        relative = os.path.join(prefix, name) if prefix else name
        if is_dir:
            yield from article_files(folder, relative)
        elif Path(name).suffix.lower() in suffixes:
            yield relative
