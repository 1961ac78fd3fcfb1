"""The review keys the compare and story screens share: ``a`` ``x`` ``!`` ``e`` ``u`` ``r``.

Both screens review what is selected (a passage, a claim) the same way, so the
keys, the prompts and the recording live here once.  A screen says what is
selected (:meth:`ReviewScreen.review_subject`) and how to show the session's
reviews again (:meth:`ReviewScreen.show_reviews`).  Every verdict is saved
when it is given; a store that fails is an error the screen keeps showing
(:meth:`ReviewScreen.save_bar`) until the verdict, kept meanwhile, is saved:
never a lost screen, never a lost verdict.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from newsdiff.present.visible import visible
from newsdiff.review.model import Review, Target
from newsdiff.review.store import StoreError
from newsdiff.tui import texts
from newsdiff.tui.screens.verdict import KindPrompt, NoteInput

if TYPE_CHECKING:
    from newsdiff.tui.app import NewsdiffApp
    from newsdiff.tui.session import ReviewSession


@dataclass(frozen=True, slots=True)
class Subject:
    """What the review keys act on: the selected passage or claim.

    ``kind`` is its kind as the screen shows it (where that is the reviewer's own
    correction, the review's ``kind`` says what the engine gave); ``name`` names it
    in messages and titles; ``refusal`` says why it cannot be rejected, when it cannot.
    """

    target: Target
    kind: str
    name: str
    refusal: str | None = None


class ReviewScreen(Screen[None]):
    """A screen whose selection the reviewer can accept, reject, flag and annotate."""

    app: NewsdiffApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "verdict('accepted')", "Accept", show=False,
                tooltip="Accept: the alignment and its kind are right", id="accept"),
        Binding("x", "reject", "Reject", show=False,
                tooltip="Reject: wrong alignment or wrong kind (asks the right kind)",
                id="reject"),
        Binding("exclamation_mark", "verdict('flagged')", "Flag", key_display="!", show=False,
                tooltip="Flag as a significant divergence", id="flag"),
        Binding("e", "note", "Note", show=False, tooltip="Write a note (empty: remove it)",
                id="note"),
        Binding("u", "undo", "Undo", show=False, tooltip="Undo the last verdict or note",
                id="undo"),
        Binding("r", "unreviewed", "Unreviewed", show=False,
                tooltip="Show only what has no verdict yet (again: everything)",
                id="unreviewed"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: Whether ``r`` hides what has a verdict.
        self.unreviewed_only = False

    def review_subject(self) -> Subject | None:
        """The selected passage or claim, if any."""
        raise NotImplementedError

    async def show_reviews(self, focus: Target | None = None) -> bool:
        """Show the session's reviews again (after a change, or once the session opened)
        and select ``focus`` if given; whether ``focus`` is on this screen."""
        raise NotImplementedError

    def show_progress(self, widget: Static, reviewed: int, total: int) -> None:
        """Put ``12 of 40 reviewed`` in ``widget`` (and the save bar's state beside it) and
        tell the store the view's size, in the background: a store that waits for another
        process's lock must not keep the view from being drawn."""
        self.show_save_state()
        session = self.app.review
        if session is None:
            widget.update(Text("reviewing off" if self.app.review_off else "", style="dim"))
            return
        widget.update(texts.progress(reviewed, total, only_unreviewed=self.unreviewed_only,
                                     saved=session.saved))
        self.run_worker(session.set_total(total), group="total")

    @staticmethod
    def save_bar() -> Static:
        """The line that says, for as long as it is so, that changes wait to be saved and
        why (hidden otherwise); each screen puts it under its header."""
        return Static(id="save-error", classes="save-error")

    def show_save_state(self) -> None:
        """Show or hide the :meth:`save_bar`, for the session's changes not saved yet."""
        session = self.app.review
        bar = self.query_one("#save-error", Static)
        waiting = session is not None and bool(session.unsaved)
        bar.set_class(waiting, "-on")
        if session is not None and waiting:
            bar.update(texts.unsaved_line(len(session.unsaved), session.save_error or ""))

    # -- helpers ----------------------------------------------------------------------

    def _session(self) -> ReviewSession | None:
        """The review session, or None after saying why there is none."""
        session = self.app.review
        if session is None:
            self.notify(visible(self.app.review_off or "The review session is still opening."),
                        severity="warning", timeout=4, markup=False)
        return session

    def _subject(self) -> Subject | None:
        """What the review keys act on, when there is a session to record in."""
        return None if self._session() is None else self.review_subject()

    async def saving(self, call: Awaitable[object]) -> bool:
        """Await a change's save; whether the store took it.  One it did not take is kept
        by the session, and the app says so (and tries again), never a crash."""
        try:
            await call
        except StoreError as e:
            self.app.save_failed(e)
            return False
        return True

    async def show_changed(self) -> None:
        """After a change was given to the store: show the reviews again, whether it saved
        the change or the session keeps it (either way it is the reviewer's now), unless
        the screen was closed while the store waited for another process's lock."""
        if self.app.on_stack(self):
            await self.show_reviews()

    def _engine_kind(self, subject: Subject) -> tuple[str, Review | None]:
        """The kind the engine gave the subject, and the subject's review.

        That is the kind shown, unless the shown kind is the reviewer's own
        correction: the review remembers the engine's kind for it.
        """
        session = self.app.review
        assert session is not None, "a subject is only given with a session"
        old = session.review(subject.target)
        return (old.kind if old is not None and old.corrected else subject.kind), old

    async def _record(self, subject: Subject, **change: str | None) -> None:
        """Save ``change`` to the subject's review (keeping its other parts, the engine's
        kind recorded), then show it."""
        session = self.app.review
        assert session is not None, "a subject is only given with a session"
        kind, old = self._engine_kind(subject)
        review = replace(old or Review(subject.target, kind), kind=kind, **change)
        await self.saving(session.record(review))
        await self.show_changed()

    # -- actions ----------------------------------------------------------------------

    async def action_verdict(self, verdict: str) -> None:
        if (subject := self._subject()) is not None:
            await self._record(subject, verdict=verdict, corrected=None)

    def action_reject(self) -> None:
        """Ask which kind the subject really is, then record the rejection (or, if the
        reviewer picks the engine's kind back, the acceptance)."""
        if (subject := self._subject()) is None:
            return
        if subject.refusal:
            self.notify(subject.refusal, timeout=5, markup=False)
            return
        engine, old = self._engine_kind(subject)
        self.app.push_screen(KindPrompt(subject.name, engine, old.corrected if old else None),
                             partial(self._rejected, subject, engine))

    async def _rejected(self, subject: Subject, engine: str, kind: str | None) -> None:
        if kind == engine:
            await self._record(subject, verdict="accepted", corrected=None)
        elif kind is not None:
            await self._record(subject, verdict="rejected", corrected=kind)

    def action_note(self) -> None:
        """Open the note input, pre-filled; Enter records the note."""
        if (subject := self._subject()) is None:
            return
        old = self._engine_kind(subject)[1]
        self.app.push_screen(NoteInput(subject.name, old.note if old else ""),
                             partial(self._noted, subject))

    async def _noted(self, subject: Subject, note: str | None) -> None:
        if note is not None:
            await self._record(subject, note=note)

    async def action_undo(self) -> None:
        """Undo the session's latest verdict or note, wherever it was given, and say which."""
        session = self._session()
        if session is None:
            return
        try:
            undone = await session.undo()
        except StoreError as e:
            self.notify(visible(str(e)), title="Not undone", severity="error", timeout=8,
                        markup=False)
            return
        if undone is None:
            self.notify("Nothing to undo.", timeout=3, markup=False)
            return
        target, before, after = undone
        here = self.app.on_stack(self) and await self.show_reviews(focus=target)
        was, now = texts.verdict_words(before), texts.verdict_words(after)
        message = f"Undone: {was}, back to {now}." if was != now else "Undone: the note."
        self.notify(message + ("" if here else " (not on this screen)"), timeout=4, markup=False)

    async def action_unreviewed(self) -> None:
        self.unreviewed_only = not self.unreviewed_only
        await self.show_reviews()
