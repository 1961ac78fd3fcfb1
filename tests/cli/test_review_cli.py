"""``newsdiff review list|export`` and ``newsdiff read --db`` end to end, on real databases."""

import json
import os
import re
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from newsdiff.cli import app, review_app
from newsdiff.review.model import Review, Target, content_hash
from newsdiff.review.progress import pair_view
from newsdiff.review.store import ReviewStore
from tests.builders import make_article
from tests.cli.support import at_a_terminal

runner = CliRunner()

POST = make_article(["Sessions met the ambassador twice.", "The meetings were not disclosed."],
                    outlet="Post", path="post.txt")
WIRE = make_article(["Sessions met the ambassador three times.", "Nobody disclosed them."],
                    outlet="Wire", path="wire.txt")
TIMES = make_article(["Franken asked about contacts."], outlet="Times", path="times.txt")


def review(*args, env=None):
    return runner.invoke(review_app, list(args), env=env)


def assert_one_line_error(result, *fragments):
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("newsdiff: ") and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in line


def verdict(store, session_id, a, b, verdict="accepted", note=""):
    """Record a verdict on the pair of sentence 0 of ``a`` and sentence 0 of ``b``."""
    spans = tuple(((x.sentences[0].start, x.sentences[0].end),) for x in (a, b))
    target = Target("pair", (content_hash(a.text), content_hash(b.text)), spans)
    store.record(session_id, Review(target, "divergent", verdict, note=note))


@pytest.fixture
def db(tmp_path):
    """A database with two sessions: 1 (Post, Wire; 1 of 5, changed last) and 2 (Post, Times;
    nothing reviewed)."""
    path = tmp_path / "reviews.sqlite3"
    with ReviewStore(path, writable=True) as store:
        first = store.open_session([POST, WIRE])
        store.open_session([POST, TIMES])
        verdict(store, first.id, POST, WIRE, note="Count differs.")
        # The reader's view of the pair: five passages, the reviewed one among them.
        hashes = (content_hash(POST.text), content_hash(WIRE.text))
        store.set_view(first.id, pair_view(*hashes),
                       [store.reviews(first.id)[0].target.key,
                        *(Target("pair", hashes, (((0, n),), ())).key for n in range(1, 5))])
    return path


# --- list ---------------------------------------------------------------------------


