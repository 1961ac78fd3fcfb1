"""The review store: sessions resumed by content, verdicts saved as made, files never harmed.

The durability tests run real child processes: one is SIGKILLed at random
moments while it records, two write to one database at once.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from newsdiff.review import store as store_module
from newsdiff.review.model import (
    VERDICTS,
    ManualLink,
    Review,
    Step,
    Target,
    content_hash,
    session_key,
)
from newsdiff.review.progress import STORY_VIEW, pair_view
from newsdiff.review.store import (
    ReviewStore,
    StoreError,
    UnknownSession,
    default_db_path,
)
from newsdiff.values.errors import InputError
from tests.builders import make_article

ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")

TEXT_A = ["Sessions met the ambassador twice.", "The meetings were not disclosed."]
TEXT_B = ["Sessions met the ambassador three times.", "The meetings were never disclosed."]
TEXT_C = ["Lawmakers demanded an inquiry."]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "reviews.sqlite3"


@pytest.fixture
def store(db: Path):
    with ReviewStore(db, writable=True) as s:
        yield s


def articles(*texts: list[str], folder: str = "in"):
    return [make_article(t, outlet=f"Outlet {i}", title=t[0], path=f"{folder}/{i}.txt")
            for i, t in enumerate(texts)]


def pair_target(session, i: int) -> Target:
    """The i-th one-sentence passage of the session's first two articles."""
    a, b = (x.hash for x in session.articles[:2])
    return Target("pair", (a, b), (((i, i + 1),), ((i, i + 2),)))


# -- where the database lives -----------------------------------------------------------------

