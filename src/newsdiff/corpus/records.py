"""What a corpus is read into: one :class:`Record` per article, one :class:`Reject` per
record that could not be read, in numbered :class:`Partition` s.

Every later stage (fingerprints, story finding, comparison, the tables) works
on these and nothing else, so an input format is a reader that yields them
(:mod:`newsdiff.corpus.inputs`) and no stage knows where an article came from.
Partitions are numbered in input order and cut at a fixed number of records,
so the same inputs give the same partitions on every run: what a resumed run
finds done is what it would have made.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from newsdiff.sources.formats.text import parse_article
from newsdiff.values import Article


@dataclass(frozen=True, slots=True)
class Record:
    """One article of a corpus as its input gives it."""

    id: str
    """Unique within the corpus: the input's own id, else where it was read (``origin``)."""
    outlet: str
    """Who published it (passim's ``series``); the input's name when it gives none."""
    text: str
    date: str | None = None
    """The publication date as ``YYYY-MM-DD``, when the input gives one that reads as a date."""
    title: str | None = None
    url: str | None = None
    origin: str = ""
    """Where it was read: ``file:line`` (JSONL, CSV), ``file:row`` (Parquet), a path, a
    WARC record's offset; for rejects and for a reader to find it again."""

    def article(self) -> Article:
        """The article the engine compares: the title (when given apart, and the text does
        not open with it already, as scraped dumps often do) as its first line, then the
        text, read like a text file; outlet, date and address from the record."""
        apart = self.title and not self.text.lstrip().startswith(self.title)
        text = f"{self.title}\n\n{self.text}" if apart else self.text
        parsed = parse_article(text, self.id)
        return dataclasses.replace(parsed, outlet=self.outlet, date=self.date or parsed.date,
                                   url=self.url or parsed.url)


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that could not be read, with why; written to the rejects file, never dropped
    silently."""

    origin: str
    reason: str
    id: str | None = None


@dataclass(frozen=True, slots=True)
class Partition:
    """A numbered run of consecutive records of the inputs, with the rejects met among them."""

    number: int
    records: tuple[Record, ...]
    rejects: tuple[Reject, ...] = ()
