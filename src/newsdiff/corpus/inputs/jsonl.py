"""JSON Lines (``.jsonl``, ``.ndjson``, gzipped or not): one JSON object per line, passim's
input and output and the usual dump of a news archive.

Read one line at a time (:func:`~newsdiff.corpus.inputs.streams.lines`), each line decoded
and parsed on its own, so a line that is broken, not UTF-8 or far too long is one reject
and the next line is read as if nothing happened: a JSONL file has no state across lines.
Blank lines hold no record and are passed over.  The parsed object goes to the one row
rule (:func:`~newsdiff.corpus.inputs.fields.record_from_row`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newsdiff.corpus.inputs import streams
from newsdiff.corpus.inputs.fields import FieldMap, record_from_row
from newsdiff.corpus.inputs.streams import Cursor, Item, decode_line, guarded
from newsdiff.corpus.records import Reject

LINE_TOO_LONG = "line too long"
NOT_AN_OBJECT = "not a JSON object"
BROKEN_JSON = "broken JSON: {}"


def read(path: str, fields: FieldMap, outlet: str, cap: int) -> Iterator[Item]:
    """The records and rejects of the JSONL file ``path``, line by line; ``outlet`` for a
    line that names none, ``cap`` the longest line read, in bytes."""
    cursor = Cursor(path)
    return guarded(_items(path, fields, outlet, cap, cursor), lambda: f"{path}:{cursor.at + 1}")


def _items(path: str, fields: FieldMap, outlet: str, cap: int, cursor: Cursor) -> Iterator[Item]:
    with streams.open_binary(path) as handle:
        for line in streams.lines(handle, cap, cursor):
            if line is None:
                yield Reject(cursor.origin(), LINE_TOO_LONG)
            elif line.strip():
                yield _item(decode_line(line, cursor.at), fields, outlet, cursor.origin())


def _item(line: str, fields: FieldMap, outlet: str, origin: str) -> Item:
    """The record on one line, or why there is none."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        reason = exc.msg.removesuffix(" at")  # "Invalid control character at": a position
        return Reject(origin, BROKEN_JSON.format(reason[:1].lower() + reason[1:]))
    except RecursionError:
        return Reject(origin, BROKEN_JSON.format("nested too deeply"))
    except ValueError:  # a number of more digits than Python converts
        return Reject(origin, BROKEN_JSON.format("unreadable number"))
    if not isinstance(value, dict):
        return Reject(origin, NOT_AN_OBJECT)
    return record_from_row(value, fields, origin, outlet)