def test_default_path_is_the_environment_variable_or_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDIFF_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("NEWSDIFF_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    if sys.platform.startswith("linux"):
        assert default_db_path() == tmp_path / "share" / "newsdiff" / "reviews.sqlite3"
    assert default_db_path().name == "reviews.sqlite3"


def test_no_path_opens_the_default_and_creates_its_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDIFF_DB", str(tmp_path / "deep" / "er" / "r.sqlite3"))
    with ReviewStore(writable=True) as s:
        assert s.path == tmp_path / "deep" / "er" / "r.sqlite3"
    assert s.path.is_file()


def test_the_database_is_in_wal_mode_and_versioned(store, db):
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(store_module.MIGRATIONS)
        assert raw.execute("PRAGMA application_id").fetchone()[0] == store_module.APPLICATION_ID


# -- sessions -----------------------------------------------------------------------------------

def test_the_same_articles_from_another_path_resume_the_session(tmp_path, db):
    first = articles(TEXT_A, TEXT_B, folder=str(tmp_path / "a"))
    with ReviewStore(db, writable=True) as s:
        info = s.open_session(first)
        s.record(info.id, Review(pair_target(info, 0), "divergent", "accepted"))
    moved = articles(TEXT_B, TEXT_A, TEXT_A, folder=str(tmp_path / "b"))   # reordered, repeated
    with ReviewStore(db, writable=True) as s:
        again = s.open_session(moved)
        assert again.id == info.id and again.key == info.key
        assert again.reviewed == 1
        assert [r.verdict for r in s.reviews(again.id)] == ["accepted"]
        assert [a.hash for a in again.articles] == [a.hash for a in info.articles]
        # where the files are now (a repeat counts once: its first occurrence)
        assert {a.path for a in again.articles} == {m.path for m in moved[:2]}
        assert len(s.sessions()) == 1


def test_a_session_keeps_its_articles_whole(store):
    arts = articles(TEXT_A, TEXT_B)
    info = store.open_session(arts)
    assert info.key == session_key([content_hash(a.text) for a in arts])
    assert [(a.hash, a.outlet, a.title, a.path, a.text) for a in info.articles] == [
        (content_hash(a.text), a.outlet, a.title, a.path, a.text) for a in arts]
    assert (info.reviewed, info.total) == (0, None)
    assert ISO_UTC.fullmatch(info.created) and info.updated == info.created


def test_a_different_set_of_articles_is_a_different_session(store):
    two = store.open_session(articles(TEXT_A, TEXT_B))
    three = store.open_session(articles(TEXT_A, TEXT_B, TEXT_C))
    edited = store.open_session(articles(TEXT_A, [*TEXT_B, "A correction."]))
    assert len({two.id, three.id, edited.id}) == 3
    with pytest.raises(ValueError):
        store.open_session([])


def test_sessions_are_listed_most_recently_changed_first(store):
    older = store.open_session(articles(TEXT_A, TEXT_B))
    newer = store.open_session(articles(TEXT_A, TEXT_C))
    assert [s.id for s in store.sessions()] == [newer.id, older.id]
    store.record(older.id, Review(pair_target(older, 0), "shared", "accepted"))
    assert [s.id for s in store.sessions()] == [older.id, newer.id]
    store.add_link(newer.id, ManualLink("x", "y", ((0, 1),), ((2, 3),)))
    store.set_view(older.id, "a view", [pair_target(older, i).key for i in range(40)])
    store.open_session(articles(TEXT_A, TEXT_B))   # neither counting nor resuming is a change
    listed = store.sessions()
    assert [s.id for s in listed] == [newer.id, older.id]
    assert (listed[1].reviewed, listed[1].total) == (1, 40)


def _two_keys_sharing_a_prefix() -> tuple[str, str, str]:
    """Two one-article texts whose session keys start alike (a birthday search, ~300 tries)."""
    seen: dict[str, str] = {}
    for i in itertools.count():
        text = f"Article number {i}."
        prefix = session_key([content_hash(text)])[:4]
        if prefix in seen:
            return seen[prefix], text, prefix
        seen[prefix] = text
    raise AssertionError("unreachable")


def test_a_session_is_found_by_id_or_unique_key_prefix(store):
    first, second, prefix = _two_keys_sharing_a_prefix()
    one = store.open_session([make_article([first])])
    two = store.open_session([make_article([second])])
    assert store.session(one.id).key == one.key
    assert store.session(str(two.id)).key == two.key
    assert store.session(two.key[:12].upper()).id == two.id
    assert store.session(one.key).id == one.id
    for ref, words in [(prefix, "ambiguous"), ("ffffffffffff", "no session"), (99, "99"),
                       ("abc", "at least 4"), ("9999", "no session"), ("", "at least 4")]:
        with pytest.raises(UnknownSession, match=words) as caught:
            store.session(ref)
        assert str(ref) in str(caught.value) and "\n" not in str(caught.value)


def test_resume_session_finds_a_session_and_makes_none(store, db):
    moved = articles(TEXT_A, TEXT_B, folder="elsewhere")
    assert store.resume_session(moved) is None
    assert store.sessions() == []
    made = store.open_session(articles(TEXT_A, TEXT_B))
    resumed = store.resume_session(moved)
    assert resumed is not None and resumed.id == made.id
    assert [a.path for a in resumed.articles] == ["elsewhere/0.txt", "elsewhere/1.txt"]
    assert [s.id for s in store.sessions()] == [made.id]


def test_progress_counts_the_targets_of_each_view_that_have_a_verdict(store):
    """Per view, over distinct targets; the session's is the sum of its views'.  A verdict
    on a target no view lists (a passage a link has since replaced) is not counted, a note
    alone is no verdict, and a session whose views were never counted counts every verdict
    of an unknown total."""
    info = store.open_session(articles(TEXT_A, TEXT_B, TEXT_C))
    t = [pair_target(info, i) for i in range(5)]
    store.record(info.id, Review(t[0], "shared", "accepted"))
    store.record(info.id, Review(t[1], "shared", note="only a note"))
    store.record(info.id, Review(t[4], "shared", "flagged"))
    assert (store.session(info.id).reviewed, store.session(info.id).total) == (2, None)
    a, b, c = (x.hash for x in info.articles)
    store.set_view(info.id, pair_view(b, a), [t[0].key, t[1].key, t[2].key, t[0].key])
    assert store.session(info.id).progress.__str__() == "1 of 3"
    claim = Target("claim", (a, c), (((0, 3),), ((0, 3),)))
    store.record(info.id, Review(claim, "divergent", "rejected", corrected="unrelated"))
    store.set_view(info.id, STORY_VIEW, [claim.key, Target("claim", (a,), (((5, 9),),)).key])
    assert str(store.session(info.id).progress) == "2 of 5"
    store.set_view(info.id, pair_view(a, b), [t[2].key])   # the same view, counted again
    assert str(store.session(info.id).progress) == "1 of 3"
    assert store.views(info.id) == {pair_view(a, b): frozenset({t[2].key}),
                                    STORY_VIEW: frozenset({claim.key, Target(
                                        "claim", (a,), (((5, 9),),)).key})}


def test_unknown_sessions(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    for call in (lambda: store.set_view(999, "v", []), lambda: store.reviews(999),
                 lambda: store.record(999, Review(pair_target(info, 0), "shared", "accepted")),
                 lambda: store.undo(999), lambda: store.redo(999), lambda: store.links(999),
                 lambda: store.views(999)):
        with pytest.raises(UnknownSession, match="999"):
            call()


# -- reviews and undo ---------------------------------------------------------------------------

def test_record_upserts_keeps_first_review_order_and_counts_only_verdicts(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    t0, t1, t2 = (pair_target(info, i) for i in range(3))
    stored = store.record(info.id, Review(t0, "divergent", "accepted"))
    assert ISO_UTC.fullmatch(stored.updated) and store.review(info.id, t0) == stored
    store.record(info.id, Review(t1, "shared", None, note="check the wire copy"))
    store.record(info.id, Review(t2, "paraphrase", "flagged"))
    changed = store.record(info.id, Review(t0, "divergent", "rejected", corrected="shared",
                                           note="same count"))
    assert store.reviews(info.id) == [changed, store.review(info.id, t1),
                                      store.review(info.id, t2)]
    assert [r.target for r in store.reviews(info.id)] == [t0, t1, t2]
    assert (changed.verdict, changed.corrected) == ("rejected", "shared")
    assert store.session(info.id).reviewed == 2      # t1 has only a note
    assert store.review(info.id, pair_target(info, 7)) is None


def test_claim_targets_round_trip(store):
    info = store.open_session(articles(TEXT_A, TEXT_B, TEXT_C))
    spans = (((0, 5),), ((3, 9), (10, 12)), ())
    claim = Target("claim", tuple(a.hash for a in info.articles), spans)
    store.record(info.id, Review(claim, "divergent", "flagged", note="three versions"))
    assert store.reviews(info.id)[0].target == claim


def test_undo_walks_back_through_every_record(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    t0, t1 = pair_target(info, 0), pair_target(info, 1)
    first = store.record(info.id, Review(t0, "shared", "accepted"))
    store.record(info.id, Review(t1, "shared", "rejected", corrected="unrelated"))
    store.record(info.id, Review(t0, "shared", "flagged", note="hm"))
    assert store.undo(info.id) == Step("record", t0)
    assert store.review(info.id, t0) == first           # the previous state, stamp and all
    assert store.undo(info.id) == Step("record", t1)
    assert store.review(info.id, t1) is None and store.reviews(info.id) == [first]
    assert store.undo(info.id) == Step("record", t0)
    assert store.reviews(info.id) == []
    assert store.undo(info.id) is None
    assert store.session(info.id).reviewed == 0


def test_redo_gives_back_what_undo_took_in_order_and_a_new_action_drops_it(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    t0, t1 = pair_target(info, 0), pair_target(info, 1)
    first = store.record(info.id, Review(t0, "shared", "accepted"))
    second = store.record(info.id, Review(t0, "shared", "accepted", note="checked"))
    third = store.record(info.id, Review(t1, "shared", "flagged"))
    assert store.redo(info.id) is None                   # nothing undone yet
    assert [store.undo(info.id) for _ in range(3)] == [Step("record", t) for t in (t1, t0, t0)]
    assert store.reviews(info.id) == []
    assert store.redo(info.id) == Step("record", t0)
    assert store.reviews(info.id) == [first]             # stamps and all
    assert store.redo(info.id) == Step("record", t0)
    assert store.reviews(info.id) == [second]
    assert store.undo(info.id) == Step("record", t0)     # undo and redo again, as often
    assert store.redo(info.id) == Step("record", t0)
    assert store.redo(info.id) == Step("record", t1)
    assert store.reviews(info.id) == [second, third] and store.redo(info.id) is None
    store.undo(info.id)
    store.undo(info.id)
    store.record(info.id, Review(t1, "shared", "rejected", corrected="paraphrase"))
    assert store.redo(info.id) is None                   # the new action dropped the redos
    assert store.undo(info.id) == Step("record", t1)
    assert store.reviews(info.id) == [first]


def test_links_and_unlinks_are_undone_and_redone_among_the_verdicts(store, db):
    """The issue's case: note, link, unlink, then undo takes back the unlink, not the
    note; every step again after the store is opened anew, the link in its place."""
    info = store.open_session(articles(TEXT_A, TEXT_B))
    a, b = (x.hash for x in info.articles)
    t0 = pair_target(info, 0)
    other = store.add_link(info.id, ManualLink(a, b, ((30, 40),), ((30, 40),)))
    noted = store.record(info.id, Review(t0, "shared", note="check"))
    link = store.add_link(info.id, ManualLink(a, b, ((0, 10),), ((5, 20),)))
    assert store.remove_link(info.id, link) is True
    assert store.undo(info.id) == Step("remove_link", link=link)
    assert store.links(info.id) == [other, link]
    store.close()
    with ReviewStore(db, writable=True) as again:
        assert again.undo(info.id) == Step("add_link", link=link)
        assert again.links(info.id) == [other] and again.reviews(info.id) == [noted]
        assert again.undo(info.id) == Step("record", t0)
        assert again.reviews(info.id) == []
        assert again.redo(info.id) == Step("record", t0)
        assert again.redo(info.id) == Step("add_link", link=link)
        assert again.redo(info.id) == Step("remove_link", link=link)
        assert again.links(info.id) == [other] and again.reviews(info.id) == [noted]
        assert again.undo(info.id) == Step("remove_link", link=link)
        assert again.links(info.id) == [other, link]    # in the order they were made
        assert again.add_link(info.id, link) == link    # already there: no step, so
        assert again.undo(info.id) == Step("add_link", link=link)    # the redos stay
        assert again.redo(info.id) == Step("add_link", link=link)
        assert again.redo(info.id) == Step("remove_link", link=link)
        assert again.redo(info.id) is None and again.links(info.id) == [other]


def test_an_empty_review_clears_the_target_and_undo_puts_it_back(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    t0, t1 = pair_target(info, 0), pair_target(info, 1)
    kept = store.record(info.id, Review(t0, "shared", "accepted"))
    store.record(info.id, Review(t1, "shared", "flagged"))
    store.record(info.id, Review(t0, "shared"))
    assert [r.target for r in store.reviews(info.id)] == [t1]
    assert store.undo(info.id) == Step("record", t0)
    assert [r.target for r in store.reviews(info.id)] == [t0, t1]   # back in its place
    assert store.review(info.id, t0) == kept


def test_recording_what_is_stored_adds_no_undo_step(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    t0 = pair_target(info, 0)
    stored = store.record(info.id, Review(t0, "shared", "accepted"))
    assert store.record(info.id, Review(t0, "shared", "accepted")) == stored
    assert store.record(info.id, Review(pair_target(info, 1), "shared")).updated == ""
    assert store.undo(info.id) == Step("record", t0) and store.undo(info.id) is None


def test_unknown_verdicts_and_kinds_are_refused_before_saving(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    with pytest.raises(ValueError, match="verdict"):
        store.record(info.id, Review(pair_target(info, 0), "shared", "maybe"))  # type: ignore
    with pytest.raises(ValueError, match="corrected"):
        store.record(info.id, Review(pair_target(info, 0), "shared", "rejected", corrected="x"))
    assert store.reviews(info.id) == []


# -- manual links -------------------------------------------------------------------------------

def test_links_are_idempotent_ordered_and_removable(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    a, b = (x.hash for x in info.articles)
    first = ManualLink(a, b, ((0, 10),), ((5, 20), (21, 30)))
    second = ManualLink(b, a, ((0, 10),), ((5, 20),))
    added = store.add_link(info.id, first)
    assert ISO_UTC.fullmatch(added.created)
    store.add_link(info.id, second)
    assert store.add_link(info.id, first) == added
    assert store.links(info.id) == [added, store.links(info.id)[1]]
    assert store.links(info.id)[1].b_spans == ((5, 20),)
    assert store.remove_link(info.id, second) is True
    assert store.remove_link(info.id, second) is False
    assert store.remove_link(info.id, ManualLink(a, b, ((0, 10),), ((5, 20),))) is False
    assert store.links(info.id) == [added]


# -- threads ------------------------------------------------------------------------------------

def test_one_store_can_be_used_from_many_threads(store):
    info = store.open_session(articles(TEXT_A * 10, TEXT_B * 10))   # room for 200 targets
    a, b = (x.hash for x in info.articles)

    def work(i: int) -> None:
        store.record(info.id, Review(pair_target(info, i), "shared", VERDICTS[i % 3]))
        store.reviews(info.id)
        if i % 10 == 0:
            store.add_link(info.id, ManualLink(a, b, ((i, i + 1),), ()))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(200)))
    assert len(store.reviews(info.id)) == 200 and len(store.links(info.id)) == 20


# -- schema versions ----------------------------------------------------------------------------

#: The schema version of this code.
CURRENT = len(store_module.MIGRATIONS)


def _user_version(path: Path) -> int:
    with sqlite3.connect(path) as raw:
        return raw.execute("PRAGMA user_version").fetchone()[0]


def test_an_older_schema_is_migrated_keeping_the_work(db, monkeypatch):
    with ReviewStore(db, writable=True) as s:
        info = s.open_session(articles(TEXT_A, TEXT_B))
        saved = s.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
    assert _user_version(db) == CURRENT
    step = ("ALTER TABLE reviews ADD COLUMN reviewer TEXT",
            "UPDATE reviews SET reviewer = 'someone'")
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, step))
    with ReviewStore(db, writable=True) as s:
        assert s.reviews(info.id) == [saved]
    assert _user_version(db) == CURRENT + 1
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT reviewer FROM reviews").fetchall() == [("someone",)]


def test_a_failed_migration_leaves_the_old_schema_and_the_work(db, monkeypatch):
    with ReviewStore(db, writable=True) as s:
        info = s.open_session(articles(TEXT_A, TEXT_B))
        saved = s.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
    broken = ("ALTER TABLE reviews ADD COLUMN reviewer TEXT", "CREATE TABLE sessions (x)")
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, broken))
    with pytest.raises(StoreError, match="already exists"):
        ReviewStore(db, writable=True)
    monkeypatch.undo()
    assert _user_version(db) == CURRENT
    with ReviewStore(db, writable=True) as s:
        assert s.reviews(info.id) == [saved]
    with sqlite3.connect(db) as raw:
        assert "reviewer" not in {r[1] for r in raw.execute("PRAGMA table_info(reviews)")}


def _schema_1(db: Path) -> tuple[list, Review, ManualLink]:
    """A database at ``db`` as newsdiff with schema 1 left it, made by its own statements:
    a session of 12 passages (its last view's count), a note then a verdict on one target
    (two undo steps), and a link.  Returns the articles, the review and the link."""
    arts = articles(TEXT_A, TEXT_B)
    a, b = (content_hash(x.text) for x in arts)
    target = Target("pair", (a, b), (((0, 1),), ((0, 2),)))
    t = "2025-03-02T14:05:00Z"
    raw = sqlite3.connect(db)
    for statement in store_module.MIGRATIONS[0]:
        raw.execute(statement)
    raw.execute(f"PRAGMA application_id = {store_module.APPLICATION_ID}")
    raw.execute("PRAGMA user_version = 1")
    raw.execute("INSERT INTO sessions VALUES (1, ?, 12, ?, ?, 1)", (session_key([a, b]), t, t))
    for position, (digest, article) in enumerate(zip((a, b), arts)):
        raw.execute("INSERT INTO texts VALUES (?, ?)", (digest, article.text))
        raw.execute("INSERT INTO session_articles VALUES (1, ?, ?, ?, ?, ?)",
                    (position, digest, article.outlet, article.title, str(article.path)))
    raw.execute("INSERT INTO reviews VALUES (1, ?, 1, 'shared', 'accepted', NULL, 'hm', ?)",
                (target.key, t))
    raw.execute("INSERT INTO history (session_id, target) VALUES (1, ?)", (target.key,))
    raw.execute("INSERT INTO history (session_id, target, seq, kind, verdict, corrected, note,"
                " updated) VALUES (1, ?, 1, 'shared', NULL, NULL, 'hm', ?)", (target.key, t))
    raw.execute("INSERT INTO links (session_id, a, b, a_spans, b_spans, created)"
                " VALUES (1, ?, ?, '[[0,5]]', '[[0,7]]', ?)", (a, b, t))
    raw.commit()
    raw.close()
    return (arts, Review(target, "shared", "accepted", note="hm", updated=t),
            ManualLink(a, b, ((0, 5),), ((0, 7),), t))


def test_a_schema_1_database_is_read_as_it_is(db):
    db.parent.mkdir()
    _, review, link = _schema_1(db)
    before = _state(db)
    with ReviewStore(db) as s:
        (info,) = s.sessions()
        assert s.version == 1 and (info.reviewed, info.total) == (1, 12)   # as schema 1 said
        assert s.reviews(1) == [review] and s.links(1) == [link] and s.views(1) == {}
    assert _state(db) == before


def test_a_schema_1_database_upgrades_keeping_its_work_and_its_undo_steps(db):
    db.parent.mkdir()
    arts, review, link = _schema_1(db)
    with ReviewStore(db, writable=True) as s:
        assert s.version == CURRENT and _user_version(db) == CURRENT
        info = s.resume_session(arts)
        assert info is not None and (info.reviewed, info.total) == (1, 12)
        assert s.reviews(1) == [review] and s.links(1) == [link]
        assert s.undo(1) == Step("record", review.target)     # schema 1's steps, undone
        assert [(r.verdict, r.note) for r in s.reviews(1)] == [(None, "hm")]
        assert s.undo(1) == Step("record", review.target) and s.reviews(1) == []
        assert s.undo(1) is None
        assert s.redo(1) == Step("record", review.target)
        assert s.redo(1) == Step("record", review.target) and s.reviews(1) == [review]
        s.set_view(1, "pair", [review.target.key, "another"])
        assert str(s.session(1).progress) == "1 of 2"           # views count from now on


def test_an_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with ReviewStore(path, writable=True) as s:
        assert s.sessions() == []
    assert _user_version(path) == len(store_module.MIGRATIONS)


def _state(path: Path) -> tuple[str, int, int, set[str]]:
    """What must not change about a file we may not touch: its bytes (hashed), size and
    modification time, and the files beside it (no ``-wal`` or ``-shm`` left)."""
    stat = path.stat()
    return (hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns,
            {p.name for p in path.parent.iterdir()})


def _assert_refused_untouched(path: Path, words: str) -> None:
    """Opening ``path``, to read or to write, fails with a one-line StoreError and leaves
    it exactly as it was."""
    before = _state(path)
    for writable in (False, True):
        with pytest.raises(StoreError, match=words) as caught:
            ReviewStore(path, writable=writable)
        assert "\n" not in str(caught.value) and str(path) in str(caught.value)
        assert _state(path) == before


def test_a_newer_schema_is_refused_and_left_untouched(db):
    ReviewStore(db, writable=True).close()
    with sqlite3.connect(db) as raw:
        raw.execute(f"PRAGMA user_version = {len(store_module.MIGRATIONS) + 1}")
    raw.close()
    _assert_refused_untouched(db, "newer newsdiff")


# -- bad files ----------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    random.Random(1).randbytes(5000),
    b"My notes on the story.\nNot a database.\n",
    b"SQLite format 3\x00" + random.Random(2).randbytes(4000),    # the header, then damage
])
def test_a_file_that_is_not_a_newsdiff_database_is_refused_untouched(tmp_path, content):
    path = tmp_path / "reviews.sqlite3"
    path.write_bytes(content)
    _assert_refused_untouched(path, "not a newsdiff review database|damaged")


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE contacts (name TEXT)")
        raw.execute("INSERT INTO contacts VALUES ('Ann')")
    raw.close()
    _assert_refused_untouched(path, "another program")


def test_a_folder_or_an_impossible_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        ReviewStore(tmp_path, writable=True)
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        ReviewStore(tmp_path / "file.txt" / "sub" / "reviews.sqlite3", writable=True)
    assert issubclass(StoreError, InputError) and issubclass(UnknownSession, StoreError)


def test_a_database_locked_too_long_is_a_one_line_error_and_nothing_half_done(db, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.4)
    with ReviewStore(db, writable=True) as s:
        info = s.open_session(articles(TEXT_A, TEXT_B))
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        with pytest.raises(StoreError, match="locked by another process") as caught:
            s.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
        waited = time.monotonic() - started
        assert 0.4 <= waited < 5.0, waited      # its bound, not the 10 s it has by default
        assert "\n" not in str(caught.value) and str(db) in str(caught.value)
        other.execute("ROLLBACK")
        other.close()
        s.record(info.id, Review(pair_target(info, 1), "shared", "accepted"))
        assert [r.target for r in s.reviews(info.id)] == [pair_target(info, 1)]


def test_a_save_waits_for_a_lock_shorter_than_its_bound(db, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 5.0)
    with ReviewStore(db, writable=True) as s:
        info = s.open_session(articles(TEXT_A, TEXT_B))
        other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN EXCLUSIVE")
        threading.Timer(0.5, other.execute, ("ROLLBACK",)).start()
        started = time.monotonic()
        s.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
        assert time.monotonic() - started >= 0.4
        assert len(s.reviews(info.id)) == 1
        other.close()


def test_a_busy_call_is_tried_again_until_its_bound(db, monkeypatch):
    """Where SQLite's busy handler does not wait (it fails at once), the store pauses and
    tries again: a call that meets a lock twice still succeeds."""
    with ReviewStore(db, writable=True) as s:
        info = s.open_session(articles(TEXT_A, TEXT_B))
        calls = []
        real = store_module.ReviewStore._require

        def busy_twice(self, session_id):
            calls.append(session_id)
            if len(calls) <= 2:
                raise sqlite3.OperationalError("database is locked")
            return real(self, session_id)

        monkeypatch.setattr(store_module.ReviewStore, "_require", busy_twice)
        s.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
        assert len(calls) == 3
        monkeypatch.undo()
        assert len(s.reviews(info.id)) == 1
        with sqlite3.connect(db) as raw:       # the failed tries left no undo step behind
            assert raw.execute("SELECT count(*) FROM history").fetchone() == (1,)
        raw.close()


def test_opening_a_new_database_waits_for_another_process_creating_it(tmp_path):
    """SQLite refuses the switch to WAL at once (no busy timeout) while another connection
    is writing a file still in rollback mode; the store waits for it like for any lock."""
    path = tmp_path / "new.sqlite3"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, other.execute, ("COMMIT",)).start()
    with ReviewStore(path, writable=True) as s:
        assert s.sessions() == []
    other.close()


