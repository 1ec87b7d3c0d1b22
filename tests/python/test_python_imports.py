"""The Python package imports in one direction: from the core up to the command line.

The package's modules stand in layers, lowest first (``PYTHON_LAYERS`` in scripts/layers.py,
which reads the imports; docs/architecture.md is drawn from it too). A module imports only
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

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from layers import (  # noqa: E402
    INIT,
    PYTHON_LAYERS as LAYERS,
    Import,
    all_imports,
    find_cycle,
    imports_of,
    layer_of,
    package_modules,
)


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
