#!/usr/bin/env bash
# MIME parse throughput: SwitchyardMIME (release build) vs Python's email package on the
# SpamAssassin slice, same files, same run. Writes the "## MIME parsing" section of
# bench/RESULTS.md (other sections are left as they are).
# Usage: bench/mime_parse.sh [ROUNDS]   (run from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
corpus=../shared/corpora/spamassassin
mapfile -t files < <(find "$corpus" -type f | sort)
(cd bench/mime && swift build -c release >/dev/null)
swift_json=$(bench/mime/.build/release/MIMEBench "$rounds" "${files[@]}")
python_json=$(python3 bench/mime_parse_python.py "$rounds" "${files[@]}")
echo "$swift_json"
echo "$python_json"
python3 - "$swift_json" "$python_json" "$rounds" <<'PY'
import json, os, platform, re, subprocess, sys, datetime
ours, theirs, rounds = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
section = f"""## MIME parsing

`bench/mime_parse.sh {rounds}` on {datetime.date.today()} ({cpu}, shared 2-core machine; {swift};
Python {platform.python_version()}). Corpus: ../shared/corpora/spamassassin, {ours['messages']} messages,
{ours['bytes'] / 1048576:.1f} MB, read into memory first. Per message both sides parse, decode Subject
and From, extract the text body and hash attachments; Swift also splits quotes/signature and
converts HTML. Both: best of {rounds} rounds in the same run (Swift release build). Load average at
the end of the run: {os.getloadavg()[0]:.2f} (other jobs share the machine; a loaded run shows a lower ratio).

| parser | messages/s | MB/s | seconds |
|---|---:|---:|---:|
| SwitchyardMIME | {ours['messages_per_second']:,.0f} | {ours['mb_per_second']:.1f} | {ours['seconds']:.2f} |
| Python email (policy=default) | {theirs['messages_per_second']:,.0f} | {theirs['mb_per_second']:.1f} | {theirs['seconds']:.2f} |

Speed-up: {ours['messages_per_second'] / theirs['messages_per_second']:.1f}× Python's messages/s (target ≥ 10×).
"""
path = "bench/RESULTS.md"
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Benchmark results\n"
pattern = re.compile(r"^## MIME parsing\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
open(path, "w").write(text)
PY
