#!/usr/bin/env bash
# Correctness gate for parser optimisations: dumps every output field (MessageDocument, the MIME
# tree, body text) for every file under ../shared/corpora, one JSON line per file, to OUT.
# Dump before a change, dump after, and `diff` the two (or compare them with --compare).
# Usage: bench/mime_dump.sh OUT          (run from the repository root)
#        bench/mime_dump.sh --compare OLD NEW   (prints the files whose lines differ)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--compare" ]]; then
    python3 - "$2" "$3" <<'PY'
import json, sys
old = [json.loads(line) for line in open(sys.argv[1])]
new = [json.loads(line) for line in open(sys.argv[2])]
assert [o["file"] for o in old] == [n["file"] for n in new], "dumps cover different files"
changed = 0
for o, n in zip(old, new):
    if o == n:
        continue
    changed += 1
    fields = sorted(k for k in set(o) | set(n) if o.get(k) != n.get(k))
    if "document" in fields:
        fields.remove("document")
        fields += ["document." + k for k in sorted(o["document"]) if o["document"][k] != n["document"].get(k)]
    print(f"{o['file']}: {', '.join(fields)}")
print(f"{changed} of {len(old)} files differ")
PY
    exit 0
fi
out=${1:?usage: bench/mime_dump.sh OUT}
mapfile -t files < <(find ../shared/corpora -type f | sort)
(cd bench/mime && swift build -c release >/dev/null)
bench/mime/.build/release/MIMEBench --dump "${files[@]}" >"$out"
echo "$(wc -l <"$out") files dumped to $out"
