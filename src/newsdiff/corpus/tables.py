"""The output of corpus mode: schema ``newsdiff.corpus/1``, and how its tables are written.

Every table is a list of flat rows (one per article, story, claim passage,
divergent value, quote printing, reuse edge), so that it reads the same in
pandas, DuckDB, a spreadsheet or ``jq``.  The columns and their types are
:data:`SCHEMA`, documented in the README; a reader checks ``manifest.json``'s
``schema`` before trusting the columns.

A table is written whole or not at all (:mod:`~newsdiff.corpus.atomic`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsdiff.corpus.atomic import written

_LIST_OF_STR = pa.list_(pa.string())
_LIST_OF_INT = pa.list_(pa.int32())

#: Each table's columns, in order.
SCHEMA: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("article_id", pa.string()), ("story_id", pa.string()), ("outlet", pa.string()),
        ("date", pa.string()), ("title", pa.string()), ("url", pa.string()),
        ("origin", pa.string()), ("words", pa.int32()), ("compared", pa.bool_()),
        ("near_copy_of", pa.string()),
    ]),
    "stories": pa.schema([
        ("story_id", pa.string()), ("title", pa.string()), ("articles", pa.int32()),
        ("outlets", pa.int32()), ("outlet_names", _LIST_OF_STR), ("first_date", pa.string()),
        ("last_date", pa.string()), ("claims", pa.int32()), ("divergences", pa.int32()),
        ("quotes", pa.int32()), ("compared_articles", pa.int32()),
    ]),
    "alignments": pa.schema([
        ("story_id", pa.string()), ("claim", pa.int32()), ("article_id", pa.string()),
        ("sentences", _LIST_OF_INT), ("relation", pa.string()), ("score", pa.float32()),
        ("text", pa.string()),
    ]),
    "divergences": pa.schema([
        ("story_id", pa.string()), ("divergence", pa.int32()), ("claim", pa.int32()),
        ("type", pa.string()), ("severity", pa.string()), ("article_id", pa.string()),
        ("value", pa.string()),
    ]),
    "quotes": pa.schema([
        ("story_id", pa.string()), ("quote", pa.int32()), ("speaker", pa.string()),
        ("canonical", pa.string()), ("article_id", pa.string()), ("text", pa.string()),
        ("status", pa.string()), ("extent", pa.string()),
    ]),
    "reuse": pa.schema([
        ("story_id", pa.string()), ("source_id", pa.string()), ("copy_id", pa.string()),
        ("share", pa.float32()), ("direction", pa.string()),
    ]),
}


def table(name: str, rows: Iterable[dict[str, Any]]) -> pa.Table:
    """The rows as table ``name`` (missing columns are null)."""
    return pa.Table.from_pylist(list(rows), schema=SCHEMA[name])


def write_table(data: pa.Table, path: Path, fmt: str) -> Path:
    """Write ``data`` to ``path`` plus the format's suffix, atomically; the path written."""
    return written(path.with_suffix(f".{fmt}"), lambda target: _WRITERS[fmt](data, target))


def _parquet(data: pa.Table, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(data, path)


def _csv(data: pa.Table, path: Path) -> None:
    """CSV has no lists: a list column is written as its JSON ("[0, 2]")."""
    import pyarrow.csv as pcsv

    for k, field in enumerate(data.schema):
        if pa.types.is_list(field.type):
            data = data.set_column(k, field.name, pa.array(
                [None if v is None else json.dumps(v) for v in data.column(k).to_pylist()],
                pa.string()))
    pcsv.write_csv(data, path)


def _jsonl(data: pa.Table, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in data.to_pylist())


_WRITERS = {"parquet": _parquet, "csv": _csv, "jsonl": _jsonl}
