"""The layers of src/, as src/LAYERS lists them (bottom first), by scanning the sources: no build.

A file in src/ lies in a layer folder and includes the private headers of its own layer and of the
layers below it only, and only the public headers that belong to those layers; a public header
includes public headers of its own layer or below, and never a file of src/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

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
