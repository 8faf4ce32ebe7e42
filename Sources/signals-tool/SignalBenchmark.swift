#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SwitchyardSignals

/// Per-message latency of the signal stage, one message at a time, p50/p99 over many runs.
enum SignalBenchmark {
    static func run(iterations: Int) throws {
        let models = try SignalModels.load(directory: "models")
        var configuration = SignalConfiguration()
        configuration.references = ["order": #"ORD-\d{6}"#]
        let full = try SignalAnalyzer(models: models, configuration: configuration)
        configuration.taggerEnabled = false
        let structured = try SignalAnalyzer(models: models, configuration: configuration)
        let identifier = LanguageIdentifier(profiles: models.languageProfiles)
        let sentiment = SentimentAnalyzer(english: models.englishLexicon, german: models.germanLexicon)
        let extractor = EntityExtractor(references: try ReferencePatterns(configuration.references))
        let redactor = Redactor()
        let reference = Date(timeIntervalSince1970: 1_772_323_200)
        print("| message | stage | p50 µs | p99 µs |")
        print("|---|---|---|---|")
        for language in ["en", "de"] {
            let path = "bench/signals/message-\(language).txt"
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            let label = "\(language), \(text.utf8.count) B"
            let stages: [(String, () -> Int)] = [
                ("language", { identifier.identify(text).code.count }),
                ("sentiment", { sentiment.analyze(text, language: language).evidence.count }),
                ("structured entities", { extractor.extract(from: text, language: language).count }),
                ("language + sentiment + structured entities",
                    { structured.analyze(text: text, referenceDate: reference).entities.count }),
                ("all signals incl. name tagger", { full.analyze(text: text, referenceDate: reference).entities.count }),
                ("redactor (extract + mask)", { redactor.redact(text).utf8.count }),
            ]
            for (name, body) in stages {
                let (p50, p99) = measure(iterations: iterations, body)
                print("| \(label) | \(name) | \(p50) | \(p99) |")
            }
        }
    }

    static func measure(iterations: Int, _ body: () -> Int) -> (Int, Int) {
        var sink = 0
        for _ in 0..<max(10, iterations / 10) { sink &+= body() }  // warm-up
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let elapsed = clock.measure { sink &+= body() }
            samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
        }
        samples.sort()
        if sink == Int.min { print("") }  // keeps the work observable
        let p50 = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
        return (Int(p50.rounded()), Int(p99.rounded()))
    }
}
