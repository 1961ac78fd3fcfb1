"""The user's word on outlets: ``--outlet NAME``, and the ``outlets.toml`` beside the files.

Both win over anything an article says of itself (see :mod:`newsdiff.sources.outlets`):
that is how a wrong site name is put right.  A file that came with a folder is as
untrusted as the articles in it, so it is read capped and checked, and a broken one
stops the run with one line naming it.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from newsdiff.sources.files import cannot_read, printable, read_file
from newsdiff.values import InputError

OUTLETS_FILE = "outlets.toml"
"""The mapping beside the articles: ``"file name" = "Outlet"`` lines at its top level."""

MAX_MAPPING_BYTES = 64 * 1024
"""An ``outlets.toml`` holds one short line per article: 64 KB is a thousand and more."""

MAX_NAME_CHARS = 80
"""The longest outlet name a user may give: a longer one fits no view's column."""

_CONTROL = frozenset({"Cc", "Cs", "Zl", "Zp"})
"""The categories of characters that end a line or drive a terminal, refused in a name."""

_SHOWN_KEY = 60
"""How much of a file's key or value an error message repeats."""




def user_outlet(name: str) -> str:
    """``name`` (the user's ``--outlet``) trimmed, or an InputError saying what is wrong."""
    try:
        return clean_name(name)
    except ValueError as exc:
        raise InputError(f"newsdiff: outlet name '{printable(name, _SHOWN_KEY)}': {exc}") from None


def clean_name(name: str) -> str:
    """A name the user gave, without surrounding blanks; a ValueError saying why it cannot be one.

    A control character (an escape sequence, a line break) is refused rather than shown
    escaped: in a name someone typed or wrote into a file it is a mistake or a trap, and
    they are best told.  Text that looks like markup (``[bold]``) is a name like any
    other, since every view shows an outlet literally.
    """
    value = name.strip()
    if not value:
        raise ValueError("empty")
    bad = next((c for c in value if unicodedata.category(c) in _CONTROL), None)
    if bad is not None:
        raise ValueError(f"contains a control character ({ascii(bad)[1:-1]})")
    if len(value) > MAX_NAME_CHARS:
        raise ValueError(f"longer than {MAX_NAME_CHARS} characters")
    return value


_MAPPINGS: dict[str, tuple[tuple[int, int, int], dict[str, str]]] = {}
"""Parsed ``outlets.toml`` files by absolute path, with the signature (modification time,
size, inode) of the file they were read from.  A story loads every article of a folder,
the reader from worker threads: a race only reads a file twice."""


def mapped_outlet(path: str) -> str | None:
    """The outlet that the ``outlets.toml`` in the folder of the file ``path`` gives it.

    Keys are file names as they are in the folder (``"000_f419c35983c40fbf.txt"``);
    a name the file does not list, or a folder without the file, gives None.
    """
    file = Path(path)
    return folder_outlets(file.parent).get(file.name)


def folder_outlets(folder: Path) -> dict[str, str]:
    """``folder``'s ``outlets.toml`` as file name -> outlet (empty without one).

    Read once per run, and again only when the file changes (by its signature, see
    :data:`_MAPPINGS`): a folder of a hundred articles is a hundred lookups.  The file
    is read under :data:`MAX_MAPPING_BYTES` and parsed by :func:`parse_outlets`.
    """
    toml = folder / OUTLETS_FILE
    try:
        info = os.stat(toml)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except OSError as exc:
        raise cannot_read(str(toml), (exc.strerror or str(exc)).lower()) from None
    key, signature = os.path.abspath(toml), (info.st_mtime_ns, info.st_size, info.st_ino)
    known = _MAPPINGS.get(key)
    if known is not None and known[0] == signature:
        return known[1]
    data = read_file(str(toml), MAX_MAPPING_BYTES,
                     f"larger than {MAX_MAPPING_BYTES // 1024} KB (the cap: an {OUTLETS_FILE} "
                     "holds one short line per article)")
    mapping = parse_outlets(data, str(toml))
    _MAPPINGS[key] = (signature, mapping)
    return mapping


_TOML_TYPES = ((dict, "a table"), (list, "an array"), (bool, "a boolean"), (int, "a number"),
               (float, "a number"))


def parse_outlets(data: bytes, name: str) -> dict[str, str]:
    """The file name -> outlet table in an ``outlets.toml``'s bytes; an InputError naming
    the file (``name``) and its first problem.

    The file came with the folder, from wherever that came from, so nothing in it is
    trusted: it must be UTF-8 TOML (nesting too deep for the parser is refused like any
    error) whose every top-level value is a string, every key a file name (not a path),
    every value a name :func:`clean_name` takes.  A broken file stops the run rather than
    being skipped: its writer meant those names, and would otherwise see stems with no
    word of why.
    """
    import tomllib  # here, not at the top: most runs have no outlets.toml (4 ms)

    try:
        table = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise cannot_read(name, "not UTF-8 text, as TOML must be") from None
    except tomllib.TOMLDecodeError as exc:
        raise cannot_read(name, f"not valid TOML: {printable(str(exc), 200)}") from None
    except RecursionError:
        raise cannot_read(name, "not valid TOML: nested too deeply") from None
    mapping: dict[str, str] = {}
    for key, value in table.items():
        shown = printable(key, _SHOWN_KEY)
        if not isinstance(value, str):
            kind = next((k for t, k in _TOML_TYPES if isinstance(value, t)), "a date")
            raise cannot_read(name, f"'{shown}' is {kind}, not an outlet name (write "
                                    '"file name" = "Outlet name" lines, at the top level)')
        if "/" in key or "\\" in key:
            raise cannot_read(name, f"'{shown}' is a path: the keys are the names of files "
                                    "in the folder")
        try:
            mapping[key] = clean_name(value)
        except ValueError as exc:
            raise cannot_read(name, f"the outlet of '{shown}': {exc}") from None
    return mapping
