"""Story screen: the claim matrix, the stacked passages that follow it, and its keys."""

from __future__ import annotations

import threading

import pytest
from textual.geometry import Region
from textual.widgets import Footer

import newsdiff.tui.app as app_module
from newsdiff.resources import sample_story
from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.compat import column_region
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.help import HelpScreen, help_table
from newsdiff.tui.screens.library import LibraryScreen
from newsdiff.tui.screens.story import StoryScreen, compare_target
from newsdiff.tui.widgets.claim import ABSENT, outlet_label
from newsdiff.values import Article, Claim, ClaimPassage, Story

from .tui_support import NotifySpy, exiting, open_story, settle


def stacked(screen: StoryScreen) -> dict[int, str]:
    """The passages the stack shows, by article."""
    return {key: text.plain for key, text in screen.stack.bodies.items() if key != ABSENT}


def on_screen(screen: StoryScreen) -> list[int | str]:
    """The stack's blocks (articles, or ``ABSENT``) with a line inside its view."""
    stack = screen.stack
    top, bottom = stack.scroll_offset.y, stack.scroll_offset.y + stack.size.height
    return [key for key in stack.bodies
            if (span := stack.span(key))[0] < bottom and span[1] > top]


def highlighted(screen: StoryScreen) -> list[int | str]:
    """The blocks on screen the stack paints in the highlight's background, every line."""
    stack = screen.stack
    top = stack.scroll_offset.y
    lit = stack.get_component_rich_style("claim-stack--selected").bgcolor

    def background(y: int):
        return next(s.style.bgcolor for s in stack.render_line(y - top) if s.text)

    return [key for key in on_screen(screen)
            if all(background(y) == lit for y in range(*stack.span(key))
                   if 0 <= y - top < stack.size.height)]


def cell_of(screen: StoryScreen, want) -> tuple[int, int]:
    """The first (row, column) of the matrix whose claim and article satisfy ``want``."""
    matrix = screen.matrix
    return next((row, article) for row, claim in enumerate(matrix.claims)
                for article in range(len(screen.story.articles)) if want(claim, article))


# -- opening ------------------------------------------------------------------------------


@pytest.fixture
def slow_story(monkeypatch) -> tuple[threading.Event, list[int]]:
    """``compare_story`` held until the returned event is set; each call's article count."""
    release = threading.Event()
    calls: list[int] = []
    compare_story = app_module.compare_story  # the recorded results (conftest)

    def slow_compare_story(articles):
        calls.append(len(articles))
        release.wait(10)
        return compare_story(articles)

    monkeypatch.setattr(app_module, "compare_story", slow_compare_story)
    return release, calls


async def test_S_opens_the_story_while_it_is_compared_without_freezing(
        sample_app: NewsdiffApp, slow_story) -> None:
    release, calls = slow_story
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("S")
        await pilot.pause()
        screen = sample_app.screen
        assert isinstance(screen, StoryScreen)
        assert screen.query_one("#story-body").loading
        assert "comparing 5 articles" in str(screen.query_one("#story-summary").content)
        await pilot.press("question_mark")  # the UI answers while the story is compared
        assert isinstance(sample_app.screen, HelpScreen)
        await pilot.press("escape")
        release.set()
        await settle(sample_app, pilot)
        assert not screen.query_one("#story-body").loading
        assert screen.matrix.row_count == len(screen.story.claims)
        await pilot.press("escape", "S")  # again: from the cache, no loading indicator
        await pilot.pause()
        assert not sample_app.screen.query_one("#story-body").loading
        assert sample_app.screen.matrix.row_count
    assert calls == [5]


async def test_leaving_while_it_is_compared_keeps_the_computation(
        sample_app: NewsdiffApp, slow_story) -> None:
    release, calls = slow_story
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        await pilot.press("S")
        await pilot.pause()
        await pilot.press("escape")  # the screen's worker is cancelled, not the computation
        assert isinstance(sample_app.screen, LibraryScreen)
        await pilot.press("S")
        release.set()
        await settle(sample_app, pilot)
        assert sample_app.screen.matrix.row_count
    assert calls == [5]


