import SwitchyardSignals

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// 3-class accuracy and macro-F1 of the sentiment analyzer on VADER's rated sentences and on the
/// labelled German fixture. Gold ratings (-4...+4) are divided by 4 and cut at +-0.05, the same
/// convention as the predicted score (VADER paper; ../shared/data/README.md).
enum SentimentEvaluation {
    static func analyzer() throws -> SentimentAnalyzer {
        SentimentAnalyzer(
            english: try SentimentLexicon(contentsOf: "models/sentiment-en.tsv"),
            german: try SentimentLexicon(contentsOf: "models/sentiment-de.tsv"))
    }

    static func run(shared: String, germanFixture: String) throws {
        let analyzer = try analyzer()
        print("| set | sentences | accuracy | macro-F1 | weighted F1 | published VADER 3-class F1 |")
        print("|---|---|---|---|---|---|")
        for (name, file, published) in [
            ("VADER tweets", "tweets_GroundTruth.txt", "0.96"),
            ("VADER movie reviews", "movieReviewSnippets_GroundTruth.txt", "0.61"),
        ] {
            let text = try read(shared + "/data/sentiment/vader-en/" + file)
            var pairs: [(SentimentLabel, SentimentLabel)] = []
            for line in text.split(whereSeparator: \.isNewline) {
                let fields = line.split(separator: "\t", maxSplits: 2)
                guard fields.count == 3, let rating = Double(fields[1]) else { continue }
                let predicted = analyzer.analyze(String(fields[2]), language: "en").label
                pairs.append((label(rating / 4), predicted))
            }
            let (accuracy, f1) = metrics(pairs)
            if CommandLine.arguments.contains("--errors") { print(confusion(pairs)) }
            let weightedF1 = metrics(pairs, weighted: true).1
            print("| \(name) | \(pairs.count) | \(fmt(accuracy)) | \(fmt(f1)) | \(fmt(weightedF1)) | \(published) |")
        }
        let german = try germanPairs(analyzer, germanFixture)
        let germanLabels = german.map { ($0.gold, $0.predicted) }
        let (accuracy, f1) = metrics(germanLabels)
        let weightedF1 = metrics(germanLabels, weighted: true).1
        print(
            "| German support mail (fixture) | \(german.count) | \(fmt(accuracy)) | \(fmt(f1)) | \(fmt(weightedF1)) | - |"
        )
        if CommandLine.arguments.contains("--errors") {
            for row in german where row.gold != row.predicted {
                print("  \(row.gold) -> \(row.predicted): \(row.text)")
            }
        }
    }

    /// Fixture lines: `positive|neutral|negative<TAB>sentence`.
    static func germanPairs(_ analyzer: SentimentAnalyzer, _ path: String) throws
        -> [(gold: SentimentLabel, predicted: SentimentLabel, text: String)]
    {
        try read(path).split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, let gold = SentimentLabel(rawValue: String(fields[0])) else { return nil }
            return (gold, analyzer.analyze(String(fields[1]), language: "de").label, String(fields[1]))
        }
    }

    static func confusion(_ pairs: [(SentimentLabel, SentimentLabel)]) -> String {
        let labels: [SentimentLabel] = [.negative, .neutral, .positive]
        return labels.map { gold in
            "gold \(gold): "
                + labels.map { p in "\(p) \(pairs.filter { $0.0 == gold && $0.1 == p }.count)" }.joined(separator: ", ")
        }.joined(separator: "\n")
    }

    static func label(_ normalised: Double) -> SentimentLabel {
        normalised > 0.05 ? .positive : normalised < -0.05 ? .negative : .neutral
    }

    /// Accuracy and macro-F1; `weighted` gives the support-weighted F1 instead of the macro mean.
    static func metrics(_ pairs: [(SentimentLabel, SentimentLabel)], weighted: Bool = false) -> (Double, Double) {
        let labels: [SentimentLabel] = [.negative, .neutral, .positive]
        let correct = pairs.filter { $0.0 == $0.1 }.count
        var f1s: [Double] = []
        var supports: [Double] = []
        for label in labels {
            let tp = Double(pairs.filter { $0.0 == label && $0.1 == label }.count)
            let fp = Double(pairs.filter { $0.0 != label && $0.1 == label }.count)
            let fn = Double(pairs.filter { $0.0 == label && $0.1 != label }.count)
            let precision = tp + fp > 0 ? tp / (tp + fp) : 0
            let recall = tp + fn > 0 ? tp / (tp + fn) : 0
            supports.append(tp + fn)
            f1s.append(precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0)
        }
        let accuracy = Double(correct) / Double(max(1, pairs.count))
        if weighted {
            return (accuracy, zip(f1s, supports).reduce(0) { $0 + $1.0 * $1.1 } / max(1, supports.reduce(0, +)))
        }
        return (accuracy, f1s.reduce(0, +) / Double(labels.count))
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    static func fmt(_ value: Double) -> String { String(Double(Int((value * 1000).rounded())) / 1000) }
}
