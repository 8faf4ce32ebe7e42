#!/bin/sh
# Instructions per call of each signal stage, counted by callgrind: the figure to compare before and
# after a speed change on a shared machine, where wall-clock times swing by 2x (bench/RESULTS.md).
# Usage: bench/signals-instructions.sh [STAGE LANGUAGE]
#   no arguments: every stage on bench/signals/message-{en,de}.txt
#   STAGE LANGUAGE: that stage only, then its most expensive functions (exclusive cost per call)
# Each count is (run with 110 calls - run with 10 calls) / 100, so model loading cancels out.
# Needs valgrind (apt-get install -y valgrind). Run from the package root with ../shared beside it.
set -eu
command -v valgrind >/dev/null || apt-get install -y valgrind || { apt-get update && apt-get install -y valgrind; }
swift build -c release --product signals-tool >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 of a Swift 6 release build; the symbol table suffices.
cp .build/release/signals-tool "$work/tool"
strip --strip-debug "$work/tool"
run() { # stage language calls -> total instructions; leaves $work/out.<calls>
    valgrind --tool=callgrind --callgrind-out-file="$work/out.$3" "$work/tool" profile "$1" \
        "bench/signals/message-$2.txt" "$3" "$2" 2>&1 >/dev/null | sed -n 's/.*refs: *//p' | tr -d ,
}
per_call() { echo $(( ($(run "$1" "$2" 110) - $(run "$1" "$2" 10)) / 100 )); }
echo "valgrind $(valgrind --version | sed 's/valgrind-//'), $(uname -m), commit $(git rev-parse --short HEAD)"
if [ $# -ge 2 ]; then
    echo "$1 $2: $(per_call "$1" "$2") instructions per call"
    for n in 10 110; do
        callgrind_annotate --threshold=100 "$work/out.$n" 2>/dev/null > "$work/annotate.$n"
    done
    python3 - "$work/annotate.10" "$work/annotate.110" <<'PY'
import re, sys
def parse(path):
    costs = {}
    for line in open(path):
        m = re.match(r'\s*([\d,]+) \([^)]*\)\s+(.*)', line)
        if m:
            costs[re.sub(r'\s*\[.*\]$', '', m.group(2)).replace('???:', '')] = int(m.group(1).replace(',', ''))
    return costs
a, b = parse(sys.argv[1]), parse(sys.argv[2])
total = (b.pop('PROGRAM TOTALS') - a.pop('PROGRAM TOTALS')) / 100
rows = sorted(((b[k] - a.get(k, 0)) / 100, k) for k in b)
for cost, name in reversed(rows[-30:]):
    if cost >= total * 0.005:
        print(f'{int(cost):9d} {100 * cost / total:5.1f}%  {name[:150]}')
PY
    exit 0
fi
echo "| message | stage | instructions per call |"
echo "|---|---|---|"
for language in en de; do
    for stage in language sentiment entities structured all; do
        echo "| $language | $stage | $(per_call "$stage" "$language") |"
    done
done
