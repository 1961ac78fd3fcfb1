"""Compare: two panes, passages marked by kind, the selection levelled with its counterpart.

Each pane shows its article in its own reading order (articles reorder facts).
Selecting a passage highlights its counterpart in the other pane (the same
passage, or the gap marker standing in for it) and scrolls that pane so the
counterpart sits level with the selection, as Meld does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from newsdiff.model import Comparison
from newsdiff.render import DEFAULT_KINDS, Passage, passages
from newsdiff.stats import summarize
from newsdiff.tui import texts
from newsdiff.tui.widgets import Gap, Pane, PassageView

if TYPE_CHECKING:
    from newsdiff.tui.app import NewsdiffApp

OTHER = {"a": "b", "b": "a"}

#: What the keys 1–4 show, and 0 (everything but boilerplate).
FILTERS: dict[str, frozenset[str]] = {
    "1": frozenset({"shared"}),
    "2": frozenset({"paraphrase"}),
    "3": frozenset({"divergent"}),
    "4": frozenset({"unique"}),
    "0": DEFAULT_KINDS,
}


def pane_layout(ps: list[Passage], side: str) -> list[tuple[str, int]]:
    """What one pane lists, top to bottom: ``("passage", k)`` and ``("gap", k)`` items.

    The side's passages come in its own reading order.  A passage only the other
    side has becomes a gap placed after the counterpart of the passage that
    precedes it in the other side's order (at the top if none does).
    """
    other = OTHER[side]

    def order(s: str) -> list[int]:
        return sorted((k for k, p in enumerate(ps) if getattr(p, s)),
                      key=lambda k: min(getattr(ps[k], s)))

    items: list[tuple[str, int]] = [("passage", k) for k in order(side)]
    anchor: int | None = None  # position in items after which the next gap goes
    for k in order(other):
        if getattr(ps[k], side):
            anchor = items.index(("passage", k))
            continue
        pos = 0 if anchor is None else anchor + 1
        items.insert(pos, ("gap", k))
        anchor = pos
    return items


class CompareScreen(Screen[None]):
    """Articles ``i`` and ``j`` side by side."""

    app: NewsdiffApp

    BINDINGS: ClassVar[list[BindingType]] = [
        # Footer labels are short so the footer fits 80 columns; the help screen and the
        # footer's tooltips use the longer ``tooltip``.
        Binding("j,down", "move(1)", "Next", key_display="j", show=False,
                tooltip="Next passage in the pane", id="next"),
        Binding("k,up", "move(-1)", "Prev", key_display="k", show=False,
                tooltip="Previous passage in the pane", id="prev"),
        Binding("n", "jump('divergent', 1)", "Divergent", tooltip="Next divergent passage",
                id="next_divergent"),
        Binding("N", "jump('divergent', -1)", "Prev divergent", show=False,
                tooltip="Previous divergent passage", id="prev_divergent"),
        Binding("right_square_bracket", "jump('', 1)", "Next passage", show=False,
                key_display="]", id="next_passage"),
        Binding("left_square_bracket", "jump('', -1)", "Prev passage", show=False,
                key_display="[", id="prev_passage"),
        Binding("tab", "switch_pane", "Pane", priority=True, tooltip="Switch pane",
                id="switch_pane"),
        Binding("s", "swap", "Swap", tooltip="Swap A and B", id="swap"),
        Binding("p", "step_article(1)", "Article", tooltip="Next article of the story as B",
                id="next_article"),
        Binding("P", "step_article(-1)", "Prev article", show=False,
                tooltip="Previous article of the story as B", id="prev_article"),
        Binding("d,enter", "detail", "Detail", key_display="d",
                tooltip="Word diff and differing details of the passage", id="detail"),
        Binding("1", "only('1')", "Only shared", show=False, id="only_shared"),
        Binding("2", "only('2')", "Only paraphrase", show=False, id="only_paraphrase"),
        Binding("3", "only('3')", "Only divergent", show=False, id="only_divergent"),
        Binding("4", "only('4')", "Only unique", show=False, id="only_unique"),
        Binding("0", "only('0')", "Show all", show=False, id="show_all"),
        Binding("escape", "app.pop_screen", "Back", id="back"),
    ]

    #: Below WIDE columns the header shrinks to one line of bare counts (``?`` has the
    #: legend), the panes lose their side borders (newsdiff.tcss) and the footer its padding.
    WIDE = 140
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"), (WIDE, "-wide")]

    def __init__(self, i: int, j: int, *, select_sentence: tuple[str, int] | None = None) -> None:
        """``select_sentence``: ``(side, index)`` of a sentence whose passage is selected at
        opening, in that side's pane (the story screen opens a comparison at a claim)."""
        super().__init__()
        self.pair = (i, j)
        self.opening = select_sentence
        #: The pair asked for last (``s``, ``p``, ``P``); ``pair`` once its comparison is ready.
        self.wanted = (i, j)
        self.kinds: frozenset[str] = DEFAULT_KINDS
        self.active = "a"
        self.selected: int | None = None
        self.passages: list[Passage] = []
        self.pane_items: dict[str, list[tuple[str, int]]] = {"a": [], "b": []}
        self.items: dict[str, dict[int, PassageView | Gap]] = {"a": {}, "b": {}}

    @property
    def comparison(self) -> Comparison:
        c = self.app.cached(*self.pair)
        assert c is not None, "the comparison is computed before the screen opens"
        return c

    def compose(self) -> ComposeResult:
        yield Static(id="compare-summary")
        yield Static(id="compare-counts")
        yield Static(texts.legend(), id="compare-legend")
        with Horizontal(id="panes"):
            yield Pane(id="pane-a")
            yield Pane(id="pane-b")
        yield Footer()

    async def on_mount(self) -> None:
        await self.rebuild()

    def on_resize(self, event: events.Resize) -> None:
        # Narrow: the footer drops its padding and the palette key (in help) to fit 80 columns.
        footer = self.query_one(Footer)
        footer.compact = event.size.width < self.WIDE
        footer.show_command_palette = not footer.compact

    # -- building ---------------------------------------------------------------------

    async def rebuild(self) -> None:
        """Lay both panes out again for the current comparison and filter."""
        c = self.comparison
        keep = self.passages[self.selected] if self.selected is not None else None
        self.passages = passages(c, self.kinds)
        note = ("all but boilerplate" if self.kinds == DEFAULT_KINDS
                else "only " + ", ".join(sorted(self.kinds)))
        summary = summarize(c)
        self.query_one("#compare-summary", Static).update(texts.summary_line(summary, note))
        self.query_one("#compare-counts", Static).update(
            texts.summary_line(summary, note, compact=True))
        for side, index in zip(("a", "b"), self.pair, strict=True):
            pane = self.query_one(f"#pane-{side}", Pane)
            pane.border_title = texts.headline(side, texts.article_of(c, side),
                                               (index + 1, len(self.app.entries)))
            pane.set_class(side == self.active, "-active")
            await pane.remove_children()
            self.pane_items[side] = pane_layout(self.passages, side)
            self.items[side] = {}
            widgets: list[Static] = []
            for what, k in self.pane_items[side]:
                p = self.passages[k]
                if what == "passage":
                    w: PassageView | Gap = PassageView(k, side, texts.passage_side(c, p, side),
                                                       p.mark)
                else:
                    w = Gap(k, side, texts.gap_text(p, side), p.mark)
                self.items[side][k] = w
                widgets.append(w)
            if not widgets:
                widgets.append(Static(Text("nothing of this kind", style="dim italic")))
            widgets.append(Static(classes="pane-end"))
            await pane.mount_all(widgets)
        self.selected = None
        order = self.order()
        opening = self._opening_passage()
        if opening is not None:
            self.select(*opening)
        elif keep is not None and keep in self.passages and self.passages.index(keep) in order:
            self.select(self.passages.index(keep))
        elif order:
            self.select(order[0])

    def _opening_passage(self) -> tuple[int, str] | None:
        """The passage ``select_sentence`` asked for and its side, at the first build only."""
        if self.opening is None:
            return None
        side, index = self.opening
        self.opening = None
        return next(((k, side) for what, k in self.pane_items[side]
                     if what == "passage" and index in getattr(self.passages[k], side)), None)

    def order(self, side: str | None = None) -> list[int]:
        """The passages the active (or given) pane lists, top to bottom."""
        return [k for what, k in self.pane_items[side or self.active] if what == "passage"]

    # -- selection --------------------------------------------------------------------

    def select(self, k: int, side: str | None = None) -> None:
        """Select passage ``k`` in ``side``'s pane (the active one) and level its counterpart."""
        if side is not None and side != self.active:
            self.active = side
            for s in ("a", "b"):
                self.query_one(f"#pane-{s}").set_class(s == side, "-active")
        self.selected = k
        for w in self.query(".-selected, .-counterpart"):
            w.remove_class("-selected", "-counterpart")
        here = self.items[self.active].get(k)
        there = self.items[OTHER[self.active]].get(k)
        if there is not None:
            there.add_class("-counterpart")
        if here is None:
            return
        here.add_class("-selected")
        # Highlighting changes no sizes, so once the panes are laid out the scroll can go
        # in the same frame; after a rebuild it waits for the layout.
        if here.virtual_region:
            self.level()
        else:
            self.call_after_refresh(self.level)

    def level(self) -> None:
        """Scroll the active pane to show the selection, the other to put its counterpart level."""
        if self.selected is None:
            return
        here = self.items[self.active].get(self.selected)
        there = self.items[OTHER[self.active]].get(self.selected)
        if here is None:
            return
        pane = self.query_one(f"#pane-{self.active}", Pane)
        other = self.query_one(f"#pane-{OTHER[self.active]}", Pane)
        pane.scroll_to_widget(here, animate=False, immediate=True)
        if there is not None:
            offset = here.virtual_region.y - pane.scroll_offset.y
            other.scroll_to(y=there.virtual_region.y - offset, animate=False, immediate=True)

    def help_legend(self) -> list[tuple[Text, Text]]:
        """What the help screen lists after the keys: the markers' meanings."""
        return texts.legend_rows()

    @property
    def selected_passage(self) -> Passage | None:
        return None if self.selected is None else self.passages[self.selected]

    @on(PassageView.Clicked)
    def _clicked(self, event: PassageView.Clicked) -> None:
        # A gap stands for a passage of the other pane: clicking it selects that passage.
        is_gap = isinstance(self.items[event.side].get(event.key), Gap)
        self.select(event.key, OTHER[event.side] if is_gap else event.side)

    # -- actions ----------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        order = self.order()
        if not order:
            return
        if self.selected not in order:
            self.select(order[0])
            return
        pos = order.index(self.selected) + step
        if 0 <= pos < len(order):
            self.select(order[pos])

    def action_jump(self, kind: str, step: int) -> None:
        """Next/previous passage of ``kind`` (any kind when empty) in the active pane."""
        order = self.order()
        if not order:
            return
        pos = order.index(self.selected) if self.selected in order else -step
        candidates = order[pos + 1:] if step > 0 else order[:max(pos, 0)][::-1]
        for k in candidates:
            if not kind or self.passages[k].kind == kind:
                self.select(k)
                return
        what = f"{kind} passage" if kind else "passage"
        self.notify(f"No {'next' if step > 0 else 'previous'} {what}.", timeout=2)

    def action_switch_pane(self) -> None:
        """Make the other pane active, keeping the selection or taking the nearest passage."""
        side = OTHER[self.active]
        order = self.order(side)
        if not order:
            return
        k = self.selected
        if k not in order:
            layout = self.pane_items[side]
            pos = layout.index(("gap", k)) if ("gap", k) in layout else 0
            after = [key for what, key in layout[pos:] if what == "passage"]
            k = after[0] if after else order[-1]
        self.select(k, side)

    def action_swap(self) -> None:
        """Put B on the left: the engine's mirrored comparison."""
        i, j = self.wanted
        self.show_pair(j, i)

    def article_after(self, step: int) -> int | None:
        """The article ``step`` places from the right one, skipping the left one.

        Articles come in library order (the order they were loaded) and wrap
        around; ``None`` when the story has no third article.
        """
        left, right = self.wanted
        others = [e.index for e in self.app.entries if e.index != left]
        if len(others) < 2:
            return None
        return others[(others.index(right) + step) % len(others)]

    def action_step_article(self, step: int) -> None:
        """Compare the left article with the next (``p``) or previous (``P``) one of the story."""
        j = self.article_after(step)
        if j is None:
            self.notify("No other article to compare with.", timeout=2)
            return
        self.show_pair(self.wanted[0], j)

    def show_pair(self, i: int, j: int) -> None:
        """Show articles ``i`` and ``j`` once compared; a later request supersedes this one."""
        self.wanted = (i, j)  # at once, so quick key presses step on from here
        self._load_pair(i, j)

    @work(exclusive=True, group="pair")
    async def _load_pair(self, i: int, j: int) -> None:
        """Compare off the event loop (cancelled by a newer request), then rebuild the panes."""
        pane = self.query_one("#pane-b", Pane)
        pane.loading = self.app.cached(i, j) is None
        try:
            await self.app.comparison(i, j)
        finally:
            pane.loading = False
        self.pair = (i, j)
        self.selected = None
        self.passages = []
        await self.rebuild()

    async def action_only(self, key: str) -> None:
        kinds = FILTERS[key]
        self.kinds = DEFAULT_KINDS if self.kinds == kinds else kinds
        await self.rebuild()

    def action_detail(self) -> None:
        p = self.selected_passage
        if p is None:
            return
        from newsdiff.tui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(self.comparison, p))
