"""Corpus mode end to end: stories found, tables written, a killed run resumed."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from newsdiff import corpus
from newsdiff.corpus import pipeline
from newsdiff.corpus.tables import SCHEMA
from newsdiff.resources import sample_story
from newsdiff.run.inprocess import InProcess
from newsdiff.values import InputError

#: Two short stories of their own, each told by two outlets, neither like the sample story.
_OTHER_STORIES = [
    ("Flood closes the Danube ferry at Vukovar",
     ("The Danube ferry at Vukovar stopped running on Tuesday after the river rose two metres. "
      "Ferry operator Ivan Horvat said crossings would resume once the water fell. "
      "Farmers on the Serbian bank said their tractors could not reach the fields.")),
    ("Vukovar ferry halted as Danube floods",
     ("Floodwater on the Danube halted the Vukovar ferry on Tuesday, its operator Ivan Horvat "
      "said. The river rose two metres overnight. Crossings will resume when the water falls, "
      "Horvat said, while farmers on the Serbian bank wait to reach their fields.")),
    ("Orchestra names Mirela Tanase chief conductor",
     ("The Transylvania State Philharmonic named Mirela Tanase its chief conductor on Friday. "
      "Tanase, 41, will lead the orchestra's season opening in Cluj with Enescu's first "
      "Romanian Rhapsody. She succeeds a conductor who held the post for twelve years.")),
    ("Tanase to lead Transylvania Philharmonic",
     ("Mirela Tanase, 41, becomes chief conductor of the Transylvania State Philharmonic, the "
      "orchestra said on Friday. She opens the season in Cluj with Enescu's first Romanian "
      "Rhapsody, succeeding a conductor of twelve years.")),
]


def _sample_rows() -> list[dict]:
    """The sample story's five articles and a reprint of the first, as passim's rows."""
    rows = [{"id": p.stem, "series": f"outlet-{n}", "text": p.read_text(encoding="utf-8"),
             "date": "2017-03-02"} for n, p in enumerate(sample_story())]
    return [*rows, {**rows[0], "id": "reprint", "series": "reprinter", "date": "2017-03-03"}]


def _write_corpus(path: Path, extra_lines: list[str] = ()) -> Path:
    """The sample story's rows and the four others as JSON lines (passim's fields), then
    ``extra_lines``."""
    rows = _sample_rows() + [
        {"id": f"other-{n}", "series": f"other-{n % 2}", "title": title, "text": text,
         "date": "2019-05-10"} for n, (title, text) in enumerate(_OTHER_STORIES)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "".join(
        line + "\n" for line in extra_lines), encoding="utf-8")
    return path


def _run(tmp_path: Path, inputs: list[Path], out: str = "out", **options) -> pipeline.Summary:
    return pipeline.run(pipeline.Options(tuple(map(str, inputs)), tmp_path / out, **options),
                        InProcess())


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """One run over the test corpus, its tables loaded."""
    tmp = tmp_path_factory.mktemp("corpus")
    source = _write_corpus(tmp / "news.jsonl", ['{"id": "broken', '{"id": "x", "text": " "}'])
    summary = _run(tmp, [source], partition_size=4)
    return summary, corpus.load(tmp / "out")


def _stories(tables) -> list[set[str]]:
    groups = tables.articles.groupby("story_id")["article_id"].apply(set)
    return sorted(groups, key=min)


def test_the_articles_are_grouped_by_the_story_they_tell(finished):
    _, tables = finished
    sample = {p.stem for p in sample_story()} | {"reprint"}
    assert _stories(tables) == sorted([{"other-0", "other-1"}, {"other-2", "other-3"}, sample],
                                      key=min)


def test_a_reprint_is_a_near_copy_and_a_reuse_edge_by_date(finished):
    _, tables = finished
    first = sample_story()[0].stem
    copy = tables.articles.set_index("article_id").loc["reprint"]
    assert copy["near_copy_of"] == first
    edge = tables.reuse.set_index("copy_id").loc["reprint"]
    assert (edge["source_id"], edge["direction"], edge["share"]) == (first, "by date", 1.0)


def test_each_story_is_compared_as_the_story_view_compares_it(finished):
    _, tables = finished
    from newsdiff.corpus.records import Record
    from newsdiff.engine.story import compare_story

    records = [Record(r["id"], r["series"], r["text"], r["date"]) for r in _sample_rows()]
    story = compare_story([r.article() for r in records])
    sid = tables.articles.set_index("article_id").loc["reprint", "story_id"]
    row = tables.stories.set_index("story_id").loc[sid]
    assert (row["articles"], row["compared_articles"]) == (6, 6)
    assert (row["claims"], row["divergences"]) == (len(story.claims), len(story.divergences))
    values = tables.divergences[tables.divergences.story_id == sid]
    assert sorted(zip(values["type"], values["article_id"], values["value"], strict=True)) == \
        sorted((d.type, records[a].id, v) for d in story.divergences for a, v in d.values)


def test_every_table_has_its_schema_columns(finished):
    _, tables = finished
    for name, schema in SCHEMA.items():
        assert list(getattr(tables, name).columns) == schema.names, name


def test_rejects_are_written_and_counted(finished):
    summary, tables = finished
    assert summary.rejects == {"broken JSON: invalid control character": 1, "no text": 1}
    assert sorted(tables.rejects["reason"]) == sorted(summary.rejects.elements())
    assert summary.articles == 10


def test_a_repeated_id_is_a_reject(tmp_path):
    source = _write_corpus(tmp_path / "news.jsonl",
                           [json.dumps({"id": "other-0", "text": "Another text entirely."})])
    summary = _run(tmp_path, [source])
    assert summary.rejects == {pipeline.DUPLICATE_ID: 1}


def test_a_date_window_keeps_distant_tellings_apart(tmp_path):
    source = tmp_path / "news.jsonl"
    rows = [{"id": f"o{n}", "series": f"s{n}", "title": t, "text": x, "date": d}
            for n, ((t, x), d) in enumerate(zip(_OTHER_STORIES[:2],
                                                ["2019-05-10", "2019-09-10"], strict=True))]
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    _run(tmp_path, [source], "near", window=7)
    _run(tmp_path, [source], "any")
    assert len(_stories(corpus.load(tmp_path / "near"))) == 2
    assert len(_stories(corpus.load(tmp_path / "any"))) == 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_the_other_formats_hold_the_same_tables(finished, tmp_path, fmt):
    _, parquet = finished
    source = _write_corpus(tmp_path / "news.jsonl", ['{"id": "broken', '{"id": "x", "text": " "}'])
    _run(tmp_path, [source], partition_size=4, format=fmt)
    other = corpus.load(tmp_path / "out")
    for name in ("articles", "stories", "divergences"):
        mine, theirs = getattr(other, name), getattr(parquet, name)
        assert len(mine) == len(theirs), name
        assert list(mine["story_id"]) == list(theirs["story_id"]), name


def test_a_killed_run_resumes_and_gives_the_same_tables(tmp_path, monkeypatch):
    source = _write_corpus(tmp_path / "news.jsonl", ['{"id": "broken', '{"id": "x", "text": " "}'])
    monkeypatch.setattr(pipeline, "STORIES_PER_BATCH", 1)
    real = pipeline._compare_stories
    calls = []

    def killed_on_the_second_batch(items):
        calls.append(items)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(items)

    monkeypatch.setattr(pipeline, "_compare_stories", killed_on_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        _run(tmp_path, [source], partition_size=4)
    assert not (tmp_path / "out" / "articles.parquet").exists()
    assert not list((tmp_path / "out").glob("**/*.partial"))
    monkeypatch.setattr(pipeline, "_compare_stories", real)
    summary = _run(tmp_path, [source], partition_size=4)
    assert summary.resumed_partitions == 3 and summary.resumed_batches == 1
    resumed = corpus.load(tmp_path / "out")
    _run(tmp_path, [source], "whole", partition_size=4)
    whole = corpus.load(tmp_path / "whole")
    for name in SCHEMA:
        pd.testing.assert_frame_equal(getattr(resumed, name), getattr(whole, name), obj=name)


def test_a_folder_of_another_run_is_refused(finished, tmp_path):
    source = _write_corpus(tmp_path / "news.jsonl")
    _run(tmp_path, [source])
    with pytest.raises(InputError, match="another corpus run"):
        _run(tmp_path, [source], window=3)


def test_the_python_api_returns_data_frames(tmp_path):
    source = _write_corpus(tmp_path / "news.jsonl")
    tables = corpus.run([source], tmp_path / "api")
    assert isinstance(tables.stories, pd.DataFrame) and len(tables.stories) == 3
    assert tables.summary.articles == 10


def test_story_ids_are_stable_across_runs(finished, tmp_path):
    _, first = finished
    source = _write_corpus(tmp_path / "news.jsonl", ['{"id": "broken', '{"id": "x", "text": " "}'])
    _run(tmp_path, [source], partition_size=4)
    again = corpus.load(tmp_path / "out")
    assert list(again.articles["story_id"]) == list(first.articles["story_id"])
