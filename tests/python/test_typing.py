"""Types hold together: mypy over the package, generated stubs equal to the built module's, and
the notebooks' code under `mypy --strict`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_accepts_the_package_and_its_stubs():
    out = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_stubs_name_every_public_member_of_the_compiled_module():
    import dutymap._core as core

    stub = (ROOT / "python" / "dutymap" / "_core.pyi").read_text()
    for name in dir(core):
        if not name.startswith("_"):
            assert f"class {name}" in stub or f"def {name}(" in stub or f"{name}:" in stub, name


def test_stubs_are_those_the_built_module_generates():
    # The stubs are generated (scripts/generate_stubs.py); a binding changed without running the
    # script shows here as a diff.
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "generate_stubs.py"), "--check"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_notebook_code_passes_strict_type_checking(tmp_path):
    # What an analyst copies from a notebook should type-check as strictly as we can ask: each
    # notebook's code cells, in order, as one module, with `mypy --strict`.
    import nbformat

    notebooks = sorted((ROOT / "examples" / "notebooks").glob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        cells = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        module = "\n".join(f"# {path.name}, cell {c.get('id', i)}\n{c.source}\n"
                           for i, c in enumerate(cells))
        (tmp_path / f"{path.stem}.py").write_text(module, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--ignore-missing-imports",
                          "--cache-dir", str(tmp_path / ".cache"),
                          *sorted(p.name for p in tmp_path.glob("*.py"))],
                         cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
