#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Greedy left-to-right averaged-perceptron tagger for names (person, location, corporation,
/// product, creative work, group), trained on W-NUT 2017 by `signals-tool tagger-train`.
///
/// Model file (`models/entity-tagger.tsv`): `#` comments; `labels<TAB>O<TAB>B-person...`; then one
/// line per feature: `<hash hex><TAB><label index>:<weight>[ <label index>:<weight>...]`.
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
    /// The same mapping for tagging: feature key -> row..<row+1.
    let table: NGramTable
    let labelHashes: [UInt64]

    init(labels: [String], rows: [UInt64: Int32], weights: [Float]) {
        self.labels = labels
        self.rows = rows
        self.weights = weights
        table = NGramTable(rows.map { ($0.key, $0.value..<($0.value + 1)) })
        labelHashes = labels.map { TaggerFeatures.hash($0.utf8) }
    }

    public init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try self.init(text: String(decoding: data, as: UTF8.self))
    }

    public init(text: String) throws {
        var labels: [String] = []
        var rows: [UInt64: Int32] = [:]
        var weights: [Float] = []
        for (number, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            if fields.first == "labels" {
                labels = fields.dropFirst().map(String.init)
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
        self.init(labels: labels, rows: rows, weights: weights)
    }

    /// BIO labels for a sentence of tokens.
    func tag(_ tokens: [TaggerToken]) -> [String] {
        var tags: [Int] = []
        tags.reserveCapacity(tokens.count)
        let L = labels.count
        var scores = [Float](repeating: 0, count: L)
        var features: [UInt64] = []
        features.reserveCapacity(32)
        for i in tokens.indices {
            let previous = i > 0 ? labelHashes[tags[i - 1]] : TaggerFeatures.start
            let previous2 = i > 1 ? labelHashes[tags[i - 2]] : TaggerFeatures.start
            for k in 0..<L { scores[k] = 0 }
            TaggerFeatures.features(tokens, i, previous: previous, previous2: previous2, into: &features)
            weights.withUnsafeBufferPointer { w in
                for feature in features {
                    guard let row = table.range(feature)?.lowerBound else { continue }
                    let base = row * L
                    for k in 0..<L { scores[k] += w[base + k] }
                }
            }
            var best = 0
            for k in 0..<L where scores[k] > scores[best] { best = k }
            tags.append(best)
        }
        return tags.map { labels[$0] }
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
