#!/usr/bin/env bash
# Runs the whole test suite: the C++ tests through ctest (Catch2, the installed CMake package and
# its consumer projects), then pytest against the installed Python package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"  # cmake, ctest, ninja and python from .venv
build=build/tests
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDUTYMAP_BUILD_TESTS=ON \
  -DDUTYMAP_WERROR=ON >/dev/null
cmake --build "$build" -j "$jobs"
(cd "$build" && ctest --output-on-failure -j "$jobs")

DUTYMAP_INSTALL_PREFIX="$PWD/$build/_install" python -m pytest tests/python -q
