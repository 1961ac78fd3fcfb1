"""An article as newsdiff read it: its normalised text and its sentences.

Offsets are Python ``str`` indices (code points) into ``Article.text``,
half-open, exactly as the JSON contract says.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or headline, byline, caption line) of an article."""

    index: int
    start: int
    end: int
    text: str
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """An article as newsdiff read it: normalised text plus what was found in it."""

    path: str
    outlet: str
    title: str
    text: str
    sentences: tuple[Sentence, ...]
    byline: str | None = None
    date: str | None = None  # publication date as the source gives it (web pages, front matter)
    url: str | None = None  # canonical address (web pages, front matter)

    @property
    def story_sentences(self) -> tuple[Sentence, ...]:
        """The sentences that are part of the story (not boilerplate)."""
        return tuple(s for s in self.sentences if not s.boilerplate)
