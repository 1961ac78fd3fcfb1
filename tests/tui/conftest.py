"""Fixtures for the reader's tests: apps on the bundled sample story or on hostile files."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest
from textual.app import App

from newsdiff.resources import sample_story
from newsdiff.tui import app as app_module
from newsdiff.tui.app import NewsdiffApp

from .recorded import recorded_compare, recorded_story
from .tui_support import HOSTILE_BODY, HOSTILE_TITLE, NotifySpy

#: No Pilot test may take longer than this (seconds): a hang fails, it does not block the run.
TEST_TIMEOUT = 30


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests here in a fresh event loop, under :data:`TEST_TIMEOUT`.

    (The project has no async test plugin; this is all the Pilot tests need.)
    """
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    args = {name: pyfuncitem.funcargs[name]
            for name in inspect.signature(pyfuncitem.obj).parameters}
    asyncio.run(asyncio.wait_for(pyfuncitem.obj(**args), TEST_TIMEOUT))
    return True


@pytest.fixture(autouse=True)
def private_config(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test reads its own empty settings file, never the developer's own theme or keys."""
    monkeypatch.setenv("NEWSDIFF_CONFIG", str(tmp_path_factory.mktemp("config") / "config.toml"))


@pytest.fixture(autouse=True)
def private_reviews(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test saves its verdicts in its own database, never in the developer's."""
    monkeypatch.setenv("NEWSDIFF_DB", str(tmp_path_factory.mktemp("reviews") / "reviews.sqlite3"))


@pytest.fixture(autouse=True)
def recorded_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader shows the sample story's recorded comparisons (see :mod:`.recorded`), so
    a change of the engine's judgement does not reshape what these tests read."""
    monkeypatch.setattr(app_module, "compare", recorded_compare)
    monkeypatch.setattr(app_module, "compare_story", recorded_story)


@pytest.fixture
def notices(monkeypatch: pytest.MonkeyPatch) -> NotifySpy:
    """The notifications the test's apps show (see :class:`~.tui_support.NotifySpy`)."""
    spy = NotifySpy()
    monkeypatch.setattr(App, "notify", spy.wrap(App.notify))
    return spy


@pytest.fixture
def sample_app() -> NewsdiffApp:
    return NewsdiffApp([])


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A review database of the test's own, for it to read back what the reader saved."""
    return tmp_path / "reviews.sqlite3"


@pytest.fixture
def app(db: Path) -> NewsdiffApp:
    """The reader on the sample story, saving its reviews in :func:`db`."""
    return NewsdiffApp([], db_path=db)


@pytest.fixture
def hostile_paths(tmp_path: Path) -> list[str]:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        f"{HOSTILE_TITLE}\n\n{HOSTILE_BODY}\n\n"
        "Sessions met the Russian ambassador twice in 2016, officials said.\n",
        encoding="utf-8",
    )
    return [str(hostile), str(sample_story()[0])]
