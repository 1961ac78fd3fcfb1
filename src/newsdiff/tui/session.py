"""The reader's review session: the store, called off the event loop, and what it holds.

The screens ask for the word on every passage they draw, so the session keeps
the store's reviews (by target) and manual links in memory.  Every change goes
to the store first, in a worker thread (one committed SQLite transaction; the
screen never waits on a disk), and into memory once the store has it: as a
rule, what the reader shows is what is saved.

A change the store cannot take (another process holds the database longer
than the store waits, a full disk…) is never dropped: it is kept, in order,
in :attr:`ReviewSession.unsaved`, shown as given, and saved with the next
change or :meth:`ReviewSession.flush` (the app retries every few seconds);
:attr:`ReviewSession.save_error` says why it is waiting, and the screens say
so until it is saved.  While changes wait, undo refuses: the store's last
step is not the reviewer's last.

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
from dataclasses import dataclass
from pathlib import Path

from newsdiff.review.model import ManualLink, Review, SessionInfo, Target
from newsdiff.review.store import ReviewStore, StoreError
from newsdiff.values import Article, Comparison


@dataclass(eq=False, slots=True)
class Change:
    """One change the reviewer made, for the store: ``record`` a review, ``add_link`` or
    ``remove_link`` a link.  Compared by identity: two equal changes are two changes."""

    method: str
    value: Review | ManualLink

    @property
    def subject(self) -> tuple[str, object]:
        """What the change is about: a target's key, or a link's ends."""
        if isinstance(self.value, Review):
            return "review", self.value.target.key
        return "link", _link_ends(self.value)


def _link_ends(link: ManualLink) -> tuple:
    """A link without its stamp: what tells two links apart."""
    return link.a, link.b, link.a_spans, link.b_spans


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
        #: The passage count the store has, and the latest view's (see :meth:`set_total`).
        self._total = self._wanted_total = info.total
        #: One passage count on its way to the store at a time, so the last view's is last.
        self._totalling = asyncio.Lock()
        #: The temporary folder of a scratch database, removed on :meth:`close`.
        self.scratch: Path | None = None
        #: The changes the store has not taken yet, oldest first.
        self.unsaved: list[Change] = []
        #: Why the store did not take them (the last failure, one line), or None.
        self.save_error: str | None = None
        #: One flush at a time, so changes reach the store once each and in order.
        self._flushing = asyncio.Lock()

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
        store = ReviewStore(path, writable=True)
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

    async def record(self, review: Review) -> None:
        """Save ``review`` (replacing the target's earlier one).  StoreError if the store
        did not take it: it is kept, shown, and saved later (see the module)."""
        await self._save(Change("record", review))

    async def add_link(self, link: ManualLink) -> None:
        """Save a manual link (StoreError: kept, as :meth:`record` keeps a review)."""
        await self._save(Change("add_link", link))

    async def remove_link(self, link: ManualLink) -> None:
        """Remove one of :attr:`links` (StoreError: kept, as :meth:`record` keeps a review)."""
        await self._save(Change("remove_link", link))

    async def _save(self, change: Change) -> None:
        """Hand ``change`` to the store after the changes still waiting; if it is not taken,
        show it as given and raise.

        While the store is failing, a change only joins the queue (the next
        :meth:`flush` takes it): trying each one would keep the reviewer
        waiting out the store's bound once per key pressed.
        """
        self.unsaved.append(change)
        if self.save_error is None:
            async with self._flushing:
                if self.save_error is None:
                    await self._flush()
        if any(c is change for c in self.unsaved):
            self._show(change, change.value)
            raise StoreError(self.save_error or "not saved")

    async def flush(self) -> None:
        """Save the changes that wait, in order; StoreError (the rest kept) if the store
        still does not take them."""
        async with self._flushing:
            await self._flush()
        if self.unsaved:
            raise StoreError(self.save_error or "not saved")

    async def _flush(self) -> None:
        """Hand the waiting changes to the store in a worker thread, then show what it
        took, stamped as stored."""
        stored, self.save_error = await asyncio.to_thread(self._store_waiting)
        for change, result in stored:
            if not any(c.subject == change.subject for c in self.unsaved):  # none newer
                self._show(change, result)

    def _store_waiting(self) -> tuple[list[tuple[Change, object]], str | None]:
        """The changes the store took, each with what it returned, and why it stopped if
        it did (runs in a worker thread: only :attr:`unsaved` is touched, front first)."""
        stored: list[tuple[Change, object]] = []
        while self.unsaved:
            change = self.unsaved[0]
            try:
                stored.append((change, getattr(self.store, change.method)(self.id,
                                                                          change.value)))
            except StoreError as e:
                return stored, str(e)
            self.unsaved.pop(0)
        return stored, None

    def _show(self, change: Change, result: object) -> None:
        """Put a change into memory: as given (``result`` is its value) or as the store
        returned it (a stamped review or link)."""
        if change.method == "record":
            review = result if isinstance(result, Review) else change.value
            assert isinstance(review, Review)
            self._remember(review.target, review if review.verdict or review.note else None)
            return
        assert isinstance(change.value, ManualLink)
        ends = _link_ends(change.value)
        at = next((n for n, link in enumerate(self.links) if _link_ends(link) == ends), None)
        if change.method == "remove_link":
            if at is not None:
                del self.links[at]
            return
        stamped = result if isinstance(result, ManualLink) else change.value
        if at is None:
            self.links.append(stamped)
        else:
            self.links[at] = stamped

    async def undo(self) -> tuple[Target, Review | None, Review | None] | None:
        """Revert the latest :meth:`record`: the target, its review before and after the
        undo; None when there is nothing left to undo.  StoreError while changes wait to
        be saved: the store's latest record is not the reviewer's latest."""
        if self.unsaved:
            raise StoreError(f"{len(self.unsaved)} change{'s' * (len(self.unsaved) != 1)} "
                             f"still to save ({self.save_error}); undo waits for them")

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

    async def set_total(self, total: int) -> None:
        """Tell the store how many passages the current view has (once per change).

        Only bookkeeping for "12 of 40", counted again on every view: a store
        that fails it is not reported (the next view tries again), and it is
        not tried while changes wait.  The screens call it in the background,
        one view after another: each call writes the latest view's count, so an
        older count that waited for the store's lock cannot overwrite a newer one.
        """
        self._wanted_total = total
        async with self._totalling:
            wanted = self._wanted_total
            if wanted == self._total or self.save_error is not None:
                return
            try:
                await asyncio.to_thread(self.store.set_total, self.id, wanted)
            except StoreError:
                return
            self._total = wanted

    def _remember(self, target: Target, review: Review | None) -> None:
        if review is None:
            self._reviews.pop(target.key, None)
        else:
            self._reviews[target.key] = review
