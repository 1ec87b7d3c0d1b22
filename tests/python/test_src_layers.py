"""The layers of src/, as src/LAYERS lists them (bottom first), by scanning the sources: no build.

A file in src/ lies in a layer folder and includes the private headers of its own layer and of the
layers below it only, and only the public headers that belong to those layers; a public header
includes public headers of its own layer or below, and never a file of src/. The reading of the
layers and includes is in scripts/layers.py, which docs/architecture.md is drawn from too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from layers import UMBRELLA, layer_problems, read_layers, sources  # noqa: E402


def test_src_is_layered():
    assert layer_problems(ROOT) == []


def test_the_bottom_layer_knows_nothing_of_the_corpus():
    layers = read_layers(ROOT)
    assert layers[0].name == "yaml" and layers[1].name == "corpus"
    assert "corpus.hpp" not in layers[0].public


def test_every_layer_has_sources():
    for layer in read_layers(ROOT):
        assert sources(ROOT / "src" / layer.name), layer.name


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A clean two-layer checkout."""
    write(tmp_path / "src" / "LAYERS", "# comment\nlow   The bottom.\n      public: low.hpp\n"
                                       "high  The top.\n      public: high.hpp\n")
    write(tmp_path / "include" / "dutymap" / "low.hpp", "#pragma once\n#include <vector>\n")
    write(tmp_path / "include" / "dutymap" / "high.hpp", "#pragma once\n#include <dutymap/low.hpp>\n")
    write(tmp_path / "include" / "dutymap" / UMBRELLA, "#include <dutymap/high.hpp>\n")
    write(tmp_path / "src" / "low" / "a.hpp", "#pragma once\n#include <dutymap/low.hpp>\n")
    write(tmp_path / "src" / "low" / "a.cpp", '#include "a.hpp"\n#include <string>\n')
    write(tmp_path / "src" / "high" / "b.cpp", '#include "low/a.hpp"\n#include <dutymap/high.hpp>\n')
    return tmp_path


def test_a_clean_tree_passes(tree: Path):
    assert layer_problems(tree) == []


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("src/low/a.cpp", '#include "high/b.hpp"\n', "includes high/b.hpp of the higher layer `high`"),
        ("src/low/a.cpp", "#include <dutymap/high.hpp>\n", "includes <dutymap/high.hpp> of the higher"),
        ("src/low/a.cpp", '#include "missing.hpp"\n', 'includes "missing.hpp", which is no file'),
        ("src/stray.cpp", "", "src/stray.cpp lies in no layer folder"),
        ("src/other/c.hpp", "", "src/other/c.hpp lies in no layer folder"),
        ("include/dutymap/low.hpp", '#include "../../src/low/a.hpp"\n', "never src/"),
        ("include/dutymap/low.hpp", "#include <low/a.hpp>\n", "never src/"),
        ("include/dutymap/low.hpp", "#include <dutymap/high.hpp>\n", "(layer `low`) includes <dutymap/high.hpp>"),
        ("include/dutymap/extra.hpp", "", "extra.hpp belongs to no layer"),
    ],
)
def test_a_break_is_found(tree: Path, path: str, text: str, expected: str):
    write(tree / "src" / "high" / "b.hpp", "#pragma once\n")
    write(tree / path, (tree / path).read_text(encoding="utf-8") + text if (tree / path).exists() else text)
    problems = layer_problems(tree)
    assert any(expected in p for p in problems), problems
