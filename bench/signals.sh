#!/bin/sh
# Signal-stage benchmark and evaluations; run from the package root with ../shared beside it.
# Usage: bench/signals.sh [iterations]   (default 2000 per stage)
# Prints the tables that bench/RESULTS.md "## Signals" records: per-message latency (language,
# sentiment, structured entities, all together, name tagger, redactor) on two 4 KB support mails
# (bench/signals/message-{en,de}.txt), then language-id, sentiment (ours, then VADER's own code under
# the same protocol) and tagger accuracy.
set -eu
swift build -c release --product signals-tool
TOOL=.build/release/signals-tool
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), cores: $(nproc)"
"$TOOL" bench "${1:-2000}"
"$TOOL" langid-eval
"$TOOL" sentiment-eval ../shared
# VADER's released code on the same sentences, scored the same way (PyPI, into a venv under var/).
if [ ! -x var/vader-venv/bin/python ]; then
    python3 -m venv var/vader-venv && var/vader-venv/bin/pip install -q vaderSentiment==3.3.2
fi
var/vader-venv/bin/python bench/sentiment_vader.py ../shared
"$TOOL" tagger-train ../shared 20 | tail -1
git diff --quiet models/entity-tagger.tsv && echo "tagger model rebuilt byte-identical"
