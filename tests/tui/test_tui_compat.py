"""The private Textual API :mod:`newsdiff.tui.compat` relies on: still there, still called
as compat calls it, still doing what the reader needs; and used nowhere else.

A Textual upgrade that breaks one of these fails here first, naming the installed
Textual and what changed, instead of as a story screen drawn wrong.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import pkgutil
import re
from importlib.metadata import version
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import CursorType

import newsdiff.tui
from newsdiff.tui.compat import CursorHighlightTable, QuietScrollView, column_region

TEXTUAL = f"Textual {version('textual')}"

#: What compat.py relies on: the owner, the private name, and its parameters as compat
#: calls it (or, for ``_should_highlight``, as the table calls compat's override).
RELIED_ON = [
    (DataTable, "_should_highlight", ["self", "cursor", "target_cell", "type_of_cursor"]),
    (DataTable, "_get_column_region", ["self", "column_index"]),
    (ScrollView, "_scroll_update", ["self", "virtual_size"]),
]


@pytest.mark.parametrize(("owner", "name", "parameters"), RELIED_ON,
                         ids=[f"{owner.__name__}.{name}" for owner, name, _ in RELIED_ON])
def test_the_private_api_compat_relies_on_is_still_there(owner: type, name: str,
                                                         parameters: list[str]) -> None:
    where = f"{TEXTUAL}: {owner.__name__}.{name}"
    method = getattr(owner, name, None)
    assert callable(method), (
        f"{where} is gone; newsdiff.tui.compat relies on it (its docstrings say what for)")
    found = list(inspect.signature(method).parameters)
    assert found == parameters, (
        f"{where} now takes ({', '.join(found)}), not ({', '.join(parameters)}) as "
        "newsdiff.tui.compat expects")


class Table(CursorHighlightTable):
    """Two columns and two labelled rows; records what the table asks :meth:`is_highlighted`."""

    def __init__(self) -> None:
        super().__init__(cursor_type="cell")
        self.asked: set[Coordinate] = set()

    def on_mount(self) -> None:
        self.add_columns("a", "bb")
        self.add_row("1", "2", label="first")
        self.add_row("3", "4", label="second")

    def is_highlighted(self, cursor: Coordinate, cell: Coordinate,
                       cursor_type: CursorType) -> bool:
        self.asked.add(cell)
        return super().is_highlighted(cursor, cell, cursor_type)


class Stack(QuietScrollView):
    """Five lines high, drawing blank lines."""

    DEFAULT_CSS = "Stack { height: 5; }"

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class Harness(App[None]):
    def compose(self) -> ComposeResult:
        yield Table()
        yield Stack()


async def test_the_table_asks_is_highlighted_for_its_row_labels_and_headers() -> None:
    app = Harness()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(Table)
        assert any(c.row == -1 for c in table.asked), (
            f"{TEXTUAL}: DataTable no longer asks _should_highlight about its column headers")
        assert any(c.column == -1 for c in table.asked), (
            f"{TEXTUAL}: DataTable no longer asks _should_highlight about its row labels")
        cursor = Coordinate(0, 0)
        assert table.is_highlighted(cursor, cursor, "cell")
        assert not table.is_highlighted(cursor, Coordinate(0, 1), "cell")


async def test_column_region_is_where_the_column_is_drawn() -> None:
    app = Harness()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        table = app.query_one(Table)
        first, second = column_region(table, 0), column_region(table, 1)
        assert first.x > 0, f"{TEXTUAL}: the column region leaves out the row labels"
        assert (second.x, second.width) == (
            first.right, table.ordered_columns[1].get_render_width(table))
        assert first.height == table.header_height + table.row_count
        header = "".join(s.text for s in table.render_lines(Region(0, 0, table.size.width, 1))[0])
        assert header[second.x:second.right].strip() == "bb", (
            f"{TEXTUAL}: DataTable._get_column_region no longer gives where the header is drawn")
        assert not column_region(table, 2), "no such column: an empty region"


async def test_set_virtual_size_fits_the_scrollbars_at_once() -> None:
    app = Harness()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        stack = app.query_one(Stack)
        assert not stack.show_vertical_scrollbar
        stack.set_virtual_size(Size(10, 50))
        assert stack.show_vertical_scrollbar, (
            f"{TEXTUAL}: Widget._scroll_update no longer shows the scrollbar of a taller content")
        scrollbar = stack.vertical_scrollbar
        assert (scrollbar.window_virtual_size, scrollbar.window_size) == (50, 5), (
            f"{TEXTUAL}: Widget._scroll_update no longer sizes the scrollbar's thumb")


# -- nothing else uses private Textual names ----------------------------------------------


def is_private(name: str) -> bool:
    """``_name``, not ``__dunder__``."""
    return name.startswith("_") and not name.startswith("__")


def is_private_on(node: ast.AST, *names: str) -> bool:
    """Whether ``node`` is ``x._private`` with ``x`` one of ``names`` (any ``x`` if none)."""
    return (isinstance(node, ast.Attribute) and is_private(node.attr)
            and (not names or isinstance(node.value, ast.Name) and node.value.id in names))


def private_names_in(tree: ast.AST) -> set[str]:
    """The private names a class's source defines as methods or uses on ``self``."""
    return ({n.name for n in ast.walk(tree)
             if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and is_private(n.name)}
            | {n.attr for n in ast.walk(tree) if is_private_on(n, "self")})


