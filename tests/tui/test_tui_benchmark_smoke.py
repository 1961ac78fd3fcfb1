"""The screenshot script and the reader benchmark still run (tiny sizes; no timing asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_smoke_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


async def test_screenshots_script_saves_every_screen(tmp_path: Path) -> None:
    shots = load(ROOT / "scripts" / "screenshots.py")
    saved = await shots.take(tmp_path, (120, 40), None)
    assert [p.stem for p in saved] == list(shots.NAMES)
    for path in saved:
        assert path.read_text(encoding="utf-8").startswith("<svg")


async def test_keypress_benchmark_runs() -> None:
    bench = load(ROOT / "benchmarks" / "tui.py")
    lat = await bench.keypress_latency(3)
    assert len(lat.paint) == len(lat.cpu) == len(lat.round_trip) == len(lat.floor) == 3
    assert all(0 < paint <= trip for paint, trip in zip(lat.paint, lat.round_trip, strict=True))


def test_startup_benchmark_runs(tmp_path: Path) -> None:
    bench = load(ROOT / "benchmarks" / "tui.py")
    result = bench.startup_once(tmp_path, "compare")
    assert 0 < result["open"] < result["wall"] <= result["settled"]


def test_review_report_script_builds_its_session(tmp_path: Path) -> None:
    """The report screenshot needs Chromium, but its session is built with the store's
    API alone: three verdicts and a link, counted as ``review list`` counts them."""
    from newsdiff.review.store import ReviewStore

    script = load(ROOT / "scripts" / "review_report_screenshot.py")
    db = tmp_path / "reviews.sqlite3"
    key = script.build_session(db)
    with ReviewStore(db) as store:
        (info,) = store.sessions()
        assert info.key == key
        assert len(store.reviews(info.id)) == 3 and len(store.links(info.id)) == 1
        assert info.progress.reviewed == 3 and info.progress.total > 3
