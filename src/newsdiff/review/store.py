"""The review store: sessions, verdicts, notes and manual links in one SQLite file.

A reviewer's work must never be lost and must resume where they left it, so:

- **Every write is its own committed transaction** before the method returns;
  there is no "save".  Read-modify-write steps (an action and its undo
  history) run under ``BEGIN IMMEDIATE``, so two processes on one database
  serialise instead of interleaving.
- **A call that meets another process's lock waits, within a bound.**  SQLite's
  busy handler does not cover every case (switching a new file to WAL, a
  reader meeting a checkpoint), and several writers at once can outlast one
  busy timeout, so a call that fails busy is tried again, with growing
  pauses, until :data:`BUSY_TIMEOUT_S` in all; only then is it a StoreError,
  which the caller must report (the reader keeps the verdict to try again).
- **WAL journal, ``synchronous=FULL``.**  In WAL mode ``NORMAL`` already
  survives a killed process, but not a power cut or an OS crash: the last
  verdicts could vanish.  ``FULL`` costs one fsync of the WAL per verdict,
  a few milliseconds at human typing speed, which is the cheapest "never
  lost" there is.
- **The file is identified before anything is written to it**, through a
  read-only connection that leaves no trace.  A file that is not an SQLite
  database, an SQLite database of another program (another
  ``application_id``, or none with a ``user_version`` set, or tables this
  code does not make), or a newsdiff database from a newer version is
  refused with :class:`StoreError` and left byte for byte as it was: the
  store never overwrites or "repairs" a user's file.  Only a file with no
  identity and no schema at all (empty, or just made) becomes a database.
- **Reading needs no write access.**  ``ReviewStore(path)`` opens read-only
  (``newsdiff review list`` and ``export``): no WAL switch, no migration, no
  ``-wal``/``-shm`` file made, so a database in a read-only folder, on a
  read-only medium or of another user can be listed and exported.  Only
  ``writable=True`` (the reader) creates, upgrades and writes.
- **What is read is checked.**  Another program (or a hand with ``sqlite3``)
  may have put anything in a column; a row with an unknown verdict, a bad
  timestamp, a target or link naming no article of its session or no text of
  it is a one-line StoreError, never a crash in a report.
- **The schema is versioned** (``PRAGMA user_version``, plus ``application_id``
  to recognise our files) and upgraded by the ordered :data:`MIGRATIONS`, all
  in one transaction: an upgrade either completes or leaves the old file.
- **One connection per store, guarded by a lock**, opened with
  ``check_same_thread=False``: the reader may call the store from
  ``asyncio.to_thread`` workers, and the lock keeps their calls (and their
  transactions) from interleaving on the shared connection.

Sessions are keyed by :func:`~newsdiff.review.model.session_key` of their
articles' content hashes, and each article's text is stored (once per hash),
so reports never need the original files and opening the same articles from
another path resumes the session.  The reader looks a session up
(:meth:`ReviewStore.resume_session`) and makes it with the first action.

Every action (a verdict or note, a link, an unlink) is a step of the
session's ``history``, so undo and redo take them back and give them again in
the order they were made, after a restart too.  Each view's targets are kept
(``views``) for progress, counted by :mod:`newsdiff.review.progress`.
"""

from __future__ import annotations

import functools
import json
import os
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, Self, TypeVar

from newsdiff.review.model import (
    CORRECTED_KINDS,
    VERDICTS,
    ManualLink,
    Review,
    SessionArticle,
    SessionInfo,
    Spans,
    Step,
    Target,
    content_hash,
    session_key,
)
from newsdiff.review.progress import session_progress
from newsdiff.values import Article
from newsdiff.values.errors import InputError

#: Environment variable naming the database instead of the platform's default.
ENV_VAR = "NEWSDIFF_DB"
#: How long a call waits in all for another process's lock before it fails (see
#: :func:`_guarded`): long enough for several writers at once on a slow disk, short
#: enough that a reviewer hears about a lock that will not go away.
BUSY_TIMEOUT_S = 10.0
#: The first pause before a call that met a lock is tried again; each pause doubles, up
#: to the last, and is drawn at random around that, so writers that met do not meet again.
FIRST_RETRY_S = 0.005
LAST_RETRY_S = 0.25
#: ``PRAGMA application_id`` of a newsdiff database ("NDIF"): how we tell our files apart.
APPLICATION_ID = 0x4E444946
#: The first bytes of every SQLite 3 database file.
_SQLITE_HEADER = b"SQLite format 3\x00"
#: A session key prefix shorter than this is too likely to be ambiguous to accept.
MIN_PREFIX = 4
#: A session key or an article hash as the store writes them: SHA-256, in hex.
_HASH = re.compile(r"[0-9a-f]{64}")

