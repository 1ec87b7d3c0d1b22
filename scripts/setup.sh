#!/usr/bin/env bash
# Installs what dutymap needs on a Debian 12 machine, then builds and installs the Python package
# into .venv. Safe to run again: it installs only what is missing and rebuilds incrementally.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# System packages: compiler and the C++ libraries, from Debian.
debs=(g++ make pkg-config libboost-graph-dev libeigen3-dev catch2 libyaml-cpp-dev libfyaml-dev)
python3 -c 'import ensurepip, venv' 2>/dev/null || debs+=(python3-venv)
python3 - <<'PY' 2>/dev/null || debs+=(python3-dev)
import os, sysconfig, sys
sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")) else 1)
PY
missing=()
for d in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q "ok installed" || missing+=("$d")
done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A virtual environment of the project's own, so nothing touches the system Python.
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  python3 -m venv .venv
fi
py=.venv/bin/python
# pybind11 and the stub generator are pinned: the stubs they make (python/dutymap/_core.pyi) are
# checked in and compared with the built module by the tests.
pinned=(pybind11==3.1.0 pybind11-stubgen==3.0.0)
# dask and distributed: sweeps on a Dask cluster (Corpus.gaps_frame(..., client=...)), their tests
# and the benchmark's distributed rows. scikit-learn: the drafting assistant's text model
# (dutymap draft, dm.draft_coding).
want=(scikit-build-core cmake ninja numpy pandas matplotlib networkx pytest nbclient nbformat ipykernel
  mypy hypothesis pyyaml dask distributed scikit-learn "${pinned[@]}")
stale=""
for pin in "${pinned[@]}"; do
  $py -m pip show "${pin%%==*}" 2>/dev/null | grep -qx "Version: ${pin#*==}" || stale=1
done
if [ -n "$stale" ] || ! $py -m pip show "${want[@]%%==*}" >/dev/null 2>&1; then
  say "installing Python build and test dependencies into .venv"
  $py -m pip install -q --disable-pip-version-check "${want[@]}"
fi

say "building and installing the dutymap package into .venv"
$py -m pip install -q --disable-pip-version-check --no-build-isolation .
