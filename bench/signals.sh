#!/bin/sh
# Signal-stage benchmark and evaluations; run from the package root with ../shared beside it.
# Usage: bench/signals.sh [iterations]   (default 2000 per stage)
# Prints the tables that bench/RESULTS.md "## Signals" records: per-message latency (language,
# sentiment, structured entities, all together, name tagger, redactor) on two 4 KB support mails
# (bench/signals/message-{en,de}.txt), then language-id, sentiment and tagger accuracy.
set -eu
swift build -c release --product signals-tool
TOOL=.build/release/signals-tool
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
"$TOOL" bench "${1:-2000}"
"$TOOL" langid-eval
"$TOOL" sentiment-eval ../shared
"$TOOL" tagger-train ../shared 10 | tail -1
git diff --quiet models/entity-tagger.tsv && echo "tagger model rebuilt byte-identical"
