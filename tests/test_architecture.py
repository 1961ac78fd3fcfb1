"""The package's shape, checked: imports run one way, and no module imports itself back.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``): the
layers from the front ends down to the data, and no loop between the modules
of any package.  Import-linter's sibling check cannot see a loop through a
package's own ``__init__`` (a module importing the package that imports it),
so :func:`test_no_module_imports_itself_back` looks at every direct import.
Imports made only for type checking do not count: they never run.
"""

from __future__ import annotations

import grimp
from importlinter.cli import lint_imports

from tests.locations import ROOT


def test_the_import_contracts_hold(capsys):
    code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True,
                        no_logo=True)
    assert code == 0, capsys.readouterr().out


def import_graph() -> grimp.ImportGraph:
    return grimp.build_graph("newsdiff", exclude_type_checking_imports=True, cache_dir=None)


def test_no_module_imports_itself_back():
    graph = import_graph()
    loops = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                loops.append(" -> ".join((importer, *back)))
    assert not loops, "import loops:\n" + "\n".join(loops)


def test_the_engine_needs_no_front_end():
    """Stated on its own because it is the promise the layering exists for: the engine
    runs in a worker, a notebook or a cluster with no terminal code loaded."""
    graph = import_graph()
    front_ends = {"newsdiff.cli", "newsdiff.tui", "newsdiff.review", "newsdiff.render",
                  "newsdiff.present", "newsdiff.sources"}
    for module in graph.find_upstream_modules("newsdiff.engine", as_package=True):
        assert not any(module == f or module.startswith(f + ".") for f in front_ends), module
