#!/usr/bin/env bash
# bench/lmtp.sh -- run the Switchyard vs Dovecot LMTP benchmark and write bench/RESULTS.md.
# Usage: bench/lmtp.sh [options of bench/lmtp_bench.py]   (`make bench` builds the release binary
# and installs the peers first). Example quick run: bench/lmtp.sh --msgs 500 --rss-msgs 2000
set -euo pipefail
cd "$(dirname "$0")/.."
bin="$(swift build -c release --show-bin-path)/switchyard"
[ -x "$bin" ] || { echo "lmtp.sh: $bin missing; run 'make release' first" >&2; exit 2; }
exec python3 bench/lmtp_bench.py --switchyard "$bin" "$@"
