"""The project's layers, read from its sources: the C++ library's (src/LAYERS and each file's
#include lines) and the Python package's (PYTHON_LAYERS and each module's imports).

The tests check the layering with these functions (tests/python/test_src_layers.py and
test_python_imports.py) and scripts/architecture.py draws it, so the picture in
docs/architecture.md and the checks read the code the same way.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------- the C++ library (src/)

# Includes every other public header: it belongs to no layer, and no file of src/ may include it.
UMBRELLA = "dutymap.hpp"

INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', re.MULTILINE)


@dataclass
class Layer:
    name: str
    description: str
    public: list[str] = field(default_factory=list)


def read_layers(root: Path) -> list[Layer]:
    """The layers of `root`/src/LAYERS: `name  description` lines, each followed by indented
    `public: header ...` lines; `#` starts a comment line."""
    layers: list[Layer] = []
    for number, line in enumerate((root / "src" / "LAYERS").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():
            key, colon, rest = line.strip().partition(":")
            if key != "public" or not colon or not layers:
                raise ValueError(f"src/LAYERS:{number}: expected `public: header ...` under a layer")
            layers[-1].public += rest.split()
        else:
            name, _, description = line.partition(" ")
            if not description.strip():
                raise ValueError(f"src/LAYERS:{number}: layer `{name}` has no description")
            layers.append(Layer(name, description.strip()))
    return layers


def includes(path: Path) -> list[tuple[str, str]]:
    """(`<` or `"`, name) of each #include of a file."""
    return INCLUDE.findall(path.read_text(encoding="utf-8"))


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".cpp", ".hpp") and p.is_file())


def layer_problems(root: Path) -> list[str]:
    """Every break of the layering of `root` (a checkout), one sentence each."""
    src, public = root / "src", root / "include" / "dutymap"
    layers = read_layers(root)
    problems: list[str] = []
    rank = {layer.name: k for k, layer in enumerate(layers)}
    if len(rank) != len(layers):
        problems.append("src/LAYERS names a layer twice")
    owner: dict[str, str] = {}  # public header (relative to include/dutymap) -> its layer
    for layer in layers:
        if not (src / layer.name).is_dir():
            problems.append(f"src/LAYERS lists `{layer.name}`, which is not a folder of src/")
        for header in layer.public:
            if header in owner:
                problems.append(f"src/LAYERS gives {header} to both `{owner[header]}` and `{layer.name}`")
            if not (public / header).is_file():
                problems.append(f"src/LAYERS names {header}, which is not in include/dutymap/")
            owner[header] = layer.name
    for path in sources(public):
        header = path.relative_to(public).as_posix()
        if header != UMBRELLA and header not in owner:
            problems.append(f"include/dutymap/{header} belongs to no layer: name it in src/LAYERS")

    def private_header(name: str, near: Path) -> Path | None:
        for base in (near, src):
            candidate = (base / name).resolve()
            if candidate.is_file() and src.resolve() in candidate.parents:
                return candidate
        return None

    # Files of src/: each in a layer, including nothing above it.
    for path in sources(src):
        where = path.relative_to(src).as_posix()
        parts = path.relative_to(src).parts
        if len(parts) < 2 or parts[0] not in rank:
            problems.append(f"src/{where} lies in no layer folder listed in src/LAYERS")
            continue
        mine = parts[0]
        for bracket, name in includes(path):
            if name.startswith("dutymap/"):
                header = name.removeprefix("dutymap/")
                if header not in owner:
                    problems.append(f"src/{where} includes <{name}>, a public header of no layer")
                elif rank[owner[header]] > rank[mine]:
                    problems.append(f"src/{where} (layer `{mine}`) includes <{name}> of the higher "
                                    f"layer `{owner[header]}`")
                continue
            target = private_header(name, path.parent)
            if target is None:
                if bracket == '"':
                    problems.append(f'src/{where} includes "{name}", which is no file of src/')
                continue  # a system or third-party header
            theirs = target.relative_to(src.resolve()).parts[0]
            if theirs not in rank:
                problems.append(f"src/{where} includes {name}, which lies in no layer")
            elif rank[theirs] > rank[mine]:
                problems.append(f"src/{where} (layer `{mine}`) includes {name} of the higher layer "
                                f"`{theirs}`")

    # Public headers: never a file of src/, and only public headers of their layer or below.
    for path in sources(public):
        header = path.relative_to(public).as_posix()
        for bracket, name in includes(path):
            if bracket == '"' or "src/" in name or private_header(name, src) is not None:
                problems.append(f"include/dutymap/{header} includes {bracket}{name}: public headers "
                                "name only <dutymap/...> and system headers, never src/")
                continue
            if not name.startswith("dutymap/") or header not in owner:
                continue
            included = name.removeprefix("dutymap/")
            if included not in owner:
                problems.append(f"include/dutymap/{header} includes <{name}>, a public header of no layer")
            elif rank[owner[included]] > rank[owner[header]]:
                problems.append(f"include/dutymap/{header} (layer `{owner[header]}`) includes <{name}> "
                                f"of the higher layer `{owner[included]}`")
    return problems


# ---------------------------------------------------------------- the Python package

PACKAGE = ROOT / "python" / "dutymap"
NAME = "dutymap"
#: How the package's own module (``__init__.py``) is named in the graph.
INIT = "__init__"

#: The Python package's layers, lowest first; a module imports only from its own layer and those
#: before it.
PYTHON_LAYERS: list[tuple[str, set[str]]] = [
    ("compiled core", {"_core"}),
    ("vocabulary and argument checks", {"_vocabulary", "_arguments"}),
    ("presenters (plain data in; text, HTML, figures, DataFrames out)", {"_text", "_html", "_plot", "_tables"}),
    ("results", {"_gaps", "_compare"}),
    ("sweeps on a Dask cluster", {"_distributed"}),
    ("corpus and its scenarios", {"_corpus", "_scenario"}),
    ("where corpora come from", {"_loading"}),
    ("drafting a coding from an agreement's text", {"_drafting"}),
    ("reviewing a drafted coding", {"_review"}),
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
    return {module: n for n, (_, names) in enumerate(PYTHON_LAYERS) for module in names}


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
