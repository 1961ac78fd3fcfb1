"""What the library lists of each article: its word count, its boilerplate share, and how
similar it is to the selected one.

The library screen shows these and the app builds them as the articles load, so
they live here, below both, rather than in either.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdiff.present.summary import summarize
from newsdiff.text.tokens import words
from newsdiff.values import Article, Comparison


@dataclass(frozen=True, slots=True)
class Entry:
    """One article of the library and what the table shows of it."""

    index: int
    article: Article
    words: int
    boilerplate_share: float


def entry_of(index: int, article: Article) -> Entry:
    """The library's row for ``article``: its word count and boilerplate share."""
    counts = [len(words(s.text)) for s in article.sentences]
    total = sum(counts)
    boiler = sum(n for n, s in zip(counts, article.sentences, strict=True) if s.boilerplate)
    return Entry(index, article, total, boiler / total if total else 0.0)


def similarity(c: Comparison) -> float:
    """How much of the two stories the other one carries: mean aligned share of story words."""
    s = summarize(c)
    return ((1 - s.a.share("unique")) + (1 - s.b.share("unique"))) / 2
