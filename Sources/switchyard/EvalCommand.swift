import ArgumentParser
import SwitchyardIntent

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `switchyard eval`: Evaluate an intent model.
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate an intent model.",
        discussion: """
            Classifies every example one at a time and prints accuracy, macro-F1, per-label \
            precision/recall/F1, the top confusions, the abstention rate and docs/s (--json: a \
            stable document with at least accuracy, macro_f1, per_label, confusion, abstained, \
            docs_per_second).
            """)

    @Option(name: .long, help: "Corpus directory: one sub-folder per label with .eml files or a Maildir.")
    var corpus: String?

    @Option(name: .long, help: "CSV file: header row, then text in the first column and label in the second.")
    var csv: String?

    @Option(name: .long, help: "Model file.")
    var model: String

    @Flag(name: .long, help: "Print a JSON document instead of text.")
    var json = false

    @Option(name: .customLong("top-confusions"), help: "How many confusions to list.")
    var topConfusions: Int = 20

    func validate() throws {
        guard (corpus == nil) != (csv == nil) else {
            throw ValidationError("give exactly one of --csv FILE and --corpus DIR")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let residentBefore = Self.residentBytes()
        let loadStart = clock.now
        let model = try IntentModel(contentsOfFile: self.model)
        let loadSeconds = Format.seconds(clock.now - loadStart)
        let residentAfter = Self.residentBytes()
        let examples = try LabeledCorpus.load(csv: csv, corpus: corpus)
        var predictions: [IntentPrediction] = []
        predictions.reserveCapacity(examples.count)
        var latencies: [Double] = []
        latencies.reserveCapacity(examples.count)
        let start = clock.now
        let cpuStart = Self.threadCPUSeconds()
        for example in examples {
            let t0 = clock.now
            predictions.append(model.classify(subject: example.subject, body: example.body))
            latencies.append(Format.seconds(clock.now - t0))
        }
        let total = Format.seconds(clock.now - start)
        let cpu = Self.threadCPUSeconds().flatMap { end in cpuStart.map { end - $0 } }
        var evaluation = IntentEvaluation(
            gold: examples.map(\.label), predictions: predictions,
            outOfScopeLabel: model.metadata.outOfScopeLabel, topConfusions: topConfusions)
        evaluation.docsPerSecond = total > 0 ? Double(examples.count) / total : nil
        latencies.sort()
        let report = EvalReport(
            evaluation: evaluation, model: model.metadata.name, modelLoadMilliseconds: loadSeconds * 1000,
            modelResidentBytes: residentAfter.flatMap { after in residentBefore.map { after - $0 } },
            latencyP50Milliseconds: Self.percentile(latencies, 0.50) * 1000,
            latencyP99Milliseconds: Self.percentile(latencies, 0.99) * 1000,
            cpuMillisecondsPerDocument: cpu.map { $0 * 1000 / Double(max(1, examples.count)) })
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            printText(report)
        }
    }

    /// Resident set size from /proc (Linux); nil elsewhere. Used to report the loaded model's memory.
    static func residentBytes() -> Int? {
        guard let data = FileManager.default.contents(atPath: "/proc/self/statm") else { return nil }
        let fields = String(decoding: data, as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        #if canImport(Glibc)
            return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
            return pages * 4096
        #endif
    }

    /// CPU time of the calling thread: on a busy machine it measures our work, not the wait.
    static func threadCPUSeconds() -> Double? {
        #if canImport(Glibc)
            var ts = timespec()
            guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0 else { return nil }
            return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        #else
            return nil
        #endif
    }

    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let index = min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[index]
    }

    private func printText(_ report: EvalReport) {
        let e = report.evaluation
        print("model \(report.model): \(e.documents) documents")
        print("accuracy   \(Format.percent(e.accuracy))")
        print("macro-F1   \(Format.percent(e.macroF1))")
        let withAbstentions = Format.percent(e.accuracyWithAbstention)
        print("abstained  \(Format.percent(e.abstained)) (accuracy counting abstentions: \(withAbstentions))")
        if let inScope = e.inScopeAccuracy, let oos = e.outOfScopeRecall {
            print(
                "in-scope accuracy \(Format.percent(inScope)) without threshold, "
                    + "\(Format.percent(e.inScopeAccuracyWithThreshold ?? 0)) with")
            print(
                "out-of-scope recall \(Format.percent(oos)) without threshold, "
                    + "\(Format.percent(e.outOfScopeRecallWithThreshold ?? 0)) with")
        }
        let p50 = Format.fixed(report.latencyP50Milliseconds, 3)
        let p99 = Format.fixed(report.latencyP99Milliseconds, 3)
        let load = Format.fixed(report.modelLoadMilliseconds, 1)
        let resident = report.modelResidentBytes.map { ", \($0 / 1024) KiB resident" } ?? ""
        print(
            "speed      \(Format.fixed(e.docsPerSecond ?? 0, 0)) docs/s, latency p50 \(p50) ms, p99 \(p99) ms;"
                + " model loaded in \(load) ms\(resident)")
        print("\nlabel                                              precision  recall     f1  support")
        for (label, m) in e.perLabel.sorted(by: { $0.key < $1.key }) {
            let name = label.count > 48 ? String(label.prefix(47)) + "…" : label
            print(
                name.padding(48) + "  " + Format.percent(m.precision).leftPadding(9) + " "
                    + Format.percent(m.recall).leftPadding(7) + " " + Format.percent(m.f1).leftPadding(7) + " "
                    + String(m.support).leftPadding(7))
        }
        if !e.confusion.isEmpty {
            print("\ntop confusions (gold -> predicted: count)")
            for c in e.confusion { print("  \(c.gold) -> \(c.predicted): \(c.count)") }
        }
    }
}

/// `eval --json`: the evaluation's keys at the top level, plus the model and timing figures.
struct EvalReport: Encodable {
    var evaluation: IntentEvaluation
    var model: String
    var modelLoadMilliseconds: Double
    var modelResidentBytes: Int?
    var latencyP50Milliseconds: Double
    var latencyP99Milliseconds: Double
    var cpuMillisecondsPerDocument: Double?

    enum CodingKeys: String, CodingKey {
        case model
        case modelLoadMilliseconds = "model_load_ms"
        case modelResidentBytes = "model_resident_bytes"
        case latencyP50Milliseconds = "latency_p50_ms"
        case latencyP99Milliseconds = "latency_p99_ms"
        case cpuMillisecondsPerDocument = "cpu_ms_per_doc"
    }

    func encode(to encoder: any Encoder) throws {
        try evaluation.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(modelLoadMilliseconds, forKey: .modelLoadMilliseconds)
        try container.encodeIfPresent(modelResidentBytes, forKey: .modelResidentBytes)
        try container.encode(latencyP50Milliseconds, forKey: .latencyP50Milliseconds)
        try container.encode(latencyP99Milliseconds, forKey: .latencyP99Milliseconds)
        try container.encodeIfPresent(cpuMillisecondsPerDocument, forKey: .cpuMillisecondsPerDocument)
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    fileprivate func leftPadding(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
