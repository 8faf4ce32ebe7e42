/// One sentence of CoNLL BIO data.
public struct TaggedSentence: Sendable {
    public var words: [String]
    public var tags: [String]
}

/// Reading CoNLL files and scoring entity-level precision/recall/F1 (exact span and type).
public enum CoNLL {
    public static func sentences(_ text: String) -> [TaggedSentence] {
        var sentences: [TaggedSentence] = []
        var current = TaggedSentence(words: [], tags: [])
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            let fields = trimmed.split(separator: "\t")
            if fields.count >= 2 {
                current.words.append(String(fields[0]))
                current.tags.append(String(fields[fields.count - 1]))
            } else if !current.words.isEmpty {
                sentences.append(current)
                current = TaggedSentence(words: [], tags: [])
            }
        }
        if !current.words.isEmpty { sentences.append(current) }
        return sentences
    }

    /// (precision, recall, F1) over entity spans.
    public static func score(gold: [[String]], predicted: [[String]]) -> (Double, Double, Double) {
        var tp = 0.0
        var goldCount = 0.0
        var predictedCount = 0.0
        for (g, p) in zip(gold, predicted) {
            let goldSpans = EntityTagger.spans(g).map { "\($0.type)\($0.range)" }
            let predictedSpans = EntityTagger.spans(p).map { "\($0.type)\($0.range)" }
            goldCount += Double(goldSpans.count)
            predictedCount += Double(predictedSpans.count)
            tp += Double(Set(goldSpans).intersection(predictedSpans).count)
        }
        let precision = predictedCount > 0 ? tp / predictedCount : 0
        let recall = goldCount > 0 ? tp / goldCount : 0
        return (precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0)
    }
}

/// Trains an `EntityTagger` with the structured averaged perceptron (Collins 2002): each sentence
/// is decoded with Viterbi as at tagging time, and a wrong sequence moves the weights of the
/// features of its wrong tokens and transitions. Deterministic: sentence order per epoch comes from
/// a seeded generator, so the same data and settings give the same model bytes.
public struct TaggerTrainer {
    public var epochs: Int
    public var seed: UInt64
    /// Weights smaller than this are dropped from the saved model (size, not accuracy).
    public var pruneBelow: Float
    /// Template groups and decoding constraint (`TaggerFeatures` mask bits).
    public var featureMask: UInt64
    /// Added to the O score of every token of the finished model (negative: more names found).
    public var outsideBias: Float

    /// The settings `signals-tool tagger-train` selected on a held-out part of train (models/README.md).
    public static let defaultMask =
        TaggerFeatures.affixes | TaggerFeatures.wideShape | TaggerFeatures.wordBigrams
        | TaggerFeatures.neighbourSuffixes | TaggerFeatures.bioConstraint

    public init(
        epochs: Int = 10, seed: UInt64 = 17, pruneBelow: Float = 0.001,
        featureMask: UInt64 = TaggerTrainer.defaultMask, outsideBias: Float = 0
    ) {
        self.epochs = epochs
        self.seed = seed
        self.pruneBelow = pruneBelow
        self.featureMask = featureMask
        self.outsideBias = outsideBias
    }

    /// Words as tagger tokens: the training text has no tokenizer offsets, so lowercase stands in
    /// for case folding, and URLs/numbers get the tokenizer's placeholders.
    static func tokens(_ words: [String]) -> [TaggerToken] {
        words.map { TaggerToken(original: $0.utf8, lower: placeholder($0) ?? $0.lowercased()) }
    }

