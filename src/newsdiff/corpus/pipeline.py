"""A corpus run from inputs to tables, resumable: what ``newsdiff corpus`` does.

The run keeps its intermediate results in ``OUT/.work``
(:mod:`~newsdiff.corpus.workfolder`), each whole or absent:

1. per input partition (:mod:`~newsdiff.corpus.inputs`): its records, rejects
   and features (terms and MinHash signature per article); a partition whose
   features file exists is done, and a rerun reads past it without analysing it;
2. the stories (:mod:`~newsdiff.corpus.stories`), from every partition's features;
3. per batch of stories, the compared stories' rows (:mod:`~newsdiff.corpus.compare`);
   a batch whose files exist is done;
4. the tables (:mod:`~newsdiff.corpus.tables`) in ``OUT``, and ``manifest.json``.

So a run that is killed resumes where it stopped, and no table is ever half
written.  ``manifest.json`` names the inputs (path, size, modification time)
and the options; a run into a folder that holds another run's output is refused
rather than mixed with it.

Per-partition analysis and the comparison of stories go through an
:class:`~newsdiff.run.Executor`, so they spread over this machine's cores
(or, through its executor, a Dask cluster) with the same results.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from newsdiff.corpus import nearcopies, tables
from newsdiff.corpus.atomic import write_json, write_lines
from newsdiff.corpus.compare import StoryRows, compared_members, story_rows
from newsdiff.corpus.inputs import DEFAULT_FIELDS, PARTITION_SIZE, FieldMap, read_partitions
from newsdiff.corpus.records import Partition, Record, Reject
from newsdiff.corpus.schema import SCHEMA_NAME
from newsdiff.corpus.stories import find_stories, shipped_choices, story_id
from newsdiff.corpus.vectors import DocumentFrequencies, article_terms, weigh
from newsdiff.corpus.workfolder import PartitionFeatures, WorkFolder
from newsdiff.present.words import counted
from newsdiff.run import Executor
from newsdiff.run.inprocess import InProcess
from newsdiff.values import InputError

#: Stories compared per batch: a batch is the unit a rerun skips when done.
STORIES_PER_BATCH = 200
#: Stories one core compares in a second (small stories dominate), for the executor.
STORIES_PER_SECOND = 4
#: Articles one core reads, weighs and fingerprints in a second, for the executor.
ARTICLES_PER_SECOND = 300
DUPLICATE_ID = "duplicate id"


@dataclass(frozen=True)
class Options:
    """What a run reads and how (everything that changes its output is here)."""

    inputs: tuple[str, ...]
    out: Path
    fields: FieldMap = DEFAULT_FIELDS
    window: int | None = None
    """Two articles more days apart than this are never one story (None: no window)."""
    format: str = "parquet"
    partition_size: int = PARTITION_SIZE


@dataclass
class Summary:
    """What a run found, for the closing summary."""

    articles: int = 0
    rejects: Counter[str] = field(default_factory=Counter)
    stories: int = 0
    compared_stories: int = 0
    divergences: int = 0
    resumed_partitions: int = 0
    resumed_batches: int = 0
    seconds: float = 0.0
    tables: dict[str, str] = field(default_factory=dict)


class Progress:
    """What a run reports as it goes (this one reports nothing: the quiet default)."""

    def articles(self, count: int) -> None:
        """``count`` more articles read."""

    def stories(self, found: int, to_compare: int) -> None:
        """Stories found, and how many have more than one article to compare."""

    def compared(self, count: int) -> None:
        """``count`` more stories compared."""


def run(options: Options, executor: Executor | None = None,
        progress: Progress | None = None) -> Summary:
    """Run corpus mode over ``options.inputs`` into ``options.out``; see the module docstring."""
    started = time.monotonic()
    executor = executor or InProcess()
    progress = progress or Progress()
    work = WorkFolder(options.out)
    _claim_folder(options)
    summary = Summary()
    partitions = _analyse_partitions(options, work, executor, progress, summary)
    found = _stories(work, partitions, options.window)
    summary.stories = len(found.groups)
    progress.stories(len(found.groups), sum(len(g) > 1 for g in found.groups))
    records = _multi_article_records(work, partitions, found.groups)
    rows = _compare(work, found, records, executor, progress, summary)
    compared = {found.ids[g[k]] for g in found.groups if len(g) > 1
                for k in compared_members([records[i] for i in g])}
    summary.tables = _write_tables(options, work, partitions, found, rows, compared)
    summary.divergences = sum(r.story["divergences"] for r in rows)
    summary.compared_stories = sum(r.story["compared_articles"] > 1 for r in rows)
    summary.seconds = time.monotonic() - started
    return summary


def summary_lines(summary: Summary, options: Options) -> str:
    """What a run found, in a few lines, for the end of ``newsdiff corpus``."""
    rejected = sum(summary.rejects.values())
    reasons = ", ".join(f"{n:,} {reason}" for reason, n in summary.rejects.most_common(3))
    more = ", …" if len(summary.rejects) > 3 else ""
    lines = [
        (f"{counted(summary.articles, 'article')} read"
         + (f", {rejected:,} rejected ({reasons}{more}; see rejects.jsonl)" if rejected else "")),
        (f"{counted(summary.stories, 'story', 'stories')}, {summary.compared_stories:,} with "
         f"more than one article compared, {counted(summary.divergences, 'divergence')}"),
        (f"tables ({options.format}) in {options.out}, in {summary.seconds:.1f} s"
         + (f" (resumed: {summary.resumed_partitions} partitions, {summary.resumed_batches} "
            "batches of stories were done)" if summary.resumed_partitions else "")),
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the folder


def _manifest(options: Options) -> dict:
    inputs = []
    for path in options.inputs:
        stat = os.stat(path)
        inputs.append({"path": os.path.abspath(path), "size": stat.st_size,
                       "modified": int(stat.st_mtime)})
    return {"schema": SCHEMA_NAME, "inputs": inputs,
            "options": {"fields": asdict(options.fields), "window": options.window,
                        "format": options.format, "partition_size": options.partition_size}}


def _claim_folder(options: Options) -> None:
    """Write the manifest, or check that the one there is this run's (a resumed run)."""
    path = options.out / "manifest.json"
    wanted = _manifest(options)
    if path.exists():
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        if found != wanted:
            raise InputError(f"{options.out} holds the output of another corpus run (other "
                             "inputs or options): give another --out, or remove it")
        return
    write_json(wanted, path)