def _raw(path: Path, *statements: str, params: tuple = ()) -> None:
    """Run ``statements`` on ``path`` as another program (or a hand with ``sqlite3``) would."""
    raw = sqlite3.connect(path)
    try:
        for statement in statements:
            raw.execute(statement, params if "?" in statement else ())
        raw.commit()
    finally:
        raw.close()


@pytest.mark.parametrize("statements", [
    ["PRAGMA user_version = 7"],                          # an identity, and no table yet
    ["PRAGMA application_id = 1234"],
    ["PRAGMA application_id = 1234", "CREATE TABLE sessions (id)"],
    ["PRAGMA journal_mode = WAL", "CREATE TABLE contacts (name TEXT)"],
], ids=["user-version", "application-id", "our-table-name", "wal"])
def test_another_programs_identity_is_refused_untouched(tmp_path, statements):
    path = tmp_path / "other.sqlite3"
    _raw(path, *statements)
    _assert_refused_untouched(path, "another program")


def test_another_program_with_its_database_open_is_left_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("CREATE TABLE contacts (name TEXT)")
    other.execute("INSERT INTO contacts VALUES ('Ann')")     # in its -wal, not checkpointed
    try:
        _assert_refused_untouched(path, "another program")
        assert other.execute("SELECT name FROM contacts").fetchall() == [("Ann",)]
    finally:
        other.close()


