"""Reading articles: bytes from a file or stdin, text in any common encoding, an Article.

Articles arrive saved from browsers, copied from e-mail, exported from Word:
UTF-8 with or without a BOM, UTF-16 from Windows tools, cp1252 from older
systems, CRLF line ends.  All of that is folded into one normalised text here,
and every offset newsdiff reports afterwards indexes that text.  Anything we
cannot use (a missing file, a directory, binary data, an empty file) becomes an
``InputError`` with a one-line message naming the file, never a traceback.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from newsdiff.boilerplate import byline_name, find_boilerplate
from newsdiff.errors import InputError
from newsdiff.model import Article, Sentence
from newsdiff.segment import split_sentences

MAX_BYTES = 20 * 1024 * 1024
"""Largest input accepted by default: far beyond any article, small enough to never exhaust
memory.  ``$NEWSDIFF_MAX_BYTES`` sets another cap (for a book-length text, or a tighter one)."""

MAX_BYTES_VAR = "NEWSDIFF_MAX_BYTES"

STDIN_NAME = "<stdin>"

#: Files a folder contributes (a folder given as input is read one level deep).
ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm"})
#: Files read as saved web pages (see :mod:`newsdiff.webpage`).
HTML_SUFFIXES = frozenset({".html", ".htm"})

# UTF-32 first: its little-endian BOM begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# The most common legacy encoding for Western news (and what browsers assume for
# unlabelled pages).  Short Western texts fit several code pages about equally
# well, so it wins unless another fits clearly better: by more than this margin
# on charset_normalizer's chaos (mess) or coherence (language fit) scores.
_PREFERRED_LEGACY = "cp1252"
_CLEARLY_BETTER = 0.05

_LINE_BREAK_RE = re.compile(r"\r\n?")
_FRONT_MATTER_RE = re.compile(r"---[ \t]*\n((?:[ \t]*[\w-]+[ \t]*:[^\n]*\n)*?)---[ \t]*(?:\n|$)")
_FIELD_RE = re.compile(r"[ \t]*([\w-]+)[ \t]*:[ \t]*(.*?)[ \t]*$")
_HEADING_MARKS_RE = re.compile(r"^#{1,6}\s+|\s+#+$")
_SECTION_TAG_RE = re.compile(r"^[A-Z][A-Z&/ ]{2,30}\s+(?:—|–|--?|\|)\s+")
_EDGE_EMPHASIS = "*_"
_BYLINE_WINDOW = 8


def load_article(path: str, stdin: BinaryIO | None = None) -> Article:
    """Read, decode and parse one article; ``"-"`` means standard input.

    A web page goes through :mod:`newsdiff.webpage`, imported only then: its
    extractor is slow to import and most input is text.  An http(s) address is
    fetched (see :mod:`newsdiff.fetch`).
    """
    if is_url(path):
        from newsdiff.fetch import fetch_article

        return fetch_article(path)
    data, name = read_source(path, stdin)
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        from newsdiff.webpage import article_from_html

        return article_from_html(data, name)
    return parse_article(decode(data, name), name)


def read_source(path: str, stdin: BinaryIO | None = None) -> tuple[bytes, str]:
    """The raw bytes of ``path`` (or of stdin for ``"-"``) and the name to report.

    A file whose size is over the cap (see :func:`max_bytes`) is refused before
    it is read; a stream, or a file that grows, is read at most one byte past
    the cap, so an endless stream is refused without filling memory either.
    """
    cap = max_bytes()
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return capped(stream.read(cap + 1), STDIN_NAME, cap), STDIN_NAME
    try:
        with open(path, "rb") as handle:
            capped(b"", path, cap, os.fstat(handle.fileno()).st_size)
            return capped(handle.read(cap + 1), path, cap), path
    except FileNotFoundError:
        raise cannot_read(path, "no such file") from None
    except IsADirectoryError:
        raise cannot_read(path, "is a directory") from None
    except PermissionError:
        raise cannot_read(path, "permission denied") from None
    except OSError as exc:
        raise cannot_read(path, (exc.strerror or str(exc)).lower()) from None


def max_bytes() -> int:
    """The input size cap: ``$NEWSDIFF_MAX_BYTES`` when set, else ``MAX_BYTES``.

    Read at each call, not at import, so a test or a wrapper script can change it.
    """
    value = os.environ.get(MAX_BYTES_VAR, "").strip()
    if not value:
        return MAX_BYTES
    if not (value.isascii() and value.isdigit()) or int(value) <= 0:
        raise InputError(f"newsdiff: {MAX_BYTES_VAR} must be a positive number of bytes, "
                         f"not {value!r}")
    return int(value)


def is_url(path: str) -> bool:
    """Whether ``path`` is an http(s) address (see :func:`newsdiff.fetch.is_url`).

    Only a name with a colon can be one, so only then is the fetch module (and
    ``urllib.request`` with it) imported: reading files stays fast to start.
    """
    if ":" not in path:
        return False
    from newsdiff.fetch import is_url as fetch_is_url

    return fetch_is_url(path)


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
    """The article files directly inside ``folder`` (one level deep), sorted by name."""
    try:
        return sorted(f for f in folder.iterdir() if f.suffix.lower() in ARTICLE_SUFFIXES)
    except OSError as exc:
        raise cannot_read(str(folder), (exc.strerror or str(exc)).lower()) from None


def decode(data: bytes, name: str) -> str:
    """The text of ``data`` with line ends normalised to ``\\n``.

    A BOM decides the encoding when present; otherwise strict UTF-8; otherwise
    a legacy single-byte code page guessed by ``charset_normalizer`` (imported
    only then: it is slow to import and most input is UTF-8).
    """
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\0" in data:
        raise cannot_read(name, "binary data, not text")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        if encoding:
            raise cannot_read(name, f"not valid {encoding.removesuffix('-sig').upper()}") from None
        text = _decode_legacy(data, name)
    if not text.strip():
        raise cannot_read(name, "it is empty" if not text else "it holds only whitespace")
    return _LINE_BREAK_RE.sub("\n", text)


def parse_article(text: str, path: str) -> Article:
    """An Article from decoded text: front matter, sentences, boilerplate, headline, byline.

    ``path`` is the name to show (``"<stdin>"`` for standard input); the outlet
    is the front matter's ``outlet:`` or else the file name's stem.
    """
    fields, text = _split_front_matter(text)
    spans = split_sentences(text)
    if not spans:
        raise cannot_read(path, "no article text")
    boilerplate = find_boilerplate(text, spans)
    sentences = tuple(
        Sentence(i, start, end, text[start:end], i in boilerplate)
        for i, (start, end) in enumerate(spans)
    )
    return Article(
        path=path,
        outlet=fields.get("outlet") or _outlet_from_path(path),
        title=fields.get("title") or _headline(sentences),
        text=text,
        sentences=sentences,
        byline=fields.get("byline") or _byline(sentences),
        date=fields.get("date") or None,
        url=fields.get("url") or None,
    )


def capped(data: bytes, name: str, cap: int, size: int | None = None) -> bytes:
    """``data``, unless it (or the file's ``size``, when known) is over ``cap`` bytes."""
    if max(len(data), size or 0) > cap:
        mib, rest = divmod(cap, 1024 * 1024)
        shown = f"{mib} MB" if mib and not rest else f"{cap} bytes"
        raise cannot_read(name, f"larger than {shown} (the cap; {MAX_BYTES_VAR} sets another)")
    return data


def cannot_read(name: str, reason: str) -> InputError:
    """The one-line error for an unusable input, with the name made printable."""
    shown = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in name)
    return InputError(f"newsdiff: cannot read '{shown}': {reason}")