@functools.cache
def textual_source(path: str) -> str:
    """A module of Textual's, read once for all the classes it defines."""
    return Path(path).read_text(encoding="utf-8")


@functools.cache
def private_names_of(textual_class: type) -> frozenset[str]:
    """The private names a Textual class defines: its attributes, and the methods it defines
    and the names they use on ``self`` (read from its source: parsing Textual's big modules
    would take seconds)."""
    source = textual_source(inspect.getfile(textual_class))
    found = re.search(rf"^class {textual_class.__name__}\b.*?(?=^\S)", source + "\nEND",
                      flags=re.MULTILINE | re.DOTALL)
    body = found.group() if found else ""
    return frozenset({name for name in vars(textual_class) if is_private(name)}
                     | set(re.findall(r"\bself\.(_[A-Za-z]\w*)", body))
                     | set(re.findall(r"^\s+(?:async\s+)?def\s+(_[A-Za-z]\w*)", body,
                                      flags=re.MULTILINE)))


def private_uses(module_name: str) -> list[str]:
    """Where a module of the reader uses a private Textual name: an import from a private
    module, a class defining or using on ``self`` a private name of the Textual classes it
    derives from (overriding it, or clashing with it), and any ``x._name`` of an object
    other than ``self`` or ``cls``."""
    module = importlib.import_module(module_name)
    tree = ast.parse(Path(inspect.getfile(module)).read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual") and (
                "._" in (node.module or "") or any(is_private(a.name) for a in node.names)):
            found.append(f"line {node.lineno}: from {node.module} import ...")
        elif is_private_on(node) and not is_private_on(node, "self", "cls"):
            found.append(f"line {node.lineno}: .{node.attr}")
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            textual = [base for base in getattr(module, node.name).__mro__
                       if base.__module__.split(".")[0] == "textual"]
            theirs = frozenset().union(*map(private_names_of, textual))
            found += [f"class {node.name}: {name}"
                      for name in sorted(private_names_in(node) & theirs)]
    return found


def test_only_compat_uses_private_textual_names() -> None:
    modules = [m.name for m in pkgutil.walk_packages(newsdiff.tui.__path__, "newsdiff.tui.")
               if m.name != "newsdiff.tui.compat"]
    found = {name: uses for name in ["newsdiff.tui", *modules] if (uses := private_uses(name))}
    assert not found, (f"{TEXTUAL}: private names used outside newsdiff.tui.compat (a Textual "
                       f"one belongs behind a name there): {found}")