def test_our_database_with_another_programs_tables_is_refused_untouched(db):
    ReviewStore(db, writable=True).close()
    _raw(db, "CREATE TABLE contacts (name TEXT)", "CREATE INDEX by_name ON contacts (name)")
    _assert_refused_untouched(db, "another program: it holds index by_name, table contacts")


def test_our_database_missing_a_table_is_damaged_and_left_untouched(db):
    ReviewStore(db, writable=True).close()
    _raw(db, "DROP TABLE links")
    _assert_refused_untouched(db, "damaged .it has no table links")


def test_a_database_with_no_identity_and_no_tables_becomes_ours(tmp_path):
    path = tmp_path / "blank.sqlite3"
    _raw(path, "CREATE TABLE t (x)", "DROP TABLE t")   # an SQLite file, nothing in it
    with ReviewStore(path) as s:                         # read: nothing there yet
        assert s.sessions() == []
    with ReviewStore(path, writable=True) as s:
        assert s.version == len(store_module.MIGRATIONS)
    assert _user_version(path) == len(store_module.MIGRATIONS)


# -- reading --------------------------------------------------------------------------------

def _saved(db: Path) -> tuple[int, Review, ManualLink]:
    """A database at ``db`` with one session, one verdict and one link; closed."""
    with ReviewStore(db, writable=True) as s:
        info = s.open_session(articles(TEXT_A, TEXT_B))
        review = s.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
        a, b = (x.hash for x in info.articles)
        link = s.add_link(info.id, ManualLink(a, b, ((0, 10),), ((5, 20),)))
    return info.id, review, link


