"""Groups in the compare screen: read and reviewed pair by pair, or whole on purpose, and
every verdict in sight after the splits and merges other verdicts cause.

The sample story's pairs used: 000 vs 001 (a group of eight paraphrases, A1–B1, and
one of two shared and two paraphrased pairs, A13–B7), 000 vs 003 (a divergent group
next to an only-in-A passage) and 002 vs 004 (a group of 7×8 sentences and 19 pairs).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from newsdiff.present.passages import passages, sentence_label
from newsdiff.resources import sample_story
from newsdiff.review.model import Review
from newsdiff.review.store import ReviewStore
from newsdiff.sources import load_article
from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.detail import DetailScreen
from newsdiff.tui.screens.verdict import KindPrompt
from newsdiff.tui.targets import pair_target, sentences_target
from newsdiff.tui.widgets.passage import FOCUS_MARK, PassageView

from .recorded import recorded_compare
from .tui_support import NotifySpy, open_compare, settle, stored, until

SIZE = (120, 40)


def kinds(screen: CompareScreen) -> Counter:
    """How many pairs of each kind the comparison as shown has (the header's counts)."""
    return Counter(al.kind for al in screen.comparison.alignments)


def body(screen: CompareScreen, k: int, side: str) -> str:
    w = screen.items[side][k]
    assert isinstance(w, PassageView)
    return w.body.plain


def badge(screen: CompareScreen, k: int) -> str:
    """The review line under passage ``k`` (in the pane that has it, not a gap)."""
    (w, *_) = [w for w in (screen.items[s].get(k) for s in "ab") if isinstance(w, PassageView)]
    return w.badge[1].plain if w.badge else ""


def group_at(screen: CompareScreen, sentence: int) -> int:
    """The passage holding sentence ``sentence`` of A."""
    return next(k for k, p in enumerate(screen.passages) if sentence in p.a)


async def select(pilot, screen: CompareScreen, k: int) -> None:
    screen.select(k, "a")
    await pilot.pause()


async def prompt_for(app: NewsdiffApp, pilot, *keys: str) -> KindPrompt:
    await pilot.press(*keys)
    await until(pilot, lambda: isinstance(app.screen, KindPrompt), "the prompt")
    return app.screen


async def test_x_in_a_group_rejects_the_pair_stepped_to_and_says_so(
        app: NewsdiffApp, db: Path, notices: NotifySpy) -> None:
    """Item 2: one ``x`` changed every pair of the group while the prompt named one
    passage.  Now it names the pair, and changes only it."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (0, 1))
        k = group_at(screen, 0)
        group = screen.passages[k]
        assert len(group.pairs) == 8 and {al.kind for al in group.pairs} == {"paraphrase"}
        before = kinds(screen)
        await select(pilot, screen, k)
        prompt = await prompt_for(app, pilot, "x")
        assert prompt.what == "pair A1\u2013B1" and prompt.engine == "paraphrase"
        await pilot.press("1")  # shared
        await until(pilot, lambda: bool(stored(db)), "the rejection")
        await settle(app, pilot)
        assert kinds(screen) == before + Counter(shared=1) - Counter(paraphrase=1)
        (review,) = stored(db)
        first = group.pairs[0]
        assert review.target == sentences_target(screen.comparison, first.a, first.b)
        assert (review.verdict, review.kind, review.corrected) == (
            "rejected", "paraphrase", "shared")
        k = group_at(screen, 0)
        assert screen.current_stop(k) == 0  # still on the pair, now marked as rejected
        assert "[=]B1\u2717" in body(screen, k, "a") and "[=]A1\u2717" in body(screen, k, "b")
        assert "pair A1\u2013B1 (1 of 8, 1 of 8 reviewed)" in body(screen, k, "a")
        assert "\u2717 rejected \u2192 shared" in body(screen, k, "a")
        assert screen.progress[0] == 0  # the group counts once it is reviewed whole
        await pilot.press("J", "u")  # undo selects the pair it undid, in its group
        await until(pilot, lambda: kinds(screen) == before, "the undo")
        assert screen.stops[k][screen.current_stop(k)].label == "A1\u2013B1"
        assert notices.said("Undone: rejected \u2192 shared pair A1\u2013B1.")  # as prompted


async def test_star_takes_the_whole_group_on_purpose(app: NewsdiffApp, db: Path,
                                                     notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (0, 1))
        k = group_at(screen, 12)  # A13–B7: two shared and two paraphrased pairs
        group = screen.passages[k]
        before = kinds(screen)
        await select(pilot, screen, k)
        await pilot.press("asterisk")
        assert screen.current_stop(k) is None and screen.whole
        assert "\u25b8 the whole group: 4 pairs (2 shared, 2 paraphrase; 0 of 4 reviewed)" in (
            body(screen, k, "a"))
        prompt = await prompt_for(app, pilot, "x")
        assert prompt.what == "group A13\u2013B7 (4 pairs)"
        assert prompt.engine == "mixed"  # no one kind: none is offered "as now"
        await pilot.press("2")
        await until(pilot, lambda: bool(stored(db)), "the rejection")
        await settle(app, pilot)
        assert kinds(screen) == before + Counter(paraphrase=2) - Counter(shared=2)
        (review,) = stored(db)
        assert review.target == pair_target(screen.comparison, group)
        k = group_at(screen, 12)
        assert badge(screen, k) == "\u2717 rejected \u2192 paraphrase"
        assert screen.progress[0] == 1
        await pilot.press("asterisk")  # back to the pair it was on
        assert screen.current_stop(k) == 0 and not screen.whole
        await pilot.press("u")
        await until(pilot, lambda: kinds(screen) == before, "the undo")
        assert screen.whole  # u selects what it undid: the whole group
        assert notices.said("Undone: rejected \u2192 paraphrase group A13\u2013B7.")
        await select(pilot, screen, next(k for k, p in enumerate(screen.passages)
                                         if not p.pairs))  # nothing to step through
        await pilot.press("asterisk", "J")
        assert notices.said("Not a group") and notices.said("One pair here")


async def test_J_and_K_step_through_the_pairs_and_mark_the_one_stepped_to(
        app: NewsdiffApp, notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (0, 1))
        k = group_at(screen, 12)
        await select(pilot, screen, k)
        labels = [stop.label for stop in screen.stops[k]]
        assert labels == ["A13\u2013B7", "A13\u2013B8", "A14\u2013B7", "A14\u2013B8"]
        seen = []
        for _ in labels:
            stop = screen.stops[k][screen.current_stop(k)]
            seen.append(stop.label)
            text = screen.items["a"][k].body
            (reversed_token,) = {text.plain[span.start:span.end] for span in text.spans
                                 if span.style == "reverse"}
            assert reversed_token == f"{'[=]' if stop.kind == 'shared' else '[~]'}" + (
                stop.label.split("\u2013")[1])
            assert f"pair {stop.label} (" in text.plain
            await pilot.press("J")
        assert seen == labels
        assert notices.said("No next pair in this group")
        await pilot.press("K")
        assert screen.stops[k][screen.current_stop(k)].label == labels[-2]
        await pilot.press("tab")  # the line naming the pair moves to B's pane
        assert f"pair {labels[-2]} (" in body(screen, k, "b")
        assert f"pair {labels[-2]} (" not in body(screen, k, "a")  # only where the eye is
        await pilot.press("j", "k")  # another passage, and back: the first pair again
        assert screen.current_stop(k) == 0


async def test_a_verdict_stays_in_sight_under_the_kind_filter(app: NewsdiffApp,
                                                              db: Path) -> None:
    """Item 4: 000 vs 001, ``2``, ``j``, ``x``, ``1`` left no ✗ anywhere: the rejected
    passage was shared now, and the filter showed paraphrases."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (0, 1))
        await pilot.press("2")
        await settle(app, pilot)
        await pilot.press("j")
        k = screen.selected
        assert 12 in screen.passages[k].a
        await prompt_for(app, pilot, "x")
        await pilot.press("1")
        await until(pilot, lambda: bool(stored(db)), "the rejection")
        await settle(app, pilot)
        k = group_at(screen, 12)  # still listed under "2", with its ✗
        assert "[=]B7\u2717" in body(screen, k, "a")
        await pilot.press("2", "j", "asterisk", "a")  # all kinds, then the group accepted
        await until(pilot, lambda: len(stored(db)) == 2, "the acceptance")
        await settle(app, pilot)
        for key in ("1", "2"):  # the same passage under every filter that lists it
            await pilot.press(key)
            await settle(app, pilot)
            assert badge(screen, group_at(screen, 12)).startswith("\u2713 accepted"), key
            await pilot.press(key)
            await settle(app, pilot)


async def test_a_reviewed_neighbour_never_joins_the_sentences_a_rejection_split(
        app: NewsdiffApp, db: Path) -> None:
    """Item 4: 000 vs 003, a group rejected as unrelated took its flagged and noted
    neighbour into the split block, which showed only the rejection."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (0, 3))
        neighbour = screen.passages[group_at(screen, 2)]
        assert neighbour.kind == "unique" and neighbour.a == (2, 3)
        group = screen.passages[group_at(screen, 0)]
        await select(pilot, screen, group_at(screen, 2))
        await pilot.press("exclamation_mark", "e", *"checked", "enter")
        await until(pilot, lambda: len(stored(db)) == 1 and stored(db)[0].note, "the note")
        await select(pilot, screen, group_at(screen, 0))
        await prompt_for(app, pilot, "asterisk", "x")
        await pilot.press("4")
        await until(pilot, lambda: group not in screen.passages, "the split")
        await settle(app, pilot)
        k = screen.passages.index(neighbour)  # itself still, with its own verdict and note
        assert badge(screen, k) == "\u2691 flagged  \u270e checked"
        parts = [n for n, p in enumerate(screen.passages)
                 if set(p.a) & set(group.a) or set(p.b) & set(group.b)]
        assert parts and all(not screen.passages[n].pairs for n in parts)
        for n in parts:  # each split part shows the rejection that split it
            assert badge(screen, n) == "\u2717 rejected \u2192 unrelated (given to group A1\u2013B9)"
            assert not set(screen.passages[n].a) & {2, 3}
        assert screen.progress[0] == 2


async def test_a_noted_pair_keeps_its_sentences_apart_when_its_group_is_split(
        app: NewsdiffApp, db: Path) -> None:
    """A note alone keeps sentences apart as a verdict does: 000 vs 003's group rejected
    as unrelated splits A5 and A6 (one paragraph) into one block, unless a review names
    one of them, here the note on the pair A5–B12."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (0, 3))
        k = group_at(screen, 4)
        group = screen.passages[k]
        await select(pilot, screen, k)
        labels = [stop.label for stop in screen.stops[k]]
        await pilot.press(*["J"] * (labels.index("A5\u2013B12") - screen.current_stop(k)))
        await pilot.press("e", *"checked", "enter")
        await until(pilot, lambda: [r.note for r in stored(db)] == ["checked"], "the note")
        await prompt_for(app, pilot, "asterisk", "x")
        await pilot.press("4")
        await until(pilot, lambda: group not in screen.passages, "the split")
        assert [p.a for p in screen.passages if {4, 5} & set(p.a)] == [(4,), (5,)]
        assert [r.verdict for r in stored(db)] == [None, "rejected"]
        # The pair is gone, its note is not: the parts of it the split left show it.
        await settle(app, pilot)
        for side, i in (("a", 4), ("b", 11)):
            (n,) = [n for n, p in enumerate(screen.passages) if i in getattr(p, side)]
            w = screen.items[side][n]
            assert isinstance(w, PassageView) and w.badge is not None, side
            assert w.badge[1].plain.endswith("\npair A5\u2013B12: \u270e checked"), side
        (n,) = [n for n, p in enumerate(screen.passages) if 5 in p.a]
        assert "pair A5" not in badge(screen, n)  # A6 was not part of that pair


async def test_a_pair_taken_away_stays_in_its_group_and_can_be_given_back(
        app: NewsdiffApp, db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (2, 4))
        k = group_at(screen, 0)
        await select(pilot, screen, k)
        await pilot.press("J", "J", "J")
        assert screen.stops[k][screen.current_stop(k)].label == "A3\u2013B2"
        before = kinds(screen)
        await prompt_for(app, pilot, "x")
        await pilot.press("4")
        await until(pilot, lambda: kinds(screen) != before, "the rejection")
        assert kinds(screen) == before - Counter(paraphrase=1)
        k = group_at(screen, 0)  # A3 and B2 keep other partners: the group stays
        stop = screen.stops[k][screen.current_stop(k)]
        assert (stop.label, stop.kind, stop.alignment) == ("A3\u2013B2", "unrelated", None)
        assert "[\u2260]B2\u2717" in body(screen, k, "a")
        assert "(taken apart by you)" in body(screen, k, "a")
        await pilot.press("a")  # the engine was right after all
        await until(pilot, lambda: kinds(screen) == before, "the acceptance")
        assert [(r.verdict, r.corrected) for r in stored(db)] == [("accepted", None)]


async def test_a_large_group_reads_sentence_by_sentence_with_each_ones_partners(
        app: NewsdiffApp) -> None:
    """Item 15: 002 vs 004's group of 7×8 sentences and 19 pairs was one block with no
    pairs named.  Each sentence now lists its partners, marked by kind; the pair stepped
    to is bright, the group's other sentences dimmed."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (2, 4))
        k = group_at(screen, 0)
        group = screen.passages[k]
        assert (len(group.a), len(group.b), len(group.pairs)) == (7, 8, 19)
        await select(pilot, screen, k)
        a, b = body(screen, k, "a"), body(screen, k, "b")
        assert "\n  \u21a6 [~]B2 [~]B3 [~]B4 [~]B8 [~]B10\n" in a  # under A22
        assert "\n  \u21a6 [~]A5 [=]A6 [~]A10\n" in b  # under B5
        # Every pair once on each side, and in the active pane the line naming the pair.
        for side, text, focus in (("a", a, 1), ("b", b, 0)):
            assert text.count("[~]") + text.count("[=]") == 19 + focus, side
        text = screen.items["a"][k].body
        dim = [text.plain[span.start:span.end] for span in text.spans if span.style == "dim"]
        assert any(d.startswith("The attorney general") for d in dim)  # A5: not A1–B2's
        assert not any(d.startswith("Sessions Met") for d in dim)  # A1 is


async def test_stepping_through_a_group_taller_than_the_pane_keeps_the_pair_in_sight(
        app: NewsdiffApp) -> None:
    """At 80×24 the 19-pair group of 002 vs 004 is several pages tall: each J scrolls
    both panes as far as shows the pair stepped to (its sentence in each article, and the
    line naming it in the active pane)."""
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_compare(app, pilot, (2, 4))
        k = group_at(screen, 0)
        await select(pilot, screen, k)
        panes = {side: screen.query_one(f"#pane-{side}") for side in "ab"}

        def in_sight(side: str, line: str) -> bool:
            w = screen.items[side][k]
            row = w.row_of(line)
            top, pane = panes[side].scroll_offset.y, panes[side]
            return row is not None and top <= w.virtual_region.y + row < (
                top + pane.scrollable_content_region.height)

        scrolled = set()
        for _ in range(len(screen.stops[k]) - 1):
            await pilot.press("J")
            await pilot.pause()
            stop = screen.stops[k][screen.current_stop(k)]
            assert in_sight("a", FOCUS_MARK), stop.label
            for side in "ab":
                assert in_sight(side, sentence_label(side, min(getattr(stop, side))) + " "), (
                    stop.label, side)
            scrolled.add(panes["a"].scroll_offset.y)
        assert len(scrolled) > 2  # the pane did move with the pairs


async def test_a_group_whose_pairs_all_have_a_verdict_counts_as_reviewed(
        app: NewsdiffApp, db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (2, 4))
        k = group_at(screen, 3)  # A4, A9 with B17: two pairs
        group = screen.passages[k]
        assert len(group.pairs) == 2
        await select(pilot, screen, k)
        await pilot.press("a")
        await until(pilot, lambda: len(stored(db)) == 1, "the first pair")
        assert screen.progress[0] == 0
        await pilot.press("J", "exclamation_mark")
        await until(pilot, lambda: screen.progress[0] == 1, "the second pair")
        await pilot.press("r")
        await until(pilot, lambda: group not in screen.passages, "the filter")


async def test_a_verdict_given_to_a_whole_group_before_still_applies(db: Path) -> None:
    """Verdicts in users' databases name a group by all its sentences: they change every
    pair of it, as they did, and show on it."""
    story = [load_article(str(p)) for p in sample_story()]
    c = recorded_compare(story[0], story[1])
    group = passages(c)[0]
    assert group.is_group
    with ReviewStore(db, writable=True) as store:
        info = store.open_session(story)
        store.record(info.id, Review(pair_target(c, group), "paraphrase", "rejected", "shared"))
    app = NewsdiffApp([], db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot, (0, 1))
        k = group_at(screen, 0)
        assert {al.kind for al in screen.passages[k].pairs} == {"shared"}
        assert badge(screen, k) == "\u2717 rejected \u2192 shared"
        assert screen.progress[0] == 1


async def test_a_divergent_group_opens_at_its_divergence_and_d_shows_the_pair(
        app: NewsdiffApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)  # 002 vs 003: a divergent group first
        k = screen.selected
        group = screen.passages[k]
        assert group.kind == "divergent" and group.pairs[0].kind != "divergent"
        stop = screen.stops[k][screen.current_stop(k)]
        assert stop.kind == "divergent"

        async def detail() -> str:
            await pilot.press("d")
            await until(pilot, lambda: isinstance(app.screen, DetailScreen), "the detail")
            text = "\n".join(getattr(w.content, "plain", "")  # tables hold the details
                              for w in app.screen.query(".detail-part"))
            await pilot.press("escape")
            return text

        text = await detail()  # the pair stepped to: its word diff and details only
        assert text.count("score ") == 1 and f"divergent  {stop.label}" in text
        await pilot.press("asterisk")
        assert (await detail()).count("score ") == len(group.pairs)  # the whole group's