#: ``MIGRATIONS[i]`` takes the schema from version ``i`` to ``i + 1``; the
#: schema version of this code is ``len(MIGRATIONS)``.  Append, never edit:
#: users' files were made by the earlier steps.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        # ``touched`` orders sessions by their last change; timestamps have only seconds.
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            total INTEGER,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            touched INTEGER NOT NULL)""",
        # Texts are shared by hash: the same article in many sessions is stored once.
        """CREATE TABLE texts (
            hash TEXT PRIMARY KEY,
            text TEXT NOT NULL)""",
        """CREATE TABLE session_articles (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            position INTEGER NOT NULL,
            hash TEXT NOT NULL REFERENCES texts(hash),
            outlet TEXT NOT NULL,
            title TEXT NOT NULL,
            path TEXT NOT NULL,
            PRIMARY KEY (session_id, hash))""",
        # ``seq`` is the order of first review, kept when a verdict changes.
        """CREATE TABLE reviews (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            target TEXT NOT NULL,
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            verdict TEXT,
            corrected TEXT,
            note TEXT NOT NULL,
            updated TEXT NOT NULL,
            PRIMARY KEY (session_id, target))""",
        # The state of a target before each record(), newest last: the undo stack.
        # ``seq IS NULL`` means the target had no review.
        """CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            target TEXT NOT NULL,
            seq INTEGER,
            kind TEXT,
            verdict TEXT,
            corrected TEXT,
            note TEXT,
            updated TEXT)""",
        "CREATE INDEX history_by_session ON history (session_id, id)",
        """CREATE TABLE links (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            a TEXT NOT NULL,
            b TEXT NOT NULL,
            a_spans TEXT NOT NULL,
            b_spans TEXT NOT NULL,
            created TEXT NOT NULL,
            UNIQUE (session_id, a, b, a_spans, b_spans))""",
    ),
    (
        # Undo and redo of every action (issue 14): ``history`` becomes a list of steps,
        # links and unlinks among them.  A step's ``undone`` says which stack it is on:
        # 0 undo (newest last), 1 redo (every one newer than the undo stack's, the next
        # to redo first).  A ``record`` step holds the target's state to put back when the
        # step is next taken (``seq IS NULL``: no review); a link step the link, as JSON
        # ``[a, b, a_spans, b_spans, created, id]``.
        """CREATE TABLE steps (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            action TEXT NOT NULL,
            undone INTEGER NOT NULL,
            target TEXT,
            seq INTEGER,
            kind TEXT,
            verdict TEXT,
            corrected TEXT,
            note TEXT,
            updated TEXT,
            link TEXT)""",
        """INSERT INTO steps (id, session_id, action, undone, target,
                              seq, kind, verdict, corrected, note, updated)
            SELECT id, session_id, 'record', 0, target,
                   seq, kind, verdict, corrected, note, updated FROM history""",
        "DROP TABLE history",
        "ALTER TABLE steps RENAME TO history",
        "CREATE INDEX history_by_session ON history (session_id, undone, id)",
        # Each view's target keys, a JSON array, for progress (see newsdiff.review.progress).
        # ``sessions.total`` stays for the sessions of schema 1, which have no views.
        """CREATE TABLE views (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            view TEXT NOT NULL,
            targets TEXT NOT NULL,
            PRIMARY KEY (session_id, view))""",
    ),
)

#: The columns of a review's state, in the order of ``reviews`` and ``history``.
_STATE = "seq, kind, verdict, corrected, note, updated"
#: The schema version that keeps views (before it, progress is schema 1's).
_VIEWS_SINCE = 2

#: What identifies a file, in one statement (so one snapshot: read apart, another
#: process's migration could commit in between and its tables look like another
#: program's): its application id, its schema version, and the tables, indexes,
#: views and triggers it holds (SQLite's own ``sqlite_…`` objects aside).
_IDENTIFY = (
    "SELECT (SELECT application_id FROM pragma_application_id),"
    " (SELECT user_version FROM pragma_user_version),"
    " (SELECT json_group_array(json_array(type, name)) FROM sqlite_master"
    "  WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!')")
#: How many of a file's unexpected objects a message names.
_NAMED = 3


class StoreError(InputError):
    """The review database cannot be used: not a newsdiff database, a newer schema,
    unreadable, a row that makes no sense, locked too long…  One line, naming the file."""


class UnknownSession(StoreError):
    """No session (or more than one) answers to the id or key prefix given."""


def default_db_path() -> Path:
    """``$NEWSDIFF_DB`` if set, else ``reviews.sqlite3`` in the platform's user data folder."""
    if override := os.environ.get(ENV_VAR):
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsdiff", appauthor=False)) / "reviews.sqlite3"


