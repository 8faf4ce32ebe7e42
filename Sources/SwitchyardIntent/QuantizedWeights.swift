/// The weight matrix as stored: for each feature row, the labels with a non-zero weight and their
/// weights as 16-bit integers scaled by a per-row factor (weight = q × scale[row]). Scoring uses
/// the dequantised Float values, so the file and the scores agree exactly. In memory the matrix
/// is dense (features × labels, zeros where pruned): one document touches a few thousand rows,
/// and contiguous rows add up with SIMD far faster than scattered sparse entries.
struct QuantizedWeights: Sendable, Hashable {
    /// Row r's entries are rowStart[r]..<rowStart[r + 1].
    let rowStart: [UInt32]
    let label: [UInt16]
    let quantized: [Int16]
    let scale: [Float]
    let labelCount: Int
    /// Dequantised weights, row-major rows × labelCount.
    let dense: [Float]

    var rowCount: Int { rowStart.count - 1 }
    var entryCount: Int { label.count }
    var maxLabel: Int { Int(label.max() ?? 0) }

    init(rowStart: [UInt32], label: [UInt16], quantized: [Int16], scale: [Float], labelCount: Int)
        throws(IntentModelError)
    {
        guard let last = rowStart.last, rowStart.first == 0, Int(last) == label.count, label.count == quantized.count,
            scale.count == rowStart.count - 1
        else { throw IntentModelError("weight table sizes disagree") }
        for r in 0..<(rowStart.count - 1) where rowStart[r] > rowStart[r + 1] {
            throw IntentModelError("weight row \(r) ends before it starts")
        }
        guard labelCount > 0, label.allSatisfy({ Int($0) < labelCount }) else {
            throw IntentModelError("a weight refers to a label beyond the \(labelCount) labels")
        }
        self.rowStart = rowStart
        self.label = label
        self.quantized = quantized
        self.scale = scale
        self.labelCount = labelCount
        let rows = rowStart.count - 1
        var dense = [Float](repeating: 0, count: rows * labelCount)
        for r in 0..<rows {
            for e in Int(rowStart[r])..<Int(rowStart[r + 1]) {
                dense[r * labelCount + Int(label[e])] = Float(quantized[e]) * scale[r]
            }
        }
        self.dense = dense
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
        try self.init(rowStart: rowStart, label: label, quantized: quantized, scale: scale, labelCount: labels)
    }

    /// z += x × row.
    @inline(__always)
    func accumulate(row: Int, scale x: Float, into z: UnsafeMutableBufferPointer<Float>) {
        let k = labelCount
        dense.withUnsafeBufferPointer { w in
            guard let base = w.baseAddress, let out = z.baseAddress, z.count >= k else { return }
            let row = base + row * k
            var j = 0
            let vx = SIMD8<Float>(repeating: x)
            while j + 8 <= k {
                let acc = UnsafeRawPointer(out + j).loadUnaligned(as: SIMD8<Float>.self)
                let wv = UnsafeRawPointer(row + j).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(out + j).storeBytes(of: acc + vx * wv, as: SIMD8<Float>.self)
                j += 8
            }
            while j < k {
                out[j] += x * row[j]
                j += 1
            }
        }
    }

    /// The weight of (row, label), 0 when pruned.
    func weight(row: Int, label: Int) -> Float {
        dense[row * labelCount + label]
    }
}
