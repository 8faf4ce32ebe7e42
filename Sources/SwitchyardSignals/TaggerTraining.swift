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

/// Trains an `EntityTagger` with the averaged perceptron (Collins 2002; greedy decoding with
/// predicted history, as at tagging time). Deterministic: sentence order per epoch comes from a
/// seeded generator, so the same data and settings give the same model bytes.
public struct TaggerTrainer {
    public var epochs: Int
    public var seed: UInt64
    /// Weights smaller than this are dropped from the saved model (size, not accuracy).
    public var pruneBelow: Float

    public init(epochs: Int = 10, seed: UInt64 = 17, pruneBelow: Float = 0.001) {
        self.epochs = epochs
        self.seed = seed
        self.pruneBelow = pruneBelow
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

    public func train(_ sentences: [TaggedSentence], progress: (Int, EntityTagger) -> Void = { _, _ in })
        -> EntityTagger
    {
        var labelSet = Set(sentences.flatMap(\.tags))
        labelSet.remove("O")
        let labels = ["O"] + labelSet.sorted()
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let L = labels.count
        var rows: [UInt64: Int32] = [:]
        var weights: [Float] = []
        var totals: [Double] = []
        var stamps: [Int] = []
        var step = 0
        let prepared = sentences.map { (Self.tokens($0.words), $0.tags) }
        let labelHashes = labels.map { TaggerFeatures.hash($0.utf8) }
        var features: [UInt64] = []
        var order = Array(prepared.indices)
        var state = seed
        func update(_ row: Int, _ label: Int, _ delta: Float) {
            let k = row * L + label
            totals[k] += Double(step - stamps[k]) * Double(weights[k])
            stamps[k] = step
            weights[k] += delta
        }
        func averaged() -> EntityTagger {
            var average = [Float](repeating: 0, count: weights.count)
            for k in weights.indices {
                let total = totals[k] + Double(step - stamps[k]) * Double(weights[k])
                average[k] = Float(total / Double(max(1, step)))
            }
            return EntityTagger(labels: labels, rows: rows, weights: average)
        }
        for epoch in 1...max(1, epochs) {
            for i in stride(from: order.count - 1, to: 0, by: -1) {  // Fisher-Yates with an LCG
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                order.swapAt(i, Int((state >> 33) % UInt64(i + 1)))
            }
            for index in order {
                let (tokens, gold) = prepared[index]
                var predicted: [Int] = []
                for i in tokens.indices {
                    step += 1
                    let previous = i > 0 ? labelHashes[predicted[i - 1]] : TaggerFeatures.start
                    let previous2 = i > 1 ? labelHashes[predicted[i - 2]] : TaggerFeatures.start
                    features.removeAll(keepingCapacity: true)
                    tokens.withUnsafeBufferPointer { t in
                        TaggerFeatures.visit(t, i, previous: previous, previous2: previous2) { features.append($0) }
                    }
                    var scores = [Float](repeating: 0, count: L)
                    for feature in features {
                        guard let row = rows[feature] else { continue }
                        for k in 0..<L { scores[k] += weights[Int(row) * L + k] }
                    }
                    var best = 0
                    for k in 0..<L where scores[k] > scores[best] { best = k }
                    let truth = labelIndex[gold[i]] ?? 0
                    if best != truth {
                        for feature in features {
                            let row: Int
                            if let existing = rows[feature] {
                                row = Int(existing)
                            } else {
                                row = rows.count
                                rows[feature] = Int32(row)
                                weights.append(contentsOf: repeatElement(0, count: L))
                                totals.append(contentsOf: repeatElement(0, count: L))
                                stamps.append(contentsOf: repeatElement(step, count: L))
                            }
                            update(row, truth, 1)
                            update(row, best, -1)
                        }
                    }
                    predicted.append(best)
                }
            }
            progress(epoch, averaged())
        }
        return averaged()
    }

    /// The model file text, rows in hash order, near-zero weights dropped.
    public func serialise(_ tagger: EntityTagger, header: [String]) -> String {
        var lines = header.map { "# " + $0 }
        lines.append((["labels"] + tagger.labels).joined(separator: "\t"))
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
