@testable import SwitchyardIntent

/// A small, linearly separable corpus: each label has its own vocabulary, mixed with shared
/// filler words, so a correct trainer must reach 100% on it.
enum TinyCorpus {
    static let vocabulary: [String: [String]] = [
        "card_arrival": ["card", "arrive", "delivery", "post", "waiting", "envelope"],
        "refund": ["refund", "money", "back", "return", "reimburse", "repay"],
        "login": ["password", "login", "locked", "account", "reset", "sign"],
    ]
    static let filler = ["please", "help", "my", "the", "today", "hello", "thanks", "urgent"]

    static func examples(perLabel: Int = 12) -> [LabeledExample] {
        var rng = SplitMix64(seed: 7)
        var out: [LabeledExample] = []
        for label in vocabulary.keys.sorted() {
            let words = vocabulary[label] ?? []
            for _ in 0..<perLabel {
                var text: [String] = []
                for _ in 0..<6 {
                    let pool = rng.next() % 2 == 0 ? words : filler
                    text.append(pool[Int(rng.next() % UInt64(pool.count))])
                }
                text.append(words[Int(rng.next() % UInt64(words.count))])
                out.append(LabeledExample(subject: "", body: text.joined(separator: " "), label: label))
            }
        }
        return out
    }

    static func configuration(seed: UInt64 = 1) -> IntentTrainingConfiguration {
        var config = IntentTrainingConfiguration()
        config.seed = seed
        config.devFraction = 0.25
        config.l2 = 1e-3
        config.maxIterations = 60
        config.featureSpace.minDocumentFrequency = 1
        config.createdAt = 1_700_000_000
        config.name = "tiny"
        return config
    }
}
