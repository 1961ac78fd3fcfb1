"""The registry of formats (:mod:`newsdiff.sources.formats`): a new format is a new module,
found on the package's path, and nothing else changes; the default format for the rest."""

from __future__ import annotations

import io
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from newsdiff.sources import folder_articles, formats, load_article
from newsdiff.sources.url import fetch_article
from tests.local_server import serving

SHOUT = '''
"""A made-up format: text in capitals, from the news desk that always shouts."""

import dataclasses

from newsdiff.sources.formats import Format
from newsdiff.sources.formats.text import read_text


def read_shout(data, name):
    return dataclasses.replace(read_text(data.upper(), name), outlet="The Shouter")


FORMAT = Format("shout", frozenset({".shout"}), frozenset({"text/x-shout"}), read_shout)
'''
TEXT = b"Council passes the budget\n\nThe council passed the budget on Tuesday.\n"


@contextmanager
def extra_format(folder: Path) -> Iterator[formats.Format]:
    """The formats with one more module, ``shout.py``, in a folder added to the package's
    path (no file of the source tree is touched); afterwards, the formats as they were."""
    (folder / "shout.py").write_text(textwrap.dedent(SHOUT), encoding="utf-8")
    formats.__path__.append(str(folder))
    formats.formats.cache_clear()
    try:
        yield formats.named("shout")
    finally:
        formats.__path__.remove(str(folder))
        sys.modules.pop(f"{formats.__name__}.shout", None)
        formats.formats.cache_clear()


@pytest.fixture
def shout(tmp_path: Path) -> Iterator[formats.Format]:
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    with extra_format(plugins) as form:
        yield form


# --- a new format is a new module --------------------------------------------------------


def test_a_new_module_is_a_new_format(shout: formats.Format) -> None:
    assert [f.name for f in formats.formats()] == ["html", "text", "shout"]
    assert formats.for_path("desk/Budget.SHOUT") is shout


def test_load_article_reads_by_the_new_format(shout: formats.Format, tmp_path: Path) -> None:
    path = tmp_path / "budget.shout"
    path.write_bytes(TEXT)
    article = load_article(str(path))
    assert article.outlet == "The Shouter" and article.title == "COUNCIL PASSES THE BUDGET"


def test_folders_pick_up_the_new_suffix(shout: formats.Format, tmp_path: Path) -> None:
    for name in ("a.shout", "b.txt", "c.yell"):
        (tmp_path / name).write_bytes(TEXT)
    assert ".shout" in formats.article_suffixes()
    assert [p.name for p in folder_articles(tmp_path)] == ["a.shout", "b.txt"]


def test_fetching_accepts_the_new_media_type(shout: formats.Format, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert formats.for_media_type("text/x-shout") is shout
    monkeypatch.setenv("no_proxy", "*")
    with _serving(b"text/x-shout; charset=utf-8", TEXT) as address:
        article = fetch_article(address)
    assert (article.outlet, article.title) == ("The Shouter", "COUNCIL PASSES THE BUDGET")


def test_the_formats_are_restored_afterwards(tmp_path: Path) -> None:
    before = formats.formats()
    with extra_format(tmp_path):
        assert len(formats.formats()) == len(before) + 1
    assert formats.formats() == before and formats.for_path("a.shout").name == "text"
    assert f"{formats.__name__}.shout" not in sys.modules


# --- the formats there are ---------------------------------------------------------------


def test_the_built_in_formats() -> None:
    assert {f.name: sorted(f.suffixes) for f in formats.formats()} == {
        "html": [".htm", ".html"], "text": [".markdown", ".md", ".txt"]}
    assert formats.article_suffixes() == {".htm", ".html", ".markdown", ".md", ".txt"}


def test_suffixes_and_media_types_belong_to_one_format_each() -> None:
    every = formats.formats()
    suffixes = [s for f in every for s in f.suffixes]
    types = [t for f in every for t in f.media_types]
    assert len(set(suffixes)) == len(suffixes) and len(set(types)) == len(types)
    assert all(s.startswith(".") and s == s.lower() for s in suffixes)
    assert all("/" in t and t == t.lower() for t in types)


@pytest.mark.parametrize(("path", "name"), [
    ("a.txt", "text"), ("a.MD", "text"), ("a.markdown", "text"),
    ("page.html", "html"), ("PAGE.HTM", "html"), ("dir.html/a.txt", "text"),
])
def test_for_path_by_suffix(path: str, name: str) -> None:
    assert formats.for_path(path).name == name


@pytest.mark.parametrize("path", ["notes.rst", "README", "archive.tar.gz", "-", "<stdin>"])
def test_the_default_format_reads_unknown_suffixes_and_stdin(path: str) -> None:
    assert formats.for_path(path) is formats.named(formats.DEFAULT)
    assert formats.DEFAULT == "text"


def test_stdin_is_text_whatever_it_holds() -> None:
    article = load_article("-", io.BytesIO(b"<p>Tags stay as written.</p>\n"))
    assert article.text == "<p>Tags stay as written.</p>\n" and article.outlet == "stdin"


def test_an_unknown_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.rst"
    path.write_bytes(TEXT)
    article = load_article(str(path))
    assert (article.outlet, article.title) == ("wire", "Council passes the budget")


@pytest.mark.parametrize(("media_type", "name"), [
    ("text/plain", "text"), ("text/markdown", "text"),
    ("text/html", "html"), ("application/xhtml+xml", "html"),
    ("application/pdf", None), ("", None),
])
def test_for_media_type(media_type: str, name: str | None) -> None:
    form = formats.for_media_type(media_type)
    assert (form.name if form else None) == name


# --- a server for the one fetching test ------------------------------------------------------


@contextmanager
def _serving(content_type: bytes, body: bytes) -> Iterator[str]:
    """The address of a local server that answers every GET with ``body``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", content_type.decode())
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            """Quiet: the test output is for failures."""

    with serving(Handler) as address:
        yield f"{address}/budget"
