"""The Python package imports in one direction: from the core up to the command line.

The package's modules stand in layers, lowest first (:data:`LAYERS`). A module imports only
modules of its own layer or of lower ones, and the imports that run never go round in a circle.
Every import statement counts, wherever it stands: at the top of a module, inside a function (an
import deferred to the call is still an import), or inside ``if TYPE_CHECKING:``.

Imports inside ``if TYPE_CHECKING:`` obey the layers like any other: the presenters never name the
result classes, even in an annotation. They are left out of the cycle check only, because they
never run: two classes of one layer that hand out each other (``Corpus.scenario`` gives a
``Scenario``, ``Scenario.corpus`` gives a ``Corpus``) may both be annotated, while the module
that runs first (``_corpus``) imports the other and never the reverse.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "python" / "dutymap"
NAME = "dutymap"
#: How the package's own module (``__init__.py``) is named in the graph.
INIT = "__init__"

#: The layers, lowest first; a module imports only from its own layer and those before it.
LAYERS: list[tuple[str, set[str]]] = [
    ("compiled core", {"_core"}),
    ("vocabulary and argument checks", {"_vocabulary", "_arguments"}),
    ("presenters (plain data in; text, HTML, figures, DataFrames out)", {"_text", "_html", "_plot", "_tables"}),
    ("results", {"_gaps", "_compare"}),
    ("corpus and its scenarios", {"_corpus", "_scenario"}),
    ("where corpora come from", {"_loading"}),
    ("exercises", {"exercises"}),
    ("the package", {INIT}),
    ("command line", {"cli"}),
    ("python -m dutymap", {"__main__"}),
]


class Import:
    """One import of a module of the package by another."""

    def __init__(self, source: str, target: str, line: int, type_only: bool) -> None:
        self.source, self.target, self.line, self.type_only = source, target, line, type_only

    def __repr__(self) -> str:
        where = " (TYPE_CHECKING)" if self.type_only else ""
        return f"{self.source} -> {self.target} at line {self.line}{where}"


def package_modules() -> dict[str, Path]:
    """The package's modules by name: its Python files, and the compiled core by its stubs."""
    modules = {p.stem: p for p in PACKAGE.glob("*.py")}
    for stub in PACKAGE.glob("*.pyi"):
        modules.setdefault(stub.stem, stub)
    return modules


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(node: ast.AST, type_only: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    """Every node below ``node``, with whether it stands inside ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            yield child, type_only
            for part in child.body:
                yield part, True
                yield from _statements(part, True)
            for part in child.orelse:
                yield part, type_only
                yield from _statements(part, type_only)
            continue
        yield child, type_only
        yield from _statements(child, type_only)


def _target(dotted: str, modules: dict[str, Path]) -> str | None:
    """The module of the package that a dotted name imports, or None for one outside it."""
    parts = dotted.split(".")
    if parts[0] != NAME:
        return None
    if len(parts) == 1:
        return INIT
    return parts[1] if parts[1] in modules else INIT


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    """The imports of other modules of the package that module ``name`` makes."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node, type_only in _statements(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            assert called not in ("import_module", "__import__"), (
                f"{path.name}:{node.lineno} imports by name at run time, which this test cannot follow"
            )
        targets: list[str | None] = []
        if isinstance(node, ast.Import):
            targets = [_target(alias.name, modules) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # A relative import: from the package itself (the package is flat, one level).
                assert node.level == 1, f"{path.name}:{node.lineno} reaches above the package"
                base = NAME + ("." + node.module if node.module else "")
            else:
                base = node.module or ""
            if base == NAME:
                # `from . import x`: x is a module of the package, or a name the package exports.
                targets = [alias.name if alias.name in modules else INIT for alias in node.names]
            else:
                targets = [_target(base, modules)]
        for target in targets:
            if target is not None and target != name:
                found.append(Import(name, target, node.lineno, type_only))
    return found


def all_imports() -> list[Import]:
    modules = package_modules()
    return [i for name, path in sorted(modules.items()) for i in imports_of(name, path, modules)]


def layer_of() -> dict[str, int]:
    return {module: n for n, (_, names) in enumerate(LAYERS) for module in names}


def find_cycle(edges: list[Import]) -> list[str] | None:
    """A circle of imports (its modules in order, the first again at the end), or None."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        graph.setdefault(e.source, set()).add(e.target)
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return path[path.index(module):] + [module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph.get(module, ())):
            cycle = visit(target)
            if cycle:
                return cycle
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return None


def test_every_module_has_a_layer():
    placed = layer_of()
    modules = set(package_modules())
    assert modules - set(placed) == set(), "modules without a layer: put them in LAYERS"
    assert set(placed) - modules == set(), "LAYERS names modules the package does not have"


def test_no_module_imports_from_a_higher_layer():
    layer = layer_of()
    upward = [i for i in all_imports() if layer[i.target] > layer[i.source]]
    assert not upward, "imports from a higher layer:\n" + "\n".join(
        f"  {i!r}: {LAYERS[layer[i.source]][0]} imports {LAYERS[layer[i.target]][0]}" for i in upward
    )


def test_the_imports_that_run_go_round_in_no_circle():
    edges = [i for i in all_imports() if not i.type_only]
    cycle = find_cycle(edges)
    assert cycle is None, "the imports go round: " + " -> ".join(cycle or [])


def test_the_cycle_search_finds_a_circle_and_names_it():
    a, b, c = Import("a", "b", 1, False), Import("b", "c", 2, False), Import("c", "a", 3, False)
    assert find_cycle([a, b, c]) == ["a", "b", "c", "a"]
    assert find_cycle([a, b]) is None


@pytest.mark.parametrize("source, expected", [
    ("def f():\n    from ._corpus import Corpus\n", [("_corpus", False)]),
    ("if TYPE_CHECKING:\n    from . import cli\nelse:\n    import dutymap.exercises\n",
     [("cli", True), ("exercises", False)]),
    ("from . import _gaps, __version__\nimport dutymap\nimport pandas\n",
     [("_gaps", False), (INIT, False), (INIT, False)]),
])
def test_the_walk_resolves_every_form_of_import(tmp_path: Path, source: str, expected: list[tuple[str, bool]]):
    path = tmp_path / "example.py"
    path.write_text(source, encoding="utf-8")
    found = imports_of("example", path, package_modules())
    assert [(i.target, i.type_only) for i in found] == expected
