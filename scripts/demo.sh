#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh), then prints the main report on the built-in corpus:
# the gaps of the Cambodia -> Thailand corridor against Cambodia's minimum standards for MOUs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/dutymap gaps KHM THA --profile khm-lmp-2014-mou-minimum
