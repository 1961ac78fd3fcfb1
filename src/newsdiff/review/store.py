"""The review store: sessions, verdicts, notes and manual links in one SQLite file.

A reviewer's work must never be lost and must resume where they left it, so:

- **Every write is its own committed transaction** before the method returns;
  there is no "save".  Read-modify-write steps (a verdict and its undo
  history) run under ``BEGIN IMMEDIATE``, so two processes on one database
  serialise instead of interleaving, and ``busy_timeout`` lets the loser wait
  rather than fail.
- **WAL journal, ``synchronous=FULL``.**  In WAL mode ``NORMAL`` already
  survives a killed process, but not a power cut or an OS crash: the last
  verdicts could vanish.  ``FULL`` costs one fsync of the WAL per verdict,
  a few milliseconds at human typing speed, which is the cheapest "never
  lost" there is.
- **The file is checked before it is written to.**  A file that is not an
  SQLite database, an SQLite database of another program, or a newsdiff
  database from a newer version is refused with :class:`StoreError` and left
  byte for byte as it was: the store never overwrites or "repairs" a user's file.
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
another path resumes the session.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
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
    Target,
    content_hash,
    session_key,
)
from newsdiff.values import Article
from newsdiff.values.errors import InputError

#: Environment variable naming the database instead of the platform's default.
ENV_VAR = "NEWSDIFF_DB"
#: How long a write waits for another process's transaction before giving up.
BUSY_TIMEOUT_S = 5.0
#: ``PRAGMA application_id`` of a newsdiff database ("NDIF"): how we tell our files apart.
APPLICATION_ID = 0x4E444946
#: The first bytes of every SQLite 3 database file.
_SQLITE_HEADER = b"SQLite format 3\x00"
#: A session key prefix shorter than this is too likely to be ambiguous to accept.
MIN_PREFIX = 4

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
)

#: The columns of a review's state, in the order of ``reviews`` and ``history``.
_STATE = "seq, kind, verdict, corrected, note, updated"


class StoreError(InputError):
    """The review database cannot be used: not a newsdiff database, a newer schema,
    unreadable, locked too long…  One line, naming the file."""


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


def _spans_from(text: str) -> Spans:
    return tuple(tuple(s) for s in json.loads(text))


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite gave up waiting for another connection's lock."""
    return "locked" in str(error) or "busy" in str(error)


def _check_file(path: Path) -> None:
    """Refuse, before SQLite opens it, a path that cannot be or is not an SQLite database.

    A missing or empty file becomes a new database; anything else must start
    with SQLite's header, so a text file or random bytes are never written to.
    """
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a review database")
    try:
        with path.open("rb") as f:
            head = f.read(len(_SQLITE_HEADER))
    except FileNotFoundError:
        head = b""
    except OSError as e:
        raise StoreError(f"cannot read {path}: {e.strerror or _one_line(e)}") from e
    if head and head != _SQLITE_HEADER:
        raise StoreError(f"{path} is not a newsdiff review database (not an SQLite file)")


P = ParamSpec("P")
R = TypeVar("R")


