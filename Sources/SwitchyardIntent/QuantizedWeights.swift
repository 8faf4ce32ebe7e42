/// The weight matrix as stored: for each feature row, the labels with a non-zero weight and their
/// weights as 16-bit integers scaled by a per-row factor (weight = q × scale[row]). Scoring uses
/// the dequantised Float values, so the file and the scores agree exactly.
struct QuantizedWeights: Sendable, Hashable {
    /// Row r's entries are rowStart[r]..<rowStart[r + 1].
    let rowStart: [UInt32]
    let label: [UInt16]
    let quantized: [Int16]
    let scale: [Float]
    /// Dequantised weights, parallel to `label`.
    let weight: [Float]

    var rowCount: Int { rowStart.count - 1 }
    var entryCount: Int { label.count }
    var maxLabel: Int { Int(label.max() ?? 0) }

    init(rowStart: [UInt32], label: [UInt16], quantized: [Int16], scale: [Float]) throws(IntentModelError) {
        guard let last = rowStart.last, rowStart.first == 0, Int(last) == label.count, label.count == quantized.count,
            scale.count == rowStart.count - 1
        else { throw IntentModelError("weight table sizes disagree") }
        for r in 0..<(rowStart.count - 1) where rowStart[r] > rowStart[r + 1] {
            throw IntentModelError("weight row \(r) ends before it starts")
        }
        self.rowStart = rowStart
        self.label = label
        self.quantized = quantized
        self.scale = scale
        var weight = [Float](repeating: 0, count: quantized.count)
        for r in 0..<(rowStart.count - 1) {
            for e in Int(rowStart[r])..<Int(rowStart[r + 1]) { weight[e] = Float(quantized[e]) * scale[r] }
        }
        self.weight = weight
    }

    /// Quantises a dense row-major matrix (rows × labels), dropping weights whose magnitude is
    /// below `threshold` (and those that round to zero).
    init(dense: [Float], rows: Int, labels: Int, threshold: Float) throws(IntentModelError) {
        var rowStart: [UInt32] = [0]
        var label: [UInt16] = []
        var quantized: [Int16] = []
        var scale: [Float] = []
        for r in 0..<rows {
            var maxAbs: Float = 0
            for j in 0..<labels { maxAbs = max(maxAbs, abs(dense[r * labels + j])) }
            let s = maxAbs > 0 ? maxAbs / 32767 : 0
            scale.append(s)
            if s > 0 {
                for j in 0..<labels {
                    let w = dense[r * labels + j]
                    guard abs(w) >= threshold else { continue }
                    let q = Int16(clamping: Int((w / s).rounded()))
                    if q != 0 {
                        label.append(UInt16(j))
                        quantized.append(q)
                    }
                }
            }
            rowStart.append(UInt32(label.count))
        }
        try self.init(rowStart: rowStart, label: label, quantized: quantized, scale: scale)
    }

    @inline(__always)
    func accumulate(row: Int, scale x: Float, into z: UnsafeMutableBufferPointer<Float>) {
        let start = Int(rowStart[row])
        let end = Int(rowStart[row + 1])
        label.withUnsafeBufferPointer { label in
            weight.withUnsafeBufferPointer { weight in
                for e in start..<end { z[Int(label[e])] += x * weight[e] }
            }
        }
    }

    /// The weight of (row, label), 0 when pruned.
    func weight(row: Int, label wanted: Int) -> Float {
        for e in Int(rowStart[row])..<Int(rowStart[row + 1]) where Int(label[e]) == wanted { return weight[e] }
        return 0
    }
}
