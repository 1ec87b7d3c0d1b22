"""A separate C++ project finds the installed dutymap with find_package, links it and runs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import dutymap as dm

ROOT = Path(__file__).resolve().parents[2]


def _run(*cmd: str, cwd: Path | None = None) -> str:
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    assert out.returncode == 0, f"{' '.join(cmd)} failed:\n{out.stdout}\n{out.stderr}"
    return out.stdout


def _installed_prefix(tmp_path: Path) -> Path:
    # The test script installs the C++ package once for ctest; reuse it, or install one here.
    prefix = os.environ.get("DUTYMAP_INSTALL_PREFIX")
    if prefix and any((Path(prefix) / lib / "cmake" / "dutymap").is_dir() for lib in ("lib", "lib64")):
        return Path(prefix)
    build = tmp_path / "build"
    _run("cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release", "-DDUTYMAP_BUILD_TESTS=OFF",
         "-DDUTYMAP_INSTALL=ON")
    _run("cmake", "--build", str(build), "-j", "2")
    _run("cmake", "--install", str(build), "--prefix", str(tmp_path / "prefix"))
    return tmp_path / "prefix"


def test_find_package_consumer_builds_runs_and_agrees_with_python(tmp_path):
    assert shutil.which("cmake"), "cmake is installed by scripts/setup.sh"
    prefix = _installed_prefix(tmp_path)
    build = tmp_path / "consumer"
    _run("cmake", "-S", str(ROOT / "examples" / "cpp"), "-B", str(build), f"-DCMAKE_PREFIX_PATH={prefix}",
         "-DCMAKE_BUILD_TYPE=Release")
    _run("cmake", "--build", str(build))
    out = _run(str(build / "corpus_summary"))
    summary = dm.load().summary()
    assert out.startswith(f"dutymap {dm.__version__}: {summary['instruments']} instruments, "
                          f"{summary['provisions']} provisions")
    assert "mou-khm-mys-2015-dw-contract restricts the worker in 2 clauses" in out
