"""Web archives (``.warc``, ``.warc.gz``): crawls of news sites, Common Crawl's news set.

Read record by record with warcio's ``ArchiveIterator``, imported only here.  A WARC
holds much that is not an article: the requests, the crawler's metadata and warcinfo,
revisits, DNS lookups, images and scripts.  Only a ``response`` record of a web page (an
HTML media type, as :mod:`newsdiff.sources.formats.html` reads them) is a candidate; the
rest are passed over without a word, since none of them was ever an article.  A page
that is not a successful reply (``404``, a redirect) is a reject naming its status, and
so is a page in which the extractor finds no article: those were meant to be articles.

The page is read through the same extractor as a saved page
(:func:`~newsdiff.sources.formats.html.article_from_html`), its body capped as a file is,
the charset its HTTP reply names honoured as a fetched page's is.  The record's outlet is
the host it came from (a site's pages all name it alike, where page metadata varies), its
address the one crawled (``WARC-Target-URI``), its id the ``WARC-Record-ID``; its date is
the page's own publication date when its markup gives one, else the day it was crawled
(``WARC-Date``), which for a news crawl is mostly that day or the next.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator

from newsdiff.corpus.inputs.fields import FieldMap, iso_date, record_from_article
from newsdiff.corpus.inputs.streams import Cursor, Item, guarded
from newsdiff.corpus.records import Reject
from newsdiff.sources import formats
from newsdiff.sources.decoding import BOMS, codec_for_label
from newsdiff.sources.formats.html import article_from_html
from newsdiff.sources.outlets import guess_outlet
from newsdiff.values import InputError

CORRUPT_WARC = "corrupt warc"
TRUNCATED_WARC = "truncated warc"
PAGE_TOO_LARGE = "page too large"
UNREADABLE_PAGE = "unreadable page"
NO_ARTICLE = "no article text"
HTTP_STATUS = "http status {}"


class _Broken(Exception):
    """The archive cannot be read on; ``reason`` says why (a reject reason)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read(path: str, fields: FieldMap, outlet: str, cap: int) -> Iterator[Item]:
    """The articles of the WARC file ``path``, record by record; ``cap`` the largest page
    read, in bytes (the field map and the outlet are for row inputs: a page names its own)."""
    cursor = Cursor(path)
    return guarded(_items(path, cap, cursor), cursor.origin,
                   lambda exc: exc.reason if isinstance(exc, _Broken) else None)


def _items(path: str, cap: int, cursor: Cursor) -> Iterator[Item]:
    """Each page's record or reject; every record is read to its end and checked whole
    before its page is read, so that a page cut off by a truncated file is not taken for
    a short article."""
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as handle:
        records = ArchiveIterator(handle)
        for record in _each(records, cursor):
            page = _is_page(record)
            status = (record.http_headers.get_statuscode() or "").strip() if page else ""
            body = _body(record, cap) if status.startswith("2") else None
            _finish(records, record)
            if page:
                yield _page(record, status, body, cursor.origin(), cap)
        if records.offset < os.fstat(handle.fileno()).st_size:  # a record cut in its headers
            cursor.at = records.offset
            raise _Broken(TRUNCATED_WARC)


def _each(records, cursor: Cursor) -> Iterator:
    """The records of an ``ArchiveIterator``, ``cursor.at`` the offset of each in the file
    (read before the record, as ``get_record_offset()`` would read it to its end); a
    _Broken when the iterator cannot read the next one.

    warcio meets a corrupt archive with errors of many kinds (its own, a ``zlib.error``,
    an ``AttributeError`` for a record without the headers it expects), so any error from
    the iterator means that the archive is corrupt."""
    while True:
        cursor.at = records.offset
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # any: see the docstring
            raise _Broken(CORRUPT_WARC) from exc
        yield record


def _finish(records, record) -> None:
    """``record`` read to its end; a _Broken when the file ended before the record's
    declared length (warcio gives a cut record's bytes as if they were all of it)."""
    try:
        records.read_to_end()
    except Exception as exc:  # any, as in _each
        raise _Broken(CORRUPT_WARC) from exc
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise _Broken(TRUNCATED_WARC)


def _is_page(record) -> bool:
    """Whether ``record`` is the reply of a web server with a web page (an HTML media type,
    as the HTML format reads them)."""
    return record.rec_type == "response" and _media_type(record) in _page_types()


def _body(record, cap: int) -> bytes | None:
    """The page a record holds, its transfer and content encodings undone, at most
    ``cap + 1`` bytes; None when they cannot be undone (a corrupt gzip body)."""
    try:
        return record.content_stream().read(cap + 1)
    except Exception:  # noqa: BLE001 -- any error of warcio's decoders, as in _each
        return None


def _page(record, status: str, body: bytes | None, origin: str, cap: int) -> Item:
    """The article of one HTML response, or why it has none."""
    headers = record.rec_headers
    id = (headers.get_header("WARC-Record-ID") or "").strip().strip("<>") or origin
    if not status.startswith("2"):
        return Reject(origin, HTTP_STATUS.format(status or "missing"), id)
    if body is None:
        return Reject(origin, UNREADABLE_PAGE, id)
    if len(body) > cap:
        return Reject(origin, PAGE_TOO_LARGE, id)
    url = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    try:
        article = article_from_html(_with_charset(body, record), url or origin)
    except InputError:
        return Reject(origin, NO_ARTICLE, id)
    return record_from_article(article, id, origin,
                               outlet=guess_outlet("", url) if _is_http(url) else None,
                               date=iso_date(article.date) or headers.get_header("WARC-Date"),
                               url=url or None)


def _is_http(url: str) -> bool:
    """Whether ``url`` is an http(s) address, whose host names the outlet."""
    return url[:8].lower().startswith(("http://", "https://"))


def _media_type(record) -> str | None:
    """The media type of a record's HTTP reply (lower case, no parameters), if it has one."""
    if record.http_headers is None:
        return None
    return (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()


def _page_types() -> frozenset[str]:
    """The media types of web pages: those the HTML format reads."""
    return formats.named("html").media_types


def _with_charset(body: bytes, record) -> bytes:
    """``body`` re-encoded behind a UTF-8 BOM when its reply names a charset browsers know
    and the body is valid in it (the BOM is the one signal the page reader puts above a
    ``<meta>``, where browsers put the HTTP charset); else as it came."""
    header = record.http_headers.get_header("Content-Type") or ""
    label = next((part.split("=", 1)[1].strip().strip("\"'") for part in header.split(";")[1:]
                  if part.strip().lower().startswith("charset=")), None)
    try:
        codec = codec_for_label(label, "") if label and not body.startswith(BOMS) else None
        return codecs.BOM_UTF8 + body.decode(codec).encode("utf-8") if codec else body
    except (InputError, UnicodeDecodeError):  # a refused label; a reply wrong about its page
        return body
