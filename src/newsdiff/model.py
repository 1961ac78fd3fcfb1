"""The values the engine produces and every front end renders.

These are plain, immutable dataclasses with no behaviour beyond cheap derived
views, so that the one-shot renderers, the JSON contract and the Textual
reader all read the same thing and none of them recomputes alignment.

Offsets are Python ``str`` indices (code points) into ``Article.text``,
half-open, exactly as the JSON contract says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["shared", "paraphrase", "divergent"]
ALIGNED_KINDS: tuple[Kind, ...] = ("shared", "paraphrase", "divergent")
ALL_KINDS: tuple[str, ...] = (*ALIGNED_KINDS, "unique", "boilerplate")

DetailType = Literal["number", "date", "place", "name", "attribution", "negation"]
DiffOp = Literal["=", "-", "+"]


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

    @property
    def story_sentences(self) -> tuple[Sentence, ...]:
        """The sentences that are part of the story (not boilerplate)."""
        return tuple(s for s in self.sentences if not s.boilerplate)


@dataclass(frozen=True, slots=True)
class Detail:
    """A checkable detail that differs between two aligned sentences."""

    type: DetailType
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Alignment:
    """Sentences of A and of B that report the same fact, and how they relate.

    ``a`` and ``b`` are sentence indices.  ``diff`` is the word-level diff
    from A's text to B's text as ``(op, text)`` runs.
    """

    kind: Kind
    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    details: tuple[Detail, ...] = ()
    diff: tuple[tuple[DiffOp, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of comparing article ``a`` with article ``b``.

    Every sentence of each article lies in exactly one of: an alignment,
    ``unique_*`` or ``boilerplate_*``.
    """

    a: Article
    b: Article
    alignments: tuple[Alignment, ...]
    unique_a: tuple[int, ...] = field(default=())
    unique_b: tuple[int, ...] = field(default=())
    boilerplate_a: tuple[int, ...] = field(default=())
    boilerplate_b: tuple[int, ...] = field(default=())
