"""Messages that carry a path, an address or a server's words are shown literally.

The audit's three cases, each end to end with the toasts drawn (``run_test``
leaves them out unless asked): a file name that breaks Textual's markup, a
server whose status line does, and a file name that would make the toast a
button.  Then a check over the sources that no message in the reader can be
read as markup again.
"""

from __future__ import annotations

import ast
import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdiff.resources import sample_story
from newsdiff.tui.app import NewsdiffApp
from tests.local_server import serving

from .tui_support import NotifySpy, exiting, settle, shown

SIZE = (120, 40)
TUI = Path(__file__).parents[2] / "src" / "newsdiff" / "tui"


def binary(path: Path) -> str:
    """A file the reader cannot read (binary data), at ``path``; its name as given."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\x01\x02 not text \xff")
    return str(path)


async def test_a_path_that_breaks_markup_is_shown_as_it_is(tmp_path: Path,
                                                            notices: NotifySpy) -> None:
    """``a[/b].txt``: a folder ``a[`` holding ``b].txt`` (the audit's case)."""
    bad = binary(tmp_path / "a[" / "b].txt")
    app = NewsdiffApp([str(sample_story()[0]), bad])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        toast = await shown(app, pilot, "a[/b].txt")
        assert f"cannot read '{bad}'" in toast.render().plain
        assert app.is_running and len(app.entries) == 1   # the other article is there


@pytest.fixture
def oops_server() -> Iterator[str]:
    """An address on 127.0.0.1 whose server answers ``HTTP/1.1 500 Oops [/b]``."""

    class Oops(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(500, "Oops [/b] [@click=app.quit]here")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    with serving(Oops) as address:
        yield f"{address}/story"


async def test_a_servers_error_text_is_shown_as_it_is(oops_server: str) -> None:
    app = NewsdiffApp([str(sample_story()[0]), oops_server])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        toast = await shown(app, pilot, "Oops")
        assert "500 Oops [/b] [@click=app.quit]here" in toast.render().plain
        await pilot.click(toast, offset=(30, 3))     # on the server's words
        await pilot.pause()
        assert app.is_running and not exiting(app)


async def test_a_file_named_as_an_action_link_is_text_and_does_nothing(tmp_path: Path) -> None:
    bad = binary(tmp_path / "[@click=app.quit]q.txt")
    app = NewsdiffApp([str(sample_story()[0]), bad])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        toast = await shown(app, pilot, "[@click=app.quit]q.txt")
        content = toast.render()
        assert not any("click" in str(span.style) for span in content.spans)  # no link
        line = next(n for n, text in enumerate(content.plain.split("\n")) if "q.txt" in text)
        for x in range(2, toast.region.width - 2, 4):   # all along the file name's line
            await pilot.click(toast, offset=(x, line + 1))
            assert not exiting(app)
        assert app.is_running


# -- no message in the reader is read as markup ---------------------------------------


def calls(name: str) -> Iterator[tuple[Path, ast.Call]]:
    """Every call of a method or function called ``name`` in the reader's sources."""
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr",
                                                      getattr(node.func, "id", None)) == name:
                yield path, node


def test_every_notification_is_shown_without_markup() -> None:
    found = list(calls("notify"))
    assert len(found) > 20, "the reader's notifications were found"
    for path, call in found:
        markup = next((k.value for k in call.keywords if k.arg == "markup"), None)
        assert isinstance(markup, ast.Constant) and markup.value is False, (
            f"{path.name}:{call.lineno}: notify(...) without markup=False")


def test_no_widget_text_or_title_is_a_markup_string() -> None:
    """Static, Label and border titles get Rich ``Text`` (literal), or no text: a string
    there is read as markup, so a path in it could break or act."""
    for name in ("Static", "Label"):
        for path, call in calls(name):
            for arg in call.args[:1]:
                assert not isinstance(arg, ast.JoinedStr | ast.Constant | ast.BinOp), (
                    f"{path.name}:{call.lineno}: {name}(<a string>)")
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign) and any(
                    getattr(t, "attr", "") in ("border_title", "border_subtitle")
                    for t in node.targets):
                assert not isinstance(node.value, ast.JoinedStr | ast.BinOp), (
                    f"{path.name}:{node.lineno}: a border title built as a string")