def _decode_legacy(data: bytes, name: str) -> str:
    """Decode non-UTF-8 bytes with the single-byte code page that fits best."""
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise cannot_read(name, "not text in any known encoding")
    preferred = next((m for m in matches if m.encoding == _PREFERRED_LEGACY), None)
    if (
        preferred is not None
        and preferred.chaos <= best.chaos + _CLEARLY_BETTER
        and preferred.coherence >= best.coherence - _CLEARLY_BETTER
    ):
        best = preferred
    return str(best)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` fields of a leading ``---`` block, and the text without it."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).splitlines():
        key, value = _FIELD_RE.match(line).groups()
        fields[key.lower()] = _unquote(value)
    return fields, text[match.end() :]


def _unquote(value: str) -> str:
    """A front-matter value without one pair of surrounding quotes."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _outlet_from_path(path: str) -> str:
    """The file name's stem; ``"stdin"`` for standard input."""
    return "stdin" if path == STDIN_NAME else Path(path).stem


def _headline(sentences: tuple[Sentence, ...]) -> str:
    """The first substantive line, as a clean title value.

    Boilerplate (including a section label above the headline) is skipped.
    """
    story = [s for s in sentences if not s.boilerplate] or list(sentences)
    return _clean_title(story[0].text)


def headline_sentence(article: Article) -> int | None:
    """The index of the sentence that is the article's headline, if the text has one.

    The reader shows the title styled above the body and leaves this sentence
    out; it is the first substantive sentence when that sentence, cleaned as a
    title, is the title (a "POLITICS — " tag in front of it does not matter).
    """
    story = (s for s in article.sentences if not s.boilerplate)
    first = next(story, None)
    return first.index if first is not None and _clean_title(first.text) == article.title else None


def _clean_title(line: str) -> str:
    """A headline without Markdown heading marks, edge emphasis or a "POLITICS — " tag."""
    title = _HEADING_MARKS_RE.sub("", line).strip(_EDGE_EMPHASIS + " ")
    return _SECTION_TAG_RE.sub("", title) or title


def _byline(sentences: tuple[Sentence, ...]) -> str | None:
    """The name from a "By …" line near the top of the article, if there is one."""
    names = (byline_name(s.text) for s in sentences[:_BYLINE_WINDOW])
    return next((name for name in names if name), None)
