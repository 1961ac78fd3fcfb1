"""Compare: two panes, passages marked by kind, the selection levelled with its counterpart.

Each pane shows its article in its own reading order (articles reorder facts).
Selecting a passage highlights its counterpart in the other pane (the same
passage, or the gap marker standing in for it) and scrolls that pane so the
counterpart sits level with the selection, as Meld does.

The panes show the comparison as the reviewer corrected it: rejections and
manual links of the review session applied (``l`` links two passages the
engine missed, like Meld's synchronisation points; ``L`` removes a link).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Static

from newsdiff.present.passages import DEFAULT_KINDS, Passage, passages
from newsdiff.present.summary import summarize
from newsdiff.review.model import Review, Target
from newsdiff.tui import texts
from newsdiff.tui.screens.reviewing import ReviewScreen, Subject
from newsdiff.tui.targets import links_in, new_link, pair_target
from newsdiff.tui.texts import OTHER
from newsdiff.tui.widgets.passage import Badge, Gap, Pane, PassageView
from newsdiff.values import Comparison

if TYPE_CHECKING:
    from newsdiff.tui.app import NewsdiffApp
    from newsdiff.tui.session import ReviewSession

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


class View(NamedTuple):
    """What the panes list: the comparison as reviewed, the passages the filters let
    through with the targets the review keys act on and the reviews they show (see
    :func:`review_of`), and how many of the kind filter's passages have a verdict, of how
    many (before ``r`` hides the reviewed ones)."""

    comparison: Comparison
    passages: list[Passage]
    targets: list[Target]
    reviews: list[Review | None]
    reviewed: int
    total: int


def review_of(session: ReviewSession | None, c: Comparison,
              p: Passage) -> tuple[Target, Review | None]:
    """The target the review keys act on for passage ``p``, and the review it shows.

    Its own, as a rule.  Sentences an ``unrelated`` rejection split apart (unique
    now, without a verdict of their own) stand for that rejection: it stays in
    sight and counted, and ``a``, ``x``, ``!`` and ``e`` on them revise it.
    """
    target = pair_target(c, p)
    own = session.review(target) if session is not None else None
    if session is None or p.pairs or (own is not None and own.verdict is not None):
        return target, own
    split = session.split_by(target)
    return (target, own) if split is None else (split.target, split)


class CompareScreen(ReviewScreen):
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
        Binding("l", "link", "Link", show=False, id="link",
                tooltip="Link the passage with one you pick in the other pane "
                        "(l or Enter picks it, escape cancels)"),
        Binding("L", "unlink", "Unlink", show=False, id="unlink",
                tooltip="Remove the manual link of the passage"),
        Binding("escape", "back", "Back", tooltip="Back (while linking: cancel the link)",
                id="back"),
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
        #: The target the review keys act on for each passage and the review it shows (see
        #: :func:`review_of`), and the progress of the view: (reviewed, all).
        self.targets: list[Target] = []
        self.reviews: list[Review | None] = []
        self.progress = (0, 0)
        #: The comparison as shown (the reviewer's corrections applied), once built.
        self.shown: Comparison | None = None
        #: While ``l`` waits for the second passage: the first one's pane and sentences.
        self.linking: tuple[str, tuple[int, ...]] | None = None
        self.pane_items: dict[str, list[tuple[str, int]]] = {"a": [], "b": []}
        self.items: dict[str, dict[int, PassageView | Gap]] = {"a": {}, "b": {}}

    @property
    def engine_comparison(self) -> Comparison:
        """The engine's comparison of the pair, before the reviewer's corrections."""
        c = self.app.cached(*self.pair)
        assert c is not None, "the comparison is computed before the screen opens"
        return c

    @property
    def comparison(self) -> Comparison:
        """The comparison as the panes show it: the reviewer's corrections applied."""
        return self.shown or self.engine_comparison

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-header"):
            yield Static(id="compare-summary")
            yield Static(id="compare-counts")
            yield Static(id="compare-progress", classes="review-progress")
        yield Static(texts.legend(), id="compare-legend")
        yield Static(id="compare-link")
        yield self.save_bar()
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

    def view(self) -> View:
        """What the panes should list now, for the pair, the filters and the reviews."""
        session = self.app.review
        c = self.engine_comparison
        if session is not None:
            c = session.corrected(c)
        ps = passages(c, self.kinds)
        found = [review_of(session, c, p) for p in ps]
        done = [r is not None and r.verdict is not None for _, r in found]
        keep = [n for n, d in enumerate(done) if not (self.unreviewed_only and d)]
        return View(c, [ps[n] for n in keep], [found[n][0] for n in keep],
                    [found[n][1] for n in keep], sum(done), len(ps))

    async def rebuild(self, view: View | None = None) -> None:
        """Lay both panes out again for the current comparison, filters and reviews."""
        anchor = self._anchor()
        view = view or self.view()
        c = self.shown = view.comparison
        self.passages, self.targets, self.reviews = view.passages, view.targets, view.reviews
        self.progress = (view.reviewed, view.total)
        note = ("all but boilerplate" if self.kinds == DEFAULT_KINDS
                else "only " + ", ".join(sorted(self.kinds)))
        summary = summarize(c)
        self.query_one("#compare-summary", Static).update(texts.summary_line(summary, note))
        self.query_one("#compare-counts", Static).update(
            texts.summary_line(summary, note, compact=True))
        self.show_progress(self.query_one("#compare-progress", Static), *self.progress)
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
                                                       p.mark, self._badge(k))
                else:
                    w = Gap(k, side, texts.gap_text(p, side), p.mark)
                self.items[side][k] = w
                widgets.append(w)
            if not widgets:
                empty = ("nothing left to review (r shows all)"
                         if self.unreviewed_only and view.total else "nothing of this kind")
                widgets.append(Static(Text(empty, style="dim italic")))
            widgets.append(Static(classes="pane-end"))
            await pane.mount_all(widgets)
        self.selected = None
        self._reselect(anchor)

    def _anchor(self) -> tuple[str, int, int] | None:
        """Where the selection is, to find it again after a rebuild changed the passages:
        its pane, its first sentence there, and its position in that pane."""
        if self.selected is None:
            return None
        p = self.passages[self.selected]
        side = self.active if getattr(p, self.active) else OTHER[self.active]
        order = self.order(side)
        return side, min(getattr(p, side)), order.index(self.selected)

    def _reselect(self, anchor: tuple[str, int, int] | None) -> None:
        """Select the passage ``select_sentence`` asked for (at the first build), else the
        one now holding the anchor's sentence, else the one that took its place (``r`` hid
        it), else the first."""
        wanted = self.opening or (anchor[:2] if anchor else None)
        self.opening = None
        found = None if wanted is None else next(
            ((k, wanted[0]) for what, k in self.pane_items[wanted[0]]
             if what == "passage" and wanted[1] in getattr(self.passages[k], wanted[0])), None)
        order = self.order(anchor[0] if anchor else None)
        if found is not None:
            self.select(*found)
        elif order:
            self.select(order[min(anchor[2], len(order) - 1)] if anchor else order[0],
                        anchor[0] if anchor else None)

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

    # -- reviews ----------------------------------------------------------------------

    def _badge(self, k: int) -> Badge | None:
        """Passage ``k``'s review badge: its verdict and note, and whether the reviewer
        linked it."""
        session = self.app.review
        if session is None:
            return None
        linked = bool(links_in(self.comparison, self.passages[k], session.links))
        return texts.review_badge(self.reviews[k], linked=linked)

    def review_subject(self) -> Subject | None:
        k = self.selected
        if k is None:
            return None
        p, review, session = self.passages[k], self.reviews[k], self.app.review
        name, kind, refusal = texts.passage_name(p), p.kind, None
        if not p.pairs and review is not None and review.corrected:
            name, kind = f"{name} (split apart by your rejection)", review.kind
        elif not p.pairs:
            refusal = (f"Only {'A' if p.a else 'B'} has this passage: there is no alignment "
                       "to reject. l links it with the other article's telling.")
        elif session is not None and links_in(self.comparison, p, session.links):
            refusal = "You linked this passage yourself: L removes the link."
        return Subject(self.targets[k], kind, name, refusal)

    async def show_reviews(self, focus: Target | None = None) -> bool:
        """Lay the panes out again if the reviews change what they list (a correction, a
        link, ``r``), else only redraw the badges and the progress; select ``focus``."""
        if self.app.cached(*self.pair) is None:
            return False
        view = self.view()
        if view.comparison != self.comparison or view.passages != self.passages:
            await self.rebuild(view)
        else:
            self.targets, self.reviews = view.targets, view.reviews
            self.progress = (view.reviewed, view.total)
            for k in range(len(self.passages)):
                badge = self._badge(k)
                for side in ("a", "b"):
                    w = self.items[side].get(k)
                    if isinstance(w, PassageView) and w.badge != badge:
                        w.show_badge(badge)
            self.show_progress(self.query_one("#compare-progress", Static), *self.progress)
        if focus not in self.targets:
            return False
        k = self.targets.index(focus)
        self.select(k, self.active if getattr(self.passages[k], self.active)
                    else OTHER[self.active])
        return True

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
        self.notify(f"No {'next' if step > 0 else 'previous'} {what}.", timeout=2, markup=False)

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
            self.notify("No other article to compare with.", timeout=2, markup=False)
            return
        self.show_pair(self.wanted[0], j)

    def show_pair(self, i: int, j: int) -> None:
        """Show articles ``i`` and ``j`` once compared; a later request supersedes this one."""
        self.wanted = (i, j)  # at once, so quick key presses step on from here
        self._show_linking(None)
        self._load_pair(i, j)

    @work(exclusive=True, group="pair")
    async def _load_pair(self, i: int, j: int) -> None:
        """Compare off the event loop (cancelled by a newer request), then rebuild the panes."""
        pane = self.query_one("#pane-b", Pane)
        pane.loading = self.app.cached(i, j) is None
        try:
            await self.app.comparison(i, j)
        finally:  # cancelled by a newer request, the pane stops loading; gone, it has none
            if self.app.on_stack(self):
                pane.loading = False
        if not self.app.on_stack(self):
            return
        self.pair = (i, j)
        self.selected = None
        self.passages = []
        self.shown = None
        await self.rebuild()

    async def action_only(self, key: str) -> None:
        kinds = FILTERS[key]
        self.kinds = DEFAULT_KINDS if self.kinds == kinds else kinds
        await self.rebuild()

    async def action_detail(self) -> None:
        """The detail panel; while ``l`` waits for its second passage, Enter picks it."""
        if self.linking is not None:
            await self._finish_link()
            return
        p = self.selected_passage
        if p is None:
            return
        from newsdiff.tui.screens.detail import DetailScreen

        self.app.push_screen(DetailScreen(self.comparison, p))

    def action_back(self) -> None:
        """Cancel linking if ``l`` is waiting, else back to the previous screen."""
        if self.linking is not None:
            self._show_linking(None)
            self.notify("Linking cancelled.", timeout=2, markup=False)
            return
        self.app.pop_screen()

    # -- manual links -----------------------------------------------------------------

    async def action_link(self) -> None:
        """Start a link at the selected passage and move to the other pane to pick its
        partner (``l`` again, or Enter, picks it)."""
        if self.linking is not None:
            await self._finish_link()
            return
        p = self.selected_passage
        if p is None or self._session() is None:
            return
        self._show_linking((self.active, getattr(p, self.active)))
        self.action_switch_pane()

    def _show_linking(self, linking: tuple[str, tuple[int, ...]] | None) -> None:
        """Enter (or leave, ``None``) link mode, showing what is being linked."""
        self.linking = linking
        bar = self.query_one("#compare-link", Static)
        bar.set_class(linking is not None, "-on")
        if linking is not None:
            bar.update(texts.link_prompt(*linking))

    async def _finish_link(self) -> None:
        """Link the first passage with the one selected in the other pane, save the link and
        show the comparison with it: the two passages now side by side."""
        assert self.linking is not None
        side, first = self.linking
        p = self.selected_passage
        session = self._session()
        if session is None:
            return
        if p is None or self.active == side:
            self.notify(f"Pick the passage in {OTHER[side].upper()}'s pane "
                        "(tab goes there); escape cancels.", timeout=4, markup=False)
            return
        self._show_linking(None)
        if set(first) <= set(getattr(p, side)):
            self.notify("These passages are aligned already.", timeout=3, markup=False)
            return
        second = getattr(p, self.active)
        a, b = (first, second) if side == "a" else (second, first)
        saved = await self.saving(session.add_link(new_link(self.comparison, a, b)))
        await self.show_changed()
        if saved:
            self.notify("Linked: the two passages are aligned"
                        + (" whenever these articles are opened." if session.saved else "."),
                        timeout=4, markup=False)

    async def action_unlink(self) -> None:
        """Remove the manual links that made the selected passage (nothing is asked)."""
        p = self.selected_passage
        session = self._session()
        if p is None or session is None:
            return
        links = links_in(self.comparison, p, session.links)
        if not links:
            self.notify("No manual link here (l makes one).", timeout=3, markup=False)
            return
        removed = [await self.saving(session.remove_link(link)) for link in links]
        await self.show_changed()
        if all(removed):
            self.notify("Link removed.", timeout=3, markup=False)
