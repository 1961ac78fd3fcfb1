"""Fixtures for every test: a private cache folder, and the hand-built comparisons of
:mod:`tests.builders`; and Ctrl-C as a terminal delivers it, however the suite was started."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

import pytest

from newsdiff.values import Comparison
from tests.builders import (
    A_SENTENCES,
    B_SENTENCES,
    GROUP_A,
    GROUP_B,
    build_comparison,
    build_grouped,
    make_article,
)


def pytest_configure(config: pytest.Config) -> None:
    """A suite started as a background job of a non-interactive shell (``./.ci/run &`` in a
    script) inherits SIGINT ignored, and so would every program it starts: the tests of
    Ctrl-C would see it do nothing.  Python's own handler is put back before any worker or
    program is started (a handler, unlike "ignored", does not survive ``exec``)."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    # The suite tests the built-in scorer, whatever the developer's shell chose.
    os.environ.pop("NEWSDIFF_SCORER", None)


@pytest.fixture(autouse=True, scope="session")
def private_session_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test, nor a module- or session-wide fixture, caches comparisons in the
    developer's own cache folder (subprocesses inherit the variable)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEWSDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("session-cache")))
        mp.delenv("NEWSDIFF_NO_CACHE", raising=False)
        yield


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty cache of its own: no test sees another's entries."""
    monkeypatch.setenv("NEWSDIFF_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def comparison() -> Comparison:
    a = make_article(A_SENTENCES, outlet="Daily Planet", title="Sessions Met Envoy Twice",
                     path="a.txt", byline="By Lois Lane", boilerplate=frozenset({3}))
    b = make_article(B_SENTENCES, outlet="The Bugle", title="Sessions Had Three Meetings",
                     path="b.txt", boilerplate=frozenset({4}))
    return build_comparison(a, b)


@pytest.fixture
def grouped() -> Comparison:
    a = make_article(GROUP_A, outlet="Daily Planet", title="Envoy", path="a.txt")
    b = make_article(GROUP_B, outlet="The Bugle", title="Envoy", path="b.txt")
    return build_grouped(a, b)
