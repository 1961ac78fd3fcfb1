"""Plain text and Markdown articles: front matter, sentences, boilerplate, headline, byline.

The default format: it reads ``.txt``, ``.md`` and ``.markdown`` files,
standard input, any file whose suffix no format claims, and fetched
``text/plain`` or ``text/markdown``.  :func:`parse_article` is also the last
step of reading every article, whatever it came as: a web page's extracted
text comes through it too (see :mod:`newsdiff.sources.formats.html`), so
segmentation and boilerplate work the same for all.
"""

from __future__ import annotations

import re

from newsdiff.sources.decoding import decode
from newsdiff.sources.files import cannot_read
from newsdiff.sources.formats import Format
from newsdiff.sources.outlets import guess_outlet
from newsdiff.text.boilerplate import byline_name, find_boilerplate
from newsdiff.text.segment import split_sentences
from newsdiff.values import Article, Sentence

# Every pattern here reads untrusted text, so none may backtrack over a long run: a field's
# value is trimmed by str.strip, not by a lazy group before "[ \t]*$" (which retried the
# trailing blanks at every length of the value), and closing heading marks are looked for
# only from the first blank of a run ("\s+#+$" tried the rest of the run from each blank).
_FRONT_MATTER_RE = re.compile(r"---[ \t]*\n((?:[ \t]*[\w-]+[ \t]*:[^\n]*\n)*?)---[ \t]*(?:\n|$)")
_FIELD_RE = re.compile(r"^[ \t]*([\w-]+)[ \t]*:(.*)$", re.MULTILINE)
_HEADING_MARKS_RE = re.compile(r"^#{1,6}\s+|(?<!\s)\s++#++$")
_SECTION_TAG_RE = re.compile(r"^[A-Z][A-Z&/ ]{2,30}\s+(?:—|–|--?|\|)\s+")
_EDGE_EMPHASIS = "*_"
_BYLINE_WINDOW = 8


def read_text(data: bytes, name: str) -> Article:
    """An article from the bytes of a text or Markdown file."""
    return parse_article(decode(data, name), name)


FORMAT = Format("text", frozenset({".txt", ".md", ".markdown"}),
                frozenset({"text/plain", "text/markdown"}), read_text)


def parse_article(text: str, path: str) -> Article:
    """An Article from decoded text: front matter, sentences, boilerplate, headline, byline.

    ``path`` is the name to show (``"<stdin>"`` for standard input, the address
    of a fetched document); the outlet is the front matter's ``outlet:`` or else
    what the address, the text or the name says (see
    :func:`~newsdiff.sources.outlets.guess_outlet`).
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
        outlet=fields.get("outlet") or guess_outlet(text, path),
        title=fields.get("title") or _headline(sentences),
        text=text,
        sentences=sentences,
        byline=fields.get("byline") or _byline(sentences),
        date=fields.get("date") or None,
        url=fields.get("url") or None,
    )


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` fields of a leading ``---`` block, and the text without it."""
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        return {}, text
    fields = {key.lower(): _unquote(value.strip(" \t"))
              for key, value in _FIELD_RE.findall(match.group(1))}
    return fields, text[match.end() :]


def _unquote(value: str) -> str:
    """A front-matter value without one pair of surrounding quotes."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


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
