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

/// Every output field of the sentiment stage (and of the whole signal stage for whole files) for
/// a set of inputs, one line each: diffing two dumps shows whether a change kept the output.
///
/// Inputs: `*GroundTruth.txt` (VADER: the text field of each line, English), `*.tsv` (German
/// fixture: the sentence of each line, German), a directory (each file's text, sorted by name),
/// or any other file (its text). Whole texts are analysed as English and as German, then by
/// `SignalAnalyzer` with and without the name tagger.
enum SentimentDump {
    static func run(_ paths: [String]) throws {
        let models = try SignalModels.load(directory: "models")
        let sentiment = SentimentAnalyzer(
            english: models.englishLexicon, german: models.germanLexicon, maximumEvidence: .max)
        var configuration = SignalConfiguration()
        configuration.references = ["order": #"ORD-\d{6}"#]
        let tagged = try SignalAnalyzer(models: models, configuration: configuration)
        configuration.taggerEnabled = false
        let structured = try SignalAnalyzer(models: models, configuration: configuration)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let reference = Date(timeIntervalSince1970: 1_772_323_200)
        func line(_ source: String, _ language: String, _ result: Sentiment) {
            let evidence = result.evidence.map { "\($0.text) \($0.contribution) \($0.rules.joined(separator: ","))" }
            print("\(source) \(language) \(result.score) \(result.label) \(result.anger) | "
                + evidence.joined(separator: " ; "))
        }
        func whole(_ source: String, _ text: String) throws {
            for language in ["en", "de"] { line(source, language, sentiment.analyze(text, language: language)) }
            for (name, analyzer) in [("signals", structured), ("signals+tagger", tagged)] {
                let signals = analyzer.analyze(text: text, referenceDate: reference)
                print("\(source) \(name) " + String(decoding: try encoder.encode(signals), as: UTF8.self))
            }
        }
        for path in paths {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
                for name in names.sorted() {
                    try whole(path + "/" + name, try SentimentEvaluation.read(path + "/" + name))
                }
            } else if path.hasSuffix("GroundTruth.txt") || path.hasSuffix(".tsv") {
                let german = path.hasSuffix(".tsv")
                for (number, row) in try SentimentEvaluation.read(path).split(whereSeparator: \.isNewline).enumerated() {
                    let fields = row.split(separator: "\t", maxSplits: german ? 1 : 2)
                    guard let text = fields.last, fields.count == (german ? 2 : 3) else { continue }
                    let language = german ? "de" : "en"
                    line("\(path):\(number + 1)", language, sentiment.analyze(String(text), language: language))
                }
            } else {
                try whole(path, try SentimentEvaluation.read(path))
            }
        }
    }
}
