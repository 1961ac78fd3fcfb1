"""Which folders hold a corpus run's output: the schema its ``manifest.json`` names.

Light on purpose (the standard library only), so that ``newsdiff read DIR`` can
tell a corpus's output from a folder of articles without the corpus extra.
"""

from __future__ import annotations

import json
from pathlib import Path

#: The output's schema, named in its ``manifest.json`` (tables: :mod:`~newsdiff.corpus.tables`).
SCHEMA_NAME = "newsdiff.corpus/1"


def is_corpus_output(folder: Path) -> bool:
    """Whether ``folder`` holds a corpus run's output (a manifest of this schema)."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("schema") == SCHEMA_NAME
