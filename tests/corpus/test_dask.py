"""Corpus mode on a Dask cluster gives the tables of an in-process run."""

from __future__ import annotations

import pandas as pd
import pytest

from newsdiff import corpus
from newsdiff.corpus import pipeline
from newsdiff.corpus.tables import SCHEMA
from newsdiff.run import dask_cluster
from newsdiff.run.dask_cluster import DaskCluster
from newsdiff.run.inprocess import InProcess
from newsdiff.values import InputError
from tests.corpus.test_pipeline import _write_corpus

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local, \
            distributed.Client(local) as client:
        yield DaskCluster(client)


def test_a_run_on_two_workers_gives_the_tables_of_a_run_here(cluster, tmp_path, monkeypatch):
    source = _write_corpus(tmp_path / "news.jsonl", ['{"id": "broken', '{"id": "x", "text": " "}'])
    monkeypatch.setattr(dask_cluster, "MIN_SPREAD_SECONDS", 0)  # send even this little away
    options = {"partition_size": 4}
    pipeline.run(pipeline.Options((str(source),), tmp_path / "here", **options), InProcess())
    with distributed.get_task_stream(cluster.client) as tasks:
        pipeline.run(pipeline.Options((str(source),), tmp_path / "there", **options), cluster)
    assert {t["worker"] for t in tasks.data} and len(tasks.data) >= 4
    here, there = corpus.load(tmp_path / "here"), corpus.load(tmp_path / "there")
    for name in SCHEMA:
        pd.testing.assert_frame_equal(getattr(there, name), getattr(here, name), obj=name)


def test_a_scheduler_that_does_not_answer_is_one_line(monkeypatch):
    monkeypatch.setattr(dask_cluster, "CONNECT_SECONDS", 1)
    with pytest.raises(InputError, match="cannot reach a Dask scheduler at tcp://127.0.0.1:9"):
        DaskCluster.connect("tcp://127.0.0.1:9")


def test_the_command_runs_on_the_scheduler_it_is_given(cluster, tmp_path):
    from tests.cli.support import run

    source = _write_corpus(tmp_path / "news.jsonl")
    address = cluster.client.scheduler.address
    result = run("corpus", str(source), "--out", str(tmp_path / "out"), "--scheduler", address)
    assert result.exit_code == 0, result.output
    assert len(corpus.load(tmp_path / "out").stories) == 3
