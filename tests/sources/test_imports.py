"""What reading articles imports: nothing heavy until it is needed (trafilatura for a web
page, ``urllib.request`` for an address), and inside ``sources/`` one direction only."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.locations import ROOT

SOURCES = ROOT / "src" / "newsdiff" / "sources"
TEXT_ARTICLE = """\
Sessions Spoke Twice With Russian Ambassador

Attorney General Jeff Sessions spoke twice last year with Russia's ambassador to the United States.
"""


def _run(code: str, *args: str) -> None:
    subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True)


# --- what is imported when ---------------------------------------------------------------


def test_reading_a_text_file_imports_no_extractor_and_no_http(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT_ARTICLE, encoding="utf-8")
    code = (
        "import sys\n"
        "heavy = {'trafilatura', 'urllib.request', 'newsdiff.sources.url'}\n"
        "from newsdiff.sources import load_article\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
        "article = load_article(sys.argv[1])\n"
        "assert article.title.startswith('Sessions Spoke Twice'), article.title\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
    )
    _run(code, str(path))


def test_text_files_do_not_import_trafilatura(tmp_path: Path) -> None:
    """The whole command line on two text files: the web-page format module is found like
    any format, but its extractor is never imported."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT_ARTICLE, encoding="utf-8")
    code = (
        "import sys; from newsdiff.cli import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        "assert 'trafilatura' not in sys.modules and 'urllib.request' not in sys.modules"
    )
    _run(code, str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))


# --- the shape of the package ------------------------------------------------------------


def _module(path: Path) -> str:
    parts = path.relative_to(SOURCES.parents[1]).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The newsdiff modules ``path`` imports anywhere (in functions too), except under
    ``if TYPE_CHECKING:``; ``from package import module`` counts as the module."""
    name = _module(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {m for m in found if m == "newsdiff" or m.startswith("newsdiff.")} - {name}


def _graph() -> dict[str, set[str]]:
    files = sorted(SOURCES.rglob("*.py"))
    modules = {_module(f) for f in files}
    return {_module(f): _imports(f, modules) for f in files}


def test_sources_imports_only_values_text_and_itself() -> None:
    allowed = ("newsdiff.sources", "newsdiff.values", "newsdiff.text")
    for module, imported in _graph().items():
        others = {m for m in imported if m != "newsdiff"  # the package root, for __version__
                  and not any(m == a or m.startswith(a + ".") for a in allowed)}
        assert not others, f"{module} imports {sorted(others)}"


def test_no_import_loop_inside_sources() -> None:
    graph = {m: {i for i in imported if i.startswith("newsdiff.sources")}
             for m, imported in _graph().items()}
    done: set[str] = set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        assert module not in path, "import loop: " + " -> ".join((*path, module))
        if module in done:
            return
        for imported in graph.get(module, ()):
            visit(imported, (*path, module))
        done.add(module)

    for module in graph:
        visit(module, ())


def test_only_formats_import_a_format_module() -> None:
    """The entry point and fetching know the formats through the registry alone: no
    ``if html`` anywhere, so a new format is a new module."""
    for module, imported in _graph().items():
        if not module.startswith("newsdiff.sources.formats"):
            formats = {m for m in imported if m.startswith("newsdiff.sources.formats.")}
            assert not formats, f"{module} imports {sorted(formats)}"


def test_the_layers() -> None:
    """``__init__`` -> ``url`` / ``formats`` -> the format modules -> ``decoding`` /
    ``outlets`` (its guesses -> its mapping) -> ``files``: nothing imports a module above it (the format modules take
    ``Format`` from their package, which finds them at run time rather than importing them)."""
    graph = _graph()
    layer = {"newsdiff.sources.files": 0, "newsdiff.sources.decoding": 1,
             "newsdiff.sources.formats": 1, "newsdiff.sources.outlets.mapping": 1,
             "newsdiff.sources.outlets.text": 2, "newsdiff.sources.outlets.folder": 2,
             "newsdiff.sources.outlets": 3, "newsdiff.sources.formats.text": 4,
             "newsdiff.sources.formats.html": 5, "newsdiff.sources.url": 6,
             "newsdiff.sources": 7}
    assert set(graph) == set(layer)
    for module, imported in graph.items():
        for other in imported & set(layer):
            assert layer[other] < layer[module], f"{module} imports {other}"
