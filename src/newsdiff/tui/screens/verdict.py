"""The two small panels a review key opens: which kind a rejected passage really is, and a note.

Both are modal, so nothing below them changes while they are open, and both
cancel on escape: a reviewer who pressed ``x`` or ``e`` by mistake leaves no
trace in the session.  The kind prompt opens on the kind the passage has, so
Enter at once (or that kind's digit) changes nothing: only a kind the
reviewer picks is recorded.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsdiff.present.markers import MARKS
from newsdiff.review.model import CORRECTED_KINDS

#: What each corrected kind says about the passage, as the prompt offers it.
_MEANINGS = {
    "shared": "same fact, same words",
    "paraphrase": "same fact, other words",
    "divergent": "same fact, a detail differs",
    "unrelated": "not the same fact: split apart",
}

#: The longest note the input takes: a note is a remark, not an article.
MAX_NOTE = 1000


def kind_option(n: int, kind: str, engine: str, current: str) -> Option:
    """Choice ``n`` (its key) of the prompt: the kind's marker, name and meaning.

    The kind shown now (``current``) is marked "(as now)": choosing it changes
    nothing and closes the prompt.  The ``engine``'s kind, when the reviewer
    corrected it, is offered as what it means: the engine was right after all.
    """
    marker = (MARKS[kind].marker, MARKS[kind].style) if kind in MARKS else ("[\u2260]", "bold red")
    width = max(map(len, CORRECTED_KINDS))
    label = Text.assemble((f"{n} ", "bold"), marker, " ", (f"{kind:<{width}}", "bold"),
                          f"  {_MEANINGS[kind]}")
    if kind == current:
        label.append("  (as now)", style="italic")
    elif kind == engine:
        label.append("  (the engine's: accept)", style="italic")
    return Option(label, id=kind)


class KindPrompt(ModalScreen[str | None]):
    """``x``: what the rejected passage or claim really is.  The keys 1–4, or the arrows
    and Enter, choose one of :data:`~newsdiff.review.model.CORRECTED_KINDS`, the kind
    shown now highlighted at first (choosing it leaves the passage as it is); escape
    cancels.  The prompt gives the kind chosen, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="cancel"),
    ]

    def __init__(self, what: str, engine: str, current: str | None = None) -> None:
        """``what``: the thing rejected, for the title; ``engine``: the kind the engine
        gave; ``current``: the kind the reviewer gave it, if they corrected it already."""
        super().__init__()
        self.what = what
        self.engine = engine
        self.current = current or engine

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box", classes="review-box") as box:
            box.border_title = Text(f"Reject {self.what}")
            box.border_subtitle = "1\u20134 or \u2191\u2193 Enter \u00b7 escape cancels"
            said = Text.assemble("The engine says ", (self.engine, "bold"))
            if self.current != self.engine:
                said.append("; you said ").append(self.current, style="bold")
            yield Static(said.append(". What is it really?"))
            yield OptionList(*(kind_option(n, kind, self.engine, self.current)
                               for n, kind in enumerate(CORRECTED_KINDS, 1)), id="kind-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        # Nothing highlighted (so Enter picks nothing) if the kind is none of the choices.
        options.highlighted = (CORRECTED_KINDS.index(self.current)
                               if self.current in CORRECTED_KINDS else None)

    def on_key(self, event: events.Key) -> None:
        """A digit picks its choice at once (one with no choice only rings the bell)."""
        character = event.character or ""
        if not character.isdigit():
            return
        event.stop()
        n = int(character) - 1
        if 0 <= n < len(CORRECTED_KINDS):
            self.dismiss(CORRECTED_KINDS[n])
        else:
            self.app.bell()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class NoteInput(ModalScreen[str | None]):
    """``e``: the reviewer's note, pre-filled with the one there is.  Enter saves (an empty
    note removes it); escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel", id="cancel"),
    ]

    def __init__(self, what: str, note: str) -> None:
        super().__init__()
        self.what = what
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="review-box") as box:
            box.border_title = Text(f"Note on {self.what}")
            box.border_subtitle = "Enter saves \u00b7 escape cancels"
            yield Input(self.note, placeholder="what a reader should know about it",
                        max_length=MAX_NOTE, id="note-input")

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())