def test_reading_writes_nothing_to_the_file_or_beside_it(db):
    session_id, review, link = _saved(db)
    before = _state(db)
    with ReviewStore(db) as s:
        assert [x.id for x in s.sessions()] == [session_id]
        assert s.reviews(session_id) == [review] and s.links(session_id) == [link]
        for change in (lambda: s.record(session_id, Review(review.target, "shared", "flagged")),
                       lambda: s.open_session(articles(TEXT_C)), lambda: s.undo(session_id)):
            with pytest.raises(StoreError, match="opened read-only"):
                change()
    assert _state(db) == before            # same bytes, size and time; no -wal or -shm
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"   # still
    raw.close()


def test_reading_while_the_reader_writes_sees_what_it_saved(db):
    with ReviewStore(db, writable=True) as writer:       # open: its -wal and -shm are there
        info = writer.open_session(articles(TEXT_A, TEXT_B))
        writer.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
        beside = {p.name for p in db.parent.iterdir()}
        with ReviewStore(db) as reader:
            assert reader.session(info.id).reviewed == 1
        writer.record(info.id, Review(pair_target(info, 1), "shared", "flagged"))
        with ReviewStore(db) as reader:
            assert len(reader.reviews(info.id)) == 2
        assert {p.name for p in db.parent.iterdir()} == beside


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root ignores a folder's permissions (the test above checks the "
                           "read-only opening writes nothing)")
