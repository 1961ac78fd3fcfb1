"""Files written whole or not at all: under a temporary name, then renamed into place.

A rename within one folder is atomic, so a run killed while writing leaves the
previous file, or none, never half of one: what corpus mode's resume and its
"no half-written table" rely on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def written(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write`` on a temporary path beside ``path``, then rename it to ``path``."""
    partial = path.with_name(f".{path.name}.partial")
    write(partial)
    os.replace(partial, path)
    return path


def write_lines(lines: Sequence[str], path: Path) -> None:
    """Lines of text."""
    written(path, lambda p: p.write_text("".join(line + "\n" for line in lines),
                                         encoding="utf-8"))


def write_json(value: Any, path: Path) -> None:
    """``value`` as indented JSON."""
    text = json.dumps(value, indent=1, ensure_ascii=False) + "\n"
    written(path, lambda p: p.write_text(text, encoding="utf-8"))
