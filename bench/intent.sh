#!/usr/bin/env bash
# Intent classifier vs scikit-learn, side by side in one run (see intent_bench.py).
# Usage: bench/intent.sh            (from the package root; writes bench/RESULTS.md "## Intent classifier")
# Env:   SHARED=../shared  SWITCHYARD=.build/release/switchyard  SKIP_BUILD=1  QUICK=1 (skip CLINC150)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
SWITCHYARD=${SWITCHYARD:-.build/release/switchyard}
if [ "${SKIP_BUILD:-0}" != 1 ]; then swift build -c release --product switchyard; fi
python3 -c "import sklearn" 2>/dev/null || python3 -m pip install --quiet scikit-learn
exec python3 bench/intent_bench.py --shared "$SHARED" --switchyard "$SWITCHYARD" --results bench/RESULTS.md "$@"