def test_a_database_in_a_read_only_folder_can_be_read(db):
    session_id, review, _ = _saved(db)
    db.parent.chmod(0o555)
    try:
        with ReviewStore(db) as s:
            assert s.reviews(session_id) == [review]
        with pytest.raises(StoreError):
            ReviewStore(db, writable=True).close()
    finally:
        db.parent.chmod(0o700)


def test_reading_a_missing_file_fails_and_an_empty_one_has_no_sessions(tmp_path):
    missing = tmp_path / "none.sqlite3"
    with pytest.raises(StoreError, match="does not exist"):
        ReviewStore(missing)
    assert not missing.exists()
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    before = _state(empty)
    with ReviewStore(empty) as s:
        assert s.sessions() == []
        with pytest.raises(UnknownSession):
            s.session(1)
    assert _state(empty) == before


def test_reading_an_older_schema_reads_it_as_it_is(db, monkeypatch):
    session_id, review, _ = _saved(db)
    before = _state(db)
    step = ("ALTER TABLE reviews ADD COLUMN reviewer TEXT",)
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, step))
    with ReviewStore(db) as s:
        assert s.version == CURRENT and s.reviews(session_id) == [review]
    assert _state(db) == before            # not upgraded: reading never migrates


def test_an_older_schema_that_cannot_be_read_as_it_is_says_so(db, monkeypatch):
    session_id, _, _ = _saved(db)
    _raw(db, "ALTER TABLE reviews RENAME COLUMN note TO remark")   # as an old version had it
    step = ("ALTER TABLE reviews RENAME COLUMN remark TO note",)
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, step))
    with ReviewStore(db) as s, pytest.raises(StoreError, match=(
            rf"has schema {CURRENT}, older than this newsdiff's {CURRENT + 1}, and cannot be "
            r"read as it is \(no such column: note\); opening it in the reader")) as caught:
        s.reviews(session_id)
    assert "\n" not in str(caught.value)
    with ReviewStore(db, writable=True) as s:        # the reader upgrades it
        assert len(s.reviews(session_id)) == 1


