/// The deterministic, stratified train/dev split used by training, evaluation scripts and the
/// benchmark: for each label (in ascending byte order of the label), the examples' positions in
/// input order are shuffled by Fisher-Yates driven by SplitMix64 seeded with `seed`, and the
/// first `round(count × devFraction)` of them go to dev (at least one when a label has two or
/// more examples and devFraction > 0). Both parts keep input order.
public struct DatasetSplit: Sendable, Hashable {
    public var train: [Int]
    public var dev: [Int]

    public init(labels: [String], devFraction: Double, seed: UInt64) {
        var byLabel: [String: [Int]] = [:]
        for (i, label) in labels.enumerated() { byLabel[label, default: []].append(i) }
        var rng = SplitMix64(seed: seed)
        var isDev = [Bool](repeating: false, count: labels.count)
        for label in byLabel.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }) {
            var positions = byLabel[label] ?? []
            rng.shuffle(&positions)
            var take = Int((Double(positions.count) * devFraction).rounded())
            if devFraction > 0, positions.count >= 2 { take = max(take, 1) }
            take = min(take, positions.count - (positions.count >= 2 ? 1 : 0))
            for p in positions.prefix(max(0, take)) { isDev[p] = true }
        }
        train = (0..<labels.count).filter { !isDev[$0] }
        dev = (0..<labels.count).filter { isDev[$0] }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, well-defined generator, so a seed means the same
/// sequence in Swift, in the Python benchmark and on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Fisher-Yates from the end, j = next() % (i + 1) (the modulo bias is irrelevant here and
    /// keeps the Python side a one-liner).
    mutating func shuffle(_ items: inout [Int]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            items.swapAt(i, j)
        }
    }
}
