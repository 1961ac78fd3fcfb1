"""The detail panel: a passage's word-level diff and, for a divergence, each differing detail."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsdiff.present.passages import Passage
from newsdiff.tui import texts
from newsdiff.values import Comparison


class DetailScreen(ModalScreen[None]):
    """Over the compare screen; escape (or ``d``, ``q``) closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,d,q", "dismiss", "Close", id="close")]

    def __init__(self, c: Comparison, p: Passage) -> None:
        super().__init__()
        self.c = c
        self.p = p

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-box") as box:
            box.border_title = "Detail"
            box.border_subtitle = "escape closes"
            for n, renderable in enumerate(texts.detail_renderables(self.c, self.p)):
                yield Static(renderable, markup=False, classes="detail-part",
                             id="detail-title" if n == 0 else None)