# -- rows another program (or a hand) wrote ----------------------------------------------------

def _target_key(kind: str, articles: list, spans: list) -> str:
    return json.dumps([kind, articles, spans], separators=(",", ":"))


STRANGER = "0" * 64
#: Each: what is done to the saved database, and words of the error reading it gives.
BAD_ROWS = {
    "unknown verdict": (["UPDATE reviews SET verdict = 'maybe'"], "unknown verdict 'maybe'"),
    "unknown correction": (["UPDATE reviews SET corrected = 'sideways'"],
                           "unknown corrected kind"),
    "bad updated": (["UPDATE reviews SET updated = 'yesterday'"], "timestamp 'yesterday'"),
    "updated a number": (["UPDATE reviews SET updated = 12"], "timestamp '12'"),
    "note no text": (["UPDATE reviews SET note = x'00ff'"], "kind or note that is no text"),
    "target no json": (["UPDATE reviews SET target = 'not json'"], "not a target"),
    "target no shape": (["UPDATE reviews SET target = '[\"pair\",[],[]]'"], "not a target"),
    "target of a stranger": (["UPDATE reviews SET target = '{A}'"],
                             f"no article {STRANGER[:12]} in the session"),
    "target past the text": (["UPDATE reviews SET target = '{B}'"], "are not sentences"),
    "link of a stranger": ([f"UPDATE links SET a = '{STRANGER}'"], "no article"),
    "link spans no json": (["UPDATE links SET b_spans = '[[5'"], "spans '[[5'"),
    "link spans backwards": (["UPDATE links SET b_spans = '[[20,5]]'"], "are not sentences"),
    "link created bad": (["UPDATE links SET created = ''"], "timestamp ''"),
    "session changed bad": (["UPDATE sessions SET updated = '2025-13-40T00:00:00Z'"],
                            "session 1 changed: timestamp"),
    "session total bad": (["UPDATE sessions SET total = -3"], "a passage count of -3"),
    "view no json": (["INSERT INTO views VALUES (1, 'v', '[1')"], "view 'v' with targets '[1'"),
    "view no keys": (["INSERT INTO views VALUES (1, 'v', '[1, 2]')"], "view 'v' with targets"),
    "outlet no text": (["UPDATE session_articles SET outlet = x'07'"], "no text"),
    "text missing": (["DELETE FROM texts"], "missing or no text"),
    "key no hash": (["UPDATE sessions SET key = '<script>'"], "key '<script>' is not a hash"),
    "hash no hash": (["UPDATE session_articles SET hash = '<b>' WHERE position = 0"],
                     "missing or no text"),
}


def spoil(db: Path, case: str) -> str:
    """Make the saved database at ``db`` hold the bad row of ``BAD_ROWS[case]``; the words
    its error must have."""
    statements, words = BAD_ROWS[case]
    with sqlite3.connect(db) as raw:
        a, b = (h for (h,) in raw.execute(
            "SELECT hash FROM session_articles ORDER BY position"))
    raw.close()
    keys = {"{A}": _target_key("pair", [STRANGER, b], [[[0, 5]], [[0, 5]]]),
            "{B}": _target_key("pair", [a, b], [[[0, 10 ** 6]], []])}
    for marker, key in keys.items():
        statements = [s.replace(marker, key) for s in statements]
    _raw(db, *statements)
    return words


@pytest.mark.parametrize("case", BAD_ROWS)
def test_a_bad_row_is_a_one_line_error_and_left_as_it_is(db, case):
    _saved(db)
    words = spoil(db, case)
    before = _state(db)
    with ReviewStore(db) as s, pytest.raises(StoreError) as caught:
        for info in s.sessions():
            s.reviews(info.id)
            s.links(info.id)
    message = str(caught.value)
    assert "\n" not in message and str(db) in message and "cannot read" in message
    assert words in message, message
    assert _state(db) == before


def test_resuming_a_session_with_a_bad_row_writes_nothing(db):
    _saved(db)
    spoil(db, "unknown verdict")
    before = _state(db)
    moved = articles(TEXT_A, TEXT_B, folder="elsewhere")   # resuming would note the new paths
    with ReviewStore(db, writable=True) as s, pytest.raises(StoreError, match="unknown verdict"):
        s.open_session(moved)
    assert _state(db) == before


