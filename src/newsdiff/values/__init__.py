"""The data the engine returns and every front end reads: plain, immutable values.

The one-shot renderers, the JSON contracts, the reader and the review store
all read these and none of them recomputes anything, so there is one
meaning of "an alignment" or "a claim" in the whole program.  Nothing here
imports any other part of newsdiff.

The story's values (:mod:`newsdiff.values.story`) load when one of them is
first named here: a pair comparison, the command line's usual work, never
needs them, and making their classes costs the start-up a few milliseconds.
"""

from typing import TYPE_CHECKING

from newsdiff.values.article import Article, Sentence
from newsdiff.values.comparison import (
    ALIGNED_KINDS,
    ALL_KINDS,
    Alignment,
    Comparison,
    Detail,
    DetailType,
    DiffOp,
    Kind,
)
from newsdiff.values.errors import InputError

if TYPE_CHECKING:
    from newsdiff.values.story import (
        QUOTE_EXTENTS,
        RELATIONS,
        Claim,
        ClaimPassage,
        Divergence,
        Quote,
        QuoteExtent,
        QuoteRendering,
        QuoteStatus,
        Relation,
        Story,
    )

_STORY_NAMES = frozenset({
    "QUOTE_EXTENTS", "RELATIONS", "Claim", "ClaimPassage", "Divergence", "Quote", "QuoteExtent",
    "QuoteRendering", "QuoteStatus", "Relation", "Story",
})

__all__ = [
    "ALIGNED_KINDS", "ALL_KINDS", "QUOTE_EXTENTS", "RELATIONS", "Alignment", "Article", "Claim",
    "ClaimPassage", "Comparison", "Detail", "DetailType", "DiffOp", "Divergence", "InputError",
    "Kind", "Quote", "QuoteExtent", "QuoteRendering", "QuoteStatus", "Relation", "Sentence",
    "Story",
]


def __getattr__(name: str) -> object:
    """A story value, loaded on first use (see the module docstring)."""
    if name in _STORY_NAMES:
        from newsdiff.values import story

        return getattr(story, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
