"""``newsdiff corpus``: the command around corpus mode (the mode itself: tests/corpus)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsdiff.cli import CORPUS_EXTRA
from tests.cli.support import SEEDS, assert_one_line_error, run


def _corpus(tmp_path):
    path = tmp_path / "news.jsonl"
    rows = [{"id": f"a{n}", "series": f"outlet {n}", "text": Path(seed).read_text(encoding="utf-8")}
            for n, seed in enumerate(SEEDS)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "not json\n",
                    encoding="utf-8")
    return path


def test_corpus_writes_the_tables_and_sums_up(tmp_path):
    result = run("corpus", str(_corpus(tmp_path)), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    read, stories, tables = result.stdout.splitlines()
    assert read == "5 articles read, 1 rejected (1 broken JSON: expecting value; see rejects.jsonl)"
    assert stories.startswith("1 story, 1 with more than one article compared, ")
    assert tables.startswith(f"tables (parquet) in {tmp_path / 'out'}, in ")
    for table in ("articles", "stories", "alignments", "divergences", "quotes", "reuse"):
        assert (tmp_path / "out" / f"{table}.parquet").is_file()


def test_corpus_without_its_extra_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "rensa", None)  # as if never installed
    result = run("corpus", str(_corpus(tmp_path)), "--out", str(tmp_path / "out"))
    assert_one_line_error(result, CORPUS_EXTRA)


def test_corpus_of_a_missing_input_is_one_line(tmp_path):
    result = run("corpus", str(tmp_path / "nowhere.jsonl"), "--out", str(tmp_path / "out"))
    assert_one_line_error(result, "nowhere.jsonl")


def test_corpus_with_an_unknown_field_is_one_line(tmp_path):
    result = run("corpus", str(_corpus(tmp_path)), "--out", str(tmp_path / "out"),
                 "--field", "body=text")
    assert_one_line_error(result, "body")


def test_corpus_is_in_the_help():
    result = run("--help")
    assert result.exit_code == 0 and "corpus" in result.stdout


def test_corpus_on_a_scheduler_that_does_not_answer_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr("newsdiff.run.dask_cluster.CONNECT_SECONDS", 1)
    result = run("corpus", str(_corpus(tmp_path)), "--out", str(tmp_path / "out"),
                 "--scheduler", "tcp://127.0.0.1:9")
    assert_one_line_error(result, "cannot reach a Dask scheduler")


def test_read_on_a_corpus_output_needs_a_terminal_like_any_reading(tmp_path):
    out = tmp_path / "out"
    assert run("corpus", str(_corpus(tmp_path)), "--out", str(out)).exit_code == 0
    assert_one_line_error(run("read", str(out)), "read needs a terminal")


def test_read_on_a_corpus_output_opens_its_stories(tmp_path, monkeypatch):
    from tests.cli.support import at_a_terminal

    out = tmp_path / "out"
    assert run("corpus", str(_corpus(tmp_path)), "--out", str(out)).exit_code == 0
    at_a_terminal(monkeypatch)
    opened = []
    monkeypatch.setattr("newsdiff.cli._open_reader",
                        lambda paths=None, db_path=None, corpus=None: opened.append(corpus))
    assert run("read", str(out)).exit_code == 0
    assert opened == [out]
