import ArgumentParser
import SwitchyardIntent

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `switchyard train`: Train an intent model.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an intent model.",
        discussion: """
            Reads labelled examples (--csv FILE: header row, text, label; or --corpus DIR: one \
            sub-folder per label with .eml files or a Maildir), holds out a stratified dev split, \
            trains, and writes the model file. Prints progress and the dev metrics.
            """)

    @Option(name: .long, help: "Corpus directory: one sub-folder per label with .eml files or a Maildir.")
    var corpus: String?

    @Option(name: .long, help: "CSV file: header row, then text in the first column and label in the second.")
    var csv: String?

    @Option(name: .long, help: "Model file to write.")
    var out: String

    @Option(
        name: .customLong("dev-split"),
        help: "Fraction of each label held out for dev (early stopping, calibration, metrics).")
    var devSplit: Double = 0.1

    @Option(name: .long, help: "Seed of the dev split.")
    var seed: UInt64 = 42

    @Option(name: .long, help: "L2 penalty (λ of mean loss + λ/2 |W|²).")
    var l2: Double = IntentTrainingConfiguration().l2

    @Option(name: .long, help: "Threads used for training.")
    var threads: Int = 2

    @Option(name: .customLong("weight-budget"), help: "Maximum number of stored weights (smallest pruned).")
    var weightBudget: Int = IntentTrainingConfiguration().weightBudget

    @Option(
        name: .customLong("abstention-budget"),
        help: "In-scope dev accuracy the abstention threshold may cost (0.01 = 1 point).")
    var abstentionBudget: Double = IntentTrainingConfiguration().abstentionBudget

    @Option(name: .customLong("out-of-scope-label"), help: "Label meaning 'none of these' in the data, if present.")
    var outOfScopeLabel: String = "oos"

    @Option(name: .long, help: "Model name stored in the file.")
    var name: String?

    @Option(
        name: .customLong("created-at"),
        help: "Creation time stored in the file (seconds since 1970; default SOURCE_DATE_EPOCH or now).")
    var createdAt: Int64?

    @Option(
        name: .customLong("split-out"),
        help: "Also write the split as DIR/train.csv and DIR/dev.csv (for side-by-side benchmarks).")
    var splitOut: String?

    @Flag(name: .long, help: "Print every iteration (default: every 10th).")
    var verbose = false

    func validate() throws {
        guard (corpus == nil) != (csv == nil) else {
            throw ValidationError("give exactly one of --csv FILE and --corpus DIR")
        }
        guard (0..<1).contains(devSplit) else { throw ValidationError("--dev-split must be in [0, 1)") }
        guard threads >= 1, weightBudget >= 1, l2 >= 0 else {
            throw ValidationError("--threads, --weight-budget must be positive, --l2 not negative")
        }
    }

    func run() async throws {
        let examples = try LabeledCorpus.load(csv: csv, corpus: corpus)
        print("read \(examples.count) examples, \(Set(examples.map(\.label)).count) labels")
        var config = IntentTrainingConfiguration()
        config.devFraction = devSplit
        config.seed = seed
        config.l2 = l2
        config.threads = threads
        config.weightBudget = weightBudget
        config.abstentionBudget = abstentionBudget
        config.outOfScopeLabel = outOfScopeLabel
        config.name = name ?? URL(fileURLWithPath: out).deletingPathExtension().lastPathComponent
        let environment = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap { Int64($0) }
        config.createdAt = createdAt ?? environment ?? Int64(Date().timeIntervalSince1970)
        let started = ContinuousClock.now
        let verbose = verbose
        let result = try IntentTrainer(configuration: config).train(examples) { event in
            switch event {
            case .extracted(let features, let train, let dev):
                print("features: \(features) (train \(train) examples, dev \(dev))")
            case .iteration(let n, let loss, let devAccuracy):
                if verbose || n % 10 == 0 || n == 1 {
                    let dev = devAccuracy.map { " dev accuracy \(Format.percent($0))" } ?? ""
                    print("epoch \(n): loss \(Format.fixed(loss, 5))\(dev)")
                }
            case .pruned(let stored, let threshold, _):
                print("stored weights: \(stored) (pruned below \(Format.fixed(threshold, 6)))")
            }
        }
        let seconds = Format.seconds(ContinuousClock.now - started)
        try result.model.write(toFile: out)
        if let splitOut {
            try FileManager.default.createDirectory(atPath: splitOut, withIntermediateDirectories: true)
            let train = LabeledCSV.render(result.split.train.map { examples[$0] })
            let dev = LabeledCSV.render(result.split.dev.map { examples[$0] })
            try Data(train.utf8).write(to: URL(fileURLWithPath: splitOut + "/train.csv"))
            try Data(dev.utf8).write(to: URL(fileURLWithPath: splitOut + "/dev.csv"))
        }
        let meta = result.model.metadata
        let training = meta.training
        let metrics = meta.metrics
        let calibration = meta.calibration
        let iterations = "\(training.iterations) iterations, best \(training.bestIteration)"
        print("trained in \(Format.fixed(seconds, 1)) s: \(iterations)")
        let accuracy = Format.percent(metrics.accuracy)
        let beforePruning = Format.percent(metrics.accuracyBeforePruning)
        print("dev accuracy \(accuracy), macro-F1 \(Format.percent(metrics.macroF1)) (before pruning \(beforePruning))")
        let ece = "ECE \(Format.fixed(calibration.eceBefore, 4)) -> \(Format.fixed(calibration.eceAfter, 4))"
        let threshold = Format.fixed(calibration.threshold, 4)
        print(
            "calibration: temperature \(Format.fixed(calibration.temperature, 3)), \(ece); abstention threshold"
                + " \(threshold) (abstains on \(Format.percent(metrics.abstained)) of dev)")
        if let inScope = metrics.inScopeAccuracy, let oos = metrics.outOfScopeRecall {
            let inScopeWith = Format.percent(metrics.inScopeAccuracyWithThreshold ?? 0)
            let oosWith = Format.percent(metrics.outOfScopeRecallWithThreshold ?? 0)
            print(
                "in-scope accuracy \(Format.percent(inScope)) -> \(inScopeWith) with threshold;"
                    + " out-of-scope recall \(Format.percent(oos)) -> \(oosWith)")
        }
        print("wrote \(out)")
    }
}

/// Number formatting for command output (no locale, fixed decimals).
enum Format {
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard decimals > 0 else { return "\(sign)\(whole)" }
        let digits = String(fraction)
        return "\(sign)\(whole).\(String(repeating: "0", count: max(0, decimals - digits.count)))\(digits)"
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func percent(_ value: Double) -> String {
        fixed(value * 100, 2) + "%"
    }
}
