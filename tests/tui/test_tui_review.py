"""Review keys in the compare and story screens: verdicts, notes, undo, ``r``, manual links.

Every test saves to a real review database in its own folder (``db_path=``) and
checks both what the screen shows and what the store holds.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from textual.coordinate import Coordinate
from textual.widgets import Input, OptionList
from typer.testing import CliRunner

from newsdiff.cli import review_app
from newsdiff.resources import sample_story
from newsdiff.review import store as store_module
from newsdiff.review.model import CORRECTED_KINDS, Review, Target
from newsdiff.review.store import ReviewStore, StoreError
from newsdiff.sources import load_article
from newsdiff.tui import app as app_module
from newsdiff.tui.app import NewsdiffApp
from newsdiff.tui.screens.compare import CompareScreen
from newsdiff.tui.screens.help import help_table
from newsdiff.tui.screens.story import StoryScreen
from newsdiff.tui.screens.verdict import KindPrompt, NoteInput
from newsdiff.tui.targets import pair_target
from newsdiff.tui.texts import passage_name
from newsdiff.tui.widgets.passage import PassageView

from .tui_support import NotifySpy, exiting, open_compare, open_story, shown, stored, until

SIZE = (100, 30)
runner = CliRunner()


def badges(screen: CompareScreen, k: int) -> list[str]:
    """The review line each pane shows under passage ``k`` (gaps show none)."""
    return [w.badge[1].plain if w.badge else "" for w in (screen.items[s].get(k) for s in "ab")
            if isinstance(w, PassageView)]


def progress(screen: CompareScreen | StoryScreen) -> str:
    return str(screen.query_one(".review-progress").render())


def first(screen: CompareScreen, kind: str, *, group: bool = False) -> int:
    """The first passage of ``kind`` in A's pane (one pair unless ``group``)."""
    return next(k for k in screen.order("a") if screen.passages[k].kind == kind
                and (group or not screen.passages[k].is_group))


async def choose(pilot, screen: CompareScreen | StoryScreen, k: int | None = None, *,
                 whole: bool = False) -> None:
    """Select passage ``k`` in A's pane (compare) and let the selection settle; ``whole``:
    the whole of it for the review keys (``*`` on a group, whose keys act on one pair)."""
    if k is not None:
        assert isinstance(screen, CompareScreen)
        screen.select(k, "a")
    if whole:
        assert isinstance(screen, CompareScreen)
        if screen.selected_passage.is_group:
            await pilot.press("asterisk")
        assert screen.current_stop(screen.selected) is None
    await pilot.pause()


# -- compare: verdicts --------------------------------------------------------------------