async def test_the_matrix_has_a_row_per_claim_and_a_mark_per_outlet(
        sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_story(sample_app, pilot)
        story, matrix = screen.story, screen.matrix
        assert [c.id for c in matrix.claims] == [c.id for c in story.claims]
        assert [str(c.label) for c in matrix.ordered_columns] == ["A", "B", "C", "D", "E"]
        first = story.claims[0]
        marks = {"anchor": "[*]", "shared": "[=]", "paraphrase": "[~]", "divergent": "[!]"}
        row = [matrix.get_cell_at((0, n)).plain for n in range(5)]
        assert row == [marks[p.relation] if (p := first.passage_of(n)) and
                       n not in first.outlets_diverge else "[!]" if p else "[.]"
                       for n in range(5)]
        assert first.outlets_diverge == (3, 4)  # D and E spell Kislyak's first name apart
        assert row[3:] == ["[!]", "[!]"]
        summary = str(screen.query_one("#story-summary").content)
        assert f"{len(story.claims)} claims" in summary
        alone = sum(len(c.passages) == 1 for c in story.claims)
        assert f"{alone} in one only" in summary
        outlets = str(screen.query_one("#story-outlets").content)
        for n, article in enumerate(story.articles):
            assert f"{outlet_label(story, n)} {article.outlet}" in outlets


async def test_library_S_needs_two_articles(tmp_path, notices: NotifySpy) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Headline\n\nOne sentence of a story.\n", encoding="utf-8")
    app = NewsdiffApp([one])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert notices.said("two articles")


async def test_the_palette_and_help_list_the_story(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        await settle(sample_app, pilot)
        library = [c.title for c in sample_app.get_system_commands(sample_app.screen)]
        assert "Story" in library
        screen = await open_story(sample_app, pilot)
        titles = [c.title for c in sample_app.get_system_commands(screen)]
        for title in ("Compare", "Divergent", "One-outlet claims", "Library"):
            assert title in titles
        keys = " ".join(str(c) for c in help_table(screen).columns[0].cells)
        for key in ("j", "k", "h", "l", "n", "N", "o", "enter", "escape", "q"):
            assert key in keys.split(), key
        for mark in ("[*]", "[=]", "[~]", "[!]", "[.]", "[-anchor-]", "{+outlet+}"):
            assert mark in keys, mark


# -- moving -------------------------------------------------------------------------------


@pytest.mark.parametrize(("down", "up"), [("j", "k"), ("down", "up")])
async def test_moving_the_claim_restacks_its_passages(sample_app: NewsdiffApp, down: str,
                                                      up: str) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        screen = await open_story(sample_app, pilot)
        claims = screen.story.claims
        assert screen.shown is claims[0]
        assert set(stacked(screen)) == set(claims[0].outlets)
        await pilot.press(down, down)
        assert screen.matrix.cursor_row == 2
        assert screen.shown is claims[2]
        assert set(stacked(screen)) == set(claims[2].outlets)
        title = str(screen.query_one("#story-claim-title").content)
        assert title.startswith(f"Claim #{claims[2].id} \u00b7")
        assert (ABSENT in screen.stack.bodies) == (len(claims[2].passages) < 5)
        await pilot.press(up)
        assert screen.shown is claims[1]
        await pilot.press(up, up)  # stops at the top
        assert screen.shown is claims[0]


@pytest.mark.parametrize(("right", "left"), [("l", "h"), ("right", "left")])
async def test_moving_the_outlet_highlights_its_passage(sample_app: NewsdiffApp, right: str,
                                                        left: str) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        screen = await open_story(sample_app, pilot)
        claim = screen.story.claims[0]  # every outlet carries it
        assert len(claim.passages) == 5
        assert highlighted(screen) == [0]
        await pilot.press(right, right)
        assert screen.matrix.cursor_column == 2
        assert highlighted(screen) == [2]
        await pilot.press(left)
        assert highlighted(screen) == [1]
        # An outlet without the claim: the "not in" line is the one highlighted.
        row, article = cell_of(screen, lambda c, a: c.passage_of(a) is None)
        screen.matrix.move_cursor(row=row, column=article)
        await pilot.pause()
        assert highlighted(screen) == [ABSENT]
        assert outlet_label(screen.story, article) in screen.stack.bodies[ABSENT].plain


def painted_background(matrix, x: int, y: int):
    """The background of the matrix's cell at ``(x, y)`` as the screen has it: the lines a
    widget keeps drawn are drawn again only where it asked for a repaint."""
    strip = matrix.render_lines(Region(x, y, 1, 1))[0]
    return next(s.style.bgcolor for s in strip if s.text)


@pytest.mark.parametrize(("down", "right"), [("j", "l"), ("down", "right")])
async def test_moving_the_cursor_repaints_the_row_label_and_header_it_leaves_and_reaches(
        sample_app: NewsdiffApp, down: str, right: str) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_story(sample_app, pilot)
        matrix = screen.matrix
        columns = [column_region(matrix, n).x for n in range(len(screen.story.articles))]

        def lit_rows() -> list[int]:
            """The rows whose label is lit (the cursor's, and only it, when all is repainted)."""
            rows = range(min(matrix.row_count, matrix.size.height - matrix.header_height))
            backgrounds = [painted_background(matrix, 0, matrix.header_height + r) for r in rows]
            return [r for r, bg in enumerate(backgrounds) if backgrounds.count(bg) == 1]

        def lit_columns() -> list[int]:
            backgrounds = [painted_background(matrix, x + 1, 0) for x in columns]
            return [c for c, bg in enumerate(backgrounds) if backgrounds.count(bg) == 1]

        assert (lit_rows(), lit_columns()) == ([0], [0])
        await pilot.press(down, down)
        assert (lit_rows(), lit_columns()) == ([2], [0])
        await pilot.press(right)
        assert (lit_rows(), lit_columns()) == ([2], [1])
        await pilot.press(right, down)
        assert (lit_rows(), lit_columns()) == ([3], [2])


async def test_a_passage_shows_its_word_diff_and_details(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_story(sample_app, pilot)
        row, article = cell_of(screen, lambda c, a: (p := c.passage_of(a)) is not None
                               and p.relation == "divergent" and p.details)
        screen.matrix.move_cursor(row=row, column=article)
        await pilot.pause()
        claim = screen.matrix.claims[row]
        passage = claim.passage_of(article)
        shown = stacked(screen)[article]
        outlet = screen.story.articles[article].outlet
        assert shown.startswith(f"{outlet_label(screen.story, article)}  {outlet}  divergent")
        for d in passage.details:
            assert f"{d.type}: {d.a} \u2260 {d.b}" in shown
        anchor_text = stacked(screen)[claim.anchor_passage.article]
        assert "anchor" in anchor_text and "[-" not in anchor_text


async def test_n_and_N_jump_between_divergent_claims(sample_app: NewsdiffApp,
                                                    notices: NotifySpy) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_story(sample_app, pilot)
        matrix = screen.matrix
        divergent = [n for n, c in enumerate(matrix.claims) if c.kind == "divergent"]
        assert len(divergent) >= 2
        matrix.move_cursor(row=divergent[0] + 1)
        await pilot.press("N")
        assert matrix.cursor_row == divergent[0]
        await pilot.press("n")
        assert matrix.cursor_row == divergent[1]
        assert screen.shown is matrix.claims[divergent[1]]
        matrix.move_cursor(row=divergent[-1])
        await pilot.press("n")
        assert matrix.cursor_row == divergent[-1]
        assert notices.said("No next divergent")


async def test_o_hides_and_shows_the_claims_one_outlet_carries(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_story(sample_app, pilot)
        story = screen.story
        shared = [c for c in story.claims if len(c.passages) > 1]
        screen.matrix.move_cursor(row=2)
        await pilot.pause()
        kept = screen.shown
        await pilot.press("o")
        assert screen.matrix.claims == shared
        assert screen.shown is kept  # the cursor stays on its claim
        hidden = len(story.claims) - len(shared)
        assert f"{hidden} hidden" in str(screen.query_one("#story-summary").content)
        await pilot.press("o")
        assert screen.matrix.row_count == len(story.claims)
        assert screen.shown is kept


async def test_the_selected_passage_is_scrolled_into_view_and_highlighted(tmp_path) -> None:
    app = reprints(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_story(app, pilot)
        matrix = screen.matrix
        # The last outlet of a claim most carry: below the stack's first screenful.
        row, article = cell_of(screen, lambda c, a: len(c.passages) > 10 and a == 14)
        matrix.move_cursor(row=row, column=article)
        await pilot.pause()
        assert screen.stack.scroll_offset.y > 0
        assert highlighted(screen) == [article]
        stack = screen.stack
        assert stack.span(article)[1] <= stack.scroll_offset.y + stack.size.height
        await pilot.press("j")
        claim = matrix.cursor_claim
        assert screen.shown is claim is matrix.claims[row + 1]
        assert set(stacked(screen)) == set(claim.outlets)
        assert highlighted(screen) == [article if claim.passage_of(article) else ABSENT]


# -- Enter and back -----------------------------------------------------------------------


async def _enter_on(app: NewsdiffApp, pilot, screen: StoryScreen, row: int,
                    article: int) -> CompareScreen:
    screen.matrix.move_cursor(row=row, column=article)
    await pilot.pause()
    await pilot.press("enter")
    await settle(app, pilot)
    compare = app.screen
    assert isinstance(compare, CompareScreen)
    return compare


async def test_enter_on_an_outlet_compares_it_with_the_anchor_at_its_passage(
        sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_story(sample_app, pilot)
        row, article = cell_of(screen, lambda c, a: (p := c.passage_of(a)) is not None
                               and p.relation != "anchor" and p.sentences[0] > 2)
        claim = screen.matrix.claims[row]
        compare = await _enter_on(sample_app, pilot, screen, row, article)
        assert compare.pair == (claim.anchor_passage.article, article)
        assert compare.active == "b"
        assert claim.passage_of(article).sentences[0] in compare.selected_passage.b
        assert compare.items["b"][compare.selected].has_class("-selected")
        await pilot.press("escape")
        assert sample_app.screen is screen


async def test_enter_on_the_anchor_compares_it_with_the_most_telling_other(
        sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_story(sample_app, pilot)
        row, article = cell_of(screen, lambda c, a: c.anchor_passage.article == a
                               and any(p.relation == "divergent" for p in c.passages))
        claim = screen.matrix.claims[row]
        compare = await _enter_on(sample_app, pilot, screen, row, article)
        other = next(p.article for p in claim.passages if p.relation == "divergent")
        assert compare.pair == (article, other)
        assert compare.active == "a"
        assert claim.anchor_passage.sentences[0] in compare.selected_passage.a


async def test_enter_on_a_missing_outlet_shows_the_anchor_passage_it_lacks(
        sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_story(sample_app, pilot)
        row, article = cell_of(screen, lambda c, a: c.passage_of(a) is None)
        claim = screen.matrix.claims[row]
        compare = await _enter_on(sample_app, pilot, screen, row, article)
        assert compare.pair == (claim.anchor_passage.article, article)
        assert compare.active == "a"
        assert claim.anchor_passage.sentences[0] in compare.selected_passage.a


@pytest.mark.parametrize("key", ["escape", "q"])
async def test_escape_and_q_go_back_to_the_library(sample_app: NewsdiffApp, key: str) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        await open_story(sample_app, pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(sample_app.screen, LibraryScreen)
        assert not exiting(sample_app)


def _story(claims: list[Claim], articles: int = 3) -> Story:
    article = Article(path="", outlet="x", title="", text="", sentences=())
    return Story(articles=(article,) * articles, claims=tuple(claims), quotes=(),
                 divergences=(), sources=tuple((n,) for n in range(articles)))


def test_compare_target_for_each_kind_of_cell() -> None:
    claim = Claim(0, (ClaimPassage(0, (4,), "paraphrase"), ClaimPassage(1, (2, 3), "anchor"),
                      ClaimPassage(2, (7,), "shared")), anchor=1, sources=3, lead=2)
    lone = Claim(1, (ClaimPassage(2, (5,), "anchor"),), anchor=0, sources=1, lead=5)
    story = _story([claim, lone], articles=4)
    assert compare_target(story, claim, 0) == ((1, 0), ("b", 4))
    assert compare_target(story, claim, 3) == ((1, 3), ("a", 2))  # absent: the anchor's
    # The anchor: copied wording says more than a paraphrase; a lone claim: the next article.
    assert compare_target(story, claim, 1) == ((1, 2), ("a", 2))
    assert compare_target(story, lone, 2) == ((2, 3), ("a", 5))


# -- layout and untrusted text ------------------------------------------------------------


@pytest.mark.parametrize(("size", "wide"), [((80, 24), False), ((200, 60), True)])
async def test_stacked_when_narrow_side_by_side_when_wide(sample_app: NewsdiffApp, size,
                                                          wide: bool) -> None:
    async with sample_app.run_test(size=size) as pilot:
        screen = await open_story(sample_app, pilot)
        matrix, stack = screen.matrix.region, screen.query_one("#story-claim").region
        if wide:
            assert matrix.y == stack.y and matrix.right <= stack.x
        else:
            assert matrix.x == stack.x and matrix.bottom <= stack.y
        assert screen.query_one("#story-legend").display == wide
        assert stack.height >= 8
        for row in screen.matrix.rows.values():  # the excerpts fit beside every outlet
            assert row.label.cell_len + 5 * 5 < matrix.width
        footer = screen.query_one(Footer)
        assert footer.region.bottom == size[1]


def reprints(folder) -> NewsdiffApp:
    """The reader on 15 articles: every sample article three times (reprints)."""
    for n, seed in enumerate(sample_story() * 3):
        text = seed.read_text(encoding="utf-8")
        (folder / f"{n:02d}.txt").write_text(f"{text}\nReprint {n}.\n", encoding="utf-8")
    return NewsdiffApp([folder])


async def test_many_outlets_get_one_character_cells_and_wire_copy_is_named(tmp_path) -> None:
    app = reprints(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_story(app, pilot)
        assert len(screen.story.articles) == 15
        cells = {screen.matrix.get_cell_at((row, n)).plain
                 for row in range(screen.matrix.row_count) for n in range(15)}
        assert cells <= {"*", "=", "~", "!", "."}
        summary = str(screen.query_one("#story-summary").content)
        assert "5 sources" in summary and "A, F and K reprint one wire story" in summary


async def test_hostile_text_shows_literally_in_the_story(hostile_paths) -> None:
    app = NewsdiffApp(hostile_paths)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_story(app, pilot)
        shown = [row.label.plain for row in screen.matrix.rows.values()]
        for row in range(screen.matrix.row_count):
            if row:
                await pilot.press("down")
            shown += stacked(screen).values()
        shown.append(str(screen.query_one("#story-outlets").content))
        text = "\n".join(shown)
        assert "\x1b" not in text
        assert "\\x1b[2J" in text and "[red]twice[/red]" in text
        assert "[@click=app.quit]click me" in text
        for widget in (screen.matrix, screen.stack):
            await pilot.click(widget, offset=(4, 1))
        assert app.is_running and app.return_code is None
