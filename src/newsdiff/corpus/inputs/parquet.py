"""Parquet (``.parquet``): the columnar files of data pipelines and of passim's Spark runs.

Read with pyarrow, imported here only when a Parquet file is read (it is large and most
runs read JSONL), a batch of rows at a time (``iter_batches``), and only the columns the
field map names, so a wide table's other columns are never decoded.  Each row is a dict
for the one row rule (:func:`~newsdiff.corpus.inputs.fields.record_from_row`); its origin
is its 1-based row number in the file.  A value of a column type that is not text (a
binary column, a list) is no string: as a text it is a reject, as anything else absent.
"""

from __future__ import annotations

from collections.abc import Iterator

from newsdiff.corpus.inputs.fields import FieldMap, record_from_row
from newsdiff.corpus.inputs.streams import Cursor, Item, guarded
from newsdiff.sources.files import cannot_read, printable

BATCH_ROWS = 1_000
"""Rows decoded at a time: a few megabytes of articles, and few enough Python calls."""
CORRUPT_PARQUET = "corrupt parquet"


def check(path: str, fields: FieldMap, cap: int) -> None:
    """An InputError when the file's schema has no column for the text (as for a CSV
    header, see :func:`newsdiff.corpus.inputs.csv_rows.check`); a file that cannot be
    opened as Parquet is left to :func:`read` to reject."""
    import pyarrow
    import pyarrow.parquet

    try:
        names = pyarrow.parquet.read_schema(path).names
    except (pyarrow.ArrowException, OSError):
        return
    if fields.text not in names:
        raise cannot_read(path, f"no column '{printable(fields.text, 60)}' for the text (its "
                                f"columns: {printable(', '.join(names), 200)}; "
                                "--field text=COLUMN names another)")


def read(path: str, fields: FieldMap, outlet: str, cap: int) -> Iterator[Item]:
    """The records and rejects of the Parquet file ``path``, batch by batch; ``outlet`` for
    a row that names none (``cap`` is for line-based inputs)."""
    cursor = Cursor(path)
    return guarded(_items(path, fields, outlet, cursor), lambda: f"{path}:{cursor.at + 1}",
                   _reason)


def _items(path: str, fields: FieldMap, outlet: str, cursor: Cursor) -> Iterator[Item]:
    import pyarrow.parquet

    with pyarrow.parquet.ParquetFile(path) as parquet:
        present = set(parquet.schema_arrow.names)
        columns = [name for name in fields.names() if name in present]
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for row in batch.to_pylist():
                cursor.at += 1
                yield record_from_row(row, fields, cursor.origin(), outlet)


def _reason(exc: Exception) -> str | None:
    """The reject reason for a Parquet file that cannot be read on."""
    import pyarrow

    return CORRUPT_PARQUET if isinstance(exc, pyarrow.ArrowException) else None
