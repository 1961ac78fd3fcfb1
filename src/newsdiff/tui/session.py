"""The reader's review session: the store, called off the event loop, and what it holds.

The screens ask for the word on every passage they draw, so the session keeps
the store's reviews (by target) and manual links in memory.  Every change goes
to the store first, in a worker thread (one committed SQLite transaction; the
screen never waits on a disk), and into memory only once the store has it:
what the reader shows is what is saved.

A database that cannot be opened (damaged, a newer schema, a read-only folder)
must not cost the reviewer the reader: the session then lives in a scratch
database in a temporary folder, removed when the reader closes, and
:attr:`ReviewSession.problem` says why nothing is saved.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsdiff.review.model import ManualLink, Review, SessionInfo, Target
from newsdiff.review.store import ReviewStore, StoreError
from newsdiff.values import Article, Comparison


class ReviewSession:
    """One session of the store, with its reviews and links at hand."""

    def __init__(self, store: ReviewStore, info: SessionInfo, reviews: Iterable[Review],
                 links: Iterable[ManualLink], problem: str | None) -> None:
        self.store = store
        self.id = info.id
        #: Why the reviews are not being saved (the database could not be used), or None.
        self.problem = problem
        self._reviews = {r.target.key: r for r in reviews}
        self.links: list[ManualLink] = list(links)
        self._total = info.total
        #: The temporary folder of a scratch database, removed on :meth:`close`.
        self.scratch: Path | None = None

    @classmethod
    async def open(cls, path: Path | None, articles: Sequence[Article]) -> ReviewSession:
        """The session of ``articles`` in the database at ``path`` (None: the default one),
        or in a scratch database if that one cannot be used.  Raises StoreError or OSError
        only if neither can be."""
        try:
            return await asyncio.to_thread(cls._open, path, articles, None)
        except StoreError as e:
            problem = str(e)
        scratch = Path(tempfile.mkdtemp(prefix="newsdiff-reviews-"))
        try:
            session = await asyncio.to_thread(cls._open, scratch / "reviews.sqlite3", articles,
                                              problem)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
        session.scratch = scratch
        return session

    @classmethod
    def _open(cls, path: Path | str | None, articles: Sequence[Article],
              problem: str | None) -> ReviewSession:
        store = ReviewStore(path)
        try:
            info = store.open_session(articles)
            return cls(store, info, store.reviews(info.id), store.links(info.id), problem)
        except BaseException:
            store.close()
            raise

    async def close(self) -> None:
        await asyncio.to_thread(self._close)

    def _close(self) -> None:
        self.store.close()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)

    @property
    def saved(self) -> bool:
        """Whether the reviews are saved for good (not in a scratch database)."""
        return self.problem is None

    # -- reading ----------------------------------------------------------------------

    def review(self, target: Target) -> Review | None:
        """The word on ``target``, if any."""
        return self._reviews.get(target.key)

    def split_by(self, target: Target) -> Review | None:
        """The ``unrelated`` rejection that split sentences of ``target`` (a passage one side
        alone has now) out of an alignment, if one did."""
        return next((r for r in self._reviews.values()
                     if r.corrected == "unrelated" and r.target.kind == target.kind
                     and r.target.articles == target.articles
                     and any(set(mine) & set(theirs)
                             for mine, theirs in zip(target.spans, r.target.spans, strict=True))),
                    None)

    def corrected(self, c: Comparison) -> Comparison:
        """``c`` with the session's rejections and manual links applied (itself if none)."""
        if not self.links and not any(r.corrected for r in self._reviews.values()):
            return c
        from newsdiff.review.apply import apply_reviews

        return apply_reviews(c, list(self._reviews.values()), self.links)

    # -- changing ---------------------------------------------------------------------

    async def record(self, review: Review) -> Review:
        """Save ``review`` (replacing the target's earlier one); the stored review."""
        stored = await asyncio.to_thread(self.store.record, self.id, review)
        self._remember(stored.target, stored if stored.verdict or stored.note else None)
        return stored

    async def undo(self) -> tuple[Target, Review | None, Review | None] | None:
        """Revert the latest :meth:`record`: the target, its review before and after the
        undo; None when there is nothing left to undo."""

        def undo() -> tuple[Target, Review | None] | None:
            target = self.store.undo(self.id)
            return None if target is None else (target, self.store.review(self.id, target))

        done = await asyncio.to_thread(undo)
        if done is None:
            return None
        target, after = done
        before = self.review(target)
        self._remember(target, after)
        return target, before, after

    async def add_link(self, link: ManualLink) -> ManualLink:
        """Save a manual link; the link as stored."""
        stored = await asyncio.to_thread(self.store.add_link, self.id, link)
        if stored not in self.links:
            self.links.append(stored)
        return stored

    async def remove_link(self, link: ManualLink) -> bool:
        """Remove one of :attr:`links`; whether the store had it."""
        removed = await asyncio.to_thread(self.store.remove_link, self.id, link)
        self.links.remove(link)
        return removed

    async def set_total(self, total: int) -> None:
        """Tell the store how many passages the current view has (once per change)."""
        if total != self._total:
            await asyncio.to_thread(self.store.set_total, self.id, total)
            self._total = total

    def _remember(self, target: Target, review: Review | None) -> None:
        if review is None:
            self._reviews.pop(target.key, None)
        else:
            self._reviews[target.key] = review
