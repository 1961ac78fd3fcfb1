"""An outlet guessed from a file's folder: the one it is alone in, when its name is a name."""

from __future__ import annotations

import os
from pathlib import Path

from newsdiff.sources.outlets.mapping import MAX_NAME_CHARS, OUTLETS_FILE

#: Folder names that say where files were put, not whose they are.
_GENERIC_FOLDERS = frozenset(
    "articles article stories story news seeds seed samples sample examples example tmp temp"
    " downloads download desktop documents docs data files texts text txt input inputs pages"
    " html saved inbox home users src test tests fixtures corpus archive clips web output out"
    " export exports misc new old copy newsdiff".split()) | {"new folder", "untitled folder"}
_SCAN_ENTRIES = 1_000
"""Entries of a folder looked at to tell whether a file is alone in it; past this, it is
not taken to be."""


def outlet_from_folder(path: str) -> str | None:
    """The name of the folder the file ``path`` is alone in, when that name is an outlet's.

    A folder holding one file (besides folders, hidden files and an ``outlets.toml``) is
    taken to be where the user put that outlet's article (``herald/story.txt``,
    ``nytimes.com/2017-03-02.html`` with its ``_files`` folder); a folder holding
    several is most often one story told by many outlets, as the sample story is, and
    its name would give them all one outlet, so it names none.  Nor does a folder whose
    name the user did not choose or that is no name: the current folder, the home
    folder, the root, anything in the temporary folder (named by programs), a generic
    name (:data:`_GENERIC_FOLDERS`), a hidden one, a name without letters or like an id.
    """
    import tempfile  # here: only a file that is alone in its folder needs it (2 ms)

    file = Path(path)
    try:
        folder = file.parent.resolve()
        unnamed = {Path.cwd().resolve(), Path.home().resolve(), Path(folder.anchor)}
        in_temp = folder.is_relative_to(Path(tempfile.gettempdir()).resolve())
    except (OSError, RuntimeError, ValueError):  # no current folder or home, a link loop, a NUL
        return None
    if folder in unnamed or in_temp or not _names_something(folder.name):
        return None
    return folder.name if _alone(folder, file.name) else None


def _names_something(name: str) -> bool:
    """Whether a folder's ``name`` can be a name: not generic, hidden, an id or a date."""
    lower = name.lower()
    id_like = len(lower) >= 6 and all(c in "0123456789abcdef-_" for c in lower)
    return (sum(c.isalpha() for c in name) >= 2 and len(name) <= MAX_NAME_CHARS
            and name.isprintable() and name[0] not in "._~"
            and lower not in _GENERIC_FOLDERS and not id_like)


def _alone(folder: Path, name: str) -> bool:
    """Whether the file ``name`` is the only file in ``folder`` but for folders, hidden
    files and an ``outlets.toml`` (what the folder holds beside its articles).

    Any other file counts, whether newsdiff reads it or not: a folder of notes and
    pictures beside an article is as likely one story's as one outlet's.
    """
    try:
        with os.scandir(folder) as entries:
            for seen, entry in enumerate(entries):
                if seen >= _SCAN_ENTRIES:
                    return False
                if entry.name not in (name, OUTLETS_FILE) and not entry.name.startswith(".") \
                        and not entry.is_dir(follow_symlinks=False):
                    return False
    except (OSError, ValueError):
        return False
    return True
