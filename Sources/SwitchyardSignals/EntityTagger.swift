#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Averaged-perceptron sequence tagger (first-order Viterbi) for names (person, location,
/// corporation, product, creative work, group), trained on W-NUT 2017 by `signals-tool tagger-train`.
///
/// Model file (`models/entity-tagger.tsv`): `#` comments; `labels<TAB>O<TAB>B-person...`;
/// `features<TAB><mask hex>` (the template groups of `TaggerFeatures`); then one line per feature:
/// `<hash hex><TAB><label index>:<weight>[ <label index>:<weight>...]`.
public struct EntityTagger: Sendable {
    /// A malformed model line.
    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "tagger model line \(line): \(reason)" }
    }

    public let labels: [String]
    /// Feature key -> its row; kept for saving (training) and to build `table`.
    let rows: [UInt64: Int32]
    let weights: [Float]
    /// The same mapping for tagging, as an open-addressing table.
    let table: TaggerTable
    let labelHashes: [UInt64]
    /// Per label: its entity type's index in `types` (-1 for O) and whether it is an I- label.
    let labelTypes: [Int]
    let labelInside: [Bool]
    /// Entity type names ("person", ...), in label order of first appearance.
    let types: [String]

    /// Template groups and decoding constraint (`TaggerFeatures` mask bits).
    let featureMask: UInt64
    let decoding: TaggerDecoding
    /// `weights` with rows padded to 16 labels, so that a feature's row is added in one vector step.
    let paddedWeights: [SIMD16<Float>]
    /// Most labels a model may have (the width of `paddedWeights` rows).
    static let maximumLabels = 16

    init(labels: [String], rows: [UInt64: Int32], weights: [Float], featureMask: UInt64) {
        self.labels = labels
        self.rows = rows
        self.weights = weights
        self.featureMask = featureMask
        table = TaggerTable(rows)
        let L = labels.count
        paddedWeights = (0..<(weights.count / max(1, L))).map { row in
            var padded = SIMD16<Float>(repeating: 0)
            for k in 0..<min(L, Self.maximumLabels) { padded[k] = weights[row * L + k] }
            return padded
        }
        let labelHashes = labels.map { TaggerFeatures.hash($0.utf8) }
        self.labelHashes = labelHashes
        decoding = Self.decoding(labels: labels, labelHashes: labelHashes, mask: featureMask) { key, k in
            rows[key].map { weights[Int($0) * labels.count + k] } ?? 0
        }
        var types: [String] = []
        var labelTypes: [Int] = []
        for label in labels {
            guard label.hasPrefix("B-") || label.hasPrefix("I-") else {
                labelTypes.append(-1)
                continue
            }
            let type = String(label.dropFirst(2))
            if let index = types.firstIndex(of: type) {
                labelTypes.append(index)
            } else {
                labelTypes.append(types.count)
                types.append(type)
            }
        }
        self.types = types
        self.labelTypes = labelTypes
        labelInside = labels.map { $0.hasPrefix("I-") }
    }

    public init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(text: String(decoding: data, as: UTF8.self))
    }

    public init(text: String) throws {
        var labels: [String] = []
        var rows: [UInt64: Int32] = [:]
        var weights: [Float] = []
        var mask: UInt64 = 0
        for (number, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            if fields.first == "labels" {
                labels = fields.dropFirst().map(String.init)
                continue
            }
            if fields.first == "features" {
                guard fields.count == 2, let value = UInt64(fields[1], radix: 16) else {
                    throw FormatError(line: number + 1, reason: "expected features<TAB>mask")
                }
                mask = value
                continue
            }
            guard fields.count == 2, !labels.isEmpty, let key = UInt64(fields[0], radix: 16) else {
                throw FormatError(line: number + 1, reason: "expected hash<TAB>weights after the labels line")
            }
            let row = Int32(rows.count)
            rows[key] = row
            weights.append(contentsOf: repeatElement(0, count: labels.count))
            for pair in fields[1].split(separator: " ") {
                let parts = pair.split(separator: ":")
                guard parts.count == 2, let label = Int(parts[0]), label < labels.count, let weight = Float(parts[1])
                else {
                    throw FormatError(line: number + 1, reason: "bad weight '\(pair)'")
                }
                weights[Int(row) * labels.count + label] = weight
            }
        }
        guard labels.first == "O" else { throw FormatError(line: 1, reason: "missing labels line starting with O") }
        guard labels.count <= Self.maximumLabels else {
            throw FormatError(line: 1, reason: "more than \(Self.maximumLabels) labels")
        }
        self.init(labels: labels, rows: rows, weights: weights, featureMask: mask)
    }

    /// Transition and start scores from the transition features' weights (`weight(key, label)`).
    static func decoding(
        labels: [String], labelHashes: [UInt64], mask: UInt64, weight: (UInt64, Int) -> Float
    ) -> TaggerDecoding {
        let L = labels.count
        var decoding = TaggerDecoding(
            labelCount: L, transitions: [Float](repeating: 0, count: L * L), starts: [Float](repeating: 0, count: L))
        for k in 0..<L {
            decoding.starts[k] = weight(TaggerFeatures.transition(TaggerFeatures.start), k)
            for p in 0..<L { decoding.transitions[p * L + k] = weight(TaggerFeatures.transition(labelHashes[p]), k) }
        }
        if mask & TaggerFeatures.bioConstraint != 0 { decoding.constrain(labels: labels) }
        return decoding
    }

    /// Emission scores of a sentence, one 16-wide row per token (features that do not depend on labels).
    func emissions(_ tokens: [TaggerToken]) -> [SIMD16<Float>] {
        var scores = [SIMD16<Float>](repeating: SIMD16(repeating: 0), count: tokens.count)
        let mask = featureMask
        table.withLookup { lookup in
            tokens.withUnsafeBufferPointer { t in
                paddedWeights.withUnsafeBufferPointer { w in
                    scores.withUnsafeMutableBufferPointer { s in
                        for i in t.indices {
                            var sum = SIMD16<Float>(repeating: 0)
                            TaggerFeatures.visit(t, i, mask: mask) { feature in
                                let row = lookup.row(feature)
                                if row >= 0 { sum += w[row] }
                            }
                            s[i] = sum
                        }
                    }
                }
            }
        }
        return scores
    }

    /// The same model with `delta` added to the always-on feature's weight for O: a negative
    /// delta trades precision for recall.
    func shiftingOutside(by delta: Float) -> EntityTagger {
        guard let row = rows[TaggerFeatures.key(0)] else { return self }
        var weights = weights
        weights[Int(row) * labels.count] += delta
        return EntityTagger(labels: labels, rows: rows, weights: weights, featureMask: featureMask)
    }

    /// BIO labels for a sentence of tokens.
    func tag(_ tokens: [TaggerToken]) -> [String] {
        tagIndices(tokens).map { labels[$0] }
    }

    /// Label indices for a sentence of tokens (Viterbi).
    func tagIndices(_ tokens: [TaggerToken]) -> [Int] {
        emissions(tokens).withUnsafeBufferPointer { rows in
            rows.withMemoryRebound(to: Float.self) { decoding.decode($0, count: tokens.count, stride: 16) }
        }
    }

    /// Entity spans (type index into `types`) from label indices, with the rules of `spans(_:)`.
    func spans(indices tags: [Int]) -> [(type: Int, range: Range<Int>)] {
        var spans: [(type: Int, range: Range<Int>)] = []
        var open: (type: Int, start: Int)?
        for (i, tag) in tags.enumerated() {
            let type = labelTypes[tag]
            if labelInside[tag], let current = open, current.type == type { continue }
            if let current = open { spans.append((current.type, current.start..<i)) }
            open = type >= 0 ? (type, i) : nil
        }
        if let current = open { spans.append((current.type, current.start..<tags.count)) }
        return spans
    }

    /// Entity spans from BIO tags; an I- without its B- opens a new entity (lenient, as conlleval).
    static func spans(_ tags: [String]) -> [(type: String, range: Range<Int>)] {
        var spans: [(type: String, range: Range<Int>)] = []
        var open: (type: String, start: Int)?
        for (i, tag) in tags.enumerated() {
            let prefix = tag.prefix(2)
            let type = String(tag.dropFirst(2))
            if prefix == "I-", let current = open, current.type == type { continue }
            if let current = open { spans.append((current.type, current.start..<i)) }
            open = prefix == "B-" || prefix == "I-" ? (type, i) : nil
        }
        if let current = open { spans.append((current.type, current.start..<tags.count)) }
        return spans
    }

    static func entityType(_ label: String) -> EntityType? {
        switch label {
        case "person": return .person
        case "location": return .location
        case "corporation": return .organization
        case "product": return .product
        case "creative-work": return .creativeWork
        case "group": return .group
        default: return nil
        }
    }
}
