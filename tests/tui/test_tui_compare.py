"""Compare screen: selection and its counterpart, jumps, filters, panes, detail panel."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Footer

from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.detail import DetailScreen
from newsdiff.tui.widgets.passage import Gap, Pane, PassageView

from .tui_support import open_compare, settle


def highlighted(screen: CompareScreen, side: str, cls: str) -> list[int]:
    return [w.key for w in screen.items[side].values() if w.has_class(cls)]


async def test_j_k_move_selection_and_highlight_the_counterpart(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        order = screen.order()
        assert screen.selected == order[0]
        await pilot.press("j")
        await pilot.pause()
        assert screen.selected == order[1]
        assert highlighted(screen, "a", "-selected") == [order[1]]
        assert highlighted(screen, "b", "-counterpart") == [order[1]]
        await pilot.press("down", "down", "k")
        assert screen.selected == order[2]
        await pilot.press("up", "up", "up")  # stops at the top
        assert screen.selected == order[0]


async def test_g_G_and_the_page_keys_move_the_selection_through_the_pane(
        sample_app: NewsdiffApp) -> None:
    """Item 10 of issue 14: the compare screen answers the keys every list has."""
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        order = screen.order()
        pane = screen.query_one("#pane-a", Pane)
        height = pane.scrollable_content_region.height
        await pilot.press("G")
        assert screen.selected == order[-1]
        last = screen.items["a"][order[-1]].virtual_region
        assert pane.scroll_y > 0 and pane.scroll_y <= last.y < pane.scroll_y + height
        await pilot.press("g")
        assert screen.selected == order[0]
        await pilot.press("pagedown")
        await pilot.pause()
        paged = screen.selected
        top = screen.items["a"][paged].virtual_region.y
        assert order.index(paged) > 1  # more than one passage at a time
        before = order[order.index(paged) - 1]
        assert screen.items["a"][before].virtual_region.y < height <= top
        await pilot.press("ctrl+b")
        assert screen.selected == order[0]
        await pilot.press("end", "pageup")
        assert order.index(screen.selected) < len(order) - 1
        await pilot.press("home")
        assert screen.selected == order[0]


async def test_counterpart_is_scrolled_level(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        pane_a, pane_b = screen.query_one("#pane-a", Pane), screen.query_one("#pane-b", Pane)
        # An aligned passage far down A whose B counterpart sits elsewhere in B.
        target = [k for k in screen.order() if screen.passages[k].pairs][-1]
        screen.select(target)
        await pilot.pause()
        await pilot.pause()
        here, there = screen.items["a"][target], screen.items["b"][target]
        assert isinstance(there, PassageView)
        assert here.region.y == there.region.y  # level on screen
        assert pane_a.scroll_y > 0 or pane_b.scroll_y > 0


async def test_unique_passage_has_a_gap_marker(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        only_a = next(k for k in screen.order() if screen.passages[k].kind == "unique")
        screen.select(only_a)
        await pilot.pause()
        gap = screen.items["b"][only_a]
        assert isinstance(gap, Gap)
        assert gap.has_class("-counterpart")
        assert "only in A" in gap.body.plain


async def test_n_jumps_to_divergent_and_brackets_to_any(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        order = screen.order()
        divergent = [k for k in order if screen.passages[k].kind == "divergent"]
        assert divergent
        screen.select(order[-1])
        await pilot.press("N")
        assert screen.selected == divergent[-1]
        screen.select(order[0])
        await pilot.press("n")
        expected = next(k for k in divergent if order.index(k) > 0) if len(divergent) > 1 or \
            divergent[0] != order[0] else None
        if expected is not None:
            assert screen.selected == expected
        assert screen.passages[screen.selected].kind == "divergent"
        start = order.index(screen.selected)
        await pilot.press("right_square_bracket")
        assert screen.selected == order[start + 1]
        await pilot.press("left_square_bracket")
        assert screen.selected == order[start]


async def test_filters_1_to_4(sample_app: NewsdiffApp) -> None:
    """A filter picks among the passages shown unfiltered: a group whose pairs include one
    of the kind is shown whole, so that it is the same passage (and review target) under
    every filter."""
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        everything = list(screen.passages)
        for key, kind in (("2", "paraphrase"), ("3", "divergent"), ("4", "unique")):
            await pilot.press(key)
            await settle(sample_app, pilot)
            expected = [p for p in everything
                        if p.kind == kind or any(al.kind == kind for al in p.pairs)]
            assert screen.passages == expected, key
            assert any(p.kind != kind for p in expected) == (kind == "paraphrase")
        await pilot.press("1")  # this pair shares no wording
        await settle(sample_app, pilot)
        assert screen.passages == []
        await pilot.press("1")  # pressing again shows everything
        await settle(sample_app, pilot)
        assert {p.kind for p in screen.passages} == {"paraphrase", "divergent", "unique"}


async def test_tab_switches_pane_and_s_swaps(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        assert screen.active == "a"
        await pilot.press("tab")
        await pilot.pause()
        assert screen.active == "b"
        assert screen.query_one("#pane-b").has_class("-active")
        assert screen.selected in screen.order("b")
        await pilot.press("j")
        assert highlighted(screen, "b", "-selected") == [screen.selected]
        a_title = screen.comparison.a.title
        await pilot.press("s")
        await settle(sample_app, pilot)
        assert screen.pair == (3, 2)
        assert screen.comparison.b.title == a_title


async def test_d_opens_the_detail_and_escape_closes(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        await pilot.press("n")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(sample_app.screen, DetailScreen)
        text = "\n".join(getattr(w.content, "plain", "") for w in
                         sample_app.screen.query(".detail-part"))
        assert "divergent" in text
        assert "{+" in text and "[-" in text  # the word diff, readable without colour
        await pilot.press("escape")
        assert sample_app.screen is screen
        await pilot.press("enter")
        assert isinstance(sample_app.screen, DetailScreen)
        await pilot.press("escape")


async def test_click_selects_a_passage(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)
        aligned = [k for k in screen.order() if screen.passages[k].pairs]
        screen.select(aligned[0])
        await pilot.pause()
        await pilot.pause()
        await pilot.click(screen.items["b"][aligned[0]])
        await pilot.pause()
        assert screen.active == "b"
        assert screen.selected == aligned[0]
        gap = next(w for w in screen.items["b"].values() if isinstance(w, Gap))
        screen.select(gap.key)  # selected in A, so its gap in B is level and visible
        await pilot.pause()
        await pilot.pause()
        await pilot.click(gap)  # a gap stands for A's passage: clicking it selects that
        await pilot.pause()
        assert (screen.active, screen.selected) == ("a", gap.key)


async def test_p_and_shift_p_step_the_right_article(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(120, 40)) as pilot:
        screen = await open_compare(sample_app, pilot)  # articles 2 and 3 of 0–4
        # Library order, skipping the left article (2), wrapping around.
        assert [screen.article_after(n) for n in (1, 2, -1, -2)] == [4, 0, 1, 0]
        await pilot.press("p")
        await settle(sample_app, pilot)
        assert screen.pair == (2, 4)
        assert screen.comparison.b is sample_app.entries[4].article
        titles = {s: Content.from_markup(screen.query_one(f"#pane-{s}", Pane).border_title).plain
                  for s in "ab"}
        assert titles["a"].startswith("A 3/5") and titles["b"].startswith("B 5/5")
        assert sample_app.entries[4].article.title[:20] in titles["b"]
        await pilot.press("P")
        await settle(sample_app, pilot)
        assert screen.pair == (2, 3)
        screen.action_step_article(-1)  # quicker than the worker: each step starts from the
        screen.action_step_article(-1)  # last pair asked for, and the last one wins
        await settle(sample_app, pilot)
        assert screen.pair == screen.wanted == (2, 0)
        assert screen.items["b"] and screen.selected in screen.order()


async def test_narrow_header_is_one_line_and_the_footer_fits(sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(sample_app, pilot)
        assert screen.has_class("-narrow")
        shown = [w for w in screen.query("#compare-summary, #compare-counts, #compare-legend")
                 if w.display]
        assert [w.id for w in shown] == ["compare-counts"]
        assert shown[0].region.height == 1
        assert screen.query_one("#panes").region.y == 1  # the panes start on line 2
        footer = screen.query_one(Footer)
        assert footer.region.y == 23
        keys = list(footer.query("FooterKey"))
        assert {k.key for k in keys} >= {"tab", "n", "s", "p", "d", "escape"}
        assert max(k.region.right for k in keys) <= 80  # none cut off
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert screen.has_class("-wide")
        shown = [w.id for w in screen.query("#compare-summary, #compare-counts, #compare-legend")
                 if w.display]
        assert shown == ["compare-summary", "compare-legend"]


async def test_at_200_by_60_the_panes_share_the_width_and_stay_level(
        sample_app: NewsdiffApp) -> None:
    async with sample_app.run_test(size=(200, 60)) as pilot:
        screen = await open_compare(sample_app, pilot)
        assert screen.has_class("-wide")
        a, b = screen.query_one("#pane-a"), screen.query_one("#pane-b")
        assert a.region.width == b.region.width == 100
        assert a.region.height == b.region.height == 60 - 3  # header, legend, footer
        shared = next(k for k in screen.order() if screen.items["b"].get(k)
                      and isinstance(screen.items["b"][k], PassageView)
                      and screen.order().index(k) > 2)
        screen.select(shared)
        await pilot.pause()
        here, there = screen.items["a"][shared], screen.items["b"][shared]
        assert here.region.y == there.region.y  # level on screen
