"""Web pages as articles: the story's text and the page's metadata.

Saved pages (``.html``, ``.htm``) and fetched ones (``text/html``,
``application/xhtml+xml``) are read here.  A news page is mostly not the
story: navigation, share buttons, related links, comments, footers.  Telling
the article from the rest is a hard, ever-changing problem, and trafilatura is
the field's well-kept answer (maintained, benchmarked on real news sites, pure
parsing on lxml), so newsdiff depends on it rather than growing its own
extractor.  It costs about 65 MB installed and 150 ms to import, so it is
imported only when a page is read: comparing text files never pays for it.

The page is only parsed, never run: scripts, styles and event handlers are
dropped, nothing is fetched.  The extracted text then goes through
:func:`~newsdiff.sources.formats.text.parse_article` like any text file, so
segmentation and boilerplate work the same; the page's metadata (title,
author, date, site name, canonical URL) fills what the text alone cannot say.
"""

from __future__ import annotations

import codecs
import dataclasses
import re

from newsdiff.sources.decoding import decode
from newsdiff.sources.files import cannot_read
from newsdiff.sources.formats import Format
from newsdiff.sources.formats.text import parse_article
from newsdiff.values import Article

# A declared charset is looked for where browsers look for it: the first 1024 bytes.
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_PRESCAN_BYTES = 1024
# Browsers read these labels as cp1252 (WHATWG Encoding standard), and so do pages.
_CP1252_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii"})


def article_from_html(data: bytes | str, source: str) -> Article:
    """An Article from a web page (bytes, or text already decoded); ``source`` is the name to
    show and report: a file name or the address the page was fetched from."""
    page = data if isinstance(data, str) else decode_page(data, source)
    doc = _extract(page)
    body = _paragraphs(doc.text if doc else "")
    if not body:
        raise cannot_read(source, "no article text found in the page")
    title = (doc.title or "").strip()
    if title and body[0] != title:
        body.insert(0, title)
    article = parse_article("\n\n".join(body) + "\n", source)
    return dataclasses.replace(
        article,
        outlet=doc.sitename or doc.hostname or article.outlet,
        title=title or article.title,
        byline=doc.author or article.byline,
        date=doc.date or None,
        url=doc.url or None,
    )


FORMAT = Format("html", frozenset({".html", ".htm"}),
                frozenset({"text/html", "application/xhtml+xml"}), article_from_html)


def decode_page(data: bytes, name: str) -> str:
    """The page's text, by its declared charset when it names one Python knows.

    A BOM or undeclared encoding is left to :func:`~newsdiff.sources.decoding.decode`, as
    for text files; so are bytes that are not valid in the declared charset (pages lie).
    """
    declared = _declared_charset(data)
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                         codecs.BOM_UTF16_BE)):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    return decode(data, name)


def _declared_charset(data: bytes) -> str | None:
    """The Python codec named by a ``<meta charset>`` (or http-equiv) near the top, if any."""
    match = _CHARSET_RE.search(data[:_PRESCAN_BYTES])
    if not match:
        return None
    label = match.group(1).decode("ascii", "replace").lower()
    if label in _CP1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _extract(page: str):
    """trafilatura's reading of the page: main text and metadata, or None.

    Precision over recall, and no fallback extractors: a missed paragraph makes a
    comparison shorter, but menu text taken for the story makes it wrong (the
    fallbacks return the menu of a page that has no article).  Dates come from
    the page's markup only, not guessed from copyright lines.
    """
    from trafilatura import bare_extraction

    return bare_extraction(
        page,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        fast=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _paragraphs(text: str) -> list[str]:
    """The extracted text's non-empty lines (trafilatura gives one per paragraph)."""
    return [line.strip() for line in text.splitlines() if line.strip()]
