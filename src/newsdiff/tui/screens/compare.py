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
from textual.geometry import Region
from textual.widgets import Footer, Static

from newsdiff.present.passages import (
    DEFAULT_KINDS,
    Passage,
    pair_label,
    passages,
    sentence_label,
)
from newsdiff.present.summary import summarize
from newsdiff.present.words import counted
from newsdiff.review.apply import Reviewed, Sides
from newsdiff.review.model import ManualLink, Review, Target
from newsdiff.review.progress import pair_view
from newsdiff.tui import texts
from newsdiff.tui.screens.navigation import NavigationScreen
from newsdiff.tui.screens.reviewing import ReviewScreen, Subject
from newsdiff.tui.targets import (
    Stop,
    article_hash,
    link_ends,
    links_in,
    new_link,
    pair_target,
    stops,
)
from newsdiff.tui.texts import OTHER
from newsdiff.tui.widgets.passage import (
    FOCUS_MARK,
    Badge,
    Gap,
    Pane,
    PassageView,
    group_side,
)
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
    through with the targets the review keys act on, the reviews they show and the
    pairs the reviewer steps through (see :func:`review_of`), and the keys of the
    targets progress counts: those of every passage the default kinds list, whatever
    the filters hide (see :mod:`newsdiff.review.progress`)."""

    comparison: Comparison
    passages: list[Passage]
    targets: list[Target]
    reviews: list[Review | None]
    counted: frozenset[str]
    stops: list[tuple[Stop, ...]]
    #: The reviews placed on the comparison's sentences (see :class:`Reviewed`).
    reviewed: Reviewed


class Reading(NamedTuple):
    """One passage as the review keys see it (see :func:`review_of`)."""

    #: What ``a``, ``x``, ``!`` and ``e`` act on when the passage is taken whole.
    target: Target
    #: The review the passage shows as a whole (under its text).
    review: Review | None
    #: The pairs the reviewer steps through (see :func:`~newsdiff.tui.targets.stops`).
    stops: tuple[Stop, ...]
    #: The target progress counts the passage by, and whether it has a verdict.
    counted: Target
    done: bool


def review_of(session: ReviewSession | None, c: Comparison, p: Passage,
              reviewed: Reviewed) -> Reading:
    """What the review keys act on in passage ``p``, what it shows, and how it counts.

    Its own target, as a rule, and the review of it.  Where another verdict
    moved sentences, the review that holds them stays in sight (see
    :meth:`~newsdiff.review.apply.Reviewed.holding`): sentences an ``unrelated``
    rejection split apart (unique now, without a verdict of their own) stand for
    that rejection, and ``a``, ``x``, ``!`` and ``e`` on them revise it; a group
    that lost pairs to a verdict on one of them shows the verdict the group was
    given (the keys act on what is left of it).  A passage counts once: by the
    target of its verdict, and a group whose pairs all have their own verdicts
    counts as reviewed (by one of them) even without one of its own.
    """
    target = pair_target(c, p)
    if session is None:  # not reviewing: a group's pairs are still its readable units
        return Reading(target, None, stops(c, p, reviewed, (), lambda _: None), target, False)
    own = session.review(target)
    found = stops(c, p, reviewed, session.links, session.review)
    if own is not None and own.verdict is not None:
        return Reading(target, own, found, target, True)
    held = reviewed.holding(p.a, p.b, unrelated=not p.pairs)
    if held is not None and not p.pairs:
        return Reading(held.review.target, held.review, found, held.review.target, True)
    if held is not None:
        return Reading(target, held.review, found, held.review.target, True)
    if found and all(stop.reviewed for stop in found):
        # Counted by one of its own pairs: a pair taken away may count for a split part too.
        pair = next(stop for stop in found if stop.alignment is not None)
        return Reading(target, own, found, pair.target, True)
    return Reading(target, own, found, target, False)


class Names:
    """How prompts and messages name the targets of one comparison as shown, by their
    sentences (see :func:`~newsdiff.tui.texts.sentences_name`): a pair is the sentences of
    one alignment, the engine's or the shown one's (a rejection takes the one, a manual
    link makes the other), and a group names more.  Made once per comparison shown: a
    redraw names every passage whose verdict was given to more than itself."""

    def __init__(self, engine: Comparison, shown: Comparison) -> None:
        self.shown = shown
        self.sides = Sides(shown)
        self.pairs = frozenset((al.a, al.b) for c in (engine, shown) for al in c.alignments)

    def target(self, target: Target) -> str | None:
        """``pair A3–B4``, ``group A1–B9`` or ``passage A3``; None if ``target`` is not about
        this comparison's sentences."""
        found = self.sides.indices(target.articles, target.spans)
        if found is None or not any(found):
            return None
        return texts.sentences_name(*found, pair=found in self.pairs)


