"""The corpus's inputs read as a stream of numbered partitions of records.

``newsdiff corpus INPUT…`` takes archives of thousands to millions of articles in the
forms researchers keep them: JSON Lines (passim's form), CSV, Parquet, web archives
(WARC), and folders of article files.  Each kind has its reader module here, chosen by
the input's suffix (:data:`_KINDS`); every reader yields :class:`Record` s and
:class:`Reject` s one at a time, never holding a whole input, and the rows of the row
formats all mean the same through one :class:`FieldMap`
(:func:`~newsdiff.corpus.inputs.fields.record_from_row`).

Every input is checked before any is read (that it exists and can be read, that its
kind is known, that a table has a column for the text), so a typo in the fortieth
path fails at once rather than after an hour.  A break inside an input (a cut gzip, a
corrupt file) does not stop the run: it is a reject, and the next input is read.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from newsdiff.corpus.inputs import csv_rows, files, jsonl, parquet, warc
from newsdiff.corpus.inputs.fields import MAX_TEXT_CHARS, FieldMap
from newsdiff.corpus.inputs.streams import Item
from newsdiff.corpus.records import Partition, Record, Reject
from newsdiff.sources import formats
from newsdiff.sources.files import cannot_read, max_bytes
from newsdiff.values import InputError

__all__ = ["DEFAULT_FIELDS", "MAX_TEXT_CHARS", "PARTITION_SIZE", "FieldMap", "read_partitions"]

PARTITION_SIZE = 10_000
"""Records in a partition by default: enough that a partition's fixed costs are small,
few enough that one partition's articles sit in memory at once."""


DEFAULT_FIELDS = FieldMap()
"""passim's field names (see :class:`FieldMap`)."""


@dataclass(frozen=True, slots=True)
class _Kind:
    """How one kind of input is read, and what is checked of it before any input is."""

    read: Callable[[str, FieldMap, str, int], Iterator[Item]]
    """``read(path, fields, outlet, cap)``: its items; ``outlet`` for a row that names none,
    ``cap`` the most bytes of one line, row or file."""
    check: Callable[[str, FieldMap, int], None] | None = None


_JSONL = _Kind(jsonl.read)
_CSV = _Kind(csv_rows.read, csv_rows.check)
_WARC = _Kind(warc.read)
_KINDS = {".jsonl": _JSONL, ".jsonl.gz": _JSONL, ".ndjson": _JSONL, ".ndjson.gz": _JSONL,
          ".csv": _CSV, ".csv.gz": _CSV, ".parquet": _Kind(parquet.read, parquet.check),
          ".warc": _WARC, ".warc.gz": _WARC}
_ARTICLE = _Kind(files.read)
_FOLDER = _Kind(files.read_folder, files.check_folder)


@dataclass(frozen=True, slots=True)
class _Input:
    path: str
    kind: _Kind
    stem: str
    """The name without its kind's suffix: the outlet of a row that names none."""


def read_partitions(paths: Sequence[str], fields: FieldMap = DEFAULT_FIELDS,
                    size: int = PARTITION_SIZE) -> Iterator[Partition]:
    """Every record of ``paths`` in order, in partitions of ``size`` records numbered from 0.

    The inputs are read in the order given, a folder's files in sorted order, so the same
    inputs give the same partitions on every run.  A reject is in the partition of the
    record read before it (the first partition for rejects before any record); the last
    partition may be smaller, and holds only rejects when the inputs have no record.
    Every path is checked first: one that is missing, unreadable or of no known kind is
    an InputError before anything is read.
    """
    if size < 1:
        raise InputError(f"newsdiff: a partition holds at least one record, not {size}")
    cap = max_bytes()
    inputs = [_input(path) for path in paths]
    for given in inputs:
        if given.kind.check:
            given.kind.check(given.path, fields, cap)
    return _partitions(_items(inputs, fields, cap), size)


def _input(path: str) -> _Input:
    """``path`` with its kind, or an InputError when it cannot be read or its kind is unknown."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise cannot_read(path, "no such file or folder") from None
    except OSError as exc:
        raise cannot_read(path, (exc.strerror or str(exc)).lower()) from None
    if stat.S_ISDIR(mode):
        _check_access(path, os.R_OK | os.X_OK)
        return _Input(path, _FOLDER, os.path.basename(os.path.normpath(path)))
    if not stat.S_ISREG(mode):
        raise cannot_read(path, "not a regular file or a folder")
    _check_access(path, os.R_OK)
    name = os.path.basename(path)
    for suffix, kind in _kinds():
        if name.lower().endswith(suffix):
            return _Input(path, kind, name[: -len(suffix)] or name)
    known = ", ".join(sorted(suffix for suffix, _ in _kinds()))
    raise cannot_read(path, f"not a kind of input newsdiff reads (by its name: {known}; "
                            "or a folder)")


def _check_access(path: str, mode: int) -> None:
    if not os.access(path, mode):
        raise cannot_read(path, "permission denied")


def _kinds() -> list[tuple[str, _Kind]]:
    """Every suffix read, longest first (``.jsonl.gz`` before any ``.gz``): the corpus
    formats, then the suffixes of the single-article formats (one record a file)."""
    articles = [(suffix, _ARTICLE) for suffix in formats.article_suffixes()]
    return sorted([*_KINDS.items(), *articles], key=lambda pair: (-len(pair[0]), pair[0]))


def _items(inputs: list[_Input], fields: FieldMap, cap: int) -> Iterator[Item]:
    """The items of every input, one input after another."""
    for given in inputs:
        yield from given.kind.read(given.path, fields, given.stem, cap)


def _partitions(items: Iterator[Item], size: int) -> Iterator[Partition]:
    """``items`` cut into partitions of ``size`` records, each with the rejects met from
    its first record to the next partition's; a partition is given when the record after
    it is met (or at the end), so it never waits for more than one record."""
    records: list[Record] = []
    rejects: list[Reject] = []
    number = 0
    for item in items:
        if isinstance(item, Reject):
            rejects.append(item)
            continue
        if len(records) == size:
            yield Partition(number, tuple(records), tuple(rejects))
            number, records, rejects = number + 1, [], []
        records.append(item)
    if records or rejects:
        yield Partition(number, tuple(records), tuple(rejects))
