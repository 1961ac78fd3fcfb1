"""A finished corpus run's output, read back: its tables, and the articles of a story.

What the notebook API (:func:`newsdiff.corpus.load`) and the reader's corpus
screen (``newsdiff read DIR``) read.  ``manifest.json`` says the folder holds
tables of schema ``newsdiff.corpus/1`` and in which format; a story's articles
come back from the run's work folder, which keeps every record's text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdiff.corpus.records import Record
from newsdiff.corpus.schema import SCHEMA_NAME
from newsdiff.corpus.tables import SCHEMA
from newsdiff.corpus.workfolder import WorkFolder
from newsdiff.values import InputError

if TYPE_CHECKING:
    import pandas

    from newsdiff.corpus.pipeline import Summary


@dataclass(frozen=True)
class Tables:
    """A corpus run's tables as pandas DataFrames (columns: schema ``newsdiff.corpus/1``,
    see the README), and the run's summary when it was just run."""

    articles: pandas.DataFrame
    stories: pandas.DataFrame
    alignments: pandas.DataFrame
    divergences: pandas.DataFrame
    quotes: pandas.DataFrame
    reuse: pandas.DataFrame
    rejects: pandas.DataFrame
    summary: Summary | None = None


def manifest_of(folder: Path) -> dict:
    """The run's manifest; an InputError when the folder holds no run of this schema."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise InputError(f"{folder} holds no corpus run (no readable manifest.json)") from None
    if not isinstance(manifest, dict) or manifest.get("schema") != SCHEMA_NAME:
        schema = manifest.get("schema") if isinstance(manifest, dict) else None
        raise InputError(f"{folder} holds tables of schema {schema!r}, not {SCHEMA_NAME}")
    return manifest


def load(folder: Path) -> Tables:
    """The tables of a finished corpus run in ``folder``, whatever their format."""
    fmt = manifest_of(folder)["options"]["format"]
    frames = {name: _frame(folder / f"{name}.{fmt}", fmt, schema.names)
              for name, schema in SCHEMA.items()}
    return Tables(**frames, rejects=_frame(folder / "rejects.jsonl", "jsonl",
                                           ["origin", "reason", "id"]))


def story_records(folder: Path, article_ids: list[str]) -> list[Record]:
    """The records of ``article_ids`` (a story's, say), in that order, from the run's work
    folder; an InputError when it is gone (the tables alone do not keep the texts)."""
    if not (folder / ".work").is_dir():
        raise InputError(f"{folder}/.work is gone: the articles' texts were kept there")
    found = WorkFolder(folder).records_with_ids(set(article_ids))
    missing = [i for i in article_ids if i not in found]
    if missing:
        raise InputError(f"{folder}/.work has no record of article {missing[0]!r}")
    return [found[i] for i in article_ids]


def _frame(path: Path, fmt: str, columns: list[str]) -> pandas.DataFrame:
    """One table file as a DataFrame (an empty JSON-lines file: no rows, these columns)."""
    import pandas as pd

    if fmt == "parquet":
        return pd.read_parquet(path)
    if fmt == "csv":
        return pd.read_csv(path)
    if not path.stat().st_size:
        return pd.DataFrame(columns=columns)
    return pd.read_json(path, lines=True, dtype=False)
