#!/usr/bin/env bash
# Runs the whole test suite: the C++ tests through ctest (Catch2, the installed CMake package and
# its consumer projects), then pytest against the installed Python package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Test-only tools from Debian: clang-format for the style check, Chromium for the browser check
# of the HTML report (that check is skipped, and says why, where Chromium cannot be had), clang
# and libFuzzer for the fuzzing run.
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
updated=""
for tool in clang-format chromium clang++-14; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "[test] installing $tool" >&2
    [ -n "$updated" ] || { $sudo apt-get update -qq && updated=1; }
    pkgs=$tool
    [ "$tool" = clang++-14 ] && pkgs="clang-14 libfuzzer-14-dev libclang-rt-14-dev"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $pkgs >/dev/null ||
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

# The C++ tests again under AddressSanitizer and UBSan, and the concurrency tests under
# ThreadSanitizer.
cmake --preset asan-ubsan >/dev/null
cmake --build --preset asan-ubsan -j "$jobs"
ctest --preset asan-ubsan -j "$jobs"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs"
ctest --preset tsan -R "concurrent|contention" -j "$jobs"

# A short fuzzing run of each loading entry point (longer runs: docs/robustness.md).
if command -v clang++-14 >/dev/null 2>&1; then
  cmake --preset fuzz >/dev/null
  cmake --build --preset fuzz -j "$jobs"
  for harness in fuzz_load_file fuzz_load_layers; do
    work=$(mktemp -d)
    mkdir -p "$work/units"
    if ! build/fuzz/fuzz/$harness -max_total_time="${DUTYMAP_FUZZ_SECONDS:-30}" -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$work/" "$work/units" corpus tests/data >"$work/log" 2>&1; then
      tail -n 60 "$work/log"
      echo "[test] $harness found a problem; the input that caused it is in $work" >&2
      exit 1
    fi
    echo "[test] $harness: $(grep -c . "$work/log" >/dev/null; tail -n 1 "$work/log")"
    rm -rf "$work"
  done
fi

DUTYMAP_INSTALL_PREFIX="$PWD/$build/_install" python -m pytest tests/python -q
