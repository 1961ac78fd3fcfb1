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
dropped, nothing is fetched.  Extraction takes time that grows with the page's
elements, and for the inline elements of one paragraph with their square, so a
page is counted before it is extracted and refused when it is larger than any
news article (see :func:`_check_size`).  The extracted text then goes through
:func:`~newsdiff.sources.formats.text.parse_article` like any text file, so
segmentation and boilerplate work the same; the page's metadata (title,
author, date, site name, canonical URL) fills what the text alone cannot say.
"""

from __future__ import annotations

import dataclasses

from newsdiff.sources.decoding import BOMS, codec_for_label, decode
from newsdiff.sources.files import cannot_read
from newsdiff.sources.formats import Format
from newsdiff.sources.formats.text import parse_article
from newsdiff.values import Article

# The caps on what is extracted, measured with trafilatura 2.3.1 (CPU time, one core of the
# test machine).  Its time grows a little faster than the page's elements (3,000 paragraphs
# each with a link and two emphases: 1.7 s, 6,000: 5.5 s, 12,000: 14 s; plain paragraphs
# 0.14 ms each) and with the square of the elements inside one paragraph (a <p> of 2,000 <b>:
# 0.4 s, 8,000: 4.4 s, 32,000 <span>: 104 s); with attributes (10,000 <p> of 200 each: 20 s,
# 1,000 <p> of 2,000: 35 s) and with the length of class and id names, which its selectors
# search (20 MB of them: 11 to 15 s; other attributes, text, scripts and comments cost 0.2 to
# 4 s at the 20 MB input cap).  At these caps the worst shapes tried take 1 to 5 s (20,000
# elements as 5,000 such paragraphs: 2.9 s, as 20 paragraphs of 999 <b>: 3 s, as one <div>
# of 19,000 <span>: 2.5 s; 5,000 paragraphs of 20 attributes and 400 characters of class:
# 2.9 s; all caps at once: 5 s); news pages have hundreds of paragraphs, a few thousand in a
# long live blog, a few thousand elements and attributes in all, tens in a paragraph, and
# class names of tens of characters.
MAX_ELEMENTS = 20_000
MAX_PARAGRAPHS = 10_000
MAX_PARAGRAPH_ELEMENTS = 1_000
MAX_ATTRIBUTES = 100_000
MAX_NAME_CHARS = 2_000_000
"""The characters of class and id attributes in a page."""
# What counts as a paragraph: the block elements text is laid out in.
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td",
           "th", "dd", "dt", "section", "article", "figcaption")
_COUNT_BLOCKS = "count(" + "|".join(f"//{tag}" for tag in _BLOCKS) + ")"

# A declared charset is looked for where and as browsers look for it: in the first 1024 bytes,
# by the HTML standard's prescan (https://html.spec.whatwg.org/#prescan-a-byte-stream-to-
# determine-its-encoding), which reads tags and attributes rather than matching a pattern.
_PRESCAN_BYTES = 1024
_SPACE = frozenset(b"\t\n\x0c\r ")
_AFTER_META = _SPACE | {ord("/")}
_MARKUP = frozenset(b"!/?")  # after "<": a declaration, an end tag without a name, a PI
_UTF16 = frozenset({"utf-16-le", "utf-16-be"})


def article_from_html(data: bytes | str, source: str) -> Article:
    """An Article from a web page (bytes, or text already decoded); ``source`` is the name to
    show and report: a file name or the address the page was fetched from.

    The outlet is the site the page names (its metadata's site name, else the host of its
    canonical address), else the site it came from (see ``parse_article``): the host it
    was fetched from, or a saved page's file name.
    """
    page = data if isinstance(data, str) else decode_page(data, source)
    doc = _extract(page, source)
    body = _paragraphs(doc.text if doc else "")
    if not body:
        raise cannot_read(source, "no article text found in the page")
    title = (doc.title or "").strip()
    if title and body[0] != title:
        body.insert(0, title)
    article = parse_article("\n\n".join(body) + "\n", source)
    return dataclasses.replace(
        article,
        outlet=doc.sitename or article.outlet,
        title=title or article.title,
        byline=doc.author or article.byline,
        date=doc.date or None,
        url=doc.url or None,
    )


FORMAT = Format("html", frozenset({".html", ".htm"}),
                frozenset({"text/html", "application/xhtml+xml"}), article_from_html)


def decode_page(data: bytes, name: str) -> str:
    """The page's text, by the charset it declares when it declares one browsers know.

    A BOM or undeclared encoding is left to :func:`~newsdiff.sources.decoding.decode`, as
    for text files; so are bytes that are not valid in the declared charset (pages lie).
    """
    declared = None if data.startswith(BOMS) else _declared_charset(data, name)
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    return decode(data, name)


def _declared_charset(data: bytes, name: str) -> str | None:
    """The Python codec of the first encoding that a ``<meta>`` in the page's first 1024
    bytes declares and browsers know, found as the prescan finds it.

    ``<meta charset=…>`` counts, and so does the ``content`` of a ``<meta
    http-equiv=content-type>``; comments are skipped and so are the attributes
    of other tags (a ``charset=`` in a description or a title says nothing).
    A page that declares UTF-16 is read as UTF-8, as browsers read it: a page
    whose declaration could be read as ASCII is not in UTF-16.
    """
    head = data[:_PRESCAN_BYTES]
    at = 0
    while 0 <= at < len(head):
        if head[at] != ord("<"):
            at += 1
        elif head.startswith(b"<!--", at):
            at = _past(head, b"-->", at + 2)
        elif head[at + 1 : at + 5].lower() == b"meta" and _byte(head, at + 5) in _AFTER_META:
            at, label = _meta_charset(head, at + 5)
            codec = codec_for_label(label, name) if label is not None else None
            if codec:
                return "utf-8" if codec in _UTF16 else codec
        elif _is_letter(_byte(head, at + 1)) or (
                _byte(head, at + 1) == ord("/") and _is_letter(_byte(head, at + 2))):
            at = _skip_tag(head, at + 1)
        elif _byte(head, at + 1) in _MARKUP:
            at = _past(head, b">", at)
        else:
            at += 1
    return None


def _byte(head: bytes, at: int) -> int:
    """The byte at ``at``, or -1 past the end."""
    return head[at] if at < len(head) else -1


def _is_letter(byte: int) -> bool:
    return ord("A") <= byte <= ord("Z") or ord("a") <= byte <= ord("z")


def _past(head: bytes, end: bytes, at: int) -> int:
    """Just past the first ``end`` from ``at``, or -1 if there is none."""
    found = head.find(end, at)
    return found + len(end) if found >= 0 else -1


def _meta_charset(head: bytes, at: int) -> tuple[int, str | None]:
    """Where the ``<meta>`` whose attributes start at ``at`` ends (-1 past the prescan),
    and the charset label it declares, if any."""
    seen: set[bytes] = set()
    pragma, label, from_content = False, None, False
    while (found := _attribute(head, at))[1] is not None:
        at, (key, value) = found
        if key in seen:
            continue
        seen.add(key)
        if key == b"http-equiv":
            pragma = pragma or value == b"content-type"
        elif key == b"content" and label is None:
            label = _content_charset(value)
            from_content = label is not None
        elif key == b"charset":
            label, from_content = value.decode("latin-1"), False
    at = found[0]
    return at, None if at < 0 or (from_content and not pragma) else label


def _skip_tag(head: bytes, at: int) -> int:
    """Past a tag other than ``<meta>``, its name starting at ``at``, and its attributes."""
    while at < len(head) and head[at] not in _SPACE and head[at] != ord(">"):
        at += 1
    while (found := _attribute(head, at))[1] is not None:
        at = found[0]
    return found[0]


def _attribute(head: bytes, at: int) -> tuple[int, tuple[bytes, bytes] | None]:
    """The prescan's "get an attribute": where the next attribute of a tag ends, and its
    name and value in lower case; None for the value at the tag's end (then just past its
    ``>``), and -1 for where when the prescan runs out of bytes first."""
    end = len(head)
    while at < end and (head[at] in _SPACE or head[at] == ord("/")):
        at += 1
    if at >= end or head[at] == ord(">"):
        return (at + 1 if at < end else -1), None
    start, at = at, at + 1  # a first "=" is part of the name
    while at < end and head[at] not in _SPACE and head[at] not in b"/>=":
        at += 1
    key = head[start:at].lower()
    while at < end and head[at] in _SPACE:
        at += 1
    if at >= end:
        return -1, None
    if head[at] != ord("="):
        return at, (key, b"")
    at += 1
    while at < end and head[at] in _SPACE:
        at += 1
    if at >= end:
        return -1, None
    if head[at] in b"\"'":
        close = head.find(head[at : at + 1], at + 1)
        return (close + 1, (key, head[at + 1 : close].lower())) if close >= 0 else (-1, None)
    start = at
    while at < end and head[at] not in _SPACE and head[at] != ord(">"):
        at += 1
    return (at, (key, head[start:at].lower())) if at < end else (-1, None)


def _content_charset(content: bytes) -> str | None:
    """The label in a ``content="text/html; charset=…"`` value, by the HTML standard's
    "extracting a character encoding from a meta element"."""
    at = 0
    while (at := content.find(b"charset", at)) >= 0:
        at += len(b"charset")
        while at < len(content) and content[at] in _SPACE:
            at += 1
        if content[at : at + 1] == b"=":
            break
    if at < 0:
        return None
    at += 1
    while at < len(content) and content[at] in _SPACE:
        at += 1
    if content[at : at + 1] in (b'"', b"'"):
        close = content.find(content[at : at + 1], at + 1)
        return content[at + 1 : close].decode("latin-1") if close >= 0 else None
    end = at
    while end < len(content) and content[end] not in _SPACE and content[end] != ord(";"):
        end += 1
    return content[at:end].decode("latin-1") or None


def _extract(page: str, source: str):
    """trafilatura's reading of the page: main text and metadata, or None.

    Precision over recall, and no fallback extractors: a missed paragraph makes a
    comparison shorter, but menu text taken for the story makes it wrong (the
    fallbacks return the menu of a page that has no article).  Dates come from
    the page's markup only, not guessed from copyright lines.  The page is parsed
    once, by trafilatura's own loader, and counted (:func:`_check_size`) before
    the extractor is given the tree.
    """
    from trafilatura import bare_extraction, load_html

    tree = load_html(page)
    if tree is None:
        return None
    _check_size(tree, source)
    return bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        fast=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )


def _check_size(tree, source: str) -> None:
    """An InputError unless the parsed page is within the caps (see ``MAX_ELEMENTS``).

    Counted by XPath in lxml, without a Python object per element (the class and id
    names, one string each, are counted once the attributes are known to be few), so
    counting a page at the input cap (20 MB) takes a fraction of a second.
    """
    caps = (("paragraphs", tree.xpath(_COUNT_BLOCKS), MAX_PARAGRAPHS),
            ("elements", tree.xpath("count(//*)"), MAX_ELEMENTS),
            ("attributes", tree.xpath("count(//@*)"), MAX_ATTRIBUTES))
    for what, count, cap in caps:
        _within(source, f"{int(count):,} {what}", count, cap)
    names = sum(len(name) for name in tree.xpath("//@class|//@id"))
    _within(source, f"{names:,} characters of class and id names", names, MAX_NAME_CHARS)
    crowded = tree.xpath(f"//p[count(.//*) > {MAX_PARAGRAPH_ELEMENTS}]")
    if crowded:
        most = max(int(p.xpath("count(.//*)")) for p in crowded)
        _within(source, f"a paragraph of {most:,} elements", most, MAX_PARAGRAPH_ELEMENTS)


def _within(source: str, found: str, count: float, cap: int) -> None:
    """An InputError saying what was ``found`` if ``count`` is over ``cap``."""
    if count > cap:
        raise cannot_read(source, f"page too large to extract: {found} (the cap is {cap:,})")


def _paragraphs(text: str) -> list[str]:
    """The extracted text's non-empty lines (trafilatura gives one per paragraph)."""
    return [line.strip() for line in text.splitlines() if line.strip()]