def _guarded(
    method: Callable[Concatenate[ReviewStore, P], R],
) -> Callable[Concatenate[ReviewStore, P], R]:
    """Run a public method under the store's lock, with SQLite errors as one-line StoreErrors."""

    @functools.wraps(method)
    def wrapper(self: ReviewStore, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.Error as e:
                raise StoreError(self._describe(e)) from e

    return wrapper


class ReviewStore:
    """The review database at ``path`` (default :func:`default_db_path`).

    Opening creates the folder and the database if needed and upgrades an
    older schema.  Every method that changes something has committed it when
    it returns.  Safe to share between threads; safe to open from several
    processes at once.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = default_db_path() if path is None else Path(path).expanduser()
        self._lock = threading.RLock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the folder {self.path.parent}: "
                             f"{e.strerror or _one_line(e)}") from e
        _check_file(self.path)
        try:
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                       check_same_thread=False)
        except sqlite3.Error as e:
            raise StoreError(self._describe(e)) from e
        try:
            self._prepare()
        except BaseException:
            self._db.close()
            raise

    @_guarded
    def _prepare(self) -> None:
        """Identify the file, then switch to WAL and migrate; nothing is written to a foreign file.

        The file is identified twice: before anything is written (switching to
        WAL rewrites the header) and again inside the migration's transaction,
        in case another process created the schema meanwhile.
        """
        self._schema_version()
        self._use_wal()
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        with self._write():
            for version in range(self._schema_version(), len(MIGRATIONS)):
                for statement in MIGRATIONS[version]:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {version + 1}")
                self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _schema_version(self) -> int:
        """The file's schema version (0: an empty database); StoreError if it is not ours
        or newer than this code.

        One statement, so one snapshot: read apart, another process's migration
        could commit in between and its tables look like another program's.
        """
        app_id, version, tables = self._db.execute(
            "SELECT (SELECT application_id FROM pragma_application_id),"
            " (SELECT user_version FROM pragma_user_version),"
            " (SELECT count(*) FROM sqlite_master)").fetchone()
        if app_id != APPLICATION_ID:
            if app_id or tables:
                raise StoreError(f"{self.path} is not a newsdiff review database "
                                 "(an SQLite database of another program)")
            return 0
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path} was written by a newer newsdiff (schema {version}, "
                             f"this one knows {len(MIGRATIONS)}); upgrade newsdiff to open it")
        return version

    def _use_wal(self) -> None:
        """Switch the file to WAL (once: the mode is kept in the file), waiting for other writers.

        SQLite does not apply the busy timeout to this switch: while another
        connection holds a write lock on a file not yet in WAL mode (another
        process creating the database at the same moment), it refuses at once.
        So retry until the timeout, as any other write would wait.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            try:
                if self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal":
                    return
            except sqlite3.OperationalError as e:
                if not _is_busy(e):
                    raise
            if time.monotonic() > deadline:
                raise StoreError(self._locked_message())
            time.sleep(0.01)

    def _locked_message(self) -> str:
        return (f"{self.path} is locked by another process (waited {BUSY_TIMEOUT_S:g} s); "
                "try again when it has finished")

    def _describe(self, error: sqlite3.Error) -> str:
        """One line for the user, naming the file and saying what to do where we can."""
        message = _one_line(error)
        if _is_busy(error):
            return self._locked_message()
        if "malformed" in message or "not a database" in message:
            return f"{self.path} is damaged ({message}); it was left as it is"
        return f"{self.path}: {message}"

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction, taken at once (``BEGIN IMMEDIATE``) so that what it reads
        cannot change before it writes; committed on success, rolled back on any error."""
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
        are now.  A different set of articles is a different session.
        """
        unique: dict[str, Article] = {}
        for article in articles:
            unique.setdefault(content_hash(article.text), article)
        if not unique:
            raise ValueError("a review session needs at least one article")
        key = session_key(list(unique))
        with self._write() as db:
            row = db.execute("SELECT id FROM sessions WHERE key = ?", (key,)).fetchone()
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
        return self._info(session_id)

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
        row = self._db.execute(
            "SELECT id, key, total, created, updated,"
            " (SELECT count(*) FROM reviews WHERE session_id = s.id AND verdict IS NOT NULL)"
            " FROM sessions s WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise UnknownSession(f"no review session {session_id} in {self.path}")
        sid, key, total, created, updated, reviewed = row
        articles = tuple(SessionArticle(*r) for r in self._db.execute(
            "SELECT a.hash, a.outlet, a.title, a.path, t.text FROM session_articles a"
            " JOIN texts t ON t.hash = a.hash WHERE a.session_id = ? ORDER BY a.position",
            (sid,)))
        return SessionInfo(sid, key, articles, reviewed, total, created, updated)

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
    def set_total(self, session_id: int, total: int) -> None:
        """Remember how many passages the reviewer's view has, for "12 of 40"."""
        if total < 0:
            raise ValueError(f"a passage count cannot be negative: {total}")
        with self._write() as db:
            if not db.execute("UPDATE sessions SET total = ? WHERE id = ?",
                              (total, session_id)).rowcount:
                raise UnknownSession(f"no review session {session_id} in {self.path}")

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
            db.execute(f"INSERT INTO history (session_id, target, {_STATE})"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (session_id, key, *(previous or (None,) * 6)))
            stored = replace(review, updated=_now())
            seq = previous[0] if previous else self._next_seq(session_id)
            self._put(session_id, key, None if cleared else (seq, *content, stored.updated))
            self._touch(session_id)
        return stored

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
        return _review_from(row) if row else None

    @_guarded
    def reviews(self, session_id: int) -> list[Review]:
        """Every reviewed target's current state, in the order they were first reviewed."""
        self._require(session_id)
        return [_review_from(row) for row in self._db.execute(
            "SELECT target, kind, verdict, corrected, note, updated FROM reviews"
            " WHERE session_id = ? ORDER BY seq", (session_id,))]

    @_guarded
    def undo(self, session_id: int) -> Target | None:
        """Revert the session's latest :meth:`record`; again, the one before.  Returns the
        target put back, or None when there is nothing left to undo."""
        with self._write() as db:
            self._require(session_id)
            row = db.execute(f"SELECT id, target, {_STATE} FROM history WHERE session_id = ?"
                             " ORDER BY id DESC LIMIT 1", (session_id,)).fetchone()
            if row is None:
                return None
            history_id, key, *state = row
            db.execute("DELETE FROM history WHERE id = ?", (history_id,))
            self._put(session_id, key, None if state[0] is None else tuple(state))
            self._touch(session_id)
        return Target.from_key(key)

    # -- manual links -----------------------------------------------------------------------

    @_guarded
    def add_link(self, session_id: int, link: ManualLink) -> ManualLink:
        """Save a manual link; adding one already there changes nothing.  Returns it as
        stored (``created`` stamped when it was first added)."""
        with self._write() as db:
            self._require(session_id)
            if db.execute("INSERT OR IGNORE INTO links (session_id, a, b, a_spans, b_spans,"
                          " created) VALUES (?, ?, ?, ?, ?, ?)",
                          (session_id, *_link_key(link), _now())).rowcount:
                self._touch(session_id)
            (created,) = db.execute(
                "SELECT created FROM links WHERE session_id = ? AND a = ? AND b = ?"
                " AND a_spans = ? AND b_spans = ?", (session_id, *_link_key(link))).fetchone()
        return replace(link, created=created)

    @_guarded
    def remove_link(self, session_id: int, link: ManualLink) -> bool:
        """Remove the link with these articles and spans; True if there was one."""
        with self._write() as db:
            self._require(session_id)
            removed = db.execute("DELETE FROM links WHERE session_id = ? AND a = ? AND b = ?"
                                 " AND a_spans = ? AND b_spans = ?",
                                 (session_id, *_link_key(link))).rowcount > 0
            if removed:
                self._touch(session_id)
        return removed

    @_guarded
    def links(self, session_id: int) -> list[ManualLink]:
        """The session's manual links, in the order they were made."""
        self._require(session_id)
        return [ManualLink(a, b, _spans_from(a_spans), _spans_from(b_spans), created)
                for a, b, a_spans, b_spans, created in self._db.execute(
                    "SELECT a, b, a_spans, b_spans, created FROM links WHERE session_id = ?"
                    " ORDER BY id", (session_id,))]


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


def _review_from(row: tuple) -> Review:
    target, kind, verdict, corrected, note, updated = row
    return Review(Target.from_key(target), kind, verdict, corrected, note, updated)
