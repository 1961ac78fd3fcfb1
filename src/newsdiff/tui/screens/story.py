"""Story: every article at once, claim by claim.

A matrix with one row per claim (most outlets first, as ``Story.claims`` come)
and one column per article shows at a glance who carries what and who tells
it differently.  Under it (beside it from :attr:`StoryScreen.WIDE` columns on)
the selected claim's passages are stacked in article order, each word-diffed
against the claim's anchor, so the reader can see what every outlet changed
without opening ten comparisons; Enter opens the one comparison worth
opening, at that passage.

Claims one outlet alone carries are listed too, last and dimmed: what only
one outlet reports is half of what a story view is for.  ``o`` hides them
when the shared ones are what matters.

Claims are reviewed like the compare screen's passages (``a`` ``x`` ``!``
``e`` ``u`` ``U`` ``r``); manual links belong to the compare screen, whose two panes
are what a link joins, so ``l`` here stays "next outlet".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Static

from newsdiff.present.markers import RELATION_MARKS
from newsdiff.present.story import claim_label, outlet_labels, wire_notes
from newsdiff.present.words import counted
from newsdiff.review.model import Target
from newsdiff.review.progress import STORY_VIEW
from newsdiff.tui import texts
from newsdiff.tui.screens.navigation import NavigationScreen
from newsdiff.tui.screens.reviewing import ReviewScreen, Subject
from newsdiff.tui.targets import claim_target
from newsdiff.tui.widgets.claim import (
    ClaimMatrix,
    ClaimStack,
    outlet_name,
    relation_marker,
)
from newsdiff.values import Claim, Story

if TYPE_CHECKING:
    from newsdiff.tui.app import NewsdiffApp

#: Which other telling Enter on the anchor's own cell compares it with: a divergence
#: first (what a reader must check), then copied wording, then a paraphrase.
_MOST_TELLING = ("divergent", "shared", "paraphrase")


def compare_target(story: Story, claim: Claim,
                   article: int) -> tuple[tuple[int, int], tuple[str, int]]:
    """The pair Enter compares for ``article``'s cell of ``claim``, and the sentence to select.

    An outlet's cell compares the claim's anchor (left) with that outlet
    (right) and selects the outlet's passage; an outlet without the claim
    selects the anchor's, level with the gap that shows it missing.  The
    anchor's own cell compares it with the most telling other passage, or,
    when no other outlet carries the claim, with the next article.
    """
    anchor = claim.anchor_passage
    if article != anchor.article:
        own = claim.passage_of(article)
        return ((anchor.article, article),
                ("b", own.sentences[0]) if own else ("a", anchor.sentences[0]))
    others = [p for p in claim.passages if p is not anchor]
    other = (min(others, key=lambda p: _MOST_TELLING.index(p.relation)).article if others
             else (article + 1) % len(story.articles))
    return (article, other), ("a", anchor.sentences[0])


def summary_line(story: Story, hidden: int) -> Text:
    """The header: articles and sources, claims and how widely they are carried, and which
    articles reprint one wire story (last: that may be long, the counts must show)."""
    n = len(story.articles)
    claims = story.claims
    text = Text(f"{n} articles", style="bold")
    notes = wire_notes(story, outlet_labels(n))
    if notes:
        text.append(f", {len(story.sources)} sources")
    text.append(" \u00b7 ").append(f"{len(claims)} claims", style="bold")
    text.append(f": {sum(len(c.passages) == n for c in claims)} in all, "
                f"{sum(len(c.passages) == 1 for c in claims)} in one only, ")
    text.append_text(relation_marker("divergent")).append(
        f" {sum(c.kind == 'divergent' for c in claims)} divergent")
    if hidden:
        text.append(f" \u00b7 {hidden} hidden (o)", style="dim")
    for note in notes:
        text.append(f" \u00b7 {note}", style="italic")
    return text


def outlets_line(story: Story, width: int) -> Text:
    """Which outlet each column letter stands for, every letter kept on one line of ``width``."""
    n = len(story.articles)
    room = max(3, width // n - 2 - len(outlet_labels(n)[-1]) - 1)
    return Text("  ", no_wrap=True, overflow="ellipsis").join(
        outlet_name(story, k, room) for k in range(n))


#: What each mark says of an outlet's cell, spelled out for the help screen.
_MEANINGS = {
    "anchor": "the telling the others are compared with",
    "shared": "the anchor's wording, copied",
    "paraphrase": "the anchor's fact in other words",
    "divergent": "a detail (number, date, name\u2026) differs from the anchor's",
    "absent": "the outlet does not report the claim",
}


def legend_rows() -> list[tuple[Text, Text]]:
    """Each mark and changed-word bracket with its meaning (the help screen lists them)."""
    rows = [(Text(m.marker, style=m.style), Text(f"{m.label}: {_MEANINGS[key]}"))
            for key, m in RELATION_MARKS.items()]
    return [*rows, (texts.changed("a", "anchor"), Text("words only the anchor has")),
            (texts.changed("b", "outlet"), Text("words only this outlet has")),
            *texts.review_legend_rows(links=False)]


def legend() -> Text:
    """The marks and the changed-word brackets on one line, for the header of a wide screen."""
    marks = Text("  ").join(Text.assemble((m.marker, m.style), f" {m.label}")
                            for m in RELATION_MARKS.values())
    return marks.append_text(Text.assemble(
        "   changed words: ", texts.changed("a", "anchor"), " ", texts.changed("b", "outlet"),
        ("   ? help", "dim")))


class StoryScreen(NavigationScreen, ReviewScreen):
    """The story's claims by outlet; the selected claim's passages, word-diffed."""

    app: NewsdiffApp

    BINDINGS: ClassVar[list[BindingType]] = [
        # The arrows reach the matrix first (it has the focus); these are the same moves
        # under the letters the compare screen uses (j k g G, and the page keys, are
        # NavigationScreen's), and the ids the config can rebind.
        Binding("l,right", "move(0, 1)", "Next outlet", key_display="l", show=False,
                tooltip="Next outlet (manual links are made in the compare screen)",
                id="next_outlet"),
        Binding("h,left", "move(0, -1)", "Prev outlet", key_display="h", show=False,
                id="prev_outlet"),
        Binding("n", "jump(1)", "Divergent", tooltip="Next claim the outlets disagree on",
                id="next_divergent"),
        Binding("N", "jump(-1)", "Prev divergent", show=False,
                tooltip="Previous claim the outlets disagree on", id="prev_divergent"),
        Binding("o", "toggle_single", "One-outlet claims",
                tooltip="Hide or show the claims one outlet alone carries", id="single_claims"),
        # A priority binding, or the matrix's own Enter (which hides from the footer) would
        # take it first; a click on the cursor's cell compares too.
        Binding("enter", "compare", "Compare", priority=True,
                tooltip="Compare this outlet with the claim's anchor, at this passage",
                id="story_compare"),
        Binding("escape", "app.pop_screen", "Library", id="back"),
        Binding("q", "app.pop_screen", "Library", show=False, id="story_back"),
    ]

    WIDE = 160
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"), (WIDE, "-wide")]

    def __init__(self) -> None:
        super().__init__()
        self.story: Story | None = None
        #: Each claim's review target, by claim id (made once: the story does not change).
        self.targets: dict[int, Target] = {}
        self.show_single = True
        #: The claim whose passages are stacked, and the article whose passage (or absence)
        #: is highlighted.
        self.shown: Claim | None = None
        self.selected: int | None = None

    def compose(self) -> ComposeResult:
        count = len(self.app.entries)
        with Horizontal(id="story-header"):
            yield Static(Text(f"comparing {count} articles\u2026", style="dim"),
                         id="story-summary")
            yield Static(id="story-progress", classes="review-progress")
        yield Static(id="story-outlets")
        yield Static(legend(), id="story-legend")
        yield self.save_bar()
        with Container(id="story-body"):
            yield ClaimMatrix(id="story-matrix")
            with Vertical(id="story-claim"):
                yield Static(id="story-claim-title")
                yield ClaimStack(id="story-stack")
        yield Footer()

    def on_mount(self) -> None:
        self.matrix.focus()
        self.load()

    @property
    def matrix(self) -> ClaimMatrix:
        return self.query_one(ClaimMatrix)

    @property
    def stack(self) -> ClaimStack:
        return self.query_one(ClaimStack)

    @work(exclusive=True, group="story")
    async def load(self) -> None:
        """Compare the story off the event loop (once per app), a loading indicator meanwhile."""
        body = self.query_one("#story-body")
        body.loading = self.app.cached_story() is None
        self.story = await self.app.story()
        if not self.app.on_stack(self):
            return
        body.loading = False  # (no ``finally``: a cancelled load is a screen already gone)
        self.targets = {c.id: claim_target(self.story, c) for c in self.story.claims}
        await self.fill()
        self.matrix.focus()

    async def fill(self) -> None:
        """Show the story's claims (the one-outlet ones unless ``o`` hid them, the reviewed
        ones unless ``r`` did), their review marks, the header and the progress."""
        story = self.story
        if story is None:
            return
        session = self.app.review
        listed = [c for c in story.claims if self.show_single or len(c.passages) > 1]
        reviews = {c.id: session.review(self.targets[c.id]) for c in listed} if session else {}
        done = {cid for cid, r in reviews.items() if r is not None and r.verdict is not None}
        claims = [c for c in listed if not (self.unreviewed_only and c.id in done)]
        badges = {cid: badge[0] for cid, r in reviews.items()
                  if (badge := texts.review_badge(r)) is not None}
        self.query_one("#story-summary", Static).update(
            summary_line(story, len(story.claims) - len(listed)))
        # Every claim counts, one-outlet ones too, whatever ``o`` and ``r`` hide.
        self.show_progress(self.query_one("#story-progress", Static), STORY_VIEW,
                           frozenset(t.key for t in self.targets.values()))
        self.query_one("#story-outlets", Static).update(outlets_line(story, self.size.width))
        # The line above cuts the names to fit; hovering the matrix lists them whole.
        self.matrix.tooltip = Text("\n").join(outlet_name(story, k)
                                             for k in range(len(story.articles)))
        self.matrix.show(story, claims, badges)
        if not claims:
            self.show_nothing("nothing left to review (r shows all)" if self.unreviewed_only
                              else "no claim carried by more than one outlet (o shows all)")
        self.follow_cursor()
        if self.shown is not None:
            self.show_title(self.shown)

    def on_resize(self, event: events.Resize) -> None:
        # Narrow: the footer drops its padding and the palette key (in help) to fit 80 columns.
        footer = self.query_one(Footer)
        footer.compact = event.size.width < self.WIDE
        footer.show_command_palette = not footer.compact
        if self.story is not None:
            self.query_one("#story-outlets", Static).update(
                outlets_line(self.story, event.size.width))

    # -- the selected claim -----------------------------------------------------------

    def navigation_target(self) -> Widget:
        return self.matrix

    def moved(self) -> None:
        self.follow_cursor()

    def follow_cursor(self) -> None:
        """Stack the cursor's claim (when it changed) and highlight the cursor's outlet
        (when either changed).

        The moves call it at once, besides the matrix's message that the cursor
        moved: that message comes after the frame that moves the cursor, and the
        stack would follow a frame later.
        """
        claim = self.matrix.cursor_claim
        article = self.matrix.cursor_column
        if self.story is None or claim is None or (claim, article) == (self.shown, self.selected):
            return
        if claim is not self.shown:
            self.show_claim(claim)
        self.selected = article
        self.stack.select(article)

    def show_claim(self, claim: Claim) -> None:
        """Stack ``claim``'s passages in article order, then the outlets that lack it."""
        story = self.story
        assert story is not None
        self.shown = claim
        self.show_title(claim)
        self.stack.show(story, claim)

    def show_title(self, claim: Claim) -> None:
        """The stack's title: the claim, how widely it is carried, its kind and its review."""
        story = self.story
        assert story is not None
        title = Text.assemble((f"Claim {claim_label(claim)}", "bold"),
                              f" \u00b7 {len(claim.passages)} of {len(story.articles)} outlets, "
                              f"{counted(claim.sources, 'source')}")
        if claim.kind is not None:
            title.append(" \u00b7 ").append_text(relation_marker(claim.kind)).append(
                f" {claim.kind}")
        session = self.app.review
        badge = texts.review_badge(session.review(self.targets[claim.id])) if session else None
        if badge is not None:
            title.append("\n").append_text(badge[1])
        view = self.query_one("#story-claim-title", Static)
        # A layout repaints the whole screen, the matrix's every visible row too: only when
        # the title's height changes (the review's line comes or goes, say).
        lines = len(title.wrap(self.app.console, max(1, view.size.width)))
        view.update(title, layout=lines != view.size.height)

    def show_nothing(self, message: str) -> None:
        """An empty stack, saying why (no claim is listed)."""
        self.shown = None
        self.query_one("#story-claim-title", Static).update(Text(message, style="dim italic"))
        self.stack.clear()

    # -- reviews ----------------------------------------------------------------------

    def review_subject(self) -> Subject | None:
        claim = self.matrix.cursor_claim
        if self.story is None or claim is None:
            return None
        refusal = None if claim.kind else (
            "One outlet alone carries this claim: there is nothing to reject "
            "(! flags it, e notes it).")
        return Subject(self.targets[claim.id], claim.kind or "unique",
                       f"claim {claim_label(claim)}", refusal)

    def name_of(self, target: Target) -> str | None:
        if self.story is None:
            return None
        claim = next((c for c in self.story.claims if self.targets[c.id] == target), None)
        return None if claim is None else f"claim {claim_label(claim)}"

    async def show_reviews(self, focus: Target | None = None) -> bool:
        """Show the claims' reviews again (``r`` may hide some); move to ``focus``."""
        if self.story is None:
            return False
        await self.fill()
        row = next((r for r, c in enumerate(self.matrix.claims)
                    if self.targets[c.id] == focus), None)
        if row is not None:
            self.matrix.move_cursor(row=row)
        return row is not None

    def help_legend(self) -> list[tuple[Text, Text]]:
        """What the help screen lists after the keys."""
        return legend_rows()

    @on(DataTable.CellHighlighted)
    def _cell_highlighted(self) -> None:
        self.follow_cursor()

    @on(DataTable.CellSelected)
    def _cell_selected(self) -> None:
        self.action_compare()

    @on(DataTable.RowLabelSelected)
    def _label_selected(self, event: DataTable.RowLabelSelected) -> None:
        self.matrix.move_cursor(row=event.row_index)

    # -- actions ----------------------------------------------------------------------

    def action_move(self, rows: int, columns: int) -> None:
        matrix = self.matrix
        matrix.move_cursor(row=matrix.cursor_row + rows, column=matrix.cursor_column + columns)
        self.follow_cursor()

    def action_jump(self, step: int) -> None:
        """The next (previous) claim with a divergence, in the matrix's order."""
        matrix = self.matrix
        rows = range(matrix.cursor_row + step, len(matrix.claims) if step > 0 else -1, step)
        row = next((r for r in rows if matrix.claims[r].kind == "divergent"), None)
        if row is None:
            self.notify(f"No {'next' if step > 0 else 'previous'} divergent claim.", timeout=2,
                        markup=False)
            return
        matrix.move_cursor(row=row)
        self.follow_cursor()

    async def action_toggle_single(self) -> None:
        self.show_single = not self.show_single
        await self.fill()

    def action_compare(self) -> None:
        claim = self.matrix.cursor_claim
        if self.story is None or claim is None:
            return
        pair, sentence = compare_target(self.story, claim, self.matrix.cursor_column)
        self.open_compare(pair, sentence)

    @work(exclusive=True, group="compare")
    async def open_compare(self, pair: tuple[int, int], sentence: tuple[str, int]) -> None:
        """Compare the pair off the event loop (the stack shows it loading), then open it."""
        from newsdiff.tui.screens.compare import CompareScreen

        stack = self.query_one("#story-claim")
        stack.loading = self.app.cached(*pair) is None
        await self.app.comparison(*pair)
        if not self.app.on_stack(self):
            return
        stack.loading = False
        await self.app.push_screen(CompareScreen(*pair, select_sentence=sentence))
