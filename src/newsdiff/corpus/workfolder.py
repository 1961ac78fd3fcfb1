"""``OUT/.work``: what a corpus run keeps between its stages, so that a rerun resumes.

Each file is written under a temporary name and renamed when complete, so a
file is either whole or absent, and its presence is what "done" means:

- ``part-NNNNN.parquet``: a partition's records (their text, for comparing);
- ``part-NNNNN.rejects.jsonl``: the partition's rejects;
- ``part-NNNNN.npz``: the partition's features (per article its day, hashed
  terms, number of 5-grams and MinHash signature), written last: the partition
  is done when it exists;
- ``batch-NNNNN.json``: a batch of compared stories' rows.

Nothing here is unpickled or evaluated: arrays are read with
``allow_pickle=False``, rows as Parquet or JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from newsdiff.corpus.atomic import write_json, write_lines, written
from newsdiff.corpus.records import Record, Reject

_RECORD_SCHEMA = pa.schema([(name, pa.string()) for name in
                            ("id", "outlet", "date", "title", "url", "origin", "text")])
_ARRAYS = ("days", "features", "counts", "offsets", "sizes", "signatures")


@dataclass(frozen=True)
class PartitionFeatures:
    """One partition's analysis: per article its day (days since 1970, -1 unknown), hashed
    terms and counts (concatenated; article ``k``'s run from ``offsets[k]``), number of
    5-grams and MinHash signature (a row of ``signatures``)."""

    days: np.ndarray
    features: np.ndarray
    counts: np.ndarray
    offsets: np.ndarray
    sizes: np.ndarray
    signatures: np.ndarray

    @classmethod
    def of(cls, analysed: Sequence[tuple[int, np.ndarray, np.ndarray, int, np.ndarray]],
           width: int) -> PartitionFeatures:
        """Stacked from per-article tuples (day, features, counts, size, signature);
        ``width``: a signature's length, for a partition with no article."""
        days, features, counts, sizes, signatures = zip(*analysed) if analysed else ((),) * 5
        return cls(np.array(days, dtype=np.int64),
                   np.concatenate([np.zeros(0, np.int64), *features]),
                   np.concatenate([np.zeros(0, np.int32), *counts]),
                   np.concatenate([[0], np.cumsum([len(f) for f in features], dtype=np.int64)]),
                   np.array(sizes, dtype=np.int64),
                   np.stack(signatures) if signatures else np.zeros((0, width), np.uint32))

    def terms(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each article's (features, counts)."""
        o = self.offsets
        return [(self.features[o[k]:o[k + 1]], self.counts[o[k]:o[k + 1]])
                for k in range(len(self.days))]


class WorkFolder:
    """The intermediate files of one run's output folder ``out``."""

    def __init__(self, out: Path) -> None:
        self.path = out / ".work"
        self.path.mkdir(parents=True, exist_ok=True)

    def _part(self, number: int, kind: str) -> Path:
        return self.path / f"part-{number:05d}.{kind}"

    def partition_done(self, number: int) -> bool:
        return self._part(number, "npz").exists()

    def save_partition(self, number: int, records: Sequence[Record], rejects: Sequence[Reject],
                       features: PartitionFeatures) -> None:
        """Keep a partition's records, rejects and features (the features last)."""
        rows = [{"id": r.id, "outlet": r.outlet, "date": r.date, "title": r.title,
                 "url": r.url, "origin": r.origin, "text": r.text} for r in records]
        table = pa.Table.from_pylist(rows, schema=_RECORD_SCHEMA)
        written(self._part(number, "parquet"), lambda path: pq.write_table(table, path))
        write_lines([json.dumps({"origin": r.origin, "reason": r.reason, "id": r.id},
                                ensure_ascii=False) for r in rejects],
                    self._part(number, "rejects.jsonl"))
        written(self._part(number, "npz"), lambda path: _save_arrays(path, features))

    def ids(self, number: int) -> list[str]:
        return pq.read_table(self._part(number, "parquet"), columns=["id"]).column(
            "id").to_pylist()

    def features(self, number: int) -> PartitionFeatures:
        with np.load(self._part(number, "npz"), allow_pickle=False) as data:
            return PartitionFeatures(*(data[name] for name in _ARRAYS))

    def reject_lines(self, number: int) -> list[str]:
        """The partition's rejects, one JSON object a line."""
        return self._part(number, "rejects.jsonl").read_text(encoding="utf-8").splitlines()

    def records(self, partitions: Sequence[int]) -> Iterator[Record]:
        """Every saved record, in corpus order, a partition at a time."""
        for number in partitions:
            for row in pq.read_table(self._part(number, "parquet")).to_pylist():
                yield Record(**row)

    def records_with_ids(self, ids: set[str]) -> dict[str, Record]:
        """The saved records whose id is in ``ids``, by id (each partition file is read for
        those rows only)."""
        import pyarrow.compute as pc

        found: dict[str, Record] = {}
        for path in sorted(self.path.glob("part-*.parquet")):
            table = pq.read_table(path, filters=pc.field("id").isin(sorted(ids)))
            found.update((row["id"], Record(**row)) for row in table.to_pylist())
        return found

    def batch(self, number: int) -> list[dict[str, Any]] | None:
        """A saved batch of story rows, or None when it is not done."""
        path = self._batch(number)
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    def save_batch(self, number: int, rows: list[dict[str, Any]]) -> None:
        write_json(rows, self._batch(number))

    def _batch(self, number: int) -> Path:
        return self.path / f"batch-{number:05d}.json"


def _save_arrays(path: Path, features: PartitionFeatures) -> None:
    with open(path, "wb") as out:
        np.savez(out, **{name: getattr(features, name) for name in _ARRAYS})
