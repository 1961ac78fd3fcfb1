"""Help: every key of the screen it was opened from, and the keys that work everywhere."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from newsdiff.tui.bindings import binding_classes, bindings_of
from newsdiff.tui.screens.navigation import NavigationScreen


def _key(binding: Binding) -> str:
    return binding.key_display or binding.key


def help_table(screen: Screen) -> Table:
    """The keys of ``screen`` (grouped when they share an action), those it shares with
    other screens (the review keys, under "Review"), then the app's.

    A screen with a ``help_legend()`` method also gets its rows (mark, meaning) listed.
    """
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    sections = [(cls.__name__.removesuffix("Screen"), screen, cls)
                for cls in binding_classes(screen)]
    shadowed: set[str] = set()  # keys a section above has: a screen's own binding wins
    for title, owner, cls in [*sections, ("Everywhere", screen.app, None)]:
        table.add_row(Text.assemble((title, "bold underline")), "")
        grouped: dict[str, tuple[list[str], str]] = {}
        declared = [b for _, b in bindings_of(owner, declared_by=cls)]
        for b in declared:
            if cls is not None and set(b.key.split(",")) <= shadowed:
                continue
            keys, _desc = grouped.setdefault(b.action, ([], b.tooltip or b.description))
            keys.extend(k.strip() for k in _key(b).split(","))
        if cls is not None:
            shadowed.update(k for b in declared for k in b.key.split(","))
        for keys, desc in grouped.values():
            table.add_row(Text(" ".join(dict.fromkeys(keys))), Text(desc))
        table.add_row("", "")
    legend = getattr(screen, "help_legend", None)
    if legend is not None:
        table.add_row(Text.assemble(("Marks", "bold underline")), "")
        for mark, meaning in legend():
            table.add_row(mark, meaning)
        table.add_row("", "")
    table.add_row(Text("ctrl+p"), Text("command palette: every action by name"))
    return table


class HelpScreen(NavigationScreen, ModalScreen[None]):
    """``?`` / ``F1``: the keys; escape, ``q`` or ``?`` closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="close_help"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape closes"
            yield Static(help_table(self.for_screen), id="help-table")

    def navigation_target(self) -> Widget:
        return self.query_one("#help-box", VerticalScroll)
