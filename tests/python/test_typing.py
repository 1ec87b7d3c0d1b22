"""The package's type stubs and annotations hold together (mypy over python/dutymap)."""

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
