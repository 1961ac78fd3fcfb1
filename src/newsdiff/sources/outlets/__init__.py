"""Outlet names: the user's word for them, and a careful guess when an article names none.

An article's outlet heads every view of it (the one-shot header, the story
matrix, the reader, the exports), so it should read as a name, not as the
``000_f419c35983c40fbf`` a download left.  The first of these that gives one is
the outlet:

1. the user's word: ``load_article(..., outlet=NAME)`` (``--outlet``), else the
   ``outlets.toml`` beside the file (:mod:`~newsdiff.sources.outlets.mapping`);
2. what the article says of itself: ``outlet:`` in front matter, a web page's
   site name (read by the formats);
3. for a fetched document, the host it came from;
4. a guess from the text (:mod:`~newsdiff.sources.outlets.text`): a name its first or last
   lines state (a copyright line, "Originally published by …", a "… reports"
   masthead, a "(Reuters) -" dateline), else the outlet a byline names;
5. what the file's name says: "stdin", the folder it is alone in
   (:mod:`~newsdiff.sources.outlets.folder`), else the file's stem.

A wrong name is worse than an honest stem: it would put one outlet's words in
another's mouth.  So every guess is anchored by a form that only ever states an
outlet, never a sentence of the story; the name must look like one (a few
capitalised words, not a label such as "Updated" or "Photo"); and where the form
alone could as well name a person or a desk (a byline's second half, a
masthead), the name must carry a word that outlets' names carry ("Times",
"News", a wire agency, a domain).  Only the first and last few lines are read,
each cut short, so a guess costs the same for an article of any length.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from newsdiff.sources.files import STDIN_NAME
from newsdiff.sources.outlets.folder import outlet_from_folder
from newsdiff.sources.outlets.mapping import (
    MAX_MAPPING_BYTES,
    MAX_NAME_CHARS,
    OUTLETS_FILE,
    clean_name,
    folder_outlets,
    mapped_outlet,
    parse_outlets,
    user_outlet,
)
from newsdiff.sources.outlets.text import outlet_from_text

__all__ = [
    "MAX_MAPPING_BYTES", "MAX_NAME_CHARS", "OUTLETS_FILE", "clean_name", "folder_outlets",
    "guess_outlet", "mapped_outlet", "outlet_from_folder", "outlet_from_text", "parse_outlets",
    "user_outlet",
]


def guess_outlet(text: str, name: str) -> str:
    """The outlet of an article whose metadata names none: ``text`` is its text, ``name``
    what it is shown by (a file's path, ``"<stdin>"``, a fetched document's address).

    A fetched document's host is a fact, not a guess, so it comes first: who wrote a
    fetched document is its site (the last part of the address, "story" or an id, says
    nothing).  Then the text's own word (:func:`outlet_from_text`), then what the file's
    name says (:func:`outlet_from_folder`, the stem).
    """
    return (_host(name) or outlet_from_text(text)
            or ("stdin" if name == STDIN_NAME else None)
            or outlet_from_folder(name) or Path(name).stem)


def _host(name: str) -> str | None:
    """The host of an http(s) address, without a leading ``www.``; None for other names."""
    if not name[:8].lower().startswith(("http://", "https://")):
        return None
    host = urlsplit(name).hostname or name
    return host.removeprefix("www.") or host

