"""The result cache and outlet names: a cached comparison shows the outlets the articles
have now, not the ones they had when it was computed (names are not part of the key)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from newsdiff.cache import results, store
from newsdiff.cli import app
from newsdiff.resources import sample_story
from newsdiff.sources.outlets import OUTLETS_FILE


def _entries() -> list[Path]:
    return sorted((store.cache_dir() / results.FOLDER).glob("*/*.json"))


def _outlets(*args: str) -> list[str]:
    result = CliRunner().invoke(app, ["-f", "json", *args])
    assert result.exit_code == 0, result.output
    return [a["outlet"] for a in json.loads(result.stdout)["articles"]]


def _story(folder: Path, count: int) -> list[str]:
    return [str(shutil.copy(p, folder / p.name)) for p in sample_story()[:count]]


def _map(folder: Path, names: list[str]) -> None:
    lines = (f'"{p.name}" = "{n}"' for p, n in zip(sample_story(), names, strict=False))
    (folder / OUTLETS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_new_mapping_shows_through_a_cached_pair(tmp_path: Path) -> None:
    a, b = _story(tmp_path, 2)
    _map(tmp_path, ["Old A", "Old B"])
    assert _outlets(a, b) == ["Old A", "Old B"]
    assert len(_entries()) == 1
    _map(tmp_path, ["New A", "New B"])
    assert _outlets(a, b) == ["New A", "New B"]
    assert len(_entries()) == 1, "the same text: the entry was used, not computed again"


def test_a_new_mapping_shows_through_a_cached_story(tmp_path: Path) -> None:
    _story(tmp_path, 3)
    _map(tmp_path, ["Old A", "Old B", "Old C"])
    assert _outlets(str(tmp_path)) == ["Old A", "Old B", "Old C"]
    stored = _entries()
    _map(tmp_path, ["New A", "New B"])
    assert _outlets(str(tmp_path)) == ["New A", "New B", Path(sample_story()[2]).stem]
    assert _entries() == stored and len(stored) == 1
    assert "Old A" not in stored[0].read_text(encoding="utf-8", errors="replace")
