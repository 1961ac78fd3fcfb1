"""From what an input gives to a :class:`~newsdiff.corpus.records.Record`: a row's fields
named by a :class:`FieldMap`, or an article a single-article format read.

JSONL lines, CSV rows and Parquet rows are all dict-like rows, so one function
(:func:`record_from_row`) turns every one of them into a Record or a Reject:
the three readers differ in how they find rows, never in what a row means.
Files and WARC pages are read by :mod:`newsdiff.sources.formats` into an
Article first, and :func:`record_from_article` holds them to the same limits.
Every value came from a stranger's file: nothing is evaluated, a value of the
wrong type is refused or dropped by a stated rule, and a reject's reason is a
short fixed string (they are counted by reason) that never quotes the text.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from newsdiff.corpus.records import Record, Reject
from newsdiff.sources.files import printable
from newsdiff.values import Article, InputError

MAX_TEXT_CHARS = 5_000_000
"""The longest text a record may have.  The longest news features run to some 300,000
characters and a whole novel to 3 million, so a longer "article" is a mis-mapped field or
a dump, and one such record would cost every later stage (sentences, fingerprints) as much
as thousands of articles."""

NO_TEXT = "no text"
TEXT_NOT_STRING = "text is not a string"
TEXT_TOO_LONG = "text too long"
BAD_ENCODING = "bad encoding"

_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")
"""What bytes that are not UTF-8 become when a line is decoded with ``surrogateescape``
(and what a JSON ``"\\ud800"`` escape gives): a string no later stage could write out."""
_DATE_RE = re.compile(r"\s*(?:(\d{4})-(\d{2})-(\d{2})|(\d{4})(\d{2})(\d{2}))(?:$|[T\s])")
_TITLE_HEAD = 500
"""Characters past a title's length within which an article's text is taken to start with
its title already (see :func:`record_from_article`)."""


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Which input field holds each field of a record; by default passim's names."""

    id: str = "id"
    outlet: str = "series"
    date: str = "date"
    text: str = "text"
    title: str = "title"
    url: str = "url"

    @classmethod
    def from_options(cls, options: Sequence[str]) -> FieldMap:
        """The map that ``--field RECORD=INPUT`` options give (``["text=body"]``); a later
        option for the same record field wins.  An InputError for a malformed option or a
        record field there is no such."""
        known = ", ".join(f.name for f in dataclasses.fields(cls))
        given: dict[str, str] = {}
        for option in options:
            record, equals, name = (part.strip() for part in option.partition("="))
            if not (equals and record and name):
                raise InputError(f"newsdiff: --field takes RECORD=INPUT (RECORD one of {known}),"
                                 f" not '{printable(option, 60)}'")
            if record not in {f.name for f in dataclasses.fields(cls)}:
                raise InputError(f"newsdiff: --field '{printable(option, 60)}': no record field "
                                 f"'{printable(record, 30)}' (known: {known})")
            given[record] = name
        return cls(**given)

    def names(self) -> tuple[str, ...]:
        """The input fields this map reads, each once."""
        return tuple(dict.fromkeys(getattr(self, f.name) for f in dataclasses.fields(self)))


def record_from_row(row: Mapping[str, object], fields: FieldMap, origin: str,
                    outlet: str) -> Record | Reject:
    """The record a row (a JSON object, a CSV row, a Parquet row) holds, or why it holds none.

    ``origin`` is where the row was read (``file:line``), its id when it has none of its own;
    ``outlet`` is the one to give when the row names none (the input file's stem).
    """
    own_id = _string(row.get(fields.id))
    text = row.get(fields.text)
    if text is not None and not isinstance(text, str):
        return Reject(origin, TEXT_NOT_STRING, own_id)
    problem = text_problem(text)
    if problem:
        return Reject(origin, problem, own_id)
    record = Record(id=own_id or origin, outlet=_string(row.get(fields.outlet)) or outlet,
                    text=_normal_lines(text), date=iso_date(row.get(fields.date)),
                    title=_string(row.get(fields.title)), url=_string(row.get(fields.url)),
                    origin=origin)
    bad = [value for value in _strings(record) if _LONE_SURROGATE_RE.search(value)]
    if bad:
        return Reject(origin, BAD_ENCODING, None if own_id in bad else own_id)
    return record


def record_from_article(article: Article, id: str, origin: str, *, outlet: str | None = None,
                        date: str | None = None, url: str | None = None) -> Record | Reject:
    """The record of an article a format read (a file, a WARC page), or why it is none.

    ``outlet``, ``date`` and ``url``, when given, stand in for the article's own.  The
    title is kept apart only when the text does not already start with it:
    :meth:`Record.article` puts a separate title above the text, and a page's headline
    would then be read twice.
    """
    problem = text_problem(article.text)
    if problem:
        return Reject(origin, problem, id)
    title = article.title or None
    if title and title in article.text[: len(title) + _TITLE_HEAD]:
        title = None
    return Record(id=id, outlet=outlet or article.outlet, text=article.text,
                  date=iso_date(date or article.date), title=title,
                  url=url or article.url or None, origin=origin)


def text_problem(text: str | None) -> str | None:
    """Why ``text`` cannot be a record's text (a reject reason), or None when it can."""
    if text is None or not text.strip():
        return NO_TEXT
    if len(text) > MAX_TEXT_CHARS:
        return TEXT_TOO_LONG
    return None


def iso_date(value: object) -> str | None:
    """``value`` as ``YYYY-MM-DD`` when it reads as a date: a date or datetime, or a string
    (or number) that starts with an ISO date (``2016-03-01``, ``2016-03-01T12:00:00Z``,
    ``20160301``).  The date is the one written, whatever the time zone: it is the day the
    outlet printed.  Anything else is None, never an error: a record without a date is
    still a record."""
    if isinstance(value, datetime.date):  # a datetime is one too
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = _DATE_RE.match(value[:40])
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups() if part)).isoformat()
    except ValueError:
        return None


def _string(value: object) -> str | None:
    """A text field's value stripped, a number's digits; None for blank, or for a value
    of another kind (a list, an object, a boolean)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return None


def _strings(record: Record) -> tuple[str, ...]:
    """The strings a record keeps from its row."""
    return tuple(v for v in (record.id, record.outlet, record.text, record.title, record.url)
                 if v)


def _normal_lines(text: str) -> str:
    """``text`` with CRLF and CR line ends made ``\\n``, as every file's text is."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