async def test_a_accepts_the_passage_saves_it_and_shows_it(app: NewsdiffApp, db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        total = len(screen.passages)
        assert progress(screen) == f"0 of {total} reviewed"
        k = first(screen, "paraphrase")
        await choose(pilot, screen, k)
        await pilot.press("a")
        await until(pilot, lambda: screen.progress[0] == 1, "the verdict")
        assert badges(screen, k) == ["\u2713 accepted"] * 2  # in both panes
        assert progress(screen) == f"1 of {total} reviewed"
        (review,) = stored(db)
        assert review.target == pair_target(screen.comparison, screen.passages[k])
        assert (review.verdict, review.kind, review.corrected) == ("accepted", "paraphrase", None)
        c, p = screen.comparison, screen.passages[k]
        # The target names the passage's sentences by their spans in each article.
        spans = {tuple((c.a.sentences[i].start, c.a.sentences[i].end) for i in p.a),
                 tuple((c.b.sentences[j].start, c.b.sentences[j].end) for j in p.b)}
        assert set(review.target.spans) == spans


async def test_x_asks_the_right_kind_and_applies_it(app: NewsdiffApp, db: Path,
                                                   notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        k = first(screen, "paraphrase")
        sentence = screen.passages[k].a[0]
        await choose(pilot, screen, k)
        await pilot.press("x")
        prompt = app.screen
        assert isinstance(prompt, KindPrompt)
        assert prompt.engine == "paraphrase"
        await pilot.press("2")  # paraphrase: what it is now, so nothing changes
        await until(pilot, lambda: notices.said("Unchanged: pair"), "the word unchanged")
        assert app.screen is screen and stored(db) == [] and screen.progress[0] == 0
        await pilot.press("x", "3")  # divergent
        await until(pilot, lambda: app.screen is screen and screen.progress[0] == 1,
                    "the rejection")
        k = screen.selected
        assert sentence in screen.passages[k].a  # the selection stays on the passage
        assert screen.passages[k].kind == "divergent"  # the correction is applied at once
        assert badges(screen, k)[0] == "\u2717 rejected \u2192 divergent"
        (review,) = stored(db)
        assert (review.verdict, review.kind, review.corrected) == (
            "rejected", "paraphrase", "divergent")
        await pilot.press("x")  # again: the engine's kind is offered back, as accepting it
        assert (app.screen.engine, app.screen.current) == ("paraphrase", "divergent")
        await pilot.press("2")
        await until(pilot, lambda: stored(db)[0].verdict == "accepted", "the acceptance")
        assert screen.passages[screen.selected].kind == "paraphrase"
        assert stored(db)[0].corrected is None


async def test_x_unrelated_splits_the_passage_and_a_or_u_joins_it_again(
        app: NewsdiffApp, db: Path, notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        k = first(screen, "paraphrase")
        joined = screen.passages[k]
        await choose(pilot, screen, k)
        await pilot.press("x", "down", "down", "enter")  # from paraphrase to unrelated
        await until(pilot, lambda: joined not in screen.passages, "the split")
        parts = [p for p in screen.passages if set(p.a) & set(joined.a) or set(p.b) & set(joined.b)]
        assert {p.kind for p in parts} == {"unique"}
        for part in parts:  # each part still shows the verdict that split it, and counts
            n = screen.passages.index(part)
            assert "\u2717 rejected \u2192 unrelated" in badges(screen, n)[0]
        assert screen.progress[0] == 1  # once: the parts stand for the one rejection
        assert stored(db)[0].corrected == "unrelated"
        assert screen.selected_passage in parts
        await pilot.press("a")  # on a part: the engine's alignment was right after all
        await until(pilot, lambda: joined in screen.passages, "the acceptance")
        assert [(r.verdict, r.corrected) for r in stored(db)] == [("accepted", None)]
        await pilot.press("u")
        await until(pilot, lambda: joined not in screen.passages, "the first undo")
        await pilot.press("u")
        await until(pilot, lambda: joined in screen.passages, "the second undo")
        assert screen.selected == screen.passages.index(joined)  # u selects what it undid
        assert stored(db) == []
        assert notices.messages()[-2:] == [
            f"Undone: accepted {passage_name(joined)}.",
            f"Undone: rejected \u2192 unrelated {passage_name(joined)}."]


async def test_the_prompt_opens_on_the_kind_it_has_and_records_only_a_choice(
        app: NewsdiffApp, db: Path, notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        k = first(screen, "paraphrase")
        await choose(pilot, screen, k)
        await pilot.press("x")
        options = app.screen.query_one(OptionList)
        now = CORRECTED_KINDS.index("paraphrase")
        assert options.highlighted == now          # offered, highlighted, and said so
        option = options.get_option_at_index(now)
        assert not option.disabled and "(as now)" in str(option.prompt)
        await pilot.press("enter")                 # Enter at once: nothing chosen
        await until(pilot, lambda: app.screen is screen, "the prompt to close")
        assert notices.said("Unchanged: pair") and stored(db) == []
        await pilot.press("x", "down", "enter")    # an explicit choice is recorded
        await until(pilot, lambda: bool(stored(db)), "the rejection")
        assert [(r.verdict, r.corrected) for r in stored(db)] == [("rejected", "divergent")]
        await pilot.press("x")                     # now it opens on the reviewer's kind
        assert app.screen.query_one(OptionList).highlighted == CORRECTED_KINDS.index(
            "divergent")
        await pilot.press("3")                     # and that kind's digit changes nothing
        await until(pilot, lambda: app.screen is screen, "the prompt to close")
        assert notices.messages().count(f"Unchanged: {passage_name(screen.passages[k])} "
                                        "stays divergent.") == 1
        assert [(r.verdict, r.corrected) for r in stored(db)] == [("rejected", "divergent")]


def where_it_is(screen: CompareScreen | StoryScreen) -> tuple:
    """What keys that reached the screen would change: its selection, and what is listed."""
    if isinstance(screen, CompareScreen):
        return screen.selected, screen.active, list(screen.passages), screen.kinds
    return screen.matrix.cursor_coordinate, list(screen.matrix.claims)


@pytest.mark.parametrize("where", ["compare", "story"])
async def test_no_key_typed_while_a_prompt_is_open_reaches_the_screen_below(
        app: NewsdiffApp, db: Path, where: str) -> None:
    """The issue's case: ``j ! e`` and text typed at the reject prompt, or into the note
    input, move nothing, record nothing and open nothing below (nor quit the reader)."""
    async with app.run_test(size=SIZE) as pilot:
        if where == "compare":
            screen = await open_compare(app, pilot)
            await choose(pilot, screen, first(screen, "paraphrase"))
        else:
            screen = await open_story(app, pilot)
        before = where_it_is(screen)
        await pilot.press("x")
        prompt = app.screen
        assert isinstance(prompt, KindPrompt)
        await pilot.press("j", "exclamation_mark", "e", *"wire copy", "question_mark", "q", "a")
        await pilot.pause()
        assert app.screen is prompt and app.is_running and not exiting(app)
        assert where_it_is(screen) == before and stored(db) == []
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, NoteInput), "the note input")
        await pilot.press("j", "exclamation_mark", "e", *" 3 q?", "x", "1")
        assert app.screen.query_one(Input).value == "j!e 3 q?x1"  # the input takes the text
        assert where_it_is(screen) == before and stored(db) == []
        await pilot.press("escape")
        assert app.screen is screen and where_it_is(screen) == before
        assert stored(db) == []


async def test_x_then_escape_records_nothing(app: NewsdiffApp, db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        await choose(pilot, screen, first(screen, "paraphrase"))
        await pilot.press("x")
        assert isinstance(app.screen, KindPrompt)
        await pilot.press("escape")
        assert app.screen is screen
        assert stored(db) == []
        assert screen.progress[0] == 0


async def test_x_on_a_passage_one_side_has_says_what_to_do(app: NewsdiffApp, db: Path,
                                                           notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        await choose(pilot, screen, first(screen, "unique"))
        await pilot.press("x")
        assert app.screen is screen  # no prompt: there is no alignment to reject
        assert notices.said("l links it")
        assert stored(db) == []


async def test_flag_marks_a_significant_divergence(app: NewsdiffApp, db: Path) -> None:
    """The sample's divergence is a pair of a group, which opens at it: ``!`` flags it."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        k = first(screen, "divergent", group=True)
        await choose(pilot, screen, k)
        pair = screen.stops[k][screen.current_stop(k)]
        assert pair.kind == "divergent"
        await pilot.press("!")
        await until(pilot, lambda: bool(stored(db)), "the flag")
        assert [(r.target, r.verdict, r.kind) for r in stored(db)] == [
            (pair.target, "flagged", "divergent")]
        await until(pilot, lambda: "\u2691 flagged" in screen.items["a"][k].body.plain,
                    "the flag shown on the pair")


async def test_e_writes_a_note_kept_with_the_verdict(app: NewsdiffApp, db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        k = first(screen, "paraphrase")
        await choose(pilot, screen, k)
        await pilot.press("a", "e")
        await until(pilot, lambda: isinstance(app.screen, NoteInput), "the note input")
        await pilot.press(*"Check AP", "enter")
        await until(pilot, lambda: stored(db)[0].note == "Check AP", "the note")
        assert stored(db)[0].verdict == "accepted"  # a note keeps the verdict
        assert badges(screen, k)[0] == "\u2713 accepted  \u270e Check AP"
        await pilot.press("e")  # the input opens with the note there is
        assert app.screen.query_one(Input).value == "Check AP"
        await pilot.press("ctrl+u", "enter")  # emptied: the note goes, the verdict stays
        await until(pilot, lambda: stored(db)[0].note == "", "the removal")
        assert badges(screen, k)[0] == "\u2713 accepted"


async def test_e_then_escape_keeps_the_note(app: NewsdiffApp, db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        await choose(pilot, screen, first(screen, "paraphrase"))
        await pilot.press("e", *"draft", "escape")
        assert app.screen is screen
        assert stored(db) == []


async def test_a_hostile_note_is_shown_literally(app: NewsdiffApp, db: Path) -> None:
    hostile = "[bold]x[/bold] \x1b[2J [@click=app.quit]y"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        k = first(screen, "paraphrase")
        await choose(pilot, screen, k)
        await pilot.press("e")
        app.screen.query_one(Input).value = hostile
        await pilot.press("enter")
        await until(pilot, lambda: bool(stored(db)), "the note")
        assert stored(db)[0].note == hostile  # saved as written
        line = screen.items["a"][k].badge[1]
        assert line.plain == "\u270e [bold]x[/bold] \\x1b[2J [@click=app.quit]y"
        assert not line.spans or all("click" not in str(s.style) for s in line.spans)
        assert not exiting(app)


async def test_u_undoes_the_latest_verdict_first(app: NewsdiffApp, db: Path,
                                                notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        k1, k2 = [k for k in screen.order("a") if screen.passages[k].pairs][:2]
        await choose(pilot, screen, k1, whole=True)
        await pilot.press("a")
        await choose(pilot, screen, k2, whole=True)
        await pilot.press("!")
        await until(pilot, lambda: screen.progress[0] == 2, "two verdicts")
        await pilot.press("u")
        await until(pilot, lambda: screen.progress[0] == 1, "the undo")
        assert [r.verdict for r in stored(db)] == ["accepted"]
        assert badges(screen, k2)[0] == "" and badges(screen, k1)[0] == "\u2713 accepted"
        await pilot.press("u")
        await until(pilot, lambda: screen.progress[0] == 0, "the second undo")
        await pilot.press("u")
        await until(pilot, lambda: "Nothing to undo." in notices.messages(), "nothing to undo")
        assert stored(db) == []


async def test_undo_and_redo_take_every_action_in_order_and_say_which(
        db: Path, notices: NotifySpy) -> None:
    """The issue's case (a note, a link, an unlink, then ``u``) and on: undo takes back the
    unlink, the link, the note, in that order; redo gives them again; a new action drops
    what was left to redo; both go on after a restart."""
    app = NewsdiffApp([], db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        k = first(screen, "paraphrase")
        noted = passage_name(screen.passages[k])
        await choose(pilot, screen, k)
        await pilot.press("e", *"check", "enter")
        await until(pilot, lambda: [r.note for r in stored(db)] == ["check"], "the note")
        await choose(pilot, screen, next(k for k in screen.order("a")
                                         if screen.passages[k].kind == "unique"))
        await pilot.press("l")
        screen.select(next(k for k in screen.order("b") if screen.passages[k].kind == "unique"),
                      "b")
        await pilot.press("l")
        await until(pilot, lambda: len(app.review.links) == 1, "the link")
        link = screen.link_name(app.review.links[0])
        assert link is not None and re.fullmatch(r"A\d+\u2013B\d+", link)
        await pilot.press("L")
        await until(pilot, lambda: not app.review.links, "the unlink")

        async def press(key: str, message: str) -> None:
            count = notices.messages().count(message)
            await pilot.press(key)
            await until(pilot, lambda: notices.messages().count(message) == count + 1, message)

        await press("u", f"Undone: unlink {link}.")
        assert len(app.review.links) == 1 and [r.note for r in stored(db)] == ["check"]
        await press("u", f"Undone: link {link}.")
        assert not app.review.links and [r.note for r in stored(db)] == ["check"]
        await press("u", f"Undone: the note on {noted}.")
        def named() -> int:
            return next(n for n, p in enumerate(screen.passages) if passage_name(p) == noted)

        assert stored(db) == [] and badges(screen, named())[0] == ""
        await press("u", "Nothing to undo.")
        await press("U", f"Redone: the note on {noted}.")
        await press("ctrl+r", f"Redone: link {link}.")        # ctrl+r redoes too
        assert len(app.review.links) == 1 and [r.note for r in stored(db)] == ["check"]
        await choose(pilot, screen, named())
        await pilot.press("a")                                # a new action …
        await until(pilot, lambda: [r.verdict for r in stored(db)] == ["accepted"], "the verdict")
        await press("U", "Nothing to redo.")                  # … leaves nothing to redo
        await press("u", f"Undone: accepted {noted}.")
    again = NewsdiffApp([], db_path=db)
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_compare(again, pilot)
        await press("U", f"Redone: accepted {noted}.")       # after a restart too
        assert [r.verdict for r in stored(db)] == ["accepted"]
        await press("u", f"Undone: accepted {noted}.")
        await press("u", f"Undone: link {link}.")
        assert not again.review.links


async def test_r_shows_only_the_unreviewed_passages(app: NewsdiffApp, db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        everything = list(screen.passages)
        reviewed = screen.passages[screen.order("a")[0]]
        await choose(pilot, screen, whole=True)
        await pilot.press("a")
        await until(pilot, lambda: screen.progress[0] == 1, "the verdict")
        await pilot.press("r")
        await until(pilot, lambda: reviewed not in screen.passages, "the filter")
        assert screen.passages == [p for p in everything if p != reviewed]
        assert progress(screen) == f"1 of {len(everything)} reviewed \u00b7 unreviewed only (r)"
        nxt = screen.passages[screen.selected]
        await choose(pilot, screen, whole=True)
        await pilot.press("a")  # a verdict sends the passage away and selects the next
        await until(pilot, lambda: nxt not in screen.passages, "the second verdict")
        assert screen.selected == screen.order()[0]
        await pilot.press("r")
        await until(pilot, lambda: screen.passages == everything, "all again")


def header_count(screen: CompareScreen | StoryScreen) -> str:
    """The view's ``12 of 40`` as the header says it."""
    return progress(screen).split(" reviewed")[0]


def reported(db: Path) -> dict[str, str]:
    """The only session's progress as ``newsdiff review list`` and each export say it."""
    listed = runner.invoke(review_app, ["list", "--db", str(db)])
    (row,) = listed.stdout.splitlines()[1:]
    said = {"list": re.search(r"\s(\d+ of \d+)\s+\d{4}-", row).group(1)}
    for fmt, pattern in (("markdown", r"- Progress: (\d+ of \d+) passages reviewed"),
                         ("html", r"\u00b7 (\d+ of \d+) passages reviewed")):
        out = runner.invoke(review_app, ["export", "--db", str(db), "--format", fmt]).stdout
        said[fmt] = re.search(pattern, out).group(1)
    out = runner.invoke(review_app, ["export", "--db", str(db), "--format", "json"]).stdout
    session = json.loads(out)["session"]
    said["json"] = f"{session['reviewed']} of {session['total']}"
    return said


async def agree(pilot, db: Path, expected: str) -> None:
    """Once the store has the views (given in the background), ``review list`` and every
    export say ``expected`` too."""
    def store_says() -> bool:
        with ReviewStore(db) as store:
            sessions = store.sessions()
        return bool(sessions) and str(sessions[0].progress) == expected

    await until(pilot, store_says, f"the store to count {expected}")
    assert reported(db) == dict.fromkeys(("list", "markdown", "html", "json"), expected)


async def test_progress_is_one_count_in_the_header_the_list_and_every_export(
        app: NewsdiffApp, db: Path) -> None:
    """Counted over the view's distinct targets under the default kinds, whatever a filter
    hides; the same after a split, an undo and a link; the session's is its views' sum."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        total = screen.progress[1]
        assert total == len(screen.passages)   # one target each, before any correction
        await choose(pilot, screen, [k for k in screen.order("a")
                                     if screen.passages[k].kind == "unique"][-1])
        await pilot.press("a")
        await until(pilot, lambda: screen.progress == (1, total), "the verdict")
        await agree(pilot, db, f"1 of {total}")
        await pilot.press("3")                  # a filter hides passages, not progress
        await until(pilot, lambda: {p.kind for p in screen.passages} == {"divergent"},
                    "the filter")
        assert header_count(screen) == f"1 of {total}"
        await agree(pilot, db, f"1 of {total}")
        await pilot.press("0")
        await until(pilot, lambda: len(screen.passages) == total, "everything again")
        split = screen.passages[first(screen, "paraphrase")]
        await choose(pilot, screen, screen.passages.index(split))
        await pilot.press("x", "4")             # unrelated: split apart, counted once
        await until(pilot, lambda: split not in screen.passages, "the split")
        reviewed, after_split = screen.progress
        assert reviewed == 2 and header_count(screen) == f"2 of {after_split}"
        await agree(pilot, db, f"2 of {after_split}")
        await pilot.press("u")
        await until(pilot, lambda: split in screen.passages, "the undo")
        assert screen.progress == (1, total)
        await agree(pilot, db, f"1 of {total}")
        await choose(pilot, screen, next(k for k in screen.order("a")
                                         if screen.passages[k].kind == "unique"))
        await pilot.press("l")
        screen.select(next(k for k in screen.order("b") if screen.passages[k].kind == "unique"),
                      "b")
        await pilot.press("l")                  # two passages become one
        await until(pilot, lambda: len(app.review.links) == 1, "the link")
        await until(pilot, lambda: screen.progress[1] < total, "the linked count")
        linked = screen.progress[1]
        assert header_count(screen) == f"1 of {linked}"
        await agree(pilot, db, f"1 of {linked}")
        await pilot.press("escape")
        story = await open_story(app, pilot)
        claims = len(story.story.claims)
        await pilot.press("a")
        await until(pilot, lambda: header_count(story) == f"1 of {claims}", "the claim")
        assert progress(story).endswith(f"\u00b7 2 of {linked + claims} in all")
        await agree(pilot, db, f"2 of {linked + claims}")


async def test_one_outlet_claims_count_whether_o_hides_them_or_not(app: NewsdiffApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_story(app, pilot)
        everything = f"0 of {len(screen.story.claims)}"
        assert header_count(screen) == everything
        await pilot.press("o")
        await until(pilot, lambda: len(screen.matrix.claims) < len(screen.story.claims), "o")
        assert header_count(screen) == everything


# -- compare: manual links ----------------------------------------------------------------


async def test_l_links_two_passages_and_L_removes_the_link(app: NewsdiffApp, db: Path,
                                                          notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        only_a = first(screen, "unique")
        a = screen.passages[only_a].a
        await choose(pilot, screen, only_a)
        await pilot.press("l")
        assert screen.linking == ("a", a)
        assert screen.active == "b"  # the partner is picked in the other pane
        assert screen.query_one("#compare-link").has_class("-on")
        only_b = next(k for k in screen.order("b") if screen.passages[k].kind == "unique")
        b = screen.passages[only_b].b
        screen.select(only_b, "b")
        await pilot.press("l")
        await until(pilot, lambda: app.review is not None and len(app.review.links) == 1
                    and screen.linking is None and screen.selected_passage is not None
                    and screen.selected_passage.pairs, "the link")
        linked = screen.selected_passage
        assert (linked.a, linked.b) == (a, b)  # side by side now, and selected
        assert badges(screen, screen.selected) == ["\u21c4 linked by you"] * 2
        assert not screen.query_one("#compare-link").has_class("-on")
        with ReviewStore(db) as store:
            assert len(store.links(store.sessions()[0].id)) == 1
        await pilot.press("x")  # a link is undone with L, not rejected
        assert app.screen is screen
        await pilot.press("L")
        await until(pilot, lambda: not app.review.links, "the unlink")
        assert all(not p.pairs for p in screen.passages if set(p.a) & set(a) or set(p.b) & set(b))
        with ReviewStore(db) as store:
            assert store.links(store.sessions()[0].id) == []
        await pilot.press("L")
        assert notices.said("No manual link here")


async def test_enter_picks_the_partner_and_escape_cancels(app: NewsdiffApp,
                                                         notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        await choose(pilot, screen, first(screen, "unique"))
        await pilot.press("l", "tab")  # back in the first pane: nothing to link with yet
        await pilot.press("enter")
        assert screen.linking is not None
        assert notices.said("Pick the passage in B's pane")
        await pilot.press("escape")
        assert screen.linking is None and app.screen is screen  # cancelled, not closed
        await pilot.press("l", "enter")
        await until(pilot, lambda: app.review is not None and len(app.review.links) == 1,
                    "the link")


# -- resuming -----------------------------------------------------------------------------


def copies(folder: Path) -> list[str]:
    folder.mkdir()
    return [str(shutil.copy(path, folder)) for path in sample_story()]


async def test_reopening_the_same_articles_resumes_the_session(tmp_path: Path, db: Path) -> None:
    first_app = NewsdiffApp(copies(tmp_path / "one"), db_path=db)
    async with first_app.run_test(size=SIZE) as pilot:
        screen = await open_compare(first_app, pilot)
        accepted = screen.passages[first(screen, "divergent", group=True)]
        rejected = screen.passages[first(screen, "paraphrase")]
        await choose(pilot, screen, screen.passages.index(accepted), whole=True)
        await pilot.press("a")
        await choose(pilot, screen, screen.passages.index(rejected))
        await pilot.press("x", "4")
        await until(pilot, lambda: rejected not in screen.passages, "the rejection")
        only_a = next(k for k in screen.order("a") if screen.passages[k].kind == "unique"
                      and not set(screen.passages[k].a) & set(rejected.a))
        link_a = screen.passages[only_a].a
        await choose(pilot, screen, only_a)
        await pilot.press("l", "l")
        await until(pilot, lambda: len(first_app.review.links) == 1, "the link")
        link_b = screen.selected_passage.b

    again = NewsdiffApp(copies(tmp_path / "two"), db_path=db)  # same texts, other paths
    async with again.run_test(size=SIZE) as pilot:
        screen = await open_compare(again, pilot)
        k = screen.passages.index(accepted)
        assert badges(screen, k)[0] == "\u2713 accepted"
        assert rejected not in screen.passages  # still split apart
        assert any((p.a, p.b) == (link_a, link_b) for p in screen.passages)  # still linked
        assert progress(screen).startswith(f"{screen.progress[0]} of ")
        with ReviewStore(db) as store:
            assert len(store.sessions()) == 1


def sessions(db: Path) -> list:
    with ReviewStore(db) as store:
        return store.sessions()


#: A first action of each kind, on a passage only A has (which a link starts from).
FIRST_ACTIONS = {"verdict": ("exclamation_mark",), "note": ("e", *"hm", "enter"),
                 "link": ("l", "l")}


@pytest.mark.parametrize("action", FIRST_ACTIONS)
async def test_a_session_is_made_by_the_first_action_not_by_opening(db: Path,
                                                                    action: str) -> None:
    app = NewsdiffApp([], db_path=db)
    async with app.run_test(size=SIZE) as pilot:     # look at a comparison and the story
        await open_compare(app, pilot)
        await pilot.press("escape")
        await open_story(app, pilot)
        assert app.review is not None and app.review.id is None
    assert sessions(db) == []
    listed = runner.invoke(review_app, ["list", "--db", str(db)])
    assert listed.exit_code == 0 and listed.stdout.startswith("No review sessions yet")
    app = NewsdiffApp([], db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        await choose(pilot, screen, first(screen, "unique"))
        await pilot.press(*FIRST_ACTIONS[action])
        await until(pilot, lambda: app.review.id is not None, "the session")
        await until(pilot, lambda: sessions(db) and sessions(db)[0].total, "the views")
        (made,) = sessions(db)
        with ReviewStore(db) as store:      # the view looked at before the action counts
            assert store.views(made.id) == app.review.views and len(app.review.views) == 1
    again = NewsdiffApp([], db_path=db)
    async with again.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: again.review is not None, "the session")
        assert again.review.id == made.id               # resumed, not made again
    assert [s.id for s in sessions(db)] == [made.id]


async def test_with_reviewing_off_the_reader_says_why_and_keeps_working(
        notices: NotifySpy, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither the database nor a scratch one can be used: the screens say so, the review
    keys say why, and reading goes on."""
    from newsdiff.tui.session import ReviewSession

    def unusable(cls, *args):
        raise StoreError("the disk is full")

    monkeypatch.setattr(ReviewSession, "_open", classmethod(unusable))
    app = NewsdiffApp([])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        assert app.review is None and progress(screen) == "reviewing off"
        for key in ("a", "u", "U", "e"):
            await pilot.press(key)
        assert app.screen is screen
        assert notices.messages("warning").count("Reviewing is off: the disk is full") == 4
        await pilot.press("j")
        assert screen.selected == screen.order()[1]


async def test_an_unusable_database_keeps_the_reviews_until_the_reader_closes(
        tmp_path: Path, notices: NotifySpy) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a database\n", encoding="utf-8")
    app = NewsdiffApp([], db_path=bad)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        assert any("not saved" in n.title for n in notices.notices)
        assert "not saved" in progress(screen)
        await choose(pilot, screen, whole=True)
        await pilot.press("a")
        await until(pilot, lambda: screen.progress[0] == 1, "the verdict, unsaved")
        scratch = app.review.scratch
        assert scratch is not None and scratch.exists()
    assert bad.read_text(encoding="utf-8") == "not a database\n"  # never written to
    assert not scratch.exists()  # the scratch database goes with the reader


async def test_a_database_with_a_row_it_cannot_read_is_said_and_left_alone(
        db: Path, notices: NotifySpy) -> None:
    """A review row another program wrote (an unknown verdict): the reader says so in one
    line, keeps the reviews in a scratch database, and writes nothing to the file."""
    story = [load_article(str(p)) for p in sample_story()]
    with ReviewStore(db, writable=True) as store:
        info = store.open_session(story)
        pair = tuple(a.hash for a in info.articles[:2])
        store.record(info.id, Review(Target("pair", pair, (((0, 10),), ())), "unique",
                                     "accepted"))
    raw = sqlite3.connect(db)
    raw.execute("UPDATE reviews SET verdict = 'maybe'")
    raw.commit()
    raw.close()
    before = db.read_bytes()
    app = NewsdiffApp([], db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.review is not None, "the session")
        (notice,) = [n for n in notices.notices if n.title == "Reviews are not saved"]
        assert "cannot read" in notice.message and "unknown verdict 'maybe'" in notice.message
        assert "\n" not in notice.message and app.review.scratch is not None
    assert db.read_bytes() == before


# -- a database another process holds ----------------------------------------------------


def bar_text(screen: CompareScreen) -> str:
    """The save bar's words, or "" while it is hidden."""
    bar = screen.query_one("#save-error")
    return str(bar.render()) if bar.has_class("-on") else ""


async def test_a_save_the_store_fails_is_kept_shown_said_and_saved_later(
        tmp_path: Path, notices: NotifySpy, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process holds the database longer than a save waits: the verdict is not
    lost but kept and shown, a toast says so (the database's path in it literally, though
    it reads as markup), the screen keeps saying so, undo and quit ask first, and it is
    saved once the lock is gone."""
    db = tmp_path / "a[" / "[@click=app.quit]b].sqlite3"
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.3)
    monkeypatch.setattr(app_module, "RETRY_SAVES_S", 0.2)
    app = NewsdiffApp([], db_path=db)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_compare(app, pilot)
        k, j = first(screen, "paraphrase"), first(screen, "divergent", group=True)
        await choose(pilot, screen, k)
        other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN EXCLUSIVE")           # held longer than the save waits
        try:
            await pilot.press("a")
            toast = await shown(app, pilot, "locked by another process")
            assert f"{db} is locked by another process" in toast.render().plain
            (notice,) = [n for n in notices.notices if n.title == "Not saved"]
            assert notice.severity == "error" and "Kept, and tried again" in notice.message
            assert badges(screen, k) == ["\u2713 accepted"] * 2       # kept, and shown
            assert bar_text(screen).startswith("\u2717 1 change not saved: ")
            assert "locked by another process" in bar_text(screen)
            await choose(pilot, screen, j, whole=True)
            await pilot.press("exclamation_mark")   # joins the queue: no second error
            await until(pilot, lambda: "2 changes not saved" in bar_text(screen), "the queue")
            assert len([n for n in notices.notices if n.title == "Not saved"]) == 1
            await pilot.press("u", "U")
            assert any(n.title == "Not undone" for n in notices.notices)
            assert any(n.title == "Not redone" and "redo waits" in n.message
                       for n in notices.notices)
            await pilot.press("q")                  # asks first
            await until(pilot, lambda: notices.said("Quit again to leave them unsaved"),
                        "the question")
            assert app.is_running and not exiting(app)
            assert stored(db) == []                 # nothing half saved meanwhile
        finally:
            other.execute("ROLLBACK")
            other.close()
        await until(pilot, lambda: not bar_text(screen), "the retry")
        assert notices.said("Saved: the 2 changes kept meanwhile.")
        assert [(r.target, r.verdict) for r in stored(db)] == [
            (screen.targets[k], "accepted"), (screen.targets[j], "flagged")]
        assert badges(screen, j) == ["\u2691 flagged"] * 2
        await pilot.press("q")                      # nothing waits: quits at once
        await until(pilot, lambda: exiting(app), "quitting")


async def test_a_save_waits_out_a_short_lock(db: Path, notices: NotifySpy) -> None:
    app = NewsdiffApp([], db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_compare(app, pilot)
        await choose(pilot, screen, first(screen, "paraphrase"))
        other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN EXCLUSIVE")
        threading.Timer(0.5, other.execute, ("ROLLBACK",)).start()
        await pilot.press("a")
        await until(pilot, lambda: screen.progress[0] == 1, "the verdict")
        other.close()
        assert len(stored(db)) == 1 and not bar_text(screen)
        assert not any(n.severity == "error" for n in notices.notices)


# -- story --------------------------------------------------------------------------------


def label(screen: StoryScreen, row: int) -> str:
    """The matrix's row label: the review symbol, then the claim."""
    matrix = screen.matrix
    return matrix.rows[matrix.coordinate_to_cell_key(Coordinate(row, 0)).row_key].label.plain


async def test_story_review_keys(app: NewsdiffApp, db: Path) -> None:
    """a, x (with its prompt), ! and e on claims, each saved as a claim target."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_story(app, pilot)
        assert progress(screen) == f"0 of {len(screen.story.claims)} reviewed"
        await pilot.press("a")
        await until(pilot, lambda: len(stored(db)) == 1, "the verdict")
        assert label(screen, 0).startswith("\u2713 #")
        assert "\u2713 accepted" in str(screen.query_one("#story-claim-title").render())
        await pilot.press("j", "x")
        prompt = app.screen
        assert isinstance(prompt, KindPrompt)
        assert prompt.engine == screen.matrix.cursor_claim.kind
        await pilot.press("4")
        await until(pilot, lambda: len(stored(db)) == 2, "the rejection")
        await pilot.press("j", "!")
        await until(pilot, lambda: len(stored(db)) == 3, "the flag")
        await pilot.press("e", *"wire", "enter")
        await until(pilot, lambda: stored(db)[2].note == "wire", "the note")
        reviews = stored(db)
        assert [(r.verdict, r.corrected) for r in reviews] == [
            ("accepted", None), ("rejected", "unrelated"), ("flagged", None)]
        assert {r.target.kind for r in reviews} == {"claim"}
        claim = screen.story.claims[0]
        assert len(reviews[0].target.articles) == len(claim.passages)
        assert progress(screen) == f"3 of {len(screen.story.claims)} reviewed"


async def test_story_u_r_and_one_outlet_claims(app: NewsdiffApp, db: Path,
                                              notices: NotifySpy) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_story(app, pilot)
        claims = list(screen.matrix.claims)
        await pilot.press("a")
        await until(pilot, lambda: len(stored(db)) == 1, "the verdict")
        await pilot.press("r")
        await until(pilot, lambda: screen.matrix.claims == claims[1:], "the filter")
        assert screen.matrix.cursor_claim is claims[1]
        await pilot.press("u")  # undone: the claim is unreviewed, so listed again
        await until(pilot, lambda: screen.matrix.claims == claims, "the undo")
        assert screen.matrix.cursor_claim is claims[0]
        single = next(r for r, c in enumerate(claims) if len(c.passages) == 1)
        screen.matrix.move_cursor(row=single)
        await pilot.pause()
        await pilot.press("x")
        assert app.screen is screen
        assert notices.said("One outlet alone")
        await pilot.press("e", "escape")
        assert stored(db) == []


async def test_help_lists_the_review_keys_on_both_screens(app: NewsdiffApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        for screen in (await open_story(app, pilot), None):
            if screen is None:
                await pilot.press("escape")
                screen = await open_compare(app, pilot)
            cells = [str(c) for c in help_table(screen).columns[0].cells]
            assert "Review" in cells
            for key in ("a", "x", "!", "e", "u", "U", "r"):
                assert key in cells, key
        assert "l" in cells and "L" in cells


async def test_session_opening_while_the_compare_screen_mounts(app: NewsdiffApp,
                                                               monkeypatch) -> None:
    """The session may open between ``c`` pushing the compare screen and its mounting
    (a fast disk cache made that common on large stories): the screen still builds."""
    from newsdiff.tui.session import ReviewSession

    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.review is not None, "the session")
        session = app.review

        async def open_at_once(cls, path, articles):  # no await: no chance to mount
            return session

        monkeypatch.setattr(ReviewSession, "open", classmethod(open_at_once))
        await app.comparison(0, 1)  # as the library does before pushing the screen
        app.push_screen(CompareScreen(0, 1))
        await app.open_review()
        await until(pilot, lambda: isinstance(app.screen, CompareScreen) and app.screen.passages,
                    "the compare screen")