@pytest.mark.parametrize(("statements", "words"), [
    (["UPDATE history SET link = '[1'"], "history step 2: link '[1'"),
    ([f"UPDATE history SET link = json_set(link, '$[0]', '{STRANGER}')"], "no article"),
    (["UPDATE history SET link = json_set(link, '$[4]', 'soon')"], "timestamp 'soon'"),
    (["UPDATE history SET action = 'explode'"], "unknown action 'explode'"),
    (["DELETE FROM history WHERE action = 'add_link'", "UPDATE history SET target = '[1,2'"],
     "not a target"),
], ids=["link no json", "link of a stranger", "link stamp", "action", "target"])
def test_undo_of_a_bad_history_row_is_a_one_line_error(db, statements, words):
    session_id, _, _ = _saved(db)
    _raw(db, *statements)
    with (ReviewStore(db, writable=True) as s,
          pytest.raises(StoreError, match=re.escape(words)) as caught):
        s.undo(session_id)
    assert "\n" not in str(caught.value) and "cannot read" in str(caught.value)


# -- processes ----------------------------------------------------------------------------------

#: A reviewer in a child process: waits for a line on stdin (or its end), opens the store,
#: then records targets start, start+1, … (up to stop, or forever if stop < 0), each first
#: as "flagged" then with its final verdict and a note, and prints "key<TAB>verdict" only
#: after the final record() has returned.
CHILD = """
import sys
from newsdiff.values import Article
from newsdiff.review.model import VERDICTS, Review, Target
from newsdiff.review.store import ReviewStore

db, start, stop = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sys.stdin.readline()
store = ReviewStore(db, writable=True)
info = store.open_session([Article("a.txt", "A", "A", "Text of A. " * 10000, ()),
                           Article("b.txt", "B", "B", "Text of B. " * 10000, ())])
pair = tuple(a.hash for a in info.articles)
i = start
while i != stop:
    target = Target("pair", pair, (((i, i + 1),), ()))
    store.record(info.id, Review(target, "unique", "flagged"))
    verdict = VERDICTS[i % 3]
    store.record(info.id, Review(target, "unique", verdict, note=f"note {i}"))
    print(target.key + "\\t" + verdict, flush=True)
    i += 1
"""


def _child(db: Path, start: int, stop: int, stdin=subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(start), str(stop)],
                            stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=db.parent)


def _printed(out: str) -> dict[str, str]:
    """The complete "key<TAB>verdict" lines a child printed (a line cut by the kill is not)."""
    return dict(line.split("\t") for line in out.split("\n")[:-1])


def _assert_intact(db: Path, expected: dict[str, str]) -> None:
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
    with ReviewStore(db) as s:
        sessions = s.sessions()
        if not sessions and not expected:
            return  # every child so far was killed before it made the session
        (info,) = sessions
        stored = {r.target.key: r for r in s.reviews(info.id)}
    assert [key for key in expected if key not in stored] == []
    for key, verdict in expected.items():
        index = Target.from_key(key).spans[0][0][0]
        assert (stored[key].verdict, stored[key].note) == (verdict, f"note {index}")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_killing_a_writer_at_random_moments_loses_nothing_committed(tmp_path):
    """Rounds of 0.03-0.5 s (about 5 s in all): some kills land while the child starts up
    and opens the store, most while it records; each round checks the database.  On a
    loaded machine a child may not get as far as recording: the rounds go on, with
    longer windows, until four have recorded something (16 rounds at least, 48 at most)."""
    db = tmp_path / "reviews.sqlite3"
    rng = random.Random(20240905)
    expected: dict[str, str] = {}
    rounds, rounds_with_writes, stretch = 0, 0, 1.0
    while (rounds < 16 or rounds_with_writes < 4) and rounds < 48:
        rounds += 1
        child = _child(db, len(expected), -1)
        try:
            child.communicate(timeout=stretch * rng.uniform(0.03, 0.5))  # reads stdout
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGKILL)
        out, err = child.communicate()
        assert child.returncode == -signal.SIGKILL, err      # it was killed, did not crash
        printed = _printed(out)
        rounds_with_writes += bool(printed)
        stretch = 1.0 if printed else stretch * 1.5
        expected.update(printed)
        _assert_intact(db, expected)                         # and the next child carries on
    assert rounds_with_writes >= 4, "the test did test something"


def test_three_processes_write_to_one_database_at_once(tmp_path):
    """Three writers, 300 saves each, all at once: not one save fails (a child whose save
    fails exits with a traceback), and every one is there afterwards."""
    db = tmp_path / "reviews.sqlite3"
    starts = (0, 1000, 2000)
    children = [_child(db, start, start + 150, stdin=subprocess.PIPE) for start in starts]
    go = threading.Barrier(len(children))

    def run(child: subprocess.Popen) -> tuple[str, str]:
        go.wait()      # all create the database and the session at the same moment
        return child.communicate("go\n", timeout=120)

    with ThreadPoolExecutor(len(children)) as pool:
        results = list(pool.map(run, children))
    expected: dict[str, str] = {}
    for child, (out, err) in zip(children, results, strict=True):
        assert (child.returncode, err) == (0, "")
        assert len(_printed(out)) == 150
        expected.update(_printed(out))
    _assert_intact(db, expected)
    with ReviewStore(db) as s:
        assert s.sessions()[0].reviewed == 150 * len(starts)


def test_a_store_copied_elsewhere_still_opens(store, db, tmp_path):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    store.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
    store.close()
    copy = tmp_path / "backup.sqlite3"
    shutil.copy(db, copy)
    with ReviewStore(copy) as s:
        assert s.session(info.key[:6]).reviewed == 1