# ---------------------------------------------------------------- 1. partitions


def _analyse_partitions(options: Options, work: WorkFolder, executor: Executor,
                        progress: Progress, summary: Summary) -> list[int]:
    """Read every partition, analysing those not done yet; the partition numbers."""
    seen: set[str] = set()
    numbers = []
    for partition in read_partitions(options.inputs, options.fields, options.partition_size):
        numbers.append(partition.number)
        if work.partition_done(partition.number):
            ids = work.ids(partition.number)
            seen.update(ids)
            summary.resumed_partitions += 1
            summary.articles += len(ids)
            summary.rejects.update(json.loads(line)["reason"]
                                   for line in work.reject_lines(partition.number))
            progress.articles(len(ids))
            continue
        records, rejects = _unique(partition, seen)
        analysed = executor.map_chunks(_analyse, list(records), ARTICLES_PER_SECOND)
        work.save_partition(partition.number, records, rejects,
                            PartitionFeatures.of(analysed, nearcopies.PERMUTATIONS))
        summary.articles += len(records)
        summary.rejects.update(r.reason for r in rejects)
        progress.articles(len(records))
    return numbers


def _unique(partition: Partition, seen: set[str]) -> tuple[list[Record], list[Reject]]:
    """The partition's records whose id no earlier record has, and the rejects (its own and
    one per repeated id)."""
    records, rejects = [], list(partition.rejects)
    for record in partition.records:
        if record.id in seen:
            rejects.append(Reject(record.origin, DUPLICATE_ID, record.id))
            continue
        seen.add(record.id)
        records.append(record)
    return records, rejects


def _analyse(records: list[Record]) -> list[tuple[int, np.ndarray, np.ndarray, int, np.ndarray]]:
    """Per record: its day, hashed terms and their counts, its number of 5-grams and its
    MinHash signature (a worker's job)."""
    articles = [r.article() for r in records]
    sets = [nearcopies.shingle_set(a) for a in articles]
    signatures = nearcopies.signatures(sets)
    return [(_day(r.date), *article_terms(a), len(sets[k]), signatures[k])
            for k, (r, a) in enumerate(zip(records, articles, strict=True))]


def _day(date: str | None) -> int:
    """Days since 1970-01-01 of an ISO date, or -1 when unknown."""
    if not date:
        return -1
    return int(np.datetime64(date, "D").astype(np.int64))


# ---------------------------------------------------------------- 2. stories


@dataclass(frozen=True)
class _Found:
    """Every article's id, the near-copy groups and the stories (groups of article indices,
    in corpus order), and each story's id."""

    ids: list[str]
    copies: list[list[int]]
    groups: list[list[int]]

    @functools.cached_property
    def story_ids(self) -> list[str]:
        return [story_id([self.ids[i] for i in g]) for g in self.groups]

    @functools.cached_property
    def story_of(self) -> dict[int, int]:
        return {i: n for n, g in enumerate(self.groups) for i in g}

    @functools.cached_property
    def copy_of(self) -> dict[int, int]:
        """Each near-copy's group's first article, for every member but that first."""
        return {i: g[0] for g in self.copies for i in g[1:]}


