"""The review store: sessions resumed by content, verdicts saved as made, files never harmed.

The durability tests run real child processes: one is SIGKILLed at random
moments while it records, two write to one database at once.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from newsdiff.review import store as store_module
from newsdiff.review.model import (
    VERDICTS,
    ManualLink,
    Review,
    Target,
    content_hash,
    session_key,
)
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
    with ReviewStore(db) as s:
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
    with ReviewStore() as s:
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
    with ReviewStore(db) as s:
        info = s.open_session(first)
        s.record(info.id, Review(pair_target(info, 0), "divergent", "accepted"))
    moved = articles(TEXT_B, TEXT_A, TEXT_A, folder=str(tmp_path / "b"))   # reordered, repeated
    with ReviewStore(db) as s:
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
    store.set_total(older.id, 40)      # progress is not a change of the review
    store.open_session(articles(TEXT_A, TEXT_B))   # neither is resuming
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


def test_set_total_and_unknown_sessions(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    store.set_total(info.id, 12)
    assert store.session(info.id).total == 12
    for call in (lambda: store.set_total(999, 3), lambda: store.reviews(999),
                 lambda: store.record(999, Review(pair_target(info, 0), "shared", "accepted")),
                 lambda: store.undo(999), lambda: store.links(999)):
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
    assert store.undo(info.id) == t0
    assert store.review(info.id, t0) == first           # the previous state, stamp and all
    assert store.undo(info.id) == t1
    assert store.review(info.id, t1) is None and store.reviews(info.id) == [first]
    assert store.undo(info.id) == t0
    assert store.reviews(info.id) == []
    assert store.undo(info.id) is None
    assert store.session(info.id).reviewed == 0


def test_an_empty_review_clears_the_target_and_undo_puts_it_back(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    t0, t1 = pair_target(info, 0), pair_target(info, 1)
    kept = store.record(info.id, Review(t0, "shared", "accepted"))
    store.record(info.id, Review(t1, "shared", "flagged"))
    store.record(info.id, Review(t0, "shared"))
    assert [r.target for r in store.reviews(info.id)] == [t1]
    assert store.undo(info.id) == t0
    assert [r.target for r in store.reviews(info.id)] == [t0, t1]   # back in its place
    assert store.review(info.id, t0) == kept


def test_recording_what_is_stored_adds_no_undo_step(store):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    t0 = pair_target(info, 0)
    stored = store.record(info.id, Review(t0, "shared", "accepted"))
    assert store.record(info.id, Review(t0, "shared", "accepted")) == stored
    assert store.record(info.id, Review(pair_target(info, 1), "shared")).updated == ""
    assert store.undo(info.id) == t0 and store.undo(info.id) is None


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
    info = store.open_session(articles(TEXT_A, TEXT_B))

    def work(i: int) -> None:
        store.record(info.id, Review(pair_target(info, i), "shared", VERDICTS[i % 3]))
        store.reviews(info.id)
        if i % 10 == 0:
            store.add_link(info.id, ManualLink("x", "y", ((i, i + 1),), ()))

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(work, range(200)))
    assert len(store.reviews(info.id)) == 200 and len(store.links(info.id)) == 20


# -- schema versions ----------------------------------------------------------------------------

def _user_version(path: Path) -> int:
    with sqlite3.connect(path) as raw:
        return raw.execute("PRAGMA user_version").fetchone()[0]


def test_an_older_schema_is_migrated_keeping_the_work(db, monkeypatch):
    with ReviewStore(db) as s:
        info = s.open_session(articles(TEXT_A, TEXT_B))
        saved = s.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
    assert _user_version(db) == 1
    step = ("ALTER TABLE reviews ADD COLUMN reviewer TEXT",
            "UPDATE reviews SET reviewer = 'someone'")
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, step))
    with ReviewStore(db) as s:
        assert s.reviews(info.id) == [saved]
    assert _user_version(db) == 2
    with sqlite3.connect(db) as raw:
        assert raw.execute("SELECT reviewer FROM reviews").fetchall() == [("someone",)]


def test_a_failed_migration_leaves_the_old_schema_and_the_work(db, monkeypatch):
    with ReviewStore(db) as s:
        info = s.open_session(articles(TEXT_A, TEXT_B))
        saved = s.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
    broken = ("ALTER TABLE reviews ADD COLUMN reviewer TEXT", "CREATE TABLE sessions (x)")
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, broken))
    with pytest.raises(StoreError, match="already exists"):
        ReviewStore(db)
    monkeypatch.undo()
    assert _user_version(db) == 1
    with ReviewStore(db) as s:
        assert s.reviews(info.id) == [saved]
    with sqlite3.connect(db) as raw:
        assert "reviewer" not in {r[1] for r in raw.execute("PRAGMA table_info(reviews)")}


def test_an_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with ReviewStore(path) as s:
        assert s.sessions() == []
    assert _user_version(path) == len(store_module.MIGRATIONS)


def _assert_refused_untouched(path: Path, words: str) -> None:
    """Opening ``path`` fails with a one-line StoreError and leaves it exactly as it was."""
    before = path.read_bytes()
    siblings = set(path.parent.iterdir())
    with pytest.raises(StoreError, match=words) as caught:
        ReviewStore(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert set(path.parent.iterdir()) == siblings


def test_a_newer_schema_is_refused_and_left_untouched(db):
    ReviewStore(db).close()
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
        ReviewStore(tmp_path)
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(StoreError, match="cannot create the folder"):
        ReviewStore(tmp_path / "file.txt" / "sub" / "reviews.sqlite3")
    assert issubclass(StoreError, InputError) and issubclass(UnknownSession, StoreError)


def test_a_database_locked_too_long_is_a_one_line_error_and_nothing_half_done(db, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.2)
    with ReviewStore(db) as s:
        info = s.open_session(articles(TEXT_A, TEXT_B))
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreError, match="locked by another process"):
            s.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
        other.execute("ROLLBACK")
        other.close()
        s.record(info.id, Review(pair_target(info, 1), "shared", "accepted"))
        assert [r.target for r in s.reviews(info.id)] == [pair_target(info, 1)]


def test_opening_a_new_database_waits_for_another_process_creating_it(tmp_path):
    """SQLite refuses the switch to WAL at once (no busy timeout) while another connection
    is writing a file still in rollback mode; the store waits for it like for any lock."""
    path = tmp_path / "new.sqlite3"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, other.execute, ("COMMIT",)).start()
    with ReviewStore(path) as s:
        assert s.sessions() == []
    other.close()


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
store = ReviewStore(db)
info = store.open_session([Article("a.txt", "A", "A", "Text of A.", ()),
                           Article("b.txt", "B", "B", "Text of B.", ())])
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


def test_two_processes_write_to_one_database_at_once(tmp_path):
    db = tmp_path / "reviews.sqlite3"
    children = [_child(db, start, start + 150, stdin=subprocess.PIPE) for start in (0, 1000)]
    go = threading.Barrier(len(children))

    def run(child: subprocess.Popen) -> tuple[str, str]:
        go.wait()      # both create the database and the session at the same moment
        return child.communicate("go\n", timeout=60)

    with ThreadPoolExecutor(len(children)) as pool:
        results = list(pool.map(run, children))
    expected: dict[str, str] = {}
    for child, (out, err) in zip(children, results, strict=True):
        assert (child.returncode, err) == (0, "")
        assert len(_printed(out)) == 150
        expected.update(_printed(out))
    _assert_intact(db, expected)
    with ReviewStore(db) as s:
        assert s.sessions()[0].reviewed == 300


def test_a_store_copied_elsewhere_still_opens(store, db, tmp_path):
    info = store.open_session(articles(TEXT_A, TEXT_B))
    store.record(info.id, Review(pair_target(info, 0), "shared", "accepted"))
    store.close()
    copy = tmp_path / "backup.sqlite3"
    shutil.copy(db, copy)
    with ReviewStore(copy) as s:
        assert s.session(info.key[:6]).reviewed == 1