class CompareScreen(NavigationScreen, ReviewScreen):
    """Articles ``i`` and ``j`` side by side."""

    app: NewsdiffApp

    BINDINGS: ClassVar[list[BindingType]] = [
        # Footer labels are short so the footer fits 80 columns; the help screen and the
        # footer's tooltips use the longer ``tooltip``.
        Binding("j,down", "step(1)", "Next", key_display="j", show=False,
                tooltip="Next passage in the pane", id="next"),
        Binding("k,up", "step(-1)", "Prev", key_display="k", show=False,
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
        Binding("J", "step_pair(1)", "Next pair", show=False,
                tooltip="Next pair of the group: the review keys act on it",
                id="next_pair"),
        Binding("K", "step_pair(-1)", "Prev pair", show=False,
                tooltip="Previous pair of the group", id="prev_pair"),
        Binding("asterisk", "whole_group", "Whole group", key_display="*", show=False,
                tooltip="The whole group for the review keys (again: its pair)",
                id="whole_group"),
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
        #: Each passage's pairs to step through (see :func:`~newsdiff.tui.targets.stops`),
        #: the sentences of the one stepped to (see :meth:`select`), and whether the review
        #: keys act on the whole group instead (``*``).
        self.stops: list[tuple[Stop, ...]] = []
        self.stop_at: tuple[tuple[int, ...], tuple[int, ...]] | None = None
        self.whole = False
        #: The reviews placed on the sentences of the comparison shown (see :class:`View`).
        self.reviewed: Reviewed | None = None
        self.progress = (0, 0)
        #: The comparison as shown (the reviewer's corrections applied), once built.
        self.shown: Comparison | None = None
        #: How targets are named, for the comparison shown (see :attr:`names`).
        self._names: Names | None = None
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
        """What the panes should list now, for the pair, the filters and the reviews.

        The passages are the same under every kind filter (those of the default
        kinds, with every review's sentences kept apart, see
        :func:`~newsdiff.present.passages.passages`), so that a verdict is on the
        same passage whatever the filter, and the filter picks among them (see
        :meth:`_shown`).
        """
        session = self.app.review
        engine = self.engine_comparison
        c = engine if session is None else session.corrected(engine)
        reviewed = Reviewed(c, session.reviews() if session is not None else ())
        ps = passages(c, DEFAULT_KINDS, apart=reviewed.apart())
        found = [review_of(session, c, p, reviewed) for p in ps]
        keep = [n for n, (p, r) in enumerate(zip(ps, found, strict=True))
                if self._shown(engine, p, r)]
        return View(c, [ps[n] for n in keep], [found[n].target for n in keep],
                    [found[n].review for n in keep],
                    frozenset(r.counted.key for r in found), [found[n].stops for n in keep],
                    reviewed)

    def _shown(self, engine: Comparison, p: Passage, r: Reading) -> bool:
        """Whether the filters let passage ``p`` through: not reviewed when ``r`` shows only
        the unreviewed, and of a kind the kind filter shows (a group: one of its pairs).
        What the reviewer gave a verdict stays in the filter of the kind the engine had
        given it too: rejecting a paraphrase as shared, or as unrelated, leaves it in
        sight under ``2``."""
        if self.unreviewed_only and r.done:
            return False
        kinds = {p.kind} | {stop.kind for stop in r.stops}
        if r.done or any(stop.review is not None for stop in r.stops):
            kinds |= {al.kind for al in engine.alignments
                      if set(al.a) & set(p.a) or set(al.b) & set(p.b)}
        return self.kinds == DEFAULT_KINDS or bool(kinds & self.kinds)

    def _show_progress(self, view: View) -> None:
        """The header's progress of ``view`` (kept in :attr:`progress`), the pair counted as
        one view whichever way round it is shown."""
        c = view.comparison
        shown = self.show_progress(self.query_one("#compare-progress", Static),
                                   pair_view(article_hash(c.a.text), article_hash(c.b.text)),
                                   view.counted)
        self.progress = (shown.reviewed, shown.total or 0)

    async def rebuild(self, view: View | None = None) -> None:
        """Lay both panes out again for the current comparison, filters and reviews."""
        anchor = self._anchor()
        view = view or self.view()
        c = self.shown = view.comparison
        self.passages, self.targets, self.reviews = view.passages, view.targets, view.reviews
        self.stops, self.reviewed = view.stops, view.reviewed
        self.selected = None  # an index into the passages before; chosen again below
        note = ("all but boilerplate" if self.kinds == DEFAULT_KINDS
                else "only " + ", ".join(sorted(self.kinds)))
        summary = summarize(c)
        self.query_one("#compare-summary", Static).update(texts.summary_line(summary, note))
        self.query_one("#compare-counts", Static).update(
            texts.summary_line(summary, note, compact=True))
        self._show_progress(view)
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
                    w: PassageView | Gap = PassageView(k, side, self._body(k, side), p.mark,
                                                       self._badge(k))
                else:
                    w = Gap(k, side, texts.gap_text(p, side), p.mark)
                self.items[side][k] = w
                widgets.append(w)
            if not widgets:
                empty = ("nothing left to review (r shows all)"
                         if self.unreviewed_only and view.counted else "nothing of this kind")
                widgets.append(Static(Text(empty, style="dim italic")))
            widgets.append(Static(classes="pane-end"))
            await pane.mount_all(widgets)
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
        """Select passage ``k`` in ``side``'s pane (the active one) and level its counterpart.

        A passage with pairs to step through starts at its first pair, or its first
        divergent one (what the group is marked for, and what a reader must not miss),
        unless it holds the pair stepped to last (the same passage drawn again after a
        verdict).
        """
        if side is not None and side != self.active:
            self.active = side
            for s in ("a", "b"):
                self.query_one(f"#pane-{s}").set_class(s == side, "-active")
        before, self.selected = self.selected, k
        if not any((stop.a, stop.b) == self.stop_at for stop in self.stops[k]):
            first = next((stop for stop in self.stops[k] if stop.kind == "divergent"),
                         self.stops[k][0] if self.stops[k] else None)
            self.stop_at = None if first is None else (first.a, first.b)
            self.whole = False
        redrawn = [self._redraw(n) for n in {before, k} - {None}]
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
        # in the same frame; after a rebuild, or a group drawn again, it waits for the layout.
        if here.virtual_region and not any(redrawn):
            self.level()
        else:
            self.call_after_refresh(self.level)

    def current_stop(self, k: int) -> int | None:
        """The index of the stop selected in passage ``k`` (see :meth:`select`); None when
        the passage is not selected, has none, or ``*`` took the whole group."""
        if k != self.selected or not self.stops[k] or self.whole:
            return None
        found = [n for n, stop in enumerate(self.stops[k]) if (stop.a, stop.b) == self.stop_at]
        return found[0] if found else 0

    def _body(self, k: int, side: str) -> Text:
        """Passage ``k``'s text in ``side``'s pane: its stops drawn, if it has any (see
        :func:`~newsdiff.tui.widgets.passage.group_side`)."""
        c, p = self.comparison, self.passages[k]
        if not self.stops[k]:
            return texts.passage_side(c, p, side)
        return group_side(c, p, side, self.stops[k], self.current_stop(k),
                          focus=k == self.selected and side == self.active)

    def _redraw(self, k: int) -> bool:
        """Draw passage ``k`` again in both panes if it has stops (they show the selection);
        whether it did."""
        if k >= len(self.passages) or not self.stops[k]:
            return False
        for side in ("a", "b"):
            w = self.items[side].get(k)
            if isinstance(w, PassageView):
                w.show(self._body(k, side), w.badge)
        return True

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
        k = self.selected
        stop = self.current_stop(k)
        if stop is not None:  # a group may be taller than the pane: show the pair stepped to
            self._show_rows(pane, here, (sentence_label(self.active, min(
                getattr(self.stops[k][stop], self.active))) + " ", FOCUS_MARK))
        if there is not None:
            offset = here.virtual_region.y - pane.scroll_offset.y
            other.scroll_to(y=there.virtual_region.y - offset, animate=False, immediate=True)
            if stop is not None:
                side = OTHER[self.active]
                self._show_rows(other, there, (sentence_label(side, min(
                    getattr(self.stops[k][stop], side))) + " ",))

    @staticmethod
    def _show_rows(pane: Pane, item: Gap | PassageView, lines: tuple[str, ...]) -> None:
        """Scroll ``pane`` as little as shows the rows of ``item`` from the first of
        ``lines`` to two rows past the last (see :meth:`PassageView.row_of`)."""
        rows = [row for row in map(item.row_of, lines) if row is not None] if isinstance(
            item, PassageView) else []
        if rows:
            box = item.virtual_region
            pane.scroll_to_region(Region(box.x, box.y + min(rows), box.width,
                                         max(rows) - min(rows) + 3),
                                  animate=False, immediate=True)

    def help_legend(self) -> list[tuple[Text, Text]]:
        """What the help screen lists after the keys: the markers' meanings."""
        return texts.legend_rows()

    @property
    def selected_passage(self) -> Passage | None:
        return None if self.selected is None else self.passages[self.selected]

    # -- reviews ----------------------------------------------------------------------

    def _badge(self, k: int) -> Badge | None:
        """Passage ``k``'s review badge: its verdict and note, what they were given to when
        that is more than the passage (a group it was part of), and whether the reviewer
        linked it (a passage with stops marks its linked pairs among them)."""
        session = self.app.review
        if session is None:
            return None
        linked = not self.stops[k] and bool(links_in(self.comparison, self.passages[k],
                                                     session.links))
        review = self.reviews[k]
        badge = texts.review_badge(review, linked=linked)
        if badge is None or review is None or review.target == pair_target(
                self.comparison, self.passages[k]):
            return badge
        given = self.name_of(review.target)
        if given is not None:
            badge[1].append(f" (given to {given})", style="italic")
        p = self.passages[k]
        if self.reviewed is not None and not p.pairs and review.corrected == "unrelated":
            # the pairs' own flags and notes the split left without a passage
            for inside in self.reviewed.split_inside(review, p.a, p.b):
                line = texts.review_badge(inside)
                if line is not None:
                    badge[1].append(f"\n{self.name_of(inside.target) or 'a pair'}: ",
                                    style="bold").append_text(line[1])
        return badge

    def review_subject(self) -> Subject | None:
        """The pair stepped to in a passage with stops, or the group ``*`` took whole, or
        the passage."""
        k = self.selected
        if k is None:
            return None
        p, review, session = self.passages[k], self.reviews[k], self.app.review
        current = self.current_stop(k)
        if current is not None:
            return self._stop_subject(self.stops[k][current])
        if self.whole:
            return self._group_subject(k)
        name, kind, refusal = texts.passage_name(p), p.kind, None
        if not p.pairs and review is not None and review.corrected:
            name, kind = f"{name} (split apart by your rejection)", review.kind
        elif not p.pairs:
            refusal = (f"Only {'A' if p.a else 'B'} has this passage: there is no alignment "
                       "to reject. l links it with the other article's telling.")
        elif session is not None and links_in(self.comparison, p, session.links):
            refusal = "You linked this passage yourself: L removes the link."
        return Subject(self.targets[k], kind, name, refusal)

    def _stop_subject(self, stop: Stop) -> Subject:
        """A pair of a group: its own target, named ``pair A3–B4``."""
        name = self.name_of(stop.target)
        assert name is not None, "a stop is a target of the pair shown"
        if stop.alignment is None:
            assert stop.review is not None, "a stop that is no pair is a review's"
            how = ("taken apart by your rejection" if stop.kind == "unrelated"
                   else "reviewed as a passage of its own")
            return Subject(stop.target, stop.review.kind, f"{name} ({how})")
        refusal = ("You linked this pair yourself: L removes the link." if stop.linked
                   else None)
        return Subject(stop.target, stop.kind, name, refusal)

    def _group_subject(self, k: int) -> Subject:
        """The whole group: its sentences' target, named with its size and the pairs a verdict
        on it leaves alone (those with their own word on their kind, see
        :mod:`newsdiff.review.apply`).  A group whose pairs differ in kind has no one kind
        the engine gave it: the prompt offers none as "as now", and the review records
        ``mixed``."""
        p = self.passages[k]
        kinds = {al.kind for al in p.pairs}
        own = sum(stop.alignment is not None and stop.review is not None
                  and stop.review.verdict in ("accepted", "rejected") for stop in self.stops[k])
        name = texts.passage_name(p)
        size = counted(len(p.pairs), "pair") + (
            f"; {own} keep{'s' * (own == 1)} {'its' if own == 1 else 'their'} own verdict"
            if own else "")
        return Subject(self.targets[k], kinds.pop() if len(kinds) == 1 else "mixed",
                       f"{name} ({size})")

    @property
    def names(self) -> Names:
        """How this screen names its targets and links, for the comparison shown."""
        if self._names is None or self._names.shown is not self.comparison:
            self._names = Names(self.engine_comparison, self.comparison)
        return self._names

    def name_of(self, target: Target) -> str | None:
        return self.names.target(target) if target.kind == "pair" else None

    def link_name(self, link: ManualLink) -> str | None:
        (ha, sa), (hb, sb) = link_ends(link)
        found = self.names.sides.indices((ha, hb), (sa, sb))
        return None if found is None else pair_label(*found)

    async def show_reviews(self, focus: Target | None = None) -> bool:
        """Lay the panes out again if the reviews change what they list (a correction, a
        link, ``r``), else only redraw the badges and the progress; select ``focus``."""
        if self.app.cached(*self.pair) is None:
            return False
        view = self.view()
        if view.comparison != self.comparison or view.passages != self.passages:
            await self.rebuild(view)
        else:
            changed = [k for k, (old, new) in enumerate(zip(self.stops, view.stops,
                                                            strict=True)) if old != new]
            self.targets, self.reviews, self.stops = view.targets, view.reviews, view.stops
            self.reviewed = view.reviewed
            for k in range(len(self.passages)):
                badge = self._badge(k)
                for side in ("a", "b"):
                    w = self.items[side].get(k)
                    if isinstance(w, PassageView) and w.badge != badge:
                        w.show_badge(badge)
            for k in changed:
                self._redraw(k)
            self._show_progress(view)
        return self._focus(focus)

    def _focus(self, target: Target | None) -> bool:
        """Select the passage whose target (or one of whose stops, stepping to it) is
        ``target``; whether there is one."""
        found = [(k, None) for k, t in enumerate(self.targets) if t == target] + [
            (k, stop) for k, found in enumerate(self.stops) for stop in found
            if stop.target == target]
        if not found:
            return False
        k, stop = found[0]
        if stop is not None:
            self.stop_at, self.whole = (stop.a, stop.b), False
        elif self.passages[k].is_group:  # the group's own target: the group whole
            first = self.stops[k][0]
            self.stop_at, self.whole = (first.a, first.b), True
        self.select(k, self.active if getattr(self.passages[k], self.active)
                    else OTHER[self.active])
        return True

    @on(PassageView.Clicked)
    def _clicked(self, event: PassageView.Clicked) -> None:
        # A gap stands for a passage of the other pane: clicking it selects that passage.
        is_gap = isinstance(self.items[event.side].get(event.key), Gap)
        self.select(event.key, OTHER[event.side] if is_gap else event.side)

    # -- the moving keys: in passages, not rows or lines (see NavigationScreen) ---------

    def _moving_from(self) -> list[int] | None:
        """The active pane's passages, for a moving key to pick one from; None when the key
        has done its move already (an empty pane, or no selection in it: the first)."""
        order = self.order()
        if order and self.selected not in order:
            self.select(order[0])
            return None
        return order or None

    def action_step(self, rows: int) -> None:
        """The next (previous) passage in the active pane."""
        order = self._moving_from()
        if order is None:
            return
        pos = order.index(self.selected) + rows
        if 0 <= pos < len(order):
            self.select(order[pos])

    def action_edge(self, end: int) -> None:
        """The last (first) passage in the active pane."""
        order = self.order()
        if order:
            self.select(order[-1] if end > 0 else order[0])

    def action_page(self, pages: int) -> None:
        """The first passage a pane's height below (the last one above) the selected one, so
        that a page key moves the selection as far as the text scrolls."""
        order = self._moving_from()
        if order is None:
            return
        widgets = self.items[self.active]
        height = max(1, self.query_one(f"#pane-{self.active}").scrollable_content_region.height)
        goal = widgets[self.selected].virtual_region.y + pages * height
        tops = [(k, widgets[k].virtual_region.y) for k in order]
        if pages > 0:
            found = next((k for k, y in tops if y >= goal), order[-1])
        else:
            found = next((k for k, y in reversed(tops) if y <= goal), order[0])
        self.select(found)

    # -- actions ----------------------------------------------------------------------

    def action_step_pair(self, step: int) -> None:
        """Step to the next (``J``) or previous (``K``) pair of the selected passage, for the
        review keys to act on (and out of ``*``'s whole group)."""
        k = self.selected
        if k is None or not self.stops[k]:
            self.notify("One pair here: the review keys act on it (J and K step through "
                        "a group's pairs).", timeout=3, markup=False)
            return
        found = self.stops[k]
        now = self.current_stop(k)
        if now is None:  # from the whole group, back to the pair it was on
            now = next((n for n, stop in enumerate(found) if (stop.a, stop.b) == self.stop_at),
                       0) - step
        pos = now + step
        if not 0 <= pos < len(found):
            self.notify(f"No {'next' if step > 0 else 'previous'} pair in this group "
                        "(j and k go to the other passages).", timeout=3, markup=False)
            pos = now
        self.stop_at, self.whole = (found[pos].a, found[pos].b), False
        self.select(k)

    def action_whole_group(self) -> None:
        """Have the review keys act on the whole selected group (``*`` again: on its pair)."""
        k = self.selected
        if k is None or not self.passages[k].is_group:
            self.notify("Not a group: the review keys act on this passage.", timeout=3,
                        markup=False)
            return
        if self.stop_at is None:
            first = self.stops[k][0]
            self.stop_at = (first.a, first.b)
        self.whole = not self.whole
        self.select(k)

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
        """The detail panel of the passage, or of the pair stepped to in a group (a readable
        unit of a large one); while ``l`` waits for its second passage, Enter picks it."""
        if self.linking is not None:
            await self._finish_link()
            return
        k = self.selected
        if k is None:
            return
        p, current = self.passages[k], self.current_stop(k)
        al = None if current is None else self.stops[k][current].alignment
        if al is not None:
            p = Passage(al.kind, al.a, al.b, (al,))
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