def test_list_without_a_database_says_so_and_creates_none(tmp_path):
    path = tmp_path / "none.sqlite3"
    result = review("list", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("No review sessions yet in ") and str(path) in result.stdout
    assert not path.exists()


def test_list_of_an_empty_database(tmp_path):
    path = tmp_path / "empty.sqlite3"
    ReviewStore(path, writable=True).close()
    result = review("list", "--db", str(path))
    assert result.exit_code == 0 and result.stdout.startswith("No review sessions yet")


def test_list_shows_sessions_most_recently_changed_first(db):
    result = review("list", "--db", str(db))
    assert result.exit_code == 0, result.output
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["session", "key", "articles", "progress", "last", "change"]
    with ReviewStore(db) as store:
        keys = {s.id: s.key[:8] for s in store.sessions()}
    assert re.match(rf"\s*1\s+{keys[1]}\s+Post, Wire\s+1 of 5\s+\d{{4}}-\d\d-\d\d \d\d:\d\d", rows[0])
    assert re.match(rf"\s*2\s+{keys[2]}\s+Post, Times\s+0\s+\d{{4}}-", rows[1])
    assert len(rows) == 2 and "\u2500" not in result.stdout  # plain columns in a pipe


def test_list_in_a_terminal_is_a_table_and_outlets_are_printable(db):
    from dataclasses import replace

    from newsdiff.review.listing import articles_summary, render_sessions

    with ReviewStore(db) as store:
        sessions = store.sessions()
    table = render_sessions(sessions, width=100, terminal=True, color=False)
    assert "\u2500" * 20 in table and "Post, Wire" in table
    hostile = replace(sessions[0].articles[0], outlet="[bold]Evil\x1b[2J " + "x" * 60)
    summary = articles_summary(replace(sessions[0], articles=(hostile,)))
    assert summary.startswith("[bold]Evil\\x1b[2J x") and summary.endswith("\u2026")
    assert len(summary) == 48


def test_list_reads_the_database_named_by_the_environment(db):
    result = review("list", env={"NEWSDIFF_DB": str(db)})
    assert result.exit_code == 0 and "Post, Wire" in result.stdout


# --- export -------------------------------------------------------------------------


def test_export_defaults_to_the_most_recently_changed_session(db):
    result = review("export", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("newsdiff: exporting session 1 (Post, Wire)")
    md = result.stdout
    assert md.startswith("# newsdiff review: session 1\n")
    assert "Sessions met the ambassador ~~twice~~ **three times**" in md
    assert "- **Note**: Count differs." in md and "accepted" in md


@pytest.mark.parametrize("ref", ["1", "key"])
def test_export_by_id_or_key_prefix(db, ref):
    with ReviewStore(db) as store:
        key = store.session(1).key
    result = review("export", key[:8] if ref == "key" else ref, "-f", "json", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["session"]["id"] == 1 and data["session"]["key"] == key
    assert [a["text"] for a in data["articles"]] == [POST.text, WIRE.text]
    [r] = data["reviews"]
    assert r["note"] == "Count differs." and r["passages"][1]["text"] == WIRE.sentences[0].text


def test_export_writes_the_output_file(db, tmp_path):
    out = tmp_path / "report.html"
    result = review("export", "1", "--format", "html", "--output", str(out), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<del>twice</del>" in page


def test_export_of_a_session_with_no_verdicts_says_so(db, tmp_path):
    out = tmp_path / "report.md"
    result = review("export", "2", "--output", str(out), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and not out.exists()
    assert result.stderr == "newsdiff: session 2 has no verdicts, notes or links yet; " \
                            "nothing to export\n"


def test_export_without_any_session_says_so(tmp_path):
    result = review("export", "--db", str(tmp_path / "none.sqlite3"))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.startswith("newsdiff: no review sessions yet in ")


@pytest.mark.parametrize("ref", ["99", "ffffffff", "ab"])
def test_export_of_an_unknown_session_is_a_one_line_error(db, ref):
    assert_one_line_error(review("export", ref, "--db", str(db)), repr(ref))


def test_export_of_a_session_in_a_missing_database_is_a_one_line_error(tmp_path):
    path = tmp_path / "none.sqlite3"
    assert_one_line_error(review("export", "1", "--db", str(path)), "does not exist")
    assert not path.exists()


@pytest.mark.parametrize("command", [["list"], ["export"], ["export", "1"]])
def test_a_file_that_is_not_a_database_is_a_one_line_error_and_left_alone(tmp_path, command):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"my notes, not a database\n")
    assert_one_line_error(review(*command, "--db", str(path)), "not a newsdiff review database")
    assert path.read_bytes() == b"my notes, not a database\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_unwritable_output_is_a_one_line_error(db, tmp_path):
    result = review("export", "--output", str(tmp_path / "no" / "such" / "dir.md"), "--db", str(db))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith("newsdiff: cannot write ")


@pytest.mark.parametrize("args, fragment", [
    ([], "missing command: list or export"),
    (["export", "--format", "pdf"], "--format"),
    (["remove"], "remove"),
])
def test_usage_errors_are_one_line(args, fragment):
    assert_one_line_error(review(*args), fragment)


# --- dispatch, read --db and start-up -----------------------------------------------


def test_main_runs_review_as_a_command_of_newsdiff(monkeypatch, tmp_path, capsys):
    from newsdiff import cli

    db = tmp_path / "none.sqlite3"
    monkeypatch.setattr(cli.sys, "argv", ["newsdiff", "review", "list", "--db", str(db)])
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith(f"No review sessions yet in {db};")
    assert not db.exists()


def test_read_passes_the_database_to_the_reader(monkeypatch, tmp_path):
    import newsdiff.tui.app

    opened = []

    class Reader:
        def __init__(self, paths, **options):
            opened.append((paths, options))

        def run(self):
            pass

    monkeypatch.setattr(newsdiff.tui.app, "NewsdiffApp", Reader)
    at_a_terminal(monkeypatch)
    article = tmp_path / "a.txt"
    article.write_text("Text.\n")
    result = runner.invoke(app, ["read", str(article), "--db", str(tmp_path / "r.sqlite3")])
    assert result.exit_code == 0, result.output
    assert opened == [([str(article)], {"db_path": tmp_path / "r.sqlite3", "corpus": None})]
    runner.invoke(app, ["read", str(article)])
    assert opened[1] == ([str(article)], {"db_path": None, "corpus": None})
    runner.invoke(app, ["read", "--db", str(tmp_path / "r.sqlite3")])  # no path: the sample story
    assert opened[2] == ([], {"db_path": tmp_path / "r.sqlite3", "corpus": None})


def test_cli_imports_neither_the_store_nor_sqlite():
    code = ("import newsdiff.cli, sys; "
            "assert 'sqlite3' not in sys.modules and 'newsdiff.review.store' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_python_dash_m_review_list(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "newsdiff", "review", "list", "--db", str(tmp_path / "x.sqlite3")],
        check=False, capture_output=True, text=True,
    )
    assert done.returncode == 0 and done.stdout.startswith("No review sessions yet")


# --- reading only, and what another program wrote ------------------------------------


def _state(path):
    """A file's bytes (hashed), size and time, and the files beside it."""
    import hashlib

    stat = path.stat()
    return (hashlib.sha256(path.read_bytes()).hexdigest(), stat.st_size, stat.st_mtime_ns,
            sorted(p.name for p in path.parent.iterdir()))


@pytest.mark.parametrize("command", [["list"], ["export"], ["export", "1", "-f", "html"]])
def test_list_and_export_only_read_the_database(db, command):
    before = _state(db)
    result = review(*command, "--db", str(db))
    assert result.exit_code == 0, result.output
    assert _state(db) == before            # no WAL switch, no migration, no -wal or -shm


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root ignores a folder's permissions")
def test_list_and_export_work_in_a_read_only_folder(db):
    db.parent.chmod(0o555)
    try:
        listed = review("list", "--db", str(db))
        exported = review("export", "1", "--db", str(db))
    finally:
        db.parent.chmod(0o700)
    assert listed.exit_code == 0 and "Post, Wire" in listed.stdout, listed.output
    assert exported.exit_code == 0 and "Count differs." in exported.stdout, exported.output


def test_another_programs_database_is_a_one_line_error_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA user_version = 7")   # an identity, and no table yet
    raw.close()
    before = _state(path)
    for command in (["list"], ["export"]):
        assert_one_line_error(review(*command, "--db", str(path)), "another program")
    assert _state(path) == before


@pytest.mark.parametrize("column, value, words", [
    ("verdict", "maybe", "unknown verdict 'maybe'"),
    ("updated", "not a time", "timestamp 'not a time'"),
    ("target", '["pair",["' + "0" * 64 + '"],[[]]]', "not a target"),
])
@pytest.mark.parametrize("command", [["list"], ["export", "1"], ["export", "1", "-f", "html"]])
def test_a_bad_row_is_a_one_line_error(db, column, value, words, command):
    raw = sqlite3.connect(db)
    raw.execute(f"UPDATE reviews SET {column} = ?", (value,))
    raw.commit()
    raw.close()
    if command == ["list"]:        # lists only sessions: a bad review row does not stop it
        assert review(*command, "--db", str(db)).exit_code == 0
        return
    assert_one_line_error(review(*command, "--db", str(db)), "cannot read", words)


def test_a_dangling_link_is_a_one_line_error(db):
    raw = sqlite3.connect(db)
    (b,) = raw.execute("SELECT hash FROM session_articles WHERE session_id = 1 AND position = 1")
    raw.execute("INSERT INTO links (session_id, a, b, a_spans, b_spans, created)"
                " VALUES (1, ?, ?, '[[0,5]]', '[[0,5]]', '2025-03-02T14:05:00Z')",
                ("f" * 64, b[0]))
    raw.commit()
    raw.close()
    assert_one_line_error(review("export", "1", "--db", str(db)), "cannot read", "no article")


def test_a_bad_session_row_is_a_one_line_error_for_list_too(db):
    raw = sqlite3.connect(db)
    raw.execute("UPDATE sessions SET updated = 'soon' WHERE id = 2")
    raw.commit()
    raw.close()
    assert_one_line_error(review("list", "--db", str(db)), "cannot read", "timestamp 'soon'")
