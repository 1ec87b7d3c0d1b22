#!/usr/bin/env bash
# Runs the whole test suite: the C++ tests through ctest (Catch2, the installed CMake package and
# its consumer projects), then pytest against the installed Python package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Test-only tools from Debian: clang-format for the style check, Chromium for the browser check
# of the HTML report (that check is skipped, and says why, where Chromium cannot be had).
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
updated=""
for tool in clang-format chromium; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "[test] installing $tool" >&2
    [ -n "$updated" ] || { $sudo apt-get update -qq && updated=1; }
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$tool" >/dev/null ||
      echo "[test] $tool could not be installed" >&2
  fi
done
export PATH="$PWD/.venv/bin:$PATH"  # cmake, ctest, ninja and python from .venv
# C++ style: every source formatted as .clang-format says.
git ls-files '*.hpp' '*.cpp' | xargs clang-format --dry-run -Werror

build=build/tests
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDUTYMAP_BUILD_TESTS=ON \
  -DDUTYMAP_WERROR=ON >/dev/null
cmake --build "$build" -j "$jobs"
(cd "$build" && ctest --output-on-failure -j "$jobs")

DUTYMAP_INSTALL_PREFIX="$PWD/$build/_install" python -m pytest tests/python -q
