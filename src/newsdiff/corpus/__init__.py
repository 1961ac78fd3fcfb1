"""Corpus mode: a whole archive read, grouped into stories, and each story compared.

The stages, each a module, in the order a run goes through them:

1. :mod:`~newsdiff.corpus.inputs`: every input (JSONL, CSV, Parquet, WARC,
   folders of articles) streamed into numbered partitions of
   :class:`~newsdiff.corpus.records.Record` s, with a reject for each record that
   cannot be read;
2. :mod:`~newsdiff.corpus.vectors` and :mod:`~newsdiff.corpus.nearcopies`: each
   article's weighted terms and MinHash signature;
3. :mod:`~newsdiff.corpus.stories`: near-copies, then rewrites of one story,
   grouped;
4. :mod:`~newsdiff.corpus.compare`: each story through the engine's story view;
5. :mod:`~newsdiff.corpus.tables`: the tables of schema ``newsdiff.corpus/1``.

:mod:`~newsdiff.corpus.pipeline` runs them, resumably.  Its heavy
dependencies (pyarrow, SciPy, a MinHash library) are the ``corpus`` extra:
nothing here is imported by the one-shot path.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdiff.corpus.output import Tables

#: What the ``corpus`` extra installs, by import name.
EXTRA_MODULES = ("pyarrow", "pandas", "numpy", "scipy", "rensa", "warcio", "distributed")


def has_extra() -> bool:
    """Whether the corpus extra is installed (every module of it imports)."""
    import importlib

    try:
        for module in EXTRA_MODULES:
            importlib.import_module(module)
    except ImportError:
        return False
    return True


def run(inputs: Sequence[str | Path], out: str | Path, *, fields: Sequence[str] = (),
        window: int | None = None, format: str = "parquet") -> Tables:
    """Run corpus mode, as ``newsdiff corpus INPUT… --out OUT`` does, and return its tables.

    ``fields`` are ``--field`` options (``["text=body"]``), ``window`` is ``--window``,
    ``format`` is ``--format``.  A run into ``out`` that was stopped resumes.  Bad input
    raises :class:`newsdiff.values.InputError` with the one-line message the command
    prints.
    """
    import dataclasses

    from newsdiff.corpus.inputs import FieldMap
    from newsdiff.corpus.pipeline import Options
    from newsdiff.corpus.pipeline import run as run_pipeline

    options = Options(tuple(str(p) for p in inputs), Path(out), FieldMap.from_options(fields),
                      window, format)
    summary = run_pipeline(options)
    return dataclasses.replace(load(out), summary=summary)


def load(out: str | Path) -> Tables:
    """The tables of a finished corpus run in folder ``out``, whatever their format (see
    :func:`newsdiff.corpus.output.load`)."""
    from newsdiff.corpus.output import load as load_output

    return load_output(Path(out))
