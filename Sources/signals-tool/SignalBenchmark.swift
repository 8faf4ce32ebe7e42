import SwitchyardSignals

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        print("| message | stage | wall p50 µs | wall p99 µs | thread-CPU p50 µs | thread-CPU p99 µs |")
        print("|---|---|---|---|---|---|")
        for language in ["en", "de"] {
            let path = "bench/signals/message-\(language).txt"
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            let label = "\(language), \(text.utf8.count) B"
            let stages: [(String, () -> Int)] = [
                ("language", { identifier.identify(text).code.count }),
                ("sentiment", { sentiment.analyze(text, language: language).evidence.count }),
                ("structured entities", { extractor.extract(from: text, language: language).count }),
                (
                    "language + sentiment + structured entities",
                    { structured.analyze(text: text, referenceDate: reference).entities.count }
                ),
                (
                    "all signals incl. name tagger",
                    { full.analyze(text: text, referenceDate: reference).entities.count }
                ),
                ("redactor (extract + mask)", { redactor.redact(text).utf8.count }),
            ]
            for (name, body) in stages {
                let (p50, p99, cpu50, cpu99) = measure(iterations: iterations, body)
                print("| \(label) | \(name) | \(p50) | \(p99) | \(cpu50) | \(cpu99) |")
            }
        }
    }

    /// Wall-clock and thread-CPU percentiles: on a shared machine the CPU time shows the cost of the
    /// work itself, the wall time what a caller waits including preemption.
    static func measure(iterations: Int, _ body: () -> Int) -> (Int, Int, Int, Int) {
        var sink = 0
        for _ in 0..<max(10, iterations / 10) { sink &+= body() }  // warm-up
        let clock = ContinuousClock()
        var wall: [Double] = []
        var cpu: [Double] = []
        wall.reserveCapacity(iterations)
        cpu.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let cpuStart = threadCPUMicroseconds()
            let elapsed = clock.measure { sink &+= body() }
            cpu.append(threadCPUMicroseconds() - cpuStart)
            wall.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
        }
        if sink == Int.min { print("") }  // keeps the work observable
        func percentile(_ samples: [Double], _ p: Int) -> Int {
            let sorted = samples.sorted()
            return Int(sorted[min(sorted.count - 1, sorted.count * p / 100)].rounded())
        }
        return (percentile(wall, 50), percentile(wall, 99), percentile(cpu, 50), percentile(cpu, 99))
    }

    static func threadCPUMicroseconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1e6 + Double(spec.tv_nsec) / 1e3
    }
}
