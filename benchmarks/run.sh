#!/usr/bin/env bash
# The benchmarks, in one command: the C++ kernels (Google Benchmark) and dutymap against the
# plain-Python reference (benchmarks/run.py), on the built-in corpus (S) and synthetic corpora of
# 1,000 (M), 10,000 (L) and 50,000 (XL) instruments. Not part of the test suite.
#
#   bash benchmarks/run.sh                      # everything
#   bash benchmarks/run.sh --sizes S,M          # arguments go to benchmarks/run.py
#
# Results go to benchmarks/results/ (cpp.txt, yaml.md and python.md).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }

bash scripts/setup.sh
# Google Benchmark for the kernels.
missing=""
for pkg in libbenchmark-dev; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  say "installing$missing"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
py=.venv/bin/python
export PATH="$PWD/.venv/bin:$PATH"  # cmake and ninja from the venv
if ! $py -m pip show pyyaml dask distributed rapidyaml >/dev/null 2>&1; then
  say "installing the reference's, the sweep's and the parser comparison's dependencies (PyYAML, Dask, rapidyaml) into .venv"
  $py -m pip install -q --disable-pip-version-check pyyaml dask distributed rapidyaml
fi

mkdir -p benchmarks/results
say "building the C++ benchmarks"
cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DDUTYMAP_BUILD_BENCHMARKS=ON \
  -DDUTYMAP_BUILD_TESTS=OFF -DDUTYMAP_INSTALL=OFF >/dev/null
cmake --build build/bench --target bench_core yaml_parsers
say "C++ kernels"
build/bench/benchmarks/bench_core --benchmark_format=console | tee benchmarks/results/cpp.txt
say "YAML parsers on the M corpus's files"
$py benchmarks/yaml_parsers.py --size M --parsers-binary build/bench/benchmarks/yaml_parsers |
  tee benchmarks/results/yaml.md
say "dutymap against the reference"
$py benchmarks/run.py --output benchmarks/results/python.md "$@"