    static func placeholder(_ word: String) -> String? {
        let lower = word.lowercased()
        if lower.hasPrefix("http") || lower.hasPrefix("www.") { return "<url>" }
        if !word.isEmpty, word.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || $0 == "." || $0 == "," }),
            word.unicodeScalars.contains(where: { ("0"..."9").contains($0) })
        {
            return "<num>"
        }
        return nil
    }

    /// `progress` gets each epoch's averaged model (without `outsideBias`); the result has it.
    public func train(_ sentences: [TaggedSentence], progress: (Int, EntityTagger) -> Void = { _, _ in })
        -> EntityTagger
    {
        var labelSet = Set(sentences.flatMap(\.tags))
        labelSet.remove("O")
        let labels = ["O"] + labelSet.sorted()
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let L = labels.count
        let labelHashes = labels.map { TaggerFeatures.hash($0.utf8) }
        let mask = featureMask
        // Per sentence: gold label indices and each token's emission feature keys (fixed, so computed once).
        let prepared: [(gold: [Int], features: [[UInt64]])] = sentences.map { sentence in
            let tokens = Self.tokens(sentence.words)
            let features = tokens.withUnsafeBufferPointer { t in
                t.indices.map { i in
                    var keys: [UInt64] = []
                    TaggerFeatures.visit(t, i, mask: mask) { keys.append($0) }
                    return keys
                }
            }
            return (sentence.tags.map { labelIndex[$0] ?? 0 }, features)
        }
        var rows: [UInt64: Int32] = [:]
        var weights: [Float] = []
        var totals: [Double] = []
        var stamps: [Int] = []
        var step = 0
        func row(_ key: UInt64) -> Int {
            if let existing = rows[key] { return Int(existing) }
            rows[key] = Int32(rows.count)
            weights.append(contentsOf: repeatElement(0, count: L))
            totals.append(contentsOf: repeatElement(0, count: L))
            stamps.append(contentsOf: repeatElement(step, count: L))
            return rows.count - 1
        }
        func update(_ row: Int, _ label: Int, _ delta: Float) {
            let k = row * L + label
            totals[k] += Double(step - stamps[k]) * Double(weights[k])
            stamps[k] = step
            weights[k] += delta
        }
        // Transition rows first: index L is the sentence start.
        let transitionRows = (labelHashes + [TaggerFeatures.start]).map { row(TaggerFeatures.transition($0)) }
        _ = row(TaggerFeatures.key(0))
        func averaged() -> EntityTagger {
            var average = [Float](repeating: 0, count: weights.count)
            for k in weights.indices {
                let total = totals[k] + Double(step - stamps[k]) * Double(weights[k])
                average[k] = Float(total / Double(max(1, step)))
            }
            return EntityTagger(labels: labels, rows: rows, weights: average, featureMask: mask)
        }
        var order = Array(prepared.indices)
        var state = seed
        var emission: [Float] = []
        for epoch in 1...max(1, epochs) {
            for i in stride(from: order.count - 1, to: 0, by: -1) {  // Fisher-Yates with an LCG
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
            }
            for index in order {
                let (gold, features) = prepared[index]
                step += 1
                let n = gold.count
                emission = [Float](repeating: 0, count: n * L)
                for i in 0..<n {
                    for feature in features[i] {
                        guard let r = rows[feature] else { continue }
                        for k in 0..<L { emission[i * L + k] += weights[Int(r) * L + k] }
                    }
                }
                let decoding = EntityTagger.decoding(labels: labels, labelHashes: labelHashes, mask: mask) { key, k in
                    rows[key].map { weights[Int($0) * L + k] } ?? 0
                }
                let predicted = emission.withUnsafeBufferPointer { decoding.decode($0, count: n, stride: L) }
                guard predicted != gold else { continue }
                for i in 0..<n {
                    if predicted[i] != gold[i] {
                        for feature in features[i] {
                            let r = row(feature)
                            update(r, gold[i], 1)
                            update(r, predicted[i], -1)
                        }
                    }
                    let goldBefore = i > 0 ? gold[i - 1] : L
                    let predictedBefore = i > 0 ? predicted[i - 1] : L
                    if goldBefore != predictedBefore || gold[i] != predicted[i] {
                        update(transitionRows[goldBefore], gold[i], 1)
                        update(transitionRows[predictedBefore], predicted[i], -1)
                    }
                }
            }
            progress(epoch, averaged())
        }
        return averaged().shiftingOutside(by: outsideBias)
    }

    /// The model file text, rows in hash order, near-zero weights dropped.
    public func serialise(_ tagger: EntityTagger, header: [String]) -> String {
        var lines = header.map { "# " + $0 }
        lines.append((["labels"] + tagger.labels).joined(separator: "\t"))
        lines.append("features\t" + String(tagger.featureMask, radix: 16))
        let L = tagger.labels.count
        for (key, row) in tagger.rows.sorted(by: { $0.key < $1.key }) {
            var pairs: [String] = []
            for k in 0..<L {
                let w = tagger.weights[Int(row) * L + k]
                if abs(w) >= pruneBelow { pairs.append("\(k):\((w * 1000).rounded() / 1000)") }
            }
            if !pairs.isEmpty { lines.append(String(key, radix: 16) + "\t" + pairs.joined(separator: " ")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Tags every sentence and scores against its gold tags.
    public static func evaluate(_ tagger: EntityTagger, _ sentences: [TaggedSentence]) -> (Double, Double, Double) {
        CoNLL.score(gold: sentences.map(\.tags), predicted: predict(tagger, sentences))
    }

    /// The tagger's BIO labels for every sentence (for scoring, and for dumps compared across speed changes).
    public static func predict(_ tagger: EntityTagger, _ sentences: [TaggedSentence]) -> [[String]] {
        sentences.map { tagger.tag(tokens($0.words)) }
    }
}