def _stories(work: WorkFolder, partitions: Sequence[int], window: int | None) -> _Found:
    """Every partition's features, weighed together and grouped into stories."""
    ids: list[str] = []
    days: list[int | None] = []
    terms, sizes, signatures = [], [], []
    for number in partitions:
        found = work.features(number)
        ids += work.ids(number)
        days += [None if d < 0 else int(d) for d in found.days.tolist()]
        terms += found.terms()
        sizes.append(found.sizes)
        signatures.append(found.signatures)
    frequencies = DocumentFrequencies()
    frequencies.add(f for f, _ in terms)
    vectors = weigh(terms, frequencies)
    copies = _near_copies(work, partitions, np.concatenate([np.zeros(0, np.int64), *sizes]),
                          np.concatenate([np.zeros((0, nearcopies.PERMUTATIONS), np.uint32),
                                          *signatures]))
    return _Found(ids, copies, find_stories(ids, vectors, days, copies, shipped_choices(),
                                            window))


def _near_copies(work: WorkFolder, partitions: Sequence[int], sizes: np.ndarray,
                 signatures: np.ndarray) -> list[list[int]]:
    """The near-copy groups, the texts read back only for the candidate pairs' articles."""
    def sets_of(wanted: set[int]) -> dict[int, nearcopies.Shingles]:
        return {index: nearcopies.shingle_set(record)
                for index, record in enumerate(work.records(partitions)) if index in wanted}

    return nearcopies.verified_groups(signatures, sizes, sets_of)


# ---------------------------------------------------------------- 3. comparison


def _multi_article_records(work: WorkFolder, partitions: Sequence[int],
                           groups: Sequence[Sequence[int]]) -> dict[int, Record]:
    """The records (by article index) of the stories that have something to compare."""
    wanted = {i for g in groups if len(g) > 1 for i in g}
    return {index: record for index, record in enumerate(work.records(partitions))
            if index in wanted}


def _compare(work: WorkFolder, found: _Found, records: dict[int, Record], executor: Executor,
             progress: Progress, summary: Summary) -> list[StoryRows]:
    """The rows of every story with more than one article: compared in batches (by story
    id), each batch saved and skipped when a rerun finds it done."""
    stories = sorted((sid, g) for sid, g in zip(found.story_ids, found.groups, strict=True)
                     if len(g) > 1)
    rows: list[StoryRows] = []
    for start in range(0, len(stories), STORIES_PER_BATCH):
        batch = stories[start:start + STORIES_PER_BATCH]
        number = start // STORIES_PER_BATCH
        saved = work.batch(number)
        if saved is not None:
            rows += [StoryRows(**r) for r in saved]
            summary.resumed_batches += 1
        else:
            items = [(sid, [records[i] for i in g]) for sid, g in batch]
            compared = executor.map_chunks(_compare_stories, items, STORIES_PER_SECOND)
            work.save_batch(number, [asdict(r) for r in compared])
            rows += compared
        progress.compared(len(batch))
    return rows


def _compare_stories(items: list[tuple[str, list[Record]]]) -> list[StoryRows]:
    """Each story's rows (a worker's job; the engine runs in this process)."""
    return [story_rows(sid, members, InProcess()) for sid, members in items]


# ---------------------------------------------------------------- 4. tables


def _write_tables(options: Options, work: WorkFolder, partitions: Sequence[int], found: _Found,
                  rows: Sequence[StoryRows], compared: set[str]) -> dict[str, str]:
    """The tables in ``options.out``, in its format, and the rejects; the paths written."""
    articles, stories = [], {r.story["story_id"]: r.story for r in rows}
    for index, record in enumerate(work.records(partitions)):
        copy = found.copy_of.get(index)
        articles.append({
            "article_id": record.id, "story_id": found.story_ids[found.story_of[index]],
            "outlet": record.outlet, "date": record.date,
            "title": record.title or record.article().title, "url": record.url,
            "origin": record.origin, "words": len(record.text.split()),
            "compared": record.id in compared,
            "near_copy_of": found.ids[copy] if copy is not None else None})
        if articles[-1]["story_id"] not in stories:
            stories[articles[-1]["story_id"]] = _single_story_row(articles[-1])
    contents = {
        "articles": articles,
        "stories": [stories[sid] for sid in sorted(stories)],
        "alignments": [a for r in rows for a in r.alignments],
        "divergences": [d for r in rows for d in r.divergences],
        "quotes": [q for r in rows for q in r.quotes],
        "reuse": [e for r in rows for e in r.reuse],
    }
    written = {name: str(tables.write_table(tables.table(name, content), options.out / name,
                                            options.format))
               for name, content in contents.items()}
    rejects = [line for number in partitions for line in work.reject_lines(number)]
    write_lines(rejects, options.out / "rejects.jsonl")
    written["rejects"] = str(options.out / "rejects.jsonl")
    return written


def _single_story_row(article: dict) -> dict:
    """The row of a story of one article (nothing to compare)."""
    return {"story_id": article["story_id"], "title": article["title"], "articles": 1,
            "outlets": 1, "outlet_names": [article["outlet"]], "first_date": article["date"],
            "last_date": article["date"], "claims": 0, "divergences": 0, "quotes": 0,
            "compared_articles": 0}
