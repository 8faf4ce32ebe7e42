#!/usr/bin/env python3
"""VADER's own implementation (vaderSentiment from PyPI) on the rated sentences, scored exactly as
`signals-tool sentiment-eval` scores ours: gold = mean rating / 4 cut at +-0.05, predicted = the
compound score cut at +-0.05 (VADER's README convention). Puts the published 3-class F1 (0.96
tweets, 0.61 movies; Hutto & Gilbert 2014, Table 4) next to what the released code scores under
the same protocol as ours.

Usage: bench/sentiment_vader.py SHARED_DIR   (needs `vaderSentiment` importable; bench/signals.sh
installs vaderSentiment==3.3.2 into var/vader-venv)
"""
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

LABELS = ("negative", "neutral", "positive")


def gold(rating):
    value = rating / 4
    return "positive" if value > 0.05 else "negative" if value < -0.05 else "neutral"


def predicted(compound):
    return "positive" if compound >= 0.05 else "negative" if compound <= -0.05 else "neutral"


def metrics(pairs):
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    f1s, weighted = [], 0.0
    for label in LABELS:
        tp = sum(g == label and p == label for g, p in pairs)
        fp = sum(g != label and p == label for g, p in pairs)
        fn = sum(g == label and p != label for g, p in pairs)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        f1s.append(f1)
        weighted += f1 * (tp + fn)
    return accuracy, sum(f1s) / len(f1s), weighted / len(pairs)


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
    analyzer = SentimentIntensityAnalyzer()
    print("| set | sentences | accuracy | macro-F1 | weighted F1 | published VADER 3-class F1 |")
    print("|---|---|---|---|---|---|")
    for name, file, published in (
        ("VADER tweets, vaderSentiment 3.3.2", "tweets_GroundTruth.txt", "0.96"),
        ("VADER movie reviews, vaderSentiment 3.3.2", "movieReviewSnippets_GroundTruth.txt", "0.61"),
    ):
        pairs = []
        with open(f"{shared}/data/sentiment/vader-en/{file}", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                fields = line.rstrip("\n").split("\t", 2)
                try:
                    rating = float(fields[1])
                except (IndexError, ValueError):
                    continue
                if len(fields) == 3:
                    pairs.append((gold(rating), predicted(analyzer.polarity_scores(fields[2])["compound"])))
        accuracy, macro, weighted = metrics(pairs)
        print(f"| {name} | {len(pairs)} | {accuracy:.3f} | {macro:.3f} | {weighted:.3f} | {published} |")


if __name__ == "__main__":
    main()
