"""Draws the project's layers into docs/architecture.md, from the code itself.

    python scripts/architecture.py            # rewrite the picture between the markers
    python scripts/architecture.py --check    # exit 1 when the picture is not the code's

The picture lists each layer of the C++ library (src/LAYERS) and of the Python package
(PYTHON_LAYERS in scripts/layers.py), top first, with its files and the layers each one really
uses, read from the #include lines and the imports. The same readings are what the
layering tests check, so a picture that passes --check is the structure the tests hold the code to.
"""

from __future__ import annotations

import argparse
import sys

from drawn import between, write_or_check
from layers import (
    INIT,
    PYTHON_LAYERS,
    ROOT,
    all_imports,
    includes,
    layer_of,
    package_modules,
    read_layers,
    sources,
)

DOC = ROOT / "docs" / "architecture.md"
BEGIN = "<!-- drawn by scripts/architecture.py: begin -->"
END = "<!-- drawn by scripts/architecture.py: end -->"
WIDTH = 100


def wrapped(prefix: str, words: list[str], indent: str) -> list[str]:
    """`prefix` then the words, wrapped at WIDTH with `indent` before continuation lines."""
    out, line = [], prefix
    for word in words:
        if len(line) + 1 + len(word) > WIDTH and line.strip() != prefix.strip():
            out.append(line)
            line = indent + word
        else:
            line = f"{line} {word}" if line.strip() else indent + word
    out.append(line)
    return out


def cpp_layers() -> list[str]:
    """The C++ layers, top first: files with their lines, the layers each layer includes."""
    src, public = ROOT / "src", ROOT / "include" / "dutymap"
    layers = read_layers(ROOT)
    rank = {layer.name: k for k, layer in enumerate(layers)}
    owner = {header: layer.name for layer in layers for header in layer.public}
    uses: dict[str, set[str]] = {layer.name: set() for layer in layers}
    for path in sources(src):
        mine = path.relative_to(src).parts[0]
        for _, name in includes(path):
            if name.startswith("dutymap/") and name.removeprefix("dutymap/") in owner:
                uses[mine].add(owner[name.removeprefix("dutymap/")])
            elif (path.parent / name).is_file() or (src / name).is_file():
                target = (path.parent / name) if (path.parent / name).is_file() else (src / name)
                uses[mine].add(target.resolve().relative_to(src.resolve()).parts[0])
    for header, mine in owner.items():  # a layer's public headers are its code too
        for _, name in includes(public / header):
            if name.removeprefix("dutymap/") in owner:
                uses[mine].add(owner[name.removeprefix("dutymap/")])
    out = []
    for layer in reversed(layers):
        files = sources(src / layer.name)
        below = sorted((u for u in uses[layer.name] if u != layer.name), key=lambda u: -rank[u])
        out.append(f"{layer.name}: {layer.description}")
        out += wrapped("    src/:", [p.relative_to(src / layer.name).as_posix() for p in files],
                       "      ")
        out += wrapped("    include/dutymap/:", layer.public, "      ")
        out.append(f"    uses: {', '.join(below) if below else 'nothing of the project'}")
        if layer is not layers[0]:
            out.append("        |")
            out.append("        v")
    out.append("")
    out.append("(include/dutymap/dutymap.hpp includes every public header and belongs to no layer.)")
    return out


def python_layers() -> list[str]:
    """The Python layers, top first: modules with their lines and what each imports."""
    modules = package_modules()
    imported: dict[str, set[str]] = {}
    for i in all_imports():
        imported.setdefault(i.source, set()).add(i.target + (" (types)" if i.type_only else ""))
    for source, targets in imported.items():  # an import that runs makes its type-only twin moot
        imported[source] = {t for t in targets if not (t.endswith(" (types)") and t[:-8] in targets)}
    out = []
    for k, (title, names) in reversed(list(enumerate(PYTHON_LAYERS))):
        out.append(f"{title}:")
        for name in sorted(names):
            path = modules[name]
            shown = "__init__.py" if name == INIT else path.name
            size = " (compiled; stubs generated)" if name == "_core" else ""
            targets = sorted(imported.get(name, ()), key=lambda t: (-layer_of()[t.split()[0]], t))
            out += wrapped(f"    {shown}{size} ->", targets or ["nothing of the package"],
                           "        ")
        if k:
            out.append("        |")
            out.append("        v")
    return out


def picture() -> str:
    body = [
        "```text",
        "C++ library: the layers of src/, top first; a layer uses only the layers below it.",
        "",
        *cpp_layers(),
        "",
        "Python package python/dutymap, top first; `->` lists what each module imports.",
        "",
        *python_layers(),
        "```",
    ]
    return "\n".join(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    fresh = between(DOC.read_text(encoding="utf-8"), BEGIN, END, lambda _: picture(), "docs/architecture.md")
    return write_or_check(DOC, fresh, args.check, "docs/architecture.md does not show the code as it is: run "
                          "`python scripts/architecture.py`.", ROOT)


if __name__ == "__main__":
    sys.exit(main())
