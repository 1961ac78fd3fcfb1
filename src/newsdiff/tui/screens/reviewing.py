"""The review keys the compare and story screens share: ``a`` ``x`` ``!`` ``e`` ``u`` ``U`` ``r``.

Both screens review what is selected (a passage, a claim) the same way, so the
keys, the prompts and the recording live here once.  A screen says what is
selected (:meth:`ReviewScreen.review_subject`), how to show the session's
reviews again (:meth:`ReviewScreen.show_reviews`) and how to name a target
in a message (:meth:`ReviewScreen.name_of`).  Every verdict is saved
when it is given; a store that fails is an error the screen keeps showing
(:meth:`ReviewScreen.save_bar`) until the verdict, kept meanwhile, is saved:
never a lost screen, never a lost verdict.

Undo and redo take every action back and give it again, wherever it was made
(a link of the compare screen from the story screen too), and say which:
"Undone: link A3–B4", "Redone: accepted pair A1–B1", named as the prompts name them.
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
from newsdiff.review.model import ManualLink, Review, Target
from newsdiff.review.progress import Progress
from newsdiff.review.store import StoreError
from newsdiff.tui import texts
from newsdiff.tui.screens.verdict import KindPrompt, NoteInput

if TYPE_CHECKING:
    from newsdiff.tui.app import NewsdiffApp
    from newsdiff.tui.session import ReviewSession, Undone


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
        Binding("u", "undo", "Undo", show=False,
                tooltip="Undo the last verdict, note, link or unlink", id="undo"),
        Binding("U,ctrl+r", "redo", "Redo", key_display="U", show=False,
                tooltip="Redo what u undid (until a new verdict, note or link)", id="redo"),
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

    def name_of(self, target: Target) -> str | None:
        """How prompts and messages name ``target`` (``pair A3–B4``, ``group A1–B9``,
        ``claim #4``); None when it is not this screen's."""
        return None

    def link_name(self, link: ManualLink) -> str | None:
        """How messages name a manual link (``A3–B4``); None when it is not this screen's."""
        return None

    def show_progress(self, widget: Static, view: str, targets: frozenset[str]) -> Progress:
        """Put the view's ``12 of 40 reviewed`` in ``widget`` (and the session's, when other
        views count too; and the save bar's state beside it), and give the store the
        view's targets in the background: a store that waits for another process's lock
        must not keep the view from being drawn.  ``view`` and ``targets`` are the view's
        key and target keys (see :mod:`newsdiff.review.progress`)."""
        self.show_save_state()
        session = self.app.review
        if session is None:
            widget.update(Text("reviewing off" if self.app.review_off else "", style="dim"))
            return Progress(0, len(targets))
        shown = session.view_progress(view, targets)
        line = texts.progress(shown.reviewed, shown.total or 0,
                              only_unreviewed=self.unreviewed_only, saved=session.saved)
        if (overall := session.progress()) != shown:
            line.append(f" \u00b7 {overall} in all", style="dim")
        widget.update(line)
        self.run_worker(session.save_views(), group="views")
        return shown

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
        current = old.corrected if old is not None and old.corrected else engine
        self.app.push_screen(KindPrompt(subject.name, engine, current),
                             partial(self._rejected, subject, engine, current))

    async def _rejected(self, subject: Subject, engine: str, current: str,
                        kind: str | None) -> None:
        """What the prompt gave: nothing (escape), the kind it has now (nothing to record,
        and said so), the engine's (an acceptance) or another (a rejection)."""
        if kind is None:
            return
        if kind == current:
            self.notify(f"Unchanged: {subject.name} stays {kind}.", timeout=3, markup=False)
        elif kind == engine:
            await self._record(subject, verdict="accepted", corrected=None)
        else:
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
        """Undo the session's latest action, wherever it was made, and say which."""
        await self._take("undo")

    async def action_redo(self) -> None:
        """Redo what undo took back last, and say which."""
        await self._take("redo")

    async def _take(self, which: str) -> None:
        session = self._session()
        if session is None:
            return
        try:
            done = await (session.undo() if which == "undo" else session.redo())
        except StoreError as e:
            self.notify(visible(str(e)), title=f"Not {which}ne", severity="error", timeout=8,
                        markup=False)
            return
        if done is None:
            self.notify(f"Nothing to {which}.", timeout=3, markup=False)
            return
        step = done.step
        if self.app.on_stack(self):
            await self.show_reviews(focus=step.target)
        if step.link is not None:
            verb = "link" if step.action == "add_link" else "unlink"
            what = f"{verb} {self.link_name(step.link) or 'of another comparison'}"
        else:
            assert step.target is not None, "a step is a record or a link"
            elsewhere = f"a {'claim' if step.target.kind == 'claim' else 'passage'} elsewhere"
            what = (f"{_record_words(done, redone=which == 'redo')} "
                    f"{self.name_of(step.target) or elsewhere}")
        self.notify(f"{which.capitalize()}ne: {what}.", timeout=4, markup=False)

    async def action_unreviewed(self) -> None:
        self.unreviewed_only = not self.unreviewed_only
        await self.show_reviews()


def _record_words(done: Undone, *, redone: bool) -> str:
    """What a verdict or note step did, as undo or redo names it: the verdict it gave
    (``accepted``, ``rejected → divergent``), else what it did to the note (a key gives
    a verdict or a note, never both at once)."""
    old, new = (done.before, done.after) if redone else (done.after, done.before)
    verdict = texts.verdict_words(new)
    if verdict != texts.verdict_words(old):
        return verdict
    return "the note on" if new is not None and new.note else "removing the note on"