def _now() -> str:
    """The current time as the store writes it: UTC, ISO 8601, whole seconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _spans_json(spans: Spans) -> str:
    """Spans as stored: compact JSON, so equal spans are equal strings (the links' key)."""
    return json.dumps([list(s) for s in spans], separators=(",", ":"))


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return "locked" in str(error) or "busy" in str(error)


def _check_file(path: Path) -> bool:
    """Whether ``path`` holds an SQLite file (False: missing or empty, a new database);
    refuse, before SQLite opens it, a path that cannot be or is not one, so a text file
    or random bytes are never written to."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a review database")
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        return False
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror or _one_line(e)}") from e
    if head and head != _SQLITE_HEADER:
        raise StoreError(f"{path} is not a newsdiff review database (not an SQLite file)")
    return bool(head)


@functools.cache
def _schema_objects(migrations: tuple[tuple[str, ...], ...],
                    version: int) -> frozenset[tuple[str, str]]:
    """The ``(type, name)`` of every object the first ``version`` migrations make: what a
    newsdiff database of that version holds, found by making one in memory."""
    db = sqlite3.connect(":memory:")
    try:
        for statements in migrations[:version]:
            for statement in statements:
                db.execute(statement)
        (listed,) = db.execute(_IDENTIFY).fetchone()[2:]
    finally:
        db.close()
    return frozenset(map(tuple, json.loads(listed)))


def _empty_schema() -> sqlite3.Connection:
    """An in-memory database of this code's schema with nothing in it: what a read-only
    store reads when the file is a database not made yet (empty, or only created), so
    that it lists no sessions rather than failing on tables that are not there."""
    db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    for statements in MIGRATIONS:
        for statement in statements:
            db.execute(statement)
    return db


def _names(objects: set[tuple[str, str]]) -> str:
    """Some of a file's objects, for a message: ``table contacts, index by_name and 4 more``."""
    named = [f"{kind} {name}" for kind, name in sorted(objects)[:_NAMED]]
    more = len(objects) - len(named)
    return ", ".join(named) + (f" and {more} more" if more else "")


P = ParamSpec("P")
R = TypeVar("R")


def _guarded(
    method: Callable[Concatenate[ReviewStore, P], R],
) -> Callable[Concatenate[ReviewStore, P], R]:
    """Run a public method under the store's lock, with SQLite errors as one-line StoreErrors,
    trying it again while another process's lock keeps it from running.

    Each try waits in SQLite's busy handler for what is left of
    :data:`BUSY_TIMEOUT_S`; a try that still fails busy (SQLite does not wait
    in every case) is rolled back whole and made again after a pause, so
    every method must be one transaction or only read, which they all are.
    """

    @functools.wraps(method)
    def wrapper(self: ReviewStore, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            deadline = time.monotonic() + BUSY_TIMEOUT_S
            pause = FIRST_RETRY_S
            while True:
                try:
                    self._db.execute(f"PRAGMA busy_timeout = "
                                     f"{max(1, round((deadline - time.monotonic()) * 1000))}")
                    return method(self, *args, **kwargs)
                except sqlite3.Error as e:  # (a transaction was rolled back by _write)
                    left = deadline - time.monotonic()
                    if not _is_busy(e) or left <= 0:
                        raise StoreError(self._describe(e)) from e
                time.sleep(min(left, pause * random.uniform(0.5, 1.5)))
                pause = min(pause * 2, LAST_RETRY_S)

    return wrapper


class ReviewStore:
    """The review database at ``path`` (default :func:`default_db_path`), read-only unless
    ``writable``.

    Read-only, the file must exist; nothing is written to it or beside it, and
    an older schema is read as it is.  Writable, opening creates the folder
    and the database if needed and upgrades an older schema, and every method
    that changes something has committed it when it returns.  Safe to share
    between threads; safe to open from several processes at once.
    """

    def __init__(self, path: Path | str | None = None, *, writable: bool = False) -> None:
        self.path = default_db_path() if path is None else Path(path).expanduser()
        self.writable = writable
        self._lock = threading.RLock()
        #: The file's schema version (this code's once a writable store has upgraded it).
        self.version = 0
        if writable:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise StoreError(f"cannot create the folder {self.path.parent}: "
                                 f"{e.strerror or _one_line(e)}") from e
        elif not self.path.exists():
            raise StoreError(f"{self.path} does not exist")
        if _check_file(self.path):
            self._db = self._connect_read_only()
            try:
                self._identify()
            except BaseException:
                self._db.close()
                raise
            if self.version and not writable:
                self._db.execute("PRAGMA query_only = ON")
                return
            self._db.close()
        if writable:
            self._db = self._connect(str(self.path), uri=False)
            try:
                self._prepare()
            except BaseException:
                self._db.close()
                raise
        else:
            self._db = _empty_schema()
            self.version = len(MIGRATIONS)

    def _connect(self, target: str, *, uri: bool) -> sqlite3.Connection:
        try:
            return sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False, uri=uri)
        except sqlite3.Error as e:
            raise StoreError(self._describe(e)) from e

    def _connect_read_only(self) -> sqlite3.Connection:
        """A connection that can only read the file and leaves nothing beside it.

        A WAL database read with ``mode=ro`` gets a ``-wal`` and ``-shm`` file
        made next to it (left behind, or impossible in a read-only folder)
        unless they are there already.  They are there while any connection
        has the file open, and then the WAL may hold what is not in the file
        yet: read through them.  When they are not, the file alone holds
        everything, and ``immutable=1`` reads it without them (and without
        locks: a writer that opens it meanwhile and checkpoints while this
        reads, within the milliseconds a listing takes, is the one risk, and
        at worst a read fails as damaged).
        """
        wal = self.path.with_name(self.path.name + "-wal")
        query = "?mode=ro" if wal.exists() else "?mode=ro&immutable=1"
        return self._connect(self.path.absolute().as_uri() + query, uri=True)

    @_guarded
    def _identify(self) -> None:
        """Set :attr:`version` from the file, through a read-only connection; StoreError if
        the file is not ours (see :meth:`_schema_version`)."""
        self.version = self._schema_version()

    def _schema_version(self) -> int:
        """The file's schema version (0: a database not made yet, with no identity and no
        schema); StoreError if it is not ours, newer than this code, or damaged."""
        app_id, version, listed = self._db.execute(_IDENTIFY).fetchone()
        objects = set(map(tuple, json.loads(listed)))
        if (app_id, version, objects) == (0, 0, set()):
            return 0
        if app_id != APPLICATION_ID:
            raise StoreError(f"{self.path} is not a newsdiff review database "
                             "(an SQLite database of another program)")
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path} was written by a newer newsdiff (schema {version}, "
                             f"this one knows {len(MIGRATIONS)}); upgrade newsdiff to open it")
        expected = _schema_objects(MIGRATIONS, version)
        if extra := objects - expected:
            raise StoreError(f"{self.path} is not a newsdiff review database (an SQLite "
                             f"database of another program: it holds {_names(extra)})")
        if missing := expected - objects:
            raise StoreError(f"{self.path} is damaged (it has no {_names(missing)}); "
                             "it was left as it is")
        return version

    @_guarded
    def _prepare(self) -> None:
        """Switch to WAL and migrate; the file is identified again inside the migration's
        transaction, in case another process made the schema since it was first."""
        mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode != "wal":
            raise StoreError(f"{self.path}: cannot keep a write-ahead log here "
                             f"(journal mode {mode})")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        with self._write():
            for version in range(self._schema_version(), len(MIGRATIONS)):
                for statement in MIGRATIONS[version]:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version + 1}")
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.version = len(MIGRATIONS)

    def _describe(self, error: sqlite3.Error) -> str:
        """One line for the user, naming the file and saying what to do where we can."""
        message = _one_line(error)
        if _is_busy(error):
            return (f"{self.path} is locked by another process (waited {BUSY_TIMEOUT_S:g} s); "
                    "try again when it has finished")
        if "malformed" in message or "not a database" in message:
            return f"{self.path} is damaged ({message}); it was left as it is"
        if not self.writable and 0 < self.version < len(MIGRATIONS):
            return (f"{self.path} has schema {self.version}, older than this newsdiff's "
                    f"{len(MIGRATIONS)}, and cannot be read as it is ({message}); opening it "
                    "in the reader (newsdiff read) upgrades it")
        return f"{self.path}: {message}"

    def _bad_row(self, what: str) -> StoreError:
        """The error for a row that makes no sense (another program's, or a hand's)."""
        return StoreError(f"{self.path} holds a row newsdiff cannot read ({what}); "
                          "it was left as it is")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (``BEGIN IMMEDIATE``) so that what it reads
        cannot change before it writes; committed on success, rolled back on any error."""
        if not self.writable:
            raise StoreError(f"{self.path} was opened read-only")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.rollback()
            raise

    def close(self) -> None:
        """Close the database (everything is already committed)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sessions ---------------------------------------------------------------------------

    @_guarded
    def open_session(self, articles: Sequence[Article]) -> SessionInfo:
        """The session of exactly these articles (by content), created if new.

        A resumed session keeps its articles' order; their path, outlet and
        title are updated to this opening's, so reports name where the files
        are now.  A different set of articles is a different session.  A
        session holding a row that makes no sense is a StoreError, and then
        nothing is written: its rows are read, and checked, before the
        transaction commits.
        """
        info = self._open_session(articles, create=True)
        assert info is not None, "a session is created when there is none"
        return info

    @_guarded
    def resume_session(self, articles: Sequence[Article]) -> SessionInfo | None:
        """The session of these articles if there is one, resumed as :meth:`open_session`
        resumes it; None, and nothing written, if there is none.

        What the reader calls on opening: a session is made by the reviewer's
        first verdict, note or link, not by looking at the articles.
        """
        return self._open_session(articles, create=False)

    def _open_session(self, articles: Sequence[Article], *, create: bool) -> SessionInfo | None:
        unique: dict[str, Article] = {}
        for article in articles:
            unique.setdefault(content_hash(article.text), article)
        if not unique:
            raise ValueError("a review session needs at least one article")
        key = session_key(list(unique))
        with self._write() as db:
            row = db.execute("SELECT id FROM sessions WHERE key = ?", (key,)).fetchone()
            if row is None and not create:
                return None
            session_id = row[0] if row else self._create_session(key)
            for position, (digest, article) in enumerate(unique.items()):
                db.execute("INSERT OR IGNORE INTO texts (hash, text) VALUES (?, ?)",
                           (digest, article.text))
                db.execute(
                    "INSERT INTO session_articles (session_id, position, hash, outlet, title, path)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, hash) DO UPDATE SET"
                    " outlet = excluded.outlet, title = excluded.title, path = excluded.path",
                    (session_id, position, digest, article.outlet, article.title,
                     str(article.path)))
            info = self._info(session_id)
            self._reviews(session_id)
            self._links(session_id)
        return info

    def _create_session(self, key: str) -> int:
        now = _now()
        cursor = self._db.execute(
            "INSERT INTO sessions (key, created, updated, touched)"
            " VALUES (?, ?, ?, (SELECT coalesce(max(touched), 0) + 1 FROM sessions))",
            (key, now, now))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _touch(self, session_id: int) -> None:
        """Mark the session as changed now: its ``updated`` and its place in :meth:`sessions`."""
        self._db.execute(
            "UPDATE sessions SET updated = ?,"
            " touched = (SELECT max(touched) + 1 FROM sessions) WHERE id = ?",
            (_now(), session_id))

    def _info(self, session_id: int) -> SessionInfo:
        row = self._db.execute("SELECT id, key, total, created, updated FROM sessions"
                               " WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise UnknownSession(f"no review session {session_id} in {self.path}")
        sid, key, total, created, updated = row
        where = f"session {sid}"
        if not isinstance(key, str) or not _HASH.fullmatch(key):
            raise self._bad_row(f"{where}: key {_shown(key)} is not a hash")
        if not (total is None or type(total) is int and total >= 0):
            raise self._bad_row(f"{where}: a passage count of {total!r}")
        self._check_time(created, f"{where} created")
        self._check_time(updated, f"{where} changed")
        verdicts = [target for (target,) in self._db.execute(
            "SELECT target FROM reviews WHERE session_id = ? AND verdict IS NOT NULL", (sid,))]
        progress = session_progress(self._views(sid).values(), verdicts, total)
        return SessionInfo(sid, key, self._articles(sid), progress.reviewed, progress.total,
                           created, updated)

    def _articles(self, session_id: int) -> tuple[SessionArticle, ...]:
        """The session's articles in order, each a row of text columns that hold text."""
        rows = self._db.execute(
            "SELECT a.hash, a.outlet, a.title, a.path, t.text FROM session_articles a"
            " LEFT JOIN texts t ON t.hash = a.hash WHERE a.session_id = ? ORDER BY a.position",
            (session_id,)).fetchall()
        for row in rows:
            if not all(isinstance(value, str) for value in row) or not _HASH.fullmatch(row[0]):
                raise self._bad_row(f"session {session_id}: an article whose hash, outlet, "
                                    "title, path or text is missing or no text")
        return tuple(SessionArticle(*row) for row in rows)

    def _texts(self, session_id: int) -> dict[str, str]:
        """The session's article texts by hash: what its targets and links must name."""
        return {a.hash: a.text for a in self._articles(session_id)}

    @_guarded
    def session(self, ref: str | int) -> SessionInfo:
        """The session numbered ``ref``, or whose key starts with ``ref`` (≥ 4 characters).

        A decimal string is an id when such a session exists, else a key prefix.
        """
        if isinstance(ref, int):
            return self._info(ref)
        text = ref.strip().lower()
        if text.isdecimal():
            row = self._db.execute("SELECT id FROM sessions WHERE id = ?", (int(text),)).fetchone()
            if row:
                return self._info(row[0])
        if len(text) < MIN_PREFIX:
            raise UnknownSession(f"no review session {ref!r} in {self.path} (a key prefix "
                                 f"needs at least {MIN_PREFIX} characters)")
        rows = self._db.execute("SELECT id FROM sessions WHERE substr(key, 1, ?) = ? LIMIT 2",
                                (len(text), text)).fetchall()
        if len(rows) != 1:
            problem = "is ambiguous: give more characters" if rows else "matches no session"
            raise UnknownSession(f"review session {ref!r} {problem} in {self.path}")
        return self._info(rows[0][0])

    @_guarded
    def sessions(self) -> list[SessionInfo]:
        """Every session, the most recently changed first."""
        ids = self._db.execute("SELECT id FROM sessions ORDER BY touched DESC").fetchall()
        return [self._info(sid) for (sid,) in ids]

    @_guarded
    def set_view(self, session_id: int, view: str, targets: Collection[str]) -> None:
        """Keep the target keys of one of the session's views (see
        :mod:`newsdiff.review.progress`), replacing those it had.  Not a change of the
        review: the session's last change and place in :meth:`sessions` stay."""
        with self._write() as db:
            self._require(session_id)
            db.execute("INSERT INTO views (session_id, view, targets) VALUES (?, ?, ?)"
                       " ON CONFLICT (session_id, view) DO UPDATE SET targets = excluded.targets",
                       (session_id, view, json.dumps(sorted(set(targets)))))

    @_guarded
    def views(self, session_id: int) -> dict[str, frozenset[str]]:
        """The session's views, each with its target keys."""
        self._require(session_id)
        return self._views(session_id)

    def _views(self, session_id: int) -> dict[str, frozenset[str]]:
        """The views kept for the session (none in a file of schema 1, read as it is), each
        checked: a name, and a JSON array of target keys."""
        if self.version < _VIEWS_SINCE:
            return {}
        views: dict[str, frozenset[str]] = {}
        for view, targets in self._db.execute(
                "SELECT view, targets FROM views WHERE session_id = ?", (session_id,)):
            try:
                keys = json.loads(targets) if isinstance(targets, str) else None
            except ValueError:
                keys = None
            if not isinstance(view, str) or not isinstance(keys, list) or not all(
                    isinstance(k, str) for k in keys):
                raise self._bad_row(f"session {session_id}: view {_shown(view)} with "
                                    f"targets {_shown(targets)}")
            views[view] = frozenset(keys)
        return views

    def _require(self, session_id: int) -> None:
        if not self._db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
            raise UnknownSession(f"no review session {session_id} in {self.path}")

    # -- reviews ----------------------------------------------------------------------------

    @_guarded
    def record(self, session_id: int, review: Review) -> Review:
        """Save the reviewer's word on ``review.target``, replacing any earlier one; committed
        when this returns.  Returns the Review as stored (``updated`` stamped now).

        A review with neither a verdict nor a note clears the target.  Recording
        what is already stored changes nothing (and adds no undo step).
        """
        _validate(review)
        key = review.target.key
        with self._write() as db:
            self._require(session_id)
            previous = db.execute(
                f"SELECT {_STATE} FROM reviews WHERE session_id = ? AND target = ?",
                (session_id, key)).fetchone()
            content = (review.kind, review.verdict, review.corrected, review.note)
            cleared = review.verdict is None and not review.note
            if (None if cleared else content) == (previous[1:5] if previous else None):
                return replace(review, updated=previous[5] if previous else "")
            self._push(session_id, "record", key, previous or (None,) * 6)
            stored = replace(review, updated=_now())
            seq = previous[0] if previous else self._next_seq(session_id)
            self._put(session_id, key, None if cleared else (seq, *content, stored.updated))
            self._touch(session_id)
        return stored

    def _push(self, session_id: int, action: str, target: str | None = None,
              state: Sequence[object] = (None,) * 6, link: str | None = None) -> None:
        """Put a step on the undo stack, after the redo stack is emptied: a new action after
        an undo makes what was undone a road not taken, as in every editor."""
        self._db.execute("DELETE FROM history WHERE session_id = ? AND undone = 1",
                         (session_id,))
        self._db.execute(f"INSERT INTO history (session_id, action, undone, target, {_STATE},"
                         " link) VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (session_id, action, target, *state, link))

    def _next_seq(self, session_id: int) -> int:
        return self._db.execute(
            "SELECT coalesce(max(seq), 0) + 1 FROM reviews WHERE session_id = ?",
            (session_id,)).fetchone()[0]

    def _put(self, session_id: int, key: str, state: tuple | None) -> None:
        """Set a target's stored state (the ``_STATE`` columns), or remove it (``None``)."""
        if state is None:
            self._db.execute("DELETE FROM reviews WHERE session_id = ? AND target = ?",
                             (session_id, key))
        else:
            self._db.execute(f"INSERT OR REPLACE INTO reviews (session_id, target, {_STATE})"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (session_id, key, *state))

    @_guarded
    def review(self, session_id: int, target: Target) -> Review | None:
        """The stored word on ``target``, or None."""
        self._require(session_id)
        row = self._db.execute(
            "SELECT target, kind, verdict, corrected, note, updated FROM reviews"
            " WHERE session_id = ? AND target = ?", (session_id, target.key)).fetchone()
        return self._review_from(row, session_id, self._texts(session_id)) if row else None

    @_guarded
    def reviews(self, session_id: int) -> list[Review]:
        """Every reviewed target's current state, in the order they were first reviewed."""
        return self._reviews(session_id)

    def _reviews(self, session_id: int) -> list[Review]:
        self._require(session_id)
        texts = self._texts(session_id)
        return [self._review_from(row, session_id, texts) for row in self._db.execute(
            "SELECT target, kind, verdict, corrected, note, updated FROM reviews"
            " WHERE session_id = ? ORDER BY seq", (session_id,)).fetchall()]

    def _review_from(self, row: tuple, session_id: int, texts: dict[str, str]) -> Review:
        """A stored review, checked: a known verdict and kind, text where text belongs, a
        real timestamp, and a target that names sentences of the session's articles."""
        key, kind, verdict, corrected, note, updated = row
        target = self._target_from(key, session_id, texts)
        where = f"session {session_id}, review of {_shown(key)}"
        if verdict is not None and verdict not in VERDICTS:
            raise self._bad_row(f"{where}: unknown verdict {_shown(verdict)}")
        if corrected is not None and corrected not in CORRECTED_KINDS:
            raise self._bad_row(f"{where}: unknown corrected kind {_shown(corrected)}")
        if not isinstance(kind, str) or not isinstance(note, str):
            raise self._bad_row(f"{where}: a kind or note that is no text")
        self._check_time(updated, where)
        return Review(target, kind, verdict, corrected, note, updated)

    def _target_from(self, key: object, session_id: int, texts: dict[str, str]) -> Target:
        """The target a stored key names, if it names sentences of the session's articles."""
        where = f"session {session_id}, review of {_shown(key)}"
        try:
            target = Target.from_key(key) if isinstance(key, str) else None
        except (TypeError, ValueError):
            target = None
        if target is None or len(target.spans) != len(target.articles) or not (
                target.kind == "pair" and len(target.articles) == 2
                or target.kind == "claim" and target.articles):
            raise self._bad_row(f"{where}: not a target")
        for digest, spans in zip(target.articles, target.spans):
            self._check_spans(digest, spans, texts, where)
        return target

    def _check_spans(self, digest: object, spans: tuple, texts: dict[str, str],
                     where: str) -> None:
        """That ``spans`` are sentences of the session's article ``digest``: ``[start, end)``
        pairs of whole numbers inside its text."""
        if not isinstance(digest, str) or digest not in texts:
            name = digest[:12] if isinstance(digest, str) else _shown(digest)
            raise self._bad_row(f"{where}: no article {name} in the session")
        length = len(texts[digest])
        if not all(len(span) == 2 and all(type(x) is int for x in span)
                   and 0 <= span[0] < span[1] <= length for span in spans):
            raise self._bad_row(f"{where}: spans {_shown(spans)} are not sentences of "
                                f"article {digest[:12]}")

    def _check_time(self, value: object, where: str) -> None:
        """That ``value`` is an ISO 8601 timestamp that can be shown in local time."""
        try:
            if not isinstance(value, str):
                raise TypeError(value)
            datetime.fromisoformat(value).astimezone()
        except (TypeError, ValueError, OverflowError, OSError) as e:
            raise self._bad_row(f"{where}: timestamp {_shown(value)}") from e

    @_guarded
    def undo(self, session_id: int) -> Step | None:
        """Take back the session's latest action (a :meth:`record`, :meth:`add_link` or
        :meth:`remove_link`); again, the one before.  Returns what was taken back, or None
        when there is nothing left to undo."""
        return self._take(session_id, undo=True)

    @_guarded
    def redo(self, session_id: int) -> Step | None:
        """Give again the action :meth:`undo` took back last; None when there is none (or
        a new action was made since the undo)."""
        return self._take(session_id, undo=False)

    def _take(self, session_id: int, *, undo: bool) -> Step | None:
        """Undo the top step of the undo stack, or redo the top of the redo stack: a record
        step swaps the state it holds with the target's (so the step can be taken the other
        way); a link step adds or removes its link.  The step moves to the other stack."""
        with self._write() as db:
            self._require(session_id)
            row = db.execute(
                f"SELECT id, action, target, {_STATE}, link FROM history"
                f" WHERE session_id = ? AND undone = ? ORDER BY id {'DESC' if undo else 'ASC'}"
                " LIMIT 1", (session_id, 0 if undo else 1)).fetchone()
            if row is None:
                return None
            step_id, action, key, *state, link_json = row
            texts = self._texts(session_id)
            if action == "record":
                target = self._target_from(key, session_id, texts)
                now = db.execute(f"SELECT {_STATE} FROM reviews WHERE session_id = ?"
                                 " AND target = ?", (session_id, key)).fetchone()
                self._put(session_id, key, None if state[0] is None else tuple(state))
                db.execute("UPDATE history SET seq = ?, kind = ?, verdict = ?, corrected = ?,"
                           " note = ?, updated = ? WHERE id = ?",
                           (*(now or (None,) * 6), step_id))
                step = Step("record", target=target)
            elif action in ("add_link", "remove_link"):
                link, link_id = self._step_link(link_json, session_id, texts, step_id)
                if (action == "add_link") != undo:  # the link comes back, in its place
                    taken = db.execute("SELECT 1 FROM links WHERE id = ?", (link_id,)).fetchone()
                    db.execute("INSERT OR IGNORE INTO links (id, session_id, a, b, a_spans,"
                               " b_spans, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                               (None if taken else link_id, session_id, *_link_key(link),
                                link.created))
                else:
                    db.execute("DELETE FROM links WHERE session_id = ? AND a = ? AND b = ?"
                               " AND a_spans = ? AND b_spans = ?",
                               (session_id, *_link_key(link)))
                step = Step(action, link=link)
            else:
                raise self._bad_row(f"session {session_id}, history step {step_id}: "
                                    f"unknown action {_shown(action)}")
            db.execute("UPDATE history SET undone = ? WHERE id = ?", (int(undo), step_id))
            self._touch(session_id)
        return step

    def _step_link(self, value: object, session_id: int, texts: dict[str, str],
                   step_id: int) -> tuple[ManualLink, int]:
        """The link a history step holds, checked as :meth:`links` checks a link, and the
        id it had among the links."""
        where = f"session {session_id}, history step {step_id}"
        try:
            a, b, a_spans, b_spans, created, link_id = json.loads(value)  # type: ignore[arg-type]
            ends = (tuple(tuple(x) for x in a_spans), tuple(tuple(x) for x in b_spans))
        except (TypeError, ValueError) as e:
            raise self._bad_row(f"{where}: link {_shown(value)}") from e
        self._check_spans(a, ends[0], texts, where)
        self._check_spans(b, ends[1], texts, where)
        self._check_time(created, where)
        if type(link_id) is not int:
            raise self._bad_row(f"{where}: link {_shown(value)}")
        return ManualLink(a, b, ends[0], ends[1], created), link_id

    # -- manual links -----------------------------------------------------------------------

    @_guarded
    def add_link(self, session_id: int, link: ManualLink) -> ManualLink:
        """Save a manual link; adding one already there changes nothing.  Returns it as
        stored (``created`` stamped when it was first added)."""
        with self._write() as db:
            self._require(session_id)
            added = db.execute("INSERT OR IGNORE INTO links (session_id, a, b, a_spans,"
                               " b_spans, created) VALUES (?, ?, ?, ?, ?, ?)",
                               (session_id, *_link_key(link), _now())).rowcount
            row = self._link_row(session_id, link)
            assert row is not None, "the link was there or was just added"
            link_id, created = row
            if added:
                self._push(session_id, "add_link", link=_step_json(link, created, link_id))
                self._touch(session_id)
        return replace(link, created=created)

    def _link_row(self, session_id: int, link: ManualLink) -> tuple[int, str] | None:
        """The id and stamp of the session's link with these articles and spans, if any."""
        return self._db.execute(
            "SELECT id, created FROM links WHERE session_id = ? AND a = ? AND b = ?"
            " AND a_spans = ? AND b_spans = ?", (session_id, *_link_key(link))).fetchone()

    @_guarded
    def remove_link(self, session_id: int, link: ManualLink) -> bool:
        """Remove the link with these articles and spans; True if there was one."""
        with self._write() as db:
            self._require(session_id)
            row = self._link_row(session_id, link)
            if row is not None:
                db.execute("DELETE FROM links WHERE id = ?", (row[0],))
                self._push(session_id, "remove_link", link=_step_json(link, row[1], row[0]))
                self._touch(session_id)
        return row is not None

    @_guarded
    def links(self, session_id: int) -> list[ManualLink]:
        """The session's manual links, in the order they were made, each checked: its two
        ends sentences of the session's articles, its stamp a real timestamp."""
        return self._links(session_id)

    def _links(self, session_id: int) -> list[ManualLink]:
        self._require(session_id)
        texts = self._texts(session_id)
        links = []
        for a, b, a_spans, b_spans, created in self._db.execute(
                "SELECT a, b, a_spans, b_spans, created FROM links WHERE session_id = ?"
                " ORDER BY id", (session_id,)).fetchall():
            where = f"session {session_id}, link of {_shown(a)} and {_shown(b)}"
            ends = []
            for digest, spans in ((a, a_spans), (b, b_spans)):
                try:
                    ends.append(tuple(tuple(s) for s in json.loads(spans)))
                except (TypeError, ValueError) as e:
                    raise self._bad_row(f"{where}: spans {_shown(spans)}") from e
                self._check_spans(digest, ends[-1], texts, where)
            self._check_time(created, where)
            links.append(ManualLink(a, b, ends[0], ends[1], created))
        return links


def _shown(value: object) -> str:
    """A stored value as a message quotes it: its repr, cut to a few dozen characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "\u2026"


def _validate(review: Review) -> None:
    """Catch a caller's bug before it is saved for good: only known verdicts and kinds."""
    if review.verdict is not None and review.verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {review.verdict!r}; expected one of {VERDICTS}")
    if review.corrected is not None and review.corrected not in CORRECTED_KINDS:
        raise ValueError(f"unknown corrected kind {review.corrected!r}; "
                         f"expected one of {CORRECTED_KINDS}")


def _link_key(link: ManualLink) -> tuple[str, str, str, str]:
    """What identifies a link: its articles and spans, as stored."""
    return link.a, link.b, _spans_json(link.a_spans), _spans_json(link.b_spans)


def _step_json(link: ManualLink, created: str, link_id: int) -> str:
    """A link as a history step holds it: its ends, its stamp and its id among the links."""
    return json.dumps([link.a, link.b, [list(x) for x in link.a_spans],
                       [list(x) for x in link.b_spans], created, link_id],
                      separators=(",", ":"))
