#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), then prints the main report on the built-in corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/dutymap summary
