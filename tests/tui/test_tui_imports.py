"""The reader's modules import one way: widgets, texts and helpers, then the screens, then
the app; never back, and never round in a loop.

Imports under ``if TYPE_CHECKING:`` (a screen naming ``NewsdiffApp`` in its type
hints) are not imports at run time and do not count; imports inside functions
(the screens' modules load when first opened) do.
"""

from __future__ import annotations

import ast
import importlib.util
import pkgutil
from pathlib import Path

import newsdiff.tui

PACKAGE = "newsdiff.tui"


def layer(module: str) -> int:
    """0: widgets, texts and helpers; 1: the screens; 2: the app and the entry points."""
    if module in (PACKAGE, f"{PACKAGE}.app", f"{PACKAGE}.__main__"):
        return 2
    return 1 if module.startswith(f"{PACKAGE}.screens.") else 0


def runtime_imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """The import statements of a module, those under ``if TYPE_CHECKING:`` left out."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            found += [n for child in node.orelse for n in runtime_imports(child)]
        elif isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        else:
            found += runtime_imports(node)
    return found


def imported(node: ast.Import | ast.ImportFrom, modules: set[str]) -> set[str]:
    """The reader's modules an import statement imports (``from newsdiff.tui import texts``
    imports ``newsdiff.tui.texts``)."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names} & modules
    base = node.module or ""
    submodules = {f"{base}.{a.name}" for a in node.names} & modules
    return submodules or {base} & modules


def import_graph() -> dict[str, set[str]]:
    """Each module of the reader and the reader's modules it imports at run time."""
    names = [PACKAGE, *(m.name for m in pkgutil.walk_packages(newsdiff.tui.__path__,
                                                              f"{PACKAGE}."))]
    modules = set(names)
    graph = {}
    for name in names:
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin is not None
        tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
        graph[name] = set().union(*(imported(n, modules) for n in runtime_imports(tree))) - {name}
    return graph


def loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import loops of ``graph``, each as the modules round it."""
    found, done = [], set()

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(graph[module]):
            if target in path:
                found.append([*path[path.index(target):], target])
            elif target not in done:
                visit(target, [*path, target])
        done.add(module)

    for module in sorted(graph):
        if module not in done:
            visit(module, [module])
    return found


def test_no_import_loop() -> None:
    assert loops(import_graph()) == []


def test_imports_run_from_the_app_down_to_the_widgets() -> None:
    upward = sorted(f"{module} imports {target}" for module, targets in import_graph().items()
                    for target in targets if layer(target) > layer(module))
    assert upward == []


def test_the_check_sees_a_loop() -> None:
    assert loops({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b", "a"]]
