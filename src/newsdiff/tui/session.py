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
so until it is saved.  While changes wait, undo and redo refuse: the store's
last step is not the reviewer's last.

Looking is not reviewing: opening the reader only looks the session up
(:meth:`ReviewStore.resume_session`); a session the store does not have yet
is made by the first change saved, so articles merely read leave no session
behind.  The views the reviewer had in front of them until then (what
progress counts, see :mod:`newsdiff.review.progress`) are kept in memory and
given to the store with it.

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

from newsdiff.present.words import counted
from newsdiff.review.model import ManualLink, Review, Step, Target
from newsdiff.review.progress import Progress, session_progress, view_progress
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


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo or a redo did: the step it took, and for a ``record`` step the
    target's review before and after it (for the message that says what changed)."""

    step: Step
    before: Review | None = None
    after: Review | None = None


class ReviewSession:
    """One session of the store, with its reviews and links at hand."""

    def __init__(self, store: ReviewStore, articles: Sequence[Article], session_id: int | None,
                 reviews: Iterable[Review] = (), links: Iterable[ManualLink] = (),
                 views: dict[str, frozenset[str]] | None = None,
                 problem: str | None = None) -> None:
        """``session_id``: the store's session of ``articles``, None until the first change
        makes it."""
        self.store = store
        self.articles = tuple(articles)
        self.id = session_id
        #: Why the reviews are not being saved (the database could not be used), or None.
        self.problem = problem
        self._reviews = {r.target.key: r for r in reviews}
        self.links: list[ManualLink] = list(links)
        #: Each view's target keys, as the screens last counted them, and as the store has them.
        self.views: dict[str, frozenset[str]] = dict(views or {})
        self._stored_views = dict(self.views)
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
            info = store.resume_session(articles)
            if info is None:
                return cls(store, articles, None, problem=problem)
            return cls(store, articles, info.id, store.reviews(info.id), store.links(info.id),
                       store.views(info.id), problem)
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

    def reviews(self) -> list[Review]:
        """Every review of the session, a note alone too, in target order: what the screens
        build from them must not depend on the order they were given in."""
        return [self._reviews[key] for key in sorted(self._reviews)]

    def corrected(self, c: Comparison) -> Comparison:
        """``c`` with the session's rejections and manual links applied (itself if none)."""
        if not self.links and not any(r.corrected for r in self._reviews.values()):
            return c
        from newsdiff.review.apply import apply_reviews

        return apply_reviews(c, self.reviews(), self.links)

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
                if self.id is None:  # the first change makes the session
                    self.id = self.store.open_session(self.articles).id
                stored.append((change, getattr(self.store, change.method)(self.id,
                                                                          change.value)))
            except StoreError as e:
                return stored, str(e)
            self.unsaved.pop(0)
        self._store_views()  # the views counted before the session was made, or meanwhile
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

    async def undo(self) -> Undone | None:
        """Take back the latest change, whatever it was (a verdict, a note, a link, an
        unlink); None when there is nothing left to undo.  StoreError while changes wait
        to be saved: the store's latest change is not the reviewer's latest."""
        return await self._take("undo")

    async def redo(self) -> Undone | None:
        """Give again the change :meth:`undo` took back last; None when there is none (a
        new change after an undo leaves none).  StoreError while changes wait, as undo."""
        return await self._take("redo")

    async def _take(self, which: str) -> Undone | None:
        if self.unsaved:
            raise StoreError(f"{counted(len(self.unsaved), 'change')} "
                             f"still to save ({self.save_error}); {which} waits for them")
        if self.id is None:
            return None
        session_id = self.id

        def take() -> tuple[Step, Review | None, list[ManualLink] | None] | None:
            """The step taken, and the target's review or the links as they are now."""
            step = getattr(self.store, which)(session_id)
            if step is None:
                return None
            if step.target is None:
                return step, None, self.store.links(session_id)
            return step, self.store.review(session_id, step.target), None

        async with self._flushing:  # after a save under way, before the next
            done = await asyncio.to_thread(take)
        if done is None:
            return None
        step, after, links = done
        if links is not None:
            self.links = links
            return Undone(step)
        assert step.target is not None, "a step is a record or a link"
        before = self.review(step.target)
        self._remember(step.target, after)
        return Undone(step, before, after)

    # -- progress ---------------------------------------------------------------------

    def verdicts(self) -> set[str]:
        """The keys of the targets that have a verdict (a note alone is none)."""
        return {key for key, r in self._reviews.items() if r.verdict is not None}

    def view_progress(self, view: str, targets: frozenset[str]) -> Progress:
        """The progress of ``view`` (see :mod:`newsdiff.review.progress`), whose targets are
        ``targets`` now; remembered, for :meth:`save_views` to give the store."""
        self.views[view] = targets
        return view_progress(targets, self.verdicts())

    def progress(self) -> Progress:
        """The session's progress: its views' together, as ``newsdiff review list`` says."""
        return session_progress(self.views.values(), self.verdicts())

    async def save_views(self) -> None:
        """Give the store the views whose targets changed since it had them.

        Only bookkeeping for progress, counted again on every view: a store
        that fails it is not reported (the next view, or the next change, tries
        again), and it is not tried while changes wait or before the first
        change made the session (which gives them all).  One write at a time
        with the changes, so the latest targets are the ones kept.
        """
        if self.id is None or self.save_error is not None or self.views == self._stored_views:
            return
        async with self._flushing:
            await asyncio.to_thread(self._store_views)

    def _store_views(self) -> None:
        """Write the views that changed (in a worker thread); stop at a failure."""
        assert self.id is not None, "views are written to a session once it is made"
        for view, targets in list(self.views.items()):
            if self._stored_views.get(view) != targets:
                try:
                    self.store.set_view(self.id, view, targets)
                except StoreError:
                    return
                self._stored_views[view] = targets

    def _remember(self, target: Target, review: Review | None) -> None:
        if review is None:
            self._reviews.pop(target.key, None)
        else:
            self._reviews[target.key] = review
