"""How far a review has got: ``12 of 40 reviewed``, counted once for every place that says it.

The reader's header, ``newsdiff review list`` and every export say how much
of a session is reviewed, and they must never disagree, so they all count
with :func:`view_progress` and :func:`session_progress`, and nowhere else.

**What is counted.**  Progress is counted per *view*: the comparison of two
articles (either way round: ``s`` swaps the panes, not the comparison), or
the story of them all.  A view's ``total`` is the number of distinct review
targets of what it lists under the *default* kinds (everything but
boilerplate; every claim of the story, one-outlet ones too), so that a kind
filter (``1``–``4``), ``o`` or ``r`` changes what is shown, never the count.
Targets, not passages: the parts an ``unrelated`` rejection split apart stand
for that one rejection, and count once.  ``reviewed`` is how many of those
targets have a verdict (a note alone is not a verdict).  A session's progress
is the sum over the views the reviewer opened.

The store keeps each view's target keys (:meth:`ReviewStore.set_view
<newsdiff.review.store.ReviewStore.set_view>`), written by the reader
whenever a view's targets change (a split, a link), so that ``list`` and
``export`` count with the same function without the engine.  A session saved
before views were kept (schema 1) has none: its progress is its verdict count,
of the passage count its last view had then, if any.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

#: The key of the story view in the store (a session's articles make one story).
STORY_VIEW = "story"


def pair_view(a: str, b: str) -> str:
    """The key of the view comparing the articles of content hashes ``a`` and ``b``, in
    either order: A with B and B with A are one comparison."""
    first, second = sorted((a, b))
    return f"pair {first} {second}"


@dataclass(frozen=True, slots=True)
class Progress:
    """``reviewed`` of ``total`` targets have a verdict; ``total`` is None when no view has
    counted them (a session of schema 1 that never had its passages counted)."""

    reviewed: int
    total: int | None

    def __str__(self) -> str:
        """``12 of 40``, or ``12`` when the total is not known."""
        return str(self.reviewed) if self.total is None else f"{self.reviewed} of {self.total}"


def view_progress(targets: Collection[str], verdicts: Collection[str]) -> Progress:
    """The progress of one view: of its distinct target keys ``targets``, how many are among
    ``verdicts`` (the keys of the session's targets that have a verdict)."""
    distinct = set(targets)
    return Progress(len(distinct & set(verdicts)), len(distinct))


def session_progress(views: Iterable[Collection[str]], verdicts: Collection[str],
                     legacy_total: int | None = None) -> Progress:
    """The progress of a session: the sum of its views' (each a collection of target keys).

    With no view kept (a session of schema 1), every verdict counts, of
    ``legacy_total``: the passage count schema 1 kept, if it had one.
    """
    counted = [view_progress(targets, verdicts) for targets in views]
    if not counted:
        return Progress(len(set(verdicts)), legacy_total)
    return Progress(sum(p.reviewed for p in counted), sum(p.total or 0 for p in counted))
