#!/bin/sh
# Every output field of sentiment (and of the whole signal stage for whole texts) over the VADER
# sets, the German fixture, the bench messages and the text bodies of the SpamAssassin corpus, one
# line per input: run before and after a change to the text or sentiment code and diff the two.
# Usage (from the package root, ../shared beside it): bench/sentiment-dump.sh [signals-tool] > dump.txt
set -eu
TOOL=${1:-.build/release/signals-tool}
BODIES=$(mktemp -d)
trap 'rm -rf "$BODIES"' EXIT
python3 bench/signals/mail_bodies.py ../shared/corpora/spamassassin "$BODIES"
"$TOOL" sentiment-dump ../shared/data/sentiment/vader-en/*GroundTruth.txt \
    Tests/SwitchyardSignalsTests/Fixtures/sentiment-de.tsv bench/signals/message-en.txt \
    bench/signals/message-de.txt "$BODIES" | sed "s|^$BODIES/|spamassassin/|"
