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
    /// The same mapping for tagging, as an open-addressing table.
    let table: TaggerTable
    let labelHashes: [UInt64]
    /// Per label: its entity type's index in `types` (-1 for O) and whether it is an I- label.
    let labelTypes: [Int]
    let labelInside: [Bool]
    /// Entity type names ("person", ...), in label order of first appearance.
    let types: [String]

    init(labels: [String], rows: [UInt64: Int32], weights: [Float]) {
        self.labels = labels
        self.rows = rows
        self.weights = weights
        table = TaggerTable(rows)
        labelHashes = labels.map { TaggerFeatures.hash($0.utf8) }
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
        tagIndices(tokens).map { labels[$0] }
    }

    /// Label indices for a sentence of tokens, greedily left to right.
    func tagIndices(_ tokens: [TaggerToken]) -> [Int] {
        var tags = [Int](repeating: 0, count: tokens.count)
        let L = labels.count
        var scores = [Float](repeating: 0, count: L)
        tokens.withUnsafeBufferPointer { t in
            weights.withUnsafeBufferPointer { w in
                scores.withUnsafeMutableBufferPointer { s in
                    for i in t.indices {
                        let previous = i > 0 ? labelHashes[tags[i - 1]] : TaggerFeatures.start
                        let previous2 = i > 1 ? labelHashes[tags[i - 2]] : TaggerFeatures.start
                        for k in 0..<L { s[k] = 0 }
                        TaggerFeatures.visit(t, i, previous: previous, previous2: previous2) { feature in
                            let row = table.row(feature)
                            guard row >= 0 else { return }
                            let base = row * L
                            for k in 0..<L { s[k] += w[base + k] }
                        }
                        var best = 0
                        for k in 0..<L where s[k] > s[best] { best = k }
                        tags[i] = best
                    }
                }
            }
        }
        return tags
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
